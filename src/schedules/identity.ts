/**
 * Run identity for logical dates (docs/schedules.md): one workflow id per (target, logical date), so
 * that a schedule, a backfill and a manual `pipeline run --logical-date` of the same date can never
 * run at once, a completed date is not run again, and a failed date may be run again.
 *
 *   pipeline:   pipeline/<name>/<logicalDate>               (params as in the file)
 *               pipeline/<name>@<k=v,...>/<logicalDate>     (params that differ from the file's)
 *   single job: schedule/<scheduleId>/<logicalDate>
 *
 * Those ids are started with WorkflowIdReusePolicy ALLOW_DUPLICATE_FAILED_ONLY (and, for top-level
 * starts, conflict policy FAIL). Sandbox-safe: the scheduled-run workflow imports it.
 */
import type { ParamValue } from '../templates.js';

/** Reuse policy of logical-date runs: a new run only when every earlier one failed, was cancelled, terminated or timed out. */
export const LOGICAL_DATE_REUSE_POLICY = 'ALLOW_DUPLICATE_FAILED_ONLY' as const;

/** Longest params key kept readable; longer ones are replaced by a hash. */
const MAX_READABLE_PARAMS = 200;

/** Id prefix of the workflows a schedule starts (Temporal appends `-<nominal time>`). */
export function scheduledWorkflowIdPrefix(scheduleId: string): string {
  return `scheduled/${scheduleId}`;
}

/** Identity of a single-job schedule's runs. */
export function jobScheduleIdentity(scheduleId: string): string {
  return `schedule/${scheduleId}`;
}

/**
 * Identity of a pipeline's runs: its name, plus the params whose values differ from the file's
 * defaults (sorted by name), so that runs with different params are different runs.
 */
export function pipelineIdentity(name: string, params: Readonly<Record<string, ParamValue>>, defaults: Readonly<Record<string, ParamValue>>): string {
  const changed = Object.keys(params)
    .filter((key) => params[key] !== defaults[key])
    .sort()
    .map((key) => `${key}=${encodeURIComponent(String(params[key]))}`);
  if (changed.length === 0) return `pipeline/${name}`;
  const key = changed.join(',');
  return `pipeline/${name}@${key.length <= MAX_READABLE_PARAMS ? key : `#${fnv1a(key)}`}`;
}

/** The workflow id of the run of `identity` for `logicalDate`. */
export function logicalDateWorkflowId(identity: string, logicalDate: string): string {
  return `${identity}/${logicalDate}`;
}

/** 32-bit FNV-1a of the text's UTF-16 code units, as 8 hex digits (deterministic, sandbox-safe). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The message when a start of `workflowId` is refused because a run of that date is in flight or
 * already completed. `status` is the existing run's status when known (RUNNING, COMPLETED, ...).
 */
export function dateTakenMessage(workflowId: string, logicalDate: string, status?: string): string {
  const what =
    status === 'RUNNING'
      ? `is already running`
      : status === 'COMPLETED'
        ? 'already completed (a completed date is not run again)'
        : 'is already running or completed';
  return `the run for logical date ${logicalDate} (workflow ${workflowId}) ${what}; nothing was started. A date may run again only after its last run failed, was cancelled, terminated or timed out.`;
}
