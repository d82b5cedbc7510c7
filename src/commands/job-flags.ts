/** The job flags of `run` and `start`, and starting the `runFabricJob` workflow. */
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import { RUN_FABRIC_JOB_WORKFLOW, type RunFabricJobInput, type RunFabricJobResult } from '../shared.js';
import type { CliContext } from './context.js';
import { parseJobOptions, type JobRequest, type RawJobOptions } from './parse/job-options.js';
import { startOrAttach, type StartedOrAttached } from './attach.js';
import { assertPayloadFits } from './payload-limit.js';

export type RawJobCommandOptions = RawJobOptions & { json?: boolean };
type RunFabricJob = (input: RunFabricJobInput) => Promise<RunFabricJobResult>;

/** Adds the job flags (and `--json`) to `command`. */
export function addJobOptions(command: Command): Command {
  return command
    .requiredOption('--workspace <uuid>', 'Fabric workspace id')
    .requiredOption('--item <uuid>', 'Fabric item id (notebook, pipeline, Spark job definition, lakehouse, ...)')
    .requiredOption('--job-type <type>', 'job type, e.g. RunNotebook, Pipeline, sparkjob, TableMaintenance, Execute')
    .option('--execution-data <json|@file>', 'executionData: a JSON object, inline or @file')
    .option('--parameters <json|@file>', 'generic job parameters: a JSON array of {"name","type","value"}, inline or @file')
    .option('--timeout <duration>', 'cancel the Fabric job when it has not ended after this long, e.g. 2h (default: no limit)')
    .option('--poll-min <duration>', 'never poll sooner than this, whatever Retry-After says (default 1s)')
    .option('--poll-max <duration>', 'never wait longer than this between polls (default 5m)')
    .option('--on-deduped <fail|succeed>', 'what a Deduped job means for the run (default fail)')
    .option('--route <query|path>', 'run route: query = /jobs/instances?jobType=X, path = /jobs/{jobType}/instances (default query)')
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
  const memo = { workspaceId: input.workspaceId, itemId: input.itemId, jobType: input.jobType };
  const { searchAttributes: _fromConfig, ...spec } = input;
  const text = { what: 'job', showWith: `fabric-temporal status ${workflowId}` };
  return startOrAttach<RunFabricJob>(client, RUN_FABRIC_JOB_WORKFLOW, { taskQueue, workflowId, args: [input], memo }, spec, text);
}

/**
 * What `run` and `start` share: parse the job flags (every bad one reported before the configuration
 * is read or Temporal contacted), then start the workflow on the configured task queue.
 */
export async function startJobFromFlags(ctx: CliContext, raw: RawJobOptions) {
  const request = parseJobOptions(raw);
  assertPayloadFits(request.input, { '--execution-data': request.input.executionData, '--parameters': request.input.parameters });
  const { jobs } = ctx.config();
  if (jobs.searchAttributes) request.input.searchAttributes = true;
  const client = await ctx.client();
  const started = await startJobWorkflow(client, jobs.taskQueue, request);
  return { client, started, taskQueue: jobs.taskQueue };
}
