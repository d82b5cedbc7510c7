/**
 * The benchmark's naive baseline workflow: ONE activity that starts the Fabric job and polls it in a
 * loop with heartbeats and sleeps, holding an activity slot for the whole job. Bench only: this is
 * the design fabric-temporal's runFabricJob is measured against, not something to deploy.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { NaiveActivities, NaiveJobInput, NaiveJobResult } from './types.js';

const { runJobAndPoll } = proxyActivities<NaiveActivities>({
  startToCloseTimeout: '24 hours',
  heartbeatTimeout: '30 seconds',
});

export async function naiveFabricJob(input: NaiveJobInput): Promise<NaiveJobResult> {
  return runJobAndPoll(input);
}
