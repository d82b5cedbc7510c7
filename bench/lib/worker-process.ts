/**
 * A worker as a child process (`src/worker.ts`, or the benchmark's naive worker), configured through
 * the environment like a deployed one, so that it can be SIGKILLed, restarted and measured.
 */
import { tsNode } from './child.js';
import type { Child } from './child.js';

export interface WorkerProcessOptions {
  /** The entry point. @default 'src/worker.ts' */
  entry?: string;
  temporalAddress: string;
  /** The emulator's `/v1` URL. */
  fabricApiUrl: string;
  fabricToken: string;
  taskQueue: string;
  /** More environment variables (FABRIC_WORKER_*, FABRIC_REQUEST_TIMEOUT_MS, ...). @default {} */
  env?: Record<string, string>;
  /** How long the worker may take to print its ready line (it bundles the workflows first). @default 120_000 */
  readyTimeoutMs?: number;
}

export class WorkerProcess {
  private child: Child | undefined;
  /** How many times the worker was started. */
  starts = 0;

  constructor(private readonly options: WorkerProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.running ? this.child.pid : undefined;
  }

  get running(): boolean {
    return this.child?.running ?? false;
  }

  /** Starts the process and resolves once it reports ready (connected, polling). */
  async start(): Promise<void> {
    const o = this.options;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TEMPORAL_ADDRESS: o.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      FABRIC_API_URL: o.fabricApiUrl,
      FABRIC_AUTH: 'token',
      FABRIC_TOKEN: o.fabricToken,
      FABRIC_TASK_QUEUE: o.taskQueue,
      ...o.env,
    };
    this.child = tsNode(`worker ${o.entry ?? 'src/worker.ts'}`, o.entry ?? 'src/worker.ts', [], env);
    this.starts += 1;
    await this.child.waitForLine(/worker ready/, o.readyTimeoutMs ?? 120_000);
  }

  /** SIGKILL: no shutdown, no flushing; whatever it held is Temporal's to recover. */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  async stop(): Promise<void> {
    await this.child?.stop(30_000);
  }

  tail(): string {
    return this.child?.tail() ?? '';
  }
}
