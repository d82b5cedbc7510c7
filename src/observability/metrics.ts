/**
 * The project's own Prometheus metrics (prom-client), in a Registry of their own:
 *
 * - `fabric_requests_total{operation,status_code}`: every HTTP request the Fabric client made;
 *   `status_code` is the HTTP status, or `transport_error` when no response arrived.
 * - `fabric_request_duration_seconds{operation}`: their durations.
 * - `fabric_rate_limit_wait_seconds{operation}`: how long they waited for FABRIC_MAX_REQUESTS_PER_SECOND.
 * - `fabric_polls_total`: status polls (getJobStatus activity attempts).
 * - `fabric_jobs_total{status}`: Fabric jobs seen reaching a terminal status (Completed, Failed,
 *   Cancelled, Deduped), counted once per job instance per worker process (see docs/observability.md).
 * - `fabric_job_duration_seconds{status}`: Fabric's own run time of those jobs (endTimeUtc - startTimeUtc).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { isTerminalStatus, parseFabricTimestamp, type FabricRequestEvent, type JobInstance } from '../fabric/index.js';

export interface FabricMetricsOptions {
  /** Registry to register into. @default a new Registry */
  registry?: Registry;
  /** Also collect Node.js process metrics (`process_*`, `nodejs_*`). @default true */
  processMetrics?: boolean;
  /** How many finished job instance ids to remember, so a retried poll does not count a job twice. @default 10_000 */
  rememberJobs?: number;
}

/** What the metrics need to know about a job instance. */
export type ObservedJob = Pick<JobInstance, 'id' | 'status' | 'startTimeUtc' | 'endTimeUtc'>;

const REQUEST_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const JOB_BUCKETS = [10, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200, 14_400, 43_200, 86_400];

export class FabricMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<'operation' | 'status_code'>;
  private readonly requestDuration: Histogram<'operation'>;
  private readonly rateLimitWait: Histogram<'operation'>;
  private readonly polls: Counter;
  private readonly capacityRefusals: Counter<'operation'>;
  private readonly jobs: Counter<'status'>;
  private readonly jobDuration: Histogram<'status'>;
  private readonly finished = new Set<string>();
  private readonly rememberJobs: number;

  constructor(options: FabricMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    this.rememberJobs = options.rememberJobs ?? 10_000;
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'fabric_requests_total',
      help: 'HTTP requests to the Fabric REST API, by client operation and HTTP status (transport_error when no response arrived).',
      labelNames: ['operation', 'status_code'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'fabric_request_duration_seconds',
      help: 'Duration of HTTP requests to the Fabric REST API.',
      labelNames: ['operation'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.rateLimitWait = new Histogram({
      name: 'fabric_rate_limit_wait_seconds',
      help: 'Time Fabric requests waited for the per-process rate limit (FABRIC_MAX_REQUESTS_PER_SECOND) before they were sent.',
      labelNames: ['operation'],
      buckets: [0, ...REQUEST_BUCKETS],
      registers,
    });
    this.capacityRefusals = new Counter({
      name: 'fabric_capacity_refusals_total',
      help: 'Fabric requests refused for capacity (HTTP 430 TooManyRequestsForCapacity), by client operation; a refused run request makes its run wait for capacity.',
      labelNames: ['operation'],
      registers,
    });
    this.polls = new Counter({ name: 'fabric_polls_total', help: 'Fabric job status polls (getJobStatus activity attempts).', registers });
    this.jobs = new Counter({
      name: 'fabric_jobs_total',
      help: 'Fabric job instances seen reaching a terminal status, by status (once per instance per worker process).',
      labelNames: ['status'],
      registers,
    });
    this.jobDuration = new Histogram({
      name: 'fabric_job_duration_seconds',
      help: "Run time of finished Fabric jobs as Fabric reports it (endTimeUtc - startTimeUtc).",
      labelNames: ['status'],
      buckets: JOB_BUCKETS,
      registers,
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }

  /** Records one Fabric HTTP request (the FabricClient `onRequest` event). */
  recordRequest(event: FabricRequestEvent): void {
    const statusCode = event.statusCode === undefined ? 'transport_error' : String(event.statusCode);
    this.requests.inc({ operation: event.operation, status_code: statusCode });
    if (event.statusCode === 430) this.capacityRefusals.inc({ operation: event.operation });
    this.requestDuration.observe({ operation: event.operation }, Math.max(0, event.durationMs) / 1000);
    if (event.rateLimitWaitMs !== undefined) this.rateLimitWait.observe({ operation: event.operation }, Math.max(0, event.rateLimitWaitMs) / 1000);
  }

  /** Records one status poll. */
  recordPoll(): void {
    this.polls.inc();
  }

  /**
   * Records a job instance a poll returned. Counts it (and its duration) when its status is terminal
   * and this process has not counted that instance yet. Returns true when it was counted.
   */
  recordJob(job: ObservedJob): boolean {
    if (!isTerminalStatus(job.status) || this.finished.has(job.id)) return false;
    this.finished.add(job.id);
    if (this.finished.size > this.rememberJobs) {
      const oldest = this.finished.values().next().value;
      if (oldest !== undefined) this.finished.delete(oldest);
    }
    this.jobs.inc({ status: job.status });
    const start = parseFabricTimestamp(job.startTimeUtc);
    const end = parseFabricTimestamp(job.endTimeUtc);
    if (start && end && end.getTime() >= start.getTime()) {
      this.jobDuration.observe({ status: job.status }, (end.getTime() - start.getTime()) / 1000);
    }
    return true;
  }
}
