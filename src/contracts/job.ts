/**
 * The job contract: what one Fabric job is, in one table. Every surface that defines a job derives
 * from {@link JOB_FIELDS}: the job flags of `run`, `start`, `schedule create|update`
 * (src/commands/job-flags.ts), the step and compensation schema of pipeline files
 * (src/pipeline/schema.ts), the input check of `runFabricJob` (src/workflows/job/validate-input.ts) and
 * the input of the `runJob` activity ({@link toRunJobInput}). A bad value breaks one rule with one
 * message wherever it comes from; each surface only says where (a flag, a path in a file, an input
 * field). See docs/architecture.md, "How to add a job option".
 *
 * Sandbox-safe: no Node built-ins, no imports with side effects (the workflows import it).
 */
import type { JobParameter, JobStatus } from '../fabric/models.js';
import { ACTIVITY_RUNS_MODES, type ActivityRunsMode } from './job-details.js';
import { itemRefProblem } from '../names/reference.js';
import { broken, describeValue, fieldProblems, positiveMs, sharedFields, workspaceRequired } from './fields.js';
import type { Field, FieldFlag, FieldProblem, PollInterval, RuleBroken } from './fields.js';

export type { PollInterval, RuleBroken, TextForm, FromText } from './fields.js';
export { DEFAULT_POLL_INTERVAL, POLL_INTERVAL_PARTS, describeValue, durationFromText, fieldFromText, inputPath, shownValue } from './fields.js';
/** @deprecated the name before the field tables of every kind: {@link FieldFlag}. */
export type JobFlag = FieldFlag;

export type { JobParameter };

/** What a Deduped job means for the run. */
export const ON_DEDUPED = ['fail', 'succeed'] as const;
export type OnDeduped = (typeof ON_DEDUPED)[number];

/**
 * Run routes: `query` = `/jobs/instances?jobType=X` (every job type), `path` = `/jobs/{jobType}/instances`,
 * `notebook` = the released notebook route `/notebooks/{id}/jobs/execute/instances?beta=false`
 * (RunNotebook only; notebook/swagger.json, `BackgroundJobs_RunOnDemandNotebook`).
 */
export const RUN_ROUTES = ['query', 'path', 'notebook'] as const;
export type RunRoute = (typeof RUN_ROUTES)[number];

/** A notebook's execution engine on the released notebook route (notebook/definitions.json `ComputeType`). */
export const NOTEBOOK_COMPUTES = ['Spark', 'Jupyter', 'DataWarehouse'] as const;
export type NotebookCompute = (typeof NOTEBOOK_COMPUTES)[number];

/** The job fields that only the released notebook route carries: giving one selects that route. */
export const NOTEBOOK_ROUTE_FIELDS = ['compute', 'computeConfiguration', 'sessionTag'] as const;

/**
 * One Fabric job: the fields of {@link JOB_FIELDS}. The keys are those of the `runFabricJob` input
 * and appear in workflow histories: never rename one (old histories must replay, in-flight runs'
 * inputs must still parse).
 */
export interface JobSpec {
  workspaceId: string;
  itemId: string;
  jobType: string;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  /** Overall limit for the Fabric job, in milliseconds; when reached the job is cancelled. @default none */
  timeoutMs?: number;
  pollInterval?: PollInterval;
  /** What a Deduped job means for the run. @default 'fail' */
  onDeduped?: OnDeduped;
  /** Which run route to POST. @default 'notebook' when a notebook option (compute, computeConfiguration, sessionTag) is set, else 'query' (`/jobs/instances?jobType=X`, accepted for every job type) */
  runRoute?: RunRoute;
  /** Notebook runs on the released notebook route: the execution engine (must match the notebook's language). @default Spark when computeConfiguration or sessionTag is set */
  compute?: NotebookCompute;
  /** Notebook runs on the released notebook route: the compute configuration as the spec defines it for the engine (Spark: driver/executor sizes, sparkProperties, defaultLakehouse, attachedEnvironment, …; Jupyter: numCores, …). @default none */
  computeConfiguration?: Record<string, unknown>;
  /** Notebook runs on Spark: run in high-concurrency mode, sharing the Spark session tagged with this value (created when none exists). @default none (no high concurrency) */
  sessionTag?: string;
  /** Take a slot of this pool (FABRIC_POOLS) before the run request; give it back when the job ends. @default none */
  pool?: string;
  /** First wait after Fabric refuses the run request for capacity (HTTP 430) without Retry-After; doubles up to capacityWaitMaxMs. @default the worker's (30 s) */
  capacityWaitMs?: number;
  /** Longest wait between two run requests refused for capacity. @default the worker's (5 minutes) */
  capacityWaitMaxMs?: number;
  /** The named connection whose identity the worker uses (docs/configuration.md#named-connections). @default 'default' */
  connection?: string;
  /** A Data Pipeline job's activity runs read when it ends: the failed ones on failure, all, or none. @default 'failed' */
  activityRuns?: ActivityRunsMode;
}

