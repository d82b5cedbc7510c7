/**
 * The naive baseline's worker process (bench only), configured like the real worker through
 * TEMPORAL_ADDRESS, FABRIC_API_URL, FABRIC_TOKEN, FABRIC_TASK_QUEUE, plus NAIVE_ACTIVITY_SLOTS
 * (activity slots = jobs it can hold at once; default 100, the SDK's default).
 */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { createNaiveActivities } from './activities.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`naive worker: ${name} is required`);
    process.exit(3);
  }
  return value;
}

const address = required('TEMPORAL_ADDRESS');
const taskQueue = required('FABRIC_TASK_QUEUE');
const slots = Number(process.env.NAIVE_ACTIVITY_SLOTS ?? '100');
const fabric = new FabricClient({ baseUrl: required('FABRIC_API_URL'), credential: new StaticTokenCredential(required('FABRIC_TOKEN')) });
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  taskQueue,
  workflowsPath: fileURLToPath(new URL('./workflow.ts', import.meta.url)),
  activities: createNaiveActivities(fabric),
  maxConcurrentActivityTaskExecutions: slots,
});
console.log(`naive worker ready: task queue ${taskQueue}, ${slots} activity slots`);
await worker.run();
await connection.close();
