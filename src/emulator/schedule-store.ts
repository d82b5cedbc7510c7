/**
 * In-memory item schedules, with Fabric's limit of 20 schedules per item.
 */
import { randomUUID } from 'node:crypto';
import type { ScheduleRequest } from './schedule-validation.js';

/** Fabric's documented limit (error ScheduleExceedsLimit). */
export const MAX_SCHEDULES_PER_ITEM = 20;

export interface ScheduleRecord extends ScheduleRequest {
  id: string;
  workspaceId: string;
  itemId: string;
  jobType: string;
  createdAtMs: number;
  owner: { id: string; type: string };
}

export class ScheduleStore {
  private readonly byId = new Map<string, ScheduleRecord>();

  constructor(private readonly now: () => number) {}

  /** Schedules of one item, all job types. */
  countForItem(workspaceId: string, itemId: string): number {
    let n = 0;
    for (const s of this.byId.values()) if (s.workspaceId === workspaceId.toLowerCase() && s.itemId === itemId.toLowerCase()) n += 1;
    return n;
  }

  create(key: { workspaceId: string; itemId: string; jobType: string }, request: ScheduleRequest, owner: ScheduleRecord['owner']): ScheduleRecord {
    const record: ScheduleRecord = {
      id: randomUUID(),
      workspaceId: key.workspaceId.toLowerCase(),
      itemId: key.itemId.toLowerCase(),
      jobType: key.jobType,
      createdAtMs: this.now(),
      owner,
      ...request,
    };
    this.byId.set(record.id, record);
    return record;
  }

  get(key: { workspaceId: string; itemId: string; jobType: string }, id: string): ScheduleRecord | undefined {
    const s = this.byId.get(id.toLowerCase());
    return s && s.workspaceId === key.workspaceId.toLowerCase() && s.itemId === key.itemId.toLowerCase() && s.jobType === key.jobType ? s : undefined;
  }

  /** Schedules of one item and job type, in creation order. */
  list(key: { workspaceId: string; itemId: string; jobType: string }): ScheduleRecord[] {
    return [...this.byId.values()].filter(
      (s) => s.workspaceId === key.workspaceId.toLowerCase() && s.itemId === key.itemId.toLowerCase() && s.jobType === key.jobType,
    );
  }

  update(record: ScheduleRecord, request: ScheduleRequest): ScheduleRecord {
    record.enabled = request.enabled;
    record.configuration = request.configuration;
    if (request.executionData !== undefined) record.executionData = request.executionData;
    return record;
  }

  delete(id: string): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }
}