/** Input of the `runFabricJob` workflow: the job, and how this worker runs it. */
export interface RunFabricJobInput extends JobSpec {
  /** Upsert the Fabric* search attributes (they must be registered on the namespace). @default false */
  searchAttributes?: boolean;
  /**
   * How status polls run: as a local activity (6 history events per poll) or as a regular activity
   * (11 events per poll, but visible as a pending activity while it runs). @default 'local'
   */
  pollActivity?: 'local' | 'regular';
  /** Set by the workflow itself when it continues as new; callers leave it unset. */
  resume?: RunFabricJobResume;
}

/** State carried across continue-as-new. */
export interface RunFabricJobResume {
  jobInstanceId: string;
  polls: number;
  /** Workflow time (ms since epoch) when the run first started; the timeout counts from here. */
  startedAtMs: number;
  nextPollDelayMs: number;
  seen: boolean;
  /** Last status Fabric reported, if any (for the `state` query). */
  status?: JobStatus;
  /** Whether the instance was adopted by the duplicate-safe start rather than created by its POST. */
  adopted?: boolean;
  /** The pool slot the run holds (input `pool`), given back when the job ends. */
  poolLease?: { pool: string; requestId: string };
}

/**
 * The Fabric run request of a job (the `runJob` activity's input without `notBeforeMs`): the URL's
 * scope and the request options of `FabricClient.runOnDemandItemJob`, named as the client names them.
 */
export interface RunJobRequest {
  workspaceId: string;
  itemId: string;
  jobType: string;
  executionData?: Record<string, unknown>;
  parameters?: JobParameter[];
  route?: RunRoute;
  compute?: NotebookCompute;
  computeConfiguration?: Record<string, unknown>;
  sessionTag?: string;
}

