/**
 * A worker as a child process (`src/worker.ts`, or the benchmark's naive worker), configured through
 * the environment like a deployed one, so that it can be SIGKILLed, restarted and measured.
 */
import { hostname } from 'node:os';
import { tsNode } from './child.js';
import type { Child } from './child.js';

export interface WorkerProcessOptions {
  /** The entry point (a `.js` file runs without the TypeScript loader, e.g. dist/worker.js). @default 'src/worker.ts' */
  entry?: string;
  temporalAddress: string;
  /** The emulator's `/v1` URL. */
  fabricApiUrl: string;
  fabricToken: string;
  taskQueue: string;
  /** More environment variables (FABRIC_WORKER_*, FABRIC_REQUEST_TIMEOUT_MS, ...). @default {} */
  env?: Record<string, string>;
  /** Shown in errors. @default 'worker <entry>' */
  name?: string;
  /** Extra Node.js flags (e.g. `--cpu-prof`), before the entry point. @default [] */
  nodeFlags?: string[];
  /** Append the worker's output to this file. @default none */
  logFile?: string;
  /** How long the worker may take to print its ready line (it bundles the workflows first, which takes minutes on a loaded machine). @default 600_000 */
  readyTimeoutMs?: number;
}

export class WorkerProcess {
  private child: Child | undefined;
  /** How many times the worker was started. */
  starts = 0;
  private readonly pids: number[] = [];

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
    this.child = tsNode(o.name ?? `worker ${o.entry ?? 'src/worker.ts'}`, o.entry ?? 'src/worker.ts', [], env, o.nodeFlags, o.logFile);
    this.starts += 1;
    this.pids.push(this.child.pid);
    await this.child.waitForLine(/worker ready/, o.readyTimeoutMs ?? 600_000);
  }

  /** SIGKILL: no shutdown, no flushing; whatever it held is Temporal's to recover. */
  async kill(): Promise<void> {
    await this.child?.kill();
  }

  async stop(): Promise<void> {
    await this.child?.stop(30_000);
  }

  /** The Temporal identities it had (the SDK's default, `pid@hostname`), one per start. */
  identities(): string[] {
    return this.pids.map((pid) => `${pid}@${hostname()}`);
  }

  tail(): string {
    return this.child?.tail() ?? '';
  }
}
