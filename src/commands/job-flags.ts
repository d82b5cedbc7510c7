/** The job flags of `run`, `start` and `schedule create|update`, and starting the `runFabricJob` workflow. */
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { JOB_FIELD_LIST } from '../contracts/job.js';
import type { Field } from '../contracts/fields.js';
import { RUN_FABRIC_JOB_WORKFLOW, type RunFabricJobInput, type RunFabricJobResult } from '../shared.js';
import type { CliContext } from './context.js';
import { asFlag, assertConfiguredNames, configuredUses } from './configured-names.js';
import { normalizeConnectionName } from '../contracts/connection.js';
import { defaultWorkflowId, parseJobOptions, type JobRequest, type RawJobOptions } from './parse/job-options.js';
import { startOrAttach, type StartedOrAttached } from './attach.js';
import { latchCtrlC } from './live-wait.js';
import { assertPayloadFits } from './payload-limit.js';
import { checkTargets, describeResolved } from './fabric-names.js';
import { jobReference, needsResolution, type ResolvedTarget } from '../names/index.js';

/**
 * A job given by names (or without a job type) is resolved before anything starts, with the job's
 * connection: an unknown name exits 2 with the closest ones. The workflow keeps the names and
 * resolves them again, once, in its history (the ids could change between now and a retry); the memo and default workflow id use what
 * was resolved here.
 */
async function checkJobNames(ctx: CliContext, request: JobRequest, defaultId: boolean): Promise<void> {
  const { input } = request;
  if (!needsResolution(input)) return;
  const resolved = (await checkTargets(ctx, { job: jobReference(input) })).job as ResolvedTarget;
  ctx.info(`Resolved: ${describeResolved(resolved)}`);
  request.resolved = resolved;
  if (defaultId) request.workflowId = defaultWorkflowId(resolved.jobType);
}

export type RawJobCommandOptions = RawJobOptions & { json?: boolean };
type RunFabricJob = (input: RunFabricJobInput) => Promise<RunFabricJobResult>;

export interface JobFlagsOptions {
  /** `run`/`start`: the required fields' flags are required. `schedule create|update`: every flag is optional. */
  required: boolean;
  /** Put before each help text, e.g. `single job: `. @default '' */
  helpPrefix?: string;
  /** Added to the help of the JSON flags, e.g. that `{{ logicalDate }}` may be used. @default '' */
  jsonNote?: string;
}

/** Adds the flags of every field of `fields` (a kind's table, src/contracts) to `command`. */
export function addFieldFlags(command: Command, fields: readonly Field[], options: JobFlagsOptions): Command {
  const { required, helpPrefix = '', jsonNote = '' } = options;
  for (const field of fields) {
    for (const flag of field.flags) {
      // A field of several flags says each flag's default in its help.
      const shownDefault = field.flags.length === 1 && field.default !== undefined && field.default !== 'none' ? ` (default: ${field.default})` : '';
      const help = `${helpPrefix}${flag.help}${shownDefault}${field.text === 'json' ? jsonNote : ''}`;
      const spec = `--${flag.name} ${flag.value}`;
      if (required && field.required) command.requiredOption(spec, help);
      else command.option(spec, help);
    }
  }
  return command;
}

/** Adds the job flags of every field of the job table (src/contracts/job.ts) to `command`. */
export function addJobFlags(command: Command, options: JobFlagsOptions): Command {
  return addFieldFlags(command, JOB_FIELD_LIST, options);
}

/** The flags of `run` and `start`: the job flags, `--workflow-id` and `--json`. */
export function addJobOptions(command: Command): Command {
  return addJobFlags(command, { required: true })
    .option('--workflow-id <id>', 'workflow id (default fabric-<jobType>-<uuid>); an id that holds this same job is followed, not started again; one that holds another job is refused')
    .option('--json', 'print one JSON object on stdout');
}

/**
 * Starts `runFabricJob`, or attaches to the run that already holds the workflow id with the same
 * job (running or closed, within the namespace's retention): a retried script never starts the same
 * job twice, and waits for (or reports) the first one.
 * @throws UsageError when the workflow id holds another job.
 */
export async function startJobWorkflow(client: Client, taskQueue: string, request: JobRequest): Promise<StartedOrAttached<RunFabricJob>> {
  const { workflowId, input } = request;
  const ids = request.resolved ?? input;
  const memo = { workspaceId: ids.workspaceId, itemId: ids.itemId, jobType: ids.jobType };
  const { searchAttributes: _fromConfig, ...spec } = input;
  const text = { what: 'job', showWith: `fabric-temporal status ${workflowId}` };
  // From the start request on, a run may exist: Ctrl-C then stops the waiting (hint, exit 130), never the start.
  latchCtrlC();
  return startOrAttach<RunFabricJob>(client, RUN_FABRIC_JOB_WORKFLOW, { taskQueue, workflowId, args: [input], memo }, spec, text);
}

/**
 * What `run` and `start` share: parse the job flags (every bad one reported before the configuration
 * is read or Temporal contacted), then start the workflow on the configured task queue.
 */
export async function startJobFromFlags(ctx: CliContext, raw: RawJobOptions) {
  const request = parseJobOptions(raw);
  assertPayloadFits(request.input, { '--execution-data': request.input.executionData, '--parameters': request.input.parameters });
  // An unknown pool or connection is refused before anything starts (exit 2), naming the configured ones.
  assertConfiguredNames(ctx, configuredUses(JOB_FIELD_LIST, request.input, asFlag));
  const { jobs } = ctx.config();
  if (request.input.connection !== undefined) request.input.connection = normalizeConnectionName(request.input.connection);
  await checkJobNames(ctx, request, raw.workflowId === undefined);
  if (jobs.searchAttributes) request.input.searchAttributes = true;
  const client = await ctx.client();
  const started = await startJobWorkflow(client, jobs.taskQueue, request);
  return { client, started, taskQueue: jobs.taskQueue };
}
