/**
 * In-memory job instances, indexed by id and by item. Cheap per job: a record, no timers.
 */
import { randomUUID } from 'node:crypto';
import type { JobParameter } from '../fabric/models.js';
import { isTerminalAt, jobStateAt } from './job-state.js';
import type { JobRecord } from './job-state.js';
import type { EmulatorJob, ResolvedScenario } from './types.js';

export interface NewJob {
  workspaceId: string;
  itemId: string;
  jobType: string;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  scenario: ResolvedScenario;
}

const itemKey = (workspaceId: string, itemId: string): string => `${workspaceId.toLowerCase()}/${itemId.toLowerCase()}`;

export class JobStore {
  private readonly byIdMap = new Map<string, JobRecord>();
  private readonly byItem = new Map<string, JobRecord[]>();

  constructor(private readonly now: () => number) {}

  create(input: NewJob): JobRecord {
    const job: JobRecord = {
      id: randomUUID(),
      workspaceId: input.workspaceId.toLowerCase(),
      itemId: input.itemId.toLowerCase(),
      jobType: input.jobType,
      rootActivityId: randomUUID(),
      livyId: randomUUID(),
      ...(input.executionData !== undefined ? { executionData: input.executionData } : {}),
      ...(input.parameters !== undefined ? { parameters: input.parameters } : {}),
      createdAtMs: this.now(),
      scenario: input.scenario,
      polls: 0,
      earlyPolls: 0,
    };
    this.byIdMap.set(job.id, job);
    const key = itemKey(job.workspaceId, job.itemId);
    const list = this.byItem.get(key);
    if (list) list.push(job);
    else this.byItem.set(key, [job]);
    return job;
  }

  /** The job, if it exists under this workspace and item. */
  get(workspaceId: string, itemId: string, jobId: string): JobRecord | undefined {
    const job = this.byIdMap.get(jobId.toLowerCase());
    return job && job.workspaceId === workspaceId.toLowerCase() && job.itemId === itemId.toLowerCase() ? job : undefined;
  }

  /** The job with this id, wherever it is (long-running operations are addressed by id alone). */
  byId(jobId: string): JobRecord | undefined {
    return this.byIdMap.get(jobId.toLowerCase());
  }

  /** The job, if it exists under this workspace (whatever its item). */
  getInWorkspace(workspaceId: string, jobId: string): JobRecord | undefined {
    const job = this.byIdMap.get(jobId.toLowerCase());
    return job && job.workspaceId === workspaceId.toLowerCase() ? job : undefined;
  }

  /** The item's jobs in creation order. */
  listForItem(workspaceId: string, itemId: string): readonly JobRecord[] {
    return this.byItem.get(itemKey(workspaceId, itemId)) ?? [];
  }

  /** Every job (of one item, in any workspace, when itemId is given), in creation order. */
  all(itemId?: string): JobRecord[] {
    const jobs = [...this.byIdMap.values()];
    return itemId === undefined ? jobs : jobs.filter((j) => j.itemId === itemId.toLowerCase());
  }

  get size(): number {
    return this.byIdMap.size;
  }

  runningCount(): number {
    const now = this.now();
    let running = 0;
    for (const job of this.byIdMap.values()) if (!isTerminalAt(job, now)) running += 1;
    return running;
  }

  clear(): void {
    this.byIdMap.clear();
    this.byItem.clear();
  }

  /** The admin API's view of a job. */
  view(job: JobRecord): EmulatorJob {
    const state = jobStateAt(job, this.now());
    return {
      id: job.id,
      workspaceId: job.workspaceId,
      itemId: job.itemId,
      jobType: job.jobType,
      status: state.status,
      ...(job.executionData !== undefined ? { executionData: job.executionData } : {}),
      ...(job.parameters !== undefined ? { parameters: job.parameters } : {}),
      createdAtMs: job.createdAtMs,
      ...(state.startedAtMs !== undefined ? { startedAtMs: state.startedAtMs } : {}),
      ...(state.endedAtMs !== undefined ? { endedAtMs: state.endedAtMs } : {}),
      ...(job.cancelRequestedAtMs !== undefined ? { cancelRequestedAtMs: job.cancelRequestedAtMs } : {}),
      polls: job.polls,
      earlyPolls: job.earlyPolls,
      ...(job.identity !== undefined ? { identity: job.identity } : {}),
    };
  }
}
