/**
 * The definition flags of `schedule create` and `schedule update`, parsed into ScheduleChanges.
 * Every bad flag is reported (one line each) before anything reaches Temporal.
 */
import type { Command } from 'commander';
import { parseParamAssignments } from '../../pipeline/index.js';
import { formatIssueForCli } from '../pipeline/issues.js';
import { analyzeCron } from '../../schedules/cron.js';
import type { ScheduleChanges } from '../../schedules/apply-changes.js';
import { LOGICAL_DATE_FORMATS } from '../../schedules/logical-date.js';
import { OVERLAP_NAMES } from '../../schedules/overlap.js';
import { checkTimeZone } from '../../schedules/timezone.js';
import { UsageError } from '../errors.js';
import { addJobFlags } from '../job-flags.js';
import { ProblemCollector } from '../parse/collect.js';
import { parseDuration } from '../parse/duration.js';
import { parseChoice } from '../parse/ids.js';
import { parseJobFlags, type RawJobFlags } from '../parse/job-options.js';
import { parseJsonObject } from '../parse/json-input.js';
import { isOperationEntry, operationEntrySchema, toOperationSpec, OPERATION_KINDS, type PipelineFileOperation } from '../../pipeline/operation-step.js';
import type { OperationSpec } from '../../contracts/fabric-operation.js';
import { collectParam, loadForCommand, type RawEnvironmentOptions } from '../pipeline/file-input.js';

/** Option values as commander hands them over: the job flags (single job) and the schedule's own. */
export interface RawDefinitionFlags extends RawJobFlags, RawEnvironmentOptions {
  pipeline?: string;
  operation?: string;
  cron?: string;
  every?: string;
  timezone?: string;
  logicalDateFormat?: string;
  overlap?: string;
  catchupWindow?: string;
  pauseOnFailure?: boolean;
  param?: string[];
  note?: string;
}

/** Temporal's smallest catchup window. */
const MIN_CATCHUP_MS = 10_000;

/** Adds the definition flags; `update` also gets `--no-pause-on-failure`. */
export function addDefinitionFlags(command: Command, forUpdate: boolean): Command {
  command.option('--pipeline <file>', 'run this pipeline file (YAML or JSON), validated now and stored in the schedule');
  command.option('--operation <json|@file>', 'run one Fabric long-running operation: its fields as in a pipeline step, e.g. {"kind":"sqlEndpointRefreshMetadata","workspace":"…","sqlEndpoint":"…"}; may use {{ logicalDate }}');
  addJobFlags(command, { required: false, helpPrefix: 'single job: ', jsonNote: '; may use {{ logicalDate }}' })
    .option('--cron <expr>', 'when to run: a cron expression, e.g. "0 2 * * *" (02:00 daily) or @daily')
    .option('--every <duration>', 'when to run: a fixed interval, e.g. 1d, 12h (aligned on the Unix epoch)')
    .option('--timezone <IANA>', 'time zone of the cron fields and of the logical date, e.g. Europe/Paris (default UTC)')
    .option('--logical-date-format <date|datetime>', 'date: yyyy-mm-dd (default, at most one run a day); datetime: yyyy-mm-ddTHH:MM:SSZ')
    .option('--overlap <policy>', `when a run is due while one is running: ${OVERLAP_NAMES.join(', ')} (default skip)`)
    .option('--catchup-window <duration>', 'after an outage, start missed runs at most this late (default 365d)')
    .option('--pause-on-failure', 'pause the schedule when a run fails');
  if (forUpdate) command.option('--no-pause-on-failure', 'do not pause the schedule when a run fails');
  return command
    .option('--param <name=value>', 'pipeline param (repeatable)', collectParam)
    .option('--env <name>', 'pipeline: the environment of its environments: block to store in the schedule ({{ env.X }})')
    .option('--values <file>', 'pipeline: take the {{ env.X }} values from this YAML/JSON file')
    .option('--note <text>', 'a note shown by describe')
    .option('--json', 'print one JSON object on stdout');
}

function parseEvery(text: string): number {
  const ms = parseDuration('--every', text);
  if (ms % 1000 !== 0) throw new UsageError(`--every ${JSON.stringify(text)}: must be a whole number of seconds`);
  return ms;
}

function parseCatchup(text: string): number {
  const ms = parseDuration('--catchup-window', text);
  if (ms < MIN_CATCHUP_MS) throw new UsageError(`--catchup-window ${JSON.stringify(text)}: must be at least 10s`);
  return ms;
}

/** @throws UsageError listing every bad flag (and every problem of the pipeline file). */
export async function parseDefinitionFlags(raw: RawDefinitionFlags): Promise<ScheduleChanges> {
  const c = new ProblemCollector();
  const changes: ScheduleChanges = {};
  if (raw.cron !== undefined && raw.every !== undefined) c.add('give either --cron or --every, not both');
  if (raw.cron !== undefined) {
    const cron = analyzeCron(raw.cron);
    if (cron.ok) changes.timing = { kind: 'cron', expression: cron.value.expression };
    else c.add(`--cron ${JSON.stringify(raw.cron)}: ${cron.problem}`);
  }
  const everyMs = c.optional(raw.every, parseEvery);
  if (everyMs !== undefined && raw.cron === undefined) changes.timing = { kind: 'every', everyMs };
  if (raw.timezone !== undefined) {
    const zone = checkTimeZone(raw.timezone);
    if (zone.ok) changes.timeZone = zone.timeZone;
    else c.add(`--timezone ${JSON.stringify(raw.timezone)}: ${zone.problem}`);
  }
  changes.logicalDateFormat = c.optional(raw.logicalDateFormat, (t) => parseChoice('--logical-date-format', t, LOGICAL_DATE_FORMATS));
  changes.overlap = c.optional(raw.overlap, (t) => parseChoice('--overlap', t, OVERLAP_NAMES));
  changes.catchupWindowMs = c.optional(raw.catchupWindow, parseCatchup);
  changes.pauseOnFailure = raw.pauseOnFailure;
  changes.note = raw.note;
  const job = c.take(() => parseJobFlags(raw, { partial: true }));
  if (job && Object.keys(job).length > 0) changes.job = job;
  if (raw.param !== undefined) {
    const { params, issues } = parseParamAssignments(raw.param);
    issues.forEach((issue) => c.add(formatIssueForCli(issue)));
    changes.params = params;
  }
  if (raw.operation !== undefined) {
    const text = raw.operation;
    const operation = c.take(() => parseOperationEntry('--operation', text));
    if (operation) changes.operation = operation;
  }
  if (raw.pipeline !== undefined) {
    const file = raw.pipeline;
    const loaded = await c.takeAsync(() => loadForCommand(file, raw, true));
    if (loaded) changes.pipeline = { file: loaded.pipeline, source: loaded.source };
  }
  c.throwIfAny();
  return changes;
}

/**
 * `--operation`: one operation as a pipeline step writes it (`kind` and its fields, src/pipeline/operation-step.ts),
 * checked by the same rules. @throws UsageError naming every problem.
 */
function parseOperationEntry(flag: string, text: string): OperationSpec {
  const entry = parseJsonObject(flag, text);
  if (!isOperationEntry(entry)) throw new UsageError(`${flag}: "kind" must be one of ${OPERATION_KINDS.join(', ')}, got ${JSON.stringify(entry.kind)}`);
  const parsed = operationEntrySchema(entry.kind).safeParse(entry);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((issue) => `${flag}: ${issue.path.join('.') || 'operation'}: ${issue.message}`));
  return toOperationSpec(parsed.data as PipelineFileOperation, {});
}