/** Input of the `runJob` activity (the duplicate-safe start). */
export interface RunJobInput extends RunJobRequest {
  /** The named connection whose Fabric client the worker uses. @default 'default' */
  connection?: string;
  /**
   * Workflow time (ms since epoch) when this start was first scheduled. Every attempt gets the same
   * value; instances Fabric reports as started before it (minus the clock-skew margin) are never adopted.
   */
  notBeforeMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Where a field goes: the URL of the run request, its options (the body or the route), or the workflow only. */
export type JobFieldTarget = { request: 'scope' | 'option'; name: keyof RunJobRequest } | { workflow: string };

/** A field of the job table. */
export type JobField<K extends keyof JobSpec = keyof JobSpec> = Field<K, JobFieldTarget>;

const UUID_RULE = 'not a UUID; expected the form 00000000-0000-0000-0000-000000000000 (see the item\'s URL in Fabric)';
/** The rule of Fabric ids (schedule ids and the like): a UUID. */
export const uuidProblem = (value: unknown): RuleBroken | undefined => (isUuid(value) ? undefined : broken(UUID_RULE));
/** An item: its id, `Name.ItemType`, or `Workspace.Workspace/Name.ItemType` (resolved through List Items). */
const itemRef = (value: unknown) => (isUuid(value) ? undefined : ((p) => (p === undefined ? undefined : broken(p)))(itemRefProblem(value)));

const JOB_TYPE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const JOB_TYPE_RULE = 'not a job type; use the item\'s job type, e.g. RunNotebook, Pipeline, sparkjob, TableMaintenance, Execute (letters, digits, _ . -)';

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The rows every kind shares (src/contracts/fields.ts), worded for a job. */
const SHARED = sharedFields(
  { thing: 'the Fabric job', targetFlag: '--item', poolBefore: 'starting the job', poolTarget: 'a slot of the pool, taken before the run request and given back when the job ends' },
  { request: 'scope', name: 'workspaceId' } as const,
);

const PARAMETER_KEYS = ['name', 'type', 'value'];
function parameterProblem(entry: unknown, index: number): string | undefined {
  if (!isPlainObject(entry)) return `entry ${index} must be an object with "name", "type" and "value", got ${describeValue(entry)}`;
  const unknown = Object.keys(entry).find((key) => !PARAMETER_KEYS.includes(key));
  if (unknown !== undefined) return `entry ${index} has an unknown field "${unknown}" (an entry holds only "name", "type" and "value")`;
  const filled = (key: string) => typeof entry[key] === 'string' && (entry[key] as string).trim() !== '';
  if (!filled('name') || !filled('type') || !('value' in entry)) {
    return `entry ${index} needs a non-empty string "name", a non-empty string "type" (e.g. Text, Integer, Boolean) and a "value"`;
  }
  return undefined;
}

/** Fabric's generic job parameters: `[{ name, type, value }]`. Every bad entry is named. */
function parametersRule(value: unknown): RuleBroken | undefined {
  if (!Array.isArray(value)) return broken(`must be a JSON array like [{"name": "p", "type": "Text", "value": "x"}], got ${describeValue(value)}`);
  const problems = value.flatMap((entry: unknown, index) => parameterProblem(entry, index) ?? []);
  return problems.length > 0 ? broken(problems.join('; ')) : undefined;
}

const choice = (allowed: readonly string[]) => (value: unknown) =>
  typeof value === 'string' && allowed.includes(value) ? undefined : broken(`must be one of ${allowed.join(', ')}`);

/**
 * THE table of job fields, keyed by their input key. Adding a field: a key in {@link JobSpec} and a
 * row here; the flags, the pipeline schema, the workflow's check and the activity input follow.
 */
export const JOB_FIELDS: { readonly [K in keyof JobSpec]-?: JobField<K> } = {
  workspaceId: SHARED.workspaceId,
  itemId: {
    input: 'itemId',
    file: 'item',
    flags: [{ name: 'item', value: '<ref>', help: 'Fabric item: its id, "Name.ItemType" (e.g. "Load orders.Notebook") or "Workspace.Workspace/Name.ItemType"' }],
    required: true,
    text: 'string',
    template: true,
    target: { request: 'scope', name: 'itemId' },
    check: itemRef,
  },
  jobType: {
    input: 'jobType',
    file: 'jobType',
    flags: [{ name: 'job-type', value: '<type>', help: 'job type, e.g. RunNotebook, Pipeline, sparkjob, TableMaintenance, Execute' }],
    // Left out: inferred from the item type when it runs one job type (src/names/item-types.ts).
    required: false,
    default: 'from the item type',
    text: 'string',
    template: true,
    target: { request: 'scope', name: 'jobType' },
    check: (value) => (typeof value === 'string' && JOB_TYPE.test(value) ? undefined : broken(JOB_TYPE_RULE)),
  },
  executionData: {
    input: 'executionData',
    file: 'executionData',
    flags: [{ name: 'execution-data', value: '<json|@file>', help: 'executionData: a JSON object, inline or @file' }],
    required: false,
    default: 'none',
    text: 'json',
    target: { request: 'option', name: 'executionData' },
    check: (value) => (isPlainObject(value) ? undefined : broken(`must be a JSON object like {"parameters": {...}}, got ${describeValue(value)}`)),
  },
  parameters: {
    input: 'parameters',
    file: 'parameters',
    flags: [{ name: 'parameters', value: '<json|@file>', help: 'generic job parameters: a JSON array of {"name","type","value"}, inline or @file' }],
    required: false,
    default: 'none',
    text: 'json',
    target: { request: 'option', name: 'parameters' },
    check: parametersRule,
  },
  timeoutMs: SHARED.timeoutMs,
  pollInterval: SHARED.pollInterval,
  onDeduped: {
    input: 'onDeduped',
    file: 'onDeduped',
    flags: [{ name: 'on-deduped', value: '<fail|succeed>', help: 'what a Deduped job means for the run' }],
    required: false,
    default: 'fail',
    text: 'string',
    target: { workflow: 'whether a Deduped job fails the run' },
    check: choice(ON_DEDUPED),
  },
  // The pipeline's pool is the default of every job step and compensation.
  pool: { ...SHARED.pool, pipelineDefault: 'pool' },
  capacityWaitMs: {
    input: 'capacityWaitMs',
    file: 'capacityWait',
    flags: [{ name: 'capacity-wait', value: '<duration>', help: 'first wait after Fabric refuses the job for capacity (HTTP 430) without Retry-After; doubles each time (default 30s, or the worker\'s)' }],
    required: false,
    default: "the worker's FABRIC_CAPACITY_WAIT (30s)",
    text: 'duration',
    target: { workflow: 'the first wait before the run request is sent again after an HTTP 430' },
    check: (value) => positiveMs(value),
  },
  capacityWaitMaxMs: {
    input: 'capacityWaitMaxMs',
    file: 'capacityWaitMax',
    flags: [{ name: 'capacity-wait-max', value: '<duration>', help: 'longest wait between run requests refused for capacity (default 5m, or the worker\'s)' }],
    required: false,
    default: "the worker's FABRIC_CAPACITY_WAIT_MAX (5m)",
    text: 'duration',
    target: { workflow: 'the longest wait before the run request is sent again after an HTTP 430' },
    check: (value) => positiveMs(value),
  },
  runRoute: {
    input: 'runRoute',
    file: 'route',
    flags: [{ name: 'route', value: '<query|path>', help: 'run route: query = /jobs/instances?jobType=X, path = /jobs/{jobType}/instances' }],
    required: false,
    default: 'query',
    text: 'string',
    target: { request: 'option', name: 'route' },
    check: choice(RUN_ROUTES),
  },
  compute: {
    input: 'compute',
    file: 'compute',
    flags: [{ name: 'compute', value: '<Spark|Jupyter|DataWarehouse>', help: 'notebooks: the execution engine on the released notebook route (must match the notebook\'s language)' }],
    required: false,
    default: 'Spark when --compute-configuration or --session-tag is given',
    text: 'string',
    template: true,
    target: { request: 'option', name: 'compute' },
    check: choice(NOTEBOOK_COMPUTES),
  },
  computeConfiguration: {
    input: 'computeConfiguration',
    file: 'computeConfiguration',
    flags: [{ name: 'compute-configuration', value: '<json|@file>', help: 'notebooks: the compute configuration of the released notebook route, a JSON object as Fabric defines it (e.g. {"driverCores": 8, "executorMemory": "56g"})' }],
    required: false,
    default: 'none',
    text: 'json',
    target: { request: 'option', name: 'computeConfiguration' },
    check: (value) => (isPlainObject(value) ? undefined : broken(`must be a JSON object like {"driverCores": 8}, got ${describeValue(value)}`)),
  },
  sessionTag: {
    input: 'sessionTag',
    file: 'sessionTag',
    flags: [{ name: 'session-tag', value: '<tag>', help: 'notebooks on Spark: run in high-concurrency mode, in the Spark session with this tag (created when none exists)' }],
    required: false,
    default: 'none (no high concurrency)',
    text: 'string',
    template: true,
    target: { request: 'option', name: 'sessionTag' },
    check: (value) => (typeof value === 'string' && value.trim() !== '' ? undefined : broken(`must be a non-empty session tag, got ${describeValue(value)}`)),
  },
  connection: SHARED.connection,
  activityRuns: {
    input: 'activityRuns',
    file: 'activityRuns',
    flags: [{ name: 'activity-runs', value: '<failed|all|none>', help: 'Data Pipeline jobs: which activity runs to read when the job ends (failed: only on failure)' }],
    required: false,
    default: 'failed',
    text: 'string',
    target: { workflow: 'which activity runs of a Data Pipeline job are read when it ends (docs/job-workflow.md, "Run details")' },
    check: choice(ACTIVITY_RUNS_MODES),
  },
};

/** The fields in table order. */
export const JOB_FIELD_LIST: readonly JobField[] = Object.values(JOB_FIELDS);


/** A rule a job value breaks, and which field. */
export type JobProblem = FieldProblem<JobField>;

/** Every rule the job breaks (required fields included unless `partial`). */
export function jobProblems(spec: Partial<Record<keyof JobSpec, unknown>>, options: { partial?: boolean } = {}): JobProblem[] {
  const problems = fieldProblems(JOB_FIELD_LIST, spec, options);
  const workspace = options.partial ? undefined : workspaceRequired(JOB_FIELDS.workspaceId as JobField, spec, 'itemId');
  const all = workspace ? [workspace, ...problems] : problems;
  // Across fields, once every field keeps its own rule (a bad compute is reported once, as itself).
  if (all.length === 0 && !options.partial) all.push(...notebookRouteProblems(spec));
  return all;
}

/** Whether a job sets one of the fields only the released notebook route carries. */
export function usesNotebookOptions(spec: Partial<Record<keyof JobSpec, unknown>>): boolean {
  return NOTEBOOK_ROUTE_FIELDS.some((key) => spec[key] !== undefined);
}

/** The run route a job's request goes to: the one it names, else the notebook route when it sets a notebook option, else `query`. */
export function runRouteOf(spec: Partial<Pick<JobSpec, 'runRoute' | (typeof NOTEBOOK_ROUTE_FIELDS)[number]>>): RunRoute {
  return spec.runRoute ?? (usesNotebookOptions(spec) ? 'notebook' : 'query');
}

const hasTemplateText = (value: unknown): boolean => typeof value === 'string' && value.includes('{{');

/**
 * The rules across fields of the released notebook route (notebook/swagger.json
 * `BackgroundJobs_RunOnDemandNotebook`): its options go to that route only, it runs RunNotebook jobs,
 * its executionData is built from them, and the engine decides which options apply. Values still
 * holding a `{{ template }}` are checked once rendered, by the workflow.
 */
export function notebookRouteProblems(spec: Partial<Record<keyof JobSpec, unknown>>): JobProblem[] {
  const problems: JobProblem[] = [];
  const add = (key: keyof JobSpec, message: string) => problems.push({ field: JOB_FIELDS[key] as JobField, value: spec[key], message });
  const options = NOTEBOOK_ROUTE_FIELDS.filter((key) => spec[key] !== undefined);
  const named = options.join(', ');
  if (options.length > 0 && spec.runRoute !== undefined && spec.runRoute !== 'notebook' && !hasTemplateText(spec.runRoute)) {
    add('runRoute', `${named} go${options.length === 1 ? 'es' : ''} to the released notebook route: leave the route out or set it to notebook`);
  }
  const route = spec.runRoute === undefined ? (options.length > 0 ? 'notebook' : 'query') : spec.runRoute;
  if (route === 'notebook' && typeof spec.jobType === 'string' && !hasTemplateText(spec.jobType) && spec.jobType.toLowerCase() !== 'runnotebook') {
    add('jobType', 'the notebook route runs RunNotebook jobs only: leave the job type out for a notebook, or set it to RunNotebook');
  }
  if (options.length > 0 && spec.executionData !== undefined) {
    add('executionData', `cannot be combined with ${named}: on the notebook route the executionData is built from them (write either)`);
  }
  const compute = hasTemplateText(spec.compute) ? undefined : (spec.compute as string | undefined) ?? 'Spark';
  if (compute === 'DataWarehouse' && spec.computeConfiguration !== undefined) add('computeConfiguration', 'a DataWarehouse notebook takes no compute configuration');
  if (compute !== undefined && compute !== 'Spark' && spec.sessionTag !== undefined) add('sessionTag', `high-concurrency mode is for Spark notebooks, not ${compute}`);
  const configured = spec.computeConfiguration as Record<string, unknown> | undefined;
  if (spec.sessionTag !== undefined && isPlainObject(configured) && configured.highConcurrencyModeOptions !== undefined) {
    add('sessionTag', 'high-concurrency mode is set twice: give the session tag or computeConfiguration.highConcurrencyModeOptions, not both');
  }
  return problems;
}

/** A job's fields only (drops anything else, e.g. the run options of a workflow input). */
export function jobSpecOf(input: JobSpec): JobSpec {
  const spec: Partial<Record<keyof JobSpec, unknown>> = {};
  for (const field of JOB_FIELD_LIST) if (input[field.input] !== undefined) spec[field.input] = input[field.input];
  return spec as unknown as JobSpec;
}

/** The `runJob` activity's input: the fields the table maps onto the Fabric run request. */
export function toRunJobInput(spec: JobSpec, notBeforeMs: number): RunJobInput {
  const out: Record<string, unknown> = {};
  for (const field of JOB_FIELD_LIST) {
    const value = spec[field.input];
    if (value !== undefined && 'request' in field.target) out[field.target.name] = value;
  }
  return { ...(out as unknown as RunJobRequest), ...(spec.connection !== undefined ? { connection: spec.connection } : {}), notBeforeMs };
}

/** Splits a run request into the URL's scope and the request options (`runOnDemandItemJob(scope, options)`). */
export function splitRunJobRequest(request: RunJobRequest): { scope: Pick<RunJobRequest, 'workspaceId' | 'itemId' | 'jobType'>; options: Omit<RunJobRequest, 'workspaceId' | 'itemId' | 'jobType'> } {
  const scope: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  for (const field of JOB_FIELD_LIST) {
    if (!('request' in field.target)) continue;
    const value = request[field.target.name];
    if (value === undefined) continue;
    (field.target.request === 'scope' ? scope : options)[field.target.name] = value;
  }
  return { scope: scope as Pick<RunJobRequest, 'workspaceId' | 'itemId' | 'jobType'>, options };
}
