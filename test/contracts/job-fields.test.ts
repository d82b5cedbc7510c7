/**
 * "Done when" of the field tables: every field of every kind's table goes through every surface
 * that defines a run of that kind, and each accepts the same good value and maps it to the same
 * input; one bad value per field gets the same rule text everywhere (only the prefix, a flag or a
 * path, differs), and the rows every kind shares (src/contracts/fields.ts) get the same text in
 * every kind. The rows come from the tables: a new field without a sample fails to typecheck and
 * fails here, and a surface that drops a field fails here.
 * - Jobs (src/contracts/job.ts): the flags of `run`/`start`, of `schedule create` and of `schedule
 *   update`, a pipeline step and a compensation, and the `runFabricJob` input check.
 * - Semantic model refreshes (src/contracts/refresh-fields.ts): the flags of `refresh`, a
 *   `kind: semanticModelRefresh` pipeline step and compensation, and the `semanticModelRefresh`
 *   input check. Schedules hold a single job or a pipeline: a refresh is scheduled as a pipeline step.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addJobOptions } from '../../src/commands/job-flags.js';
import { parseJobOptions } from '../../src/commands/parse/job-options.js';
import { addDefinitionFlags, parseDefinitionFlags } from '../../src/commands/schedule/definition-flags.js';
import { describeScheduleProblem } from '../../src/commands/schedule/problems.js';
import { fieldFromText, JOB_FIELD_LIST, JOB_FIELDS, type JobField, type JobSpec } from '../../src/contracts/job.js';
import { configuredProblem, type Field } from '../../src/contracts/fields.js';
import { REFRESH_FIELD_LIST, REFRESH_FIELDS, type RefreshFieldKey } from '../../src/contracts/refresh-fields.js';
import type { CliContext } from '../../src/commands/context.js';
import { registerRefreshCommand } from '../../src/commands/refresh/index.js';
import { parseRefreshOptions } from '../../src/commands/refresh/options.js';
import { refreshInputProblem } from '../../src/workflows/refresh/validate-input.js';
import { formatIssue, resolvePipeline, validatePipeline } from '../../src/pipeline/index.js';
import { applyScheduleChanges } from '../../src/schedules/apply-changes.js';
import { scheduledRunInput } from '../../src/schedules/definition.js';
import { inputProblem } from '../../src/workflows/job/validate-input.js';

const WS = '11111111-2222-3333-4444-555555555555';
const ITEM = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
const BASE = { workspaceId: WS, itemId: ITEM, jobType: 'RunNotebook' } as const;

/** A field's values as written (flag text / file value) and as the workflow input holds them. */
interface Sample {
  good: unknown;
  goodInput: unknown;
  bad: unknown;
  badInput: unknown;
}

/** One sample per field of the table: a new field must add one (the type says so). */
const SAMPLES: { [K in keyof JobSpec]-?: Sample } = {
  workspaceId: { good: '99999999-8888-7777-6666-555555555555', goodInput: '99999999-8888-7777-6666-555555555555', bad: 'Sales/Prod', badInput: 'Sales/Prod' },
  itemId: { good: '12345678-1234-1234-1234-123456789abc', goodInput: '12345678-1234-1234-1234-123456789abc', bad: 'a/b/c.Notebook', badInput: 'a/b/c.Notebook' },
  jobType: { good: 'Pipeline', goodInput: 'Pipeline', bad: 'Run Notebook', badInput: 'Run Notebook' },
  executionData: { good: { parameters: { day: { value: '1', type: 'string' } } }, goodInput: { parameters: { day: { value: '1', type: 'string' } } }, bad: [1, 2], badInput: [1, 2] },
  parameters: { good: [{ name: 'p', type: 'Text', value: 'x' }], goodInput: [{ name: 'p', type: 'Text', value: 'x' }], bad: [{ name: 'x' }], badInput: [{ name: 'x' }] },
  timeoutMs: { good: '1h30m', goodInput: 5_400_000, bad: '0s', badInput: 0 },
  pollInterval: {
    good: { min: '2s', max: '1m', fallback: '5s' },
    goodInput: { minMs: 2_000, maxMs: 60_000, fallbackMs: 5_000 },
    bad: { min: '10m', max: '1m' },
    badInput: { minMs: 600_000, maxMs: 60_000 },
  },
  onDeduped: { good: 'succeed', goodInput: 'succeed', bad: 'ignore', badInput: 'ignore' },
  runRoute: { good: 'path', goodInput: 'path', bad: 'body', badInput: 'body' },
  pool: { good: 'spark-f8', goodInput: 'spark-f8', bad: 'spark f8', badInput: 'spark f8' },
  capacityWaitMs: { good: '45s', goodInput: 45_000, bad: '0ms', badInput: 0 },
  capacityWaitMaxMs: { good: '10m', goodInput: 600_000, bad: '0s', badInput: 0 },
  connection: { good: 'sales-eu', goodInput: 'sales-eu', bad: 'sales eu', badInput: 'sales eu' },
  activityRuns: { good: 'all', goodInput: 'all', bad: 'some', badInput: 'some' },
  compute: { good: 'Jupyter', goodInput: 'Jupyter', bad: 'Python', badInput: 'Python' },
  computeConfiguration: { good: { driverCores: 8, executorMemory: '56g' }, goodInput: { driverCores: 8, executorMemory: '56g' }, bad: ['8'], badInput: ['8'] },
  sessionTag: { good: 'nightly', goodInput: 'nightly', bad: ' ', badInput: '' },
};

const rows = JOB_FIELD_LIST.map((field) => ({ name: field.input, field, sample: SAMPLES[field.input] }));

/** The command-line arguments that give `value` to `field` (one flag per part for a field of parts). */
function flagArgs(field: Field, value: unknown): string[] {
  if (field.text === 'duration-parts') {
    return field.flags.flatMap((flag) => ((value as Record<string, string>)[flag.part!] === undefined ? [] : [`--${flag.name}`, (value as Record<string, string>)[flag.part!]!]));
  }
  return [`--${field.flags[0]!.name}`, field.text === 'json' ? JSON.stringify(value) : String(value)];
}

/** The target flags (workspace, item, job type: ids, so nothing is looked up), but the field's own. */
function requiredArgs(field: JobField): string[] {
  return JOB_FIELD_LIST.filter((other) => Object.hasOwn(BASE, other.input) && other !== field).flatMap((other) => flagArgs(other, BASE[other.input as keyof typeof BASE]));
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if ((error as Error).name === 'UsageError') return [...(error as { problems: string[] }).problems];
    throw error;
  }
  return [];
}

function runStartFlags(field: JobField, value: unknown) {
  const command = addJobOptions(new Command('run')).exitOverride();
  command.parse([...requiredArgs(field), ...flagArgs(field, value)], { from: 'user' });
  let input: Record<string, unknown> | undefined;
  const problems = problemsOf(() => (input = parseJobOptions(command.opts()).input as unknown as Record<string, unknown>));
  return { input, problems };
}

async function scheduleCreateFlags(field: JobField, value: unknown) {
  const command = addDefinitionFlags(new Command('create'), false).exitOverride();
  command.parse([...requiredArgs(field), ...flagArgs(field, value), '--cron', '@daily'], { from: 'user' });
  let problems: string[] = [];
  let changes;
  try {
    changes = await parseDefinitionFlags(command.opts());
  } catch (error) {
    if ((error as Error).name !== 'UsageError') throw error;
    problems = [...(error as { problems: string[] }).problems];
  }
  if (!changes) return { input: undefined, problems };
  const applied = applyScheduleChanges(undefined, changes, { scheduleId: 's1', taskQueue: 'q', searchAttributes: false });
  if (!applied.ok) return { input: undefined, problems: applied.problems.map(describeScheduleProblem) };
  // What the schedule's action hands to fabricScheduledRun, which passes the job on to runFabricJob.
  const target = scheduledRunInput(applied.definition).target;
  return { input: target.kind === 'job' ? (target.job as unknown as Record<string, unknown>) : undefined, problems };
}

/** `schedule update` of a single-job schedule with only the field's flags: merged with the schedule's job. */
async function scheduleUpdateFlags(field: JobField, value: unknown) {
  const create = addDefinitionFlags(new Command('create'), false).exitOverride();
  create.parse([...flagArgs(JOB_FIELDS.workspaceId, BASE.workspaceId), ...flagArgs(JOB_FIELDS.itemId, BASE.itemId), ...flagArgs(JOB_FIELDS.jobType, BASE.jobType), '--cron', '@daily'], { from: 'user' });
  const created = applyScheduleChanges(undefined, await parseDefinitionFlags(create.opts()), { scheduleId: 's1', taskQueue: 'q', searchAttributes: false });
  if (!created.ok) throw new Error('the base schedule is valid');
  const update = addDefinitionFlags(new Command('update'), true).exitOverride();
  update.parse(flagArgs(field, value), { from: 'user' });
  let changes;
  try {
    changes = await parseDefinitionFlags(update.opts());
  } catch (error) {
    if ((error as Error).name !== 'UsageError') throw error;
    return { input: undefined, problems: [...(error as { problems: string[] }).problems] };
  }
  const applied = applyScheduleChanges(created.definition, changes, { scheduleId: 's1', taskQueue: 'q', searchAttributes: false });
  if (!applied.ok) return { input: undefined, problems: applied.problems.map(describeScheduleProblem) };
  const target = scheduledRunInput(applied.definition).target;
  return { input: target.kind === 'job' ? (target.job as unknown as Record<string, unknown>) : undefined, problems: [] };
}

function pipeline(field: JobField, value: unknown, where: 'step' | 'compensate') {
  const job = { item: ITEM, jobType: 'RunNotebook', [field.file]: value };
  const step = where === 'step' ? { id: 'a', ...job } : { id: 'a', item: ITEM, jobType: 'RunNotebook', compensate: job };
  const validation = validatePipeline({ name: 'p', workspace: WS, steps: [step] });
  if (!validation.ok) return { input: undefined, problems: validation.issues.map(formatIssue) };
  const resolved = resolvePipeline(validation.pipeline).steps[0]!;
  const input = where === 'step' ? resolved : resolved.compensate;
  return { input: input as unknown as Record<string, unknown>, problems: [] };
}

describe('the job table', () => {
  it('has a field for every key of the job spec, each with a flag and a file key', () => {
    expect(Object.keys(JOB_FIELDS).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const field of JOB_FIELD_LIST) {
      expect(field.flags.length, field.input).toBeGreaterThan(0);
      expect(field.file, field.input).not.toBe('');
    }
  });

  it('is documented: each field has its row in the job options table of docs/job-workflow.md, with its flags and file key', () => {
    const doc = readFileSync(new URL('../../docs/job-workflow.md', import.meta.url), 'utf8');
    for (const field of JOB_FIELD_LIST) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${field.input}\` |`));
      expect(row, field.input).toBeDefined();
      for (const flag of field.flags) expect(row, field.input).toContain(`--${flag.name}`);
      expect(row, field.input).toContain(`\`${field.file}`);
    }
  });

  it('rejects each bad sample with one rule, the same for its text form and its input form', () => {
    for (const { field, sample } of rows) {
      const fromText = fieldFromText(field, sample.bad);
      expect(fromText.ok, field.input).toBe(false);
      expect(field.check(sample.badInput)?.message, field.input).toBe(!fromText.ok && fromText.problem.message);
      expect(fieldFromText(field, sample.good), field.input).toEqual({ ok: true, value: sample.goodInput });
    }
  });
});

describe.each(rows)('job field $name', ({ field, sample }) => {
  const rule = field.check(sample.badInput)!.message;

  it('run/start flags: the good value reaches the workflow input; the bad one is refused with the rule', () => {
    expect(runStartFlags(field, sample.good)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = runStartFlags(field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--${field.flags[0]!.name}[ "].*: ${escape(rule)}$`));
  });

  it('schedule create flags: the good value reaches the scheduled run’s job; the bad one is refused with the rule', async () => {
    expect(await scheduleCreateFlags(field, sample.good)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = await scheduleCreateFlags(field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--${field.flags[0]!.name}[ "].*: ${escape(rule)}$`));
  });

  it('schedule update flags: the good value replaces the schedule job’s; the bad one is refused with the rule', async () => {
    expect(await scheduleUpdateFlags(field, sample.good)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = await scheduleUpdateFlags(field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--${field.flags[0]!.name}[ "].*: ${escape(rule)}$`));
  });

  it.each(['step', 'compensate'] as const)('pipeline %s: the good value reaches the job; the bad one is refused with the rule', (where) => {
    expect(pipeline(field, sample.good, where)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = pipeline(field, sample.bad, where);
    const path = where === 'step' ? `steps[0].${field.file}` : `steps[0].compensate.${field.file}`;
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^${escape(path)}: ${escape(rule)}( \\(got .*\\))?$`));
  });

  it('runFabricJob input: the good value passes; the bad one fails with the rule', () => {
    expect(inputProblem({ ...BASE, [field.input]: sample.goodInput })).toBeUndefined();
    expect(inputProblem({ ...BASE, [field.input]: sample.badInput })).toMatch(new RegExp(`^${escape(field.input)}( .*)?: ${escape(rule)}$`));
  });
});

// ---------------------------------------------------------------------------------------------
// The semantic model refresh's table

const SM = '22222222-2222-4222-8222-222222222222';
const REFRESH_BASE = { workspaceId: WS, semanticModelId: SM } as const;

/** One sample per field of the refresh table; the rows every kind shares take the job's samples. */
const REFRESH_SAMPLES: { [K in RefreshFieldKey]-?: Sample } = {
  workspaceId: SAMPLES.workspaceId,
  semanticModelId: { good: 'Sales', goodInput: 'Sales', bad: 'Sales.Report', badInput: 'Sales.Report' },
  timeoutMs: SAMPLES.timeoutMs,
  pollInterval: SAMPLES.pollInterval,
  // The connection is normalized when the refresh is parsed (`Sales-EU` → `sales_eu`): the sample is normalized already.
  connection: { ...SAMPLES.connection, good: 'sales_eu', goodInput: 'sales_eu' },
  pool: SAMPLES.pool,
};

const refreshRows = REFRESH_FIELD_LIST.map((field) => ({ name: field.input, field, sample: REFRESH_SAMPLES[field.input] }));

/** `refresh` as the CLI registers it (its action is not run): the flags it has, parsed by its parser. */
function refreshFlags(field: Field, value: unknown) {
  const program = new Command('fabric-temporal').exitOverride();
  registerRefreshCommand(program, { handler: () => () => undefined } as unknown as CliContext);
  const command = program.commands.find((c) => c.name() === 'refresh')!.exitOverride();
  const base = REFRESH_FIELD_LIST.filter((other) => Object.hasOwn(REFRESH_BASE, other.input) && other !== field).flatMap((other) => flagArgs(other, REFRESH_BASE[other.input as keyof typeof REFRESH_BASE]));
  program.parse(['refresh', ...base, ...flagArgs(field, value)], { from: 'user' });
  let input: Record<string, unknown> | undefined;
  const problems = problemsOf(() => (input = parseRefreshOptions(command.opts()).input as unknown as Record<string, unknown>));
  return { input, problems };
}

function refreshPipeline(field: Field, value: unknown, where: 'step' | 'compensate') {
  const refresh = { kind: 'semanticModelRefresh', semanticModel: SM, [field.file]: value };
  const step = where === 'step' ? { id: 'a', ...refresh } : { id: 'a', item: ITEM, jobType: 'RunNotebook', compensate: refresh };
  const validation = validatePipeline({ name: 'p', workspace: WS, steps: [step] });
  if (!validation.ok) return { input: undefined, problems: validation.issues.map(formatIssue) };
  const resolved = resolvePipeline(validation.pipeline).steps[0]!;
  const input = where === 'step' ? resolved.refresh : resolved.compensate?.refresh;
  return { input: input as unknown as Record<string, unknown>, problems: [] };
}

describe('the refresh table', () => {
  it('shares the rows every kind has with the job table: same file keys, flags and rules', () => {
    for (const key of ['workspaceId', 'timeoutMs', 'pollInterval', 'connection', 'pool'] as const) {
      const [refresh, job] = [REFRESH_FIELDS[key], JOB_FIELDS[key]];
      expect({ file: refresh.file, flags: refresh.flags.map((f) => f.name), text: refresh.text }, key).toEqual({ file: job.file, flags: job.flags.map((f) => f.name), text: job.text });
      expect(refresh.check(SAMPLES[key].badInput), key).toEqual(job.check(SAMPLES[key].badInput));
    }
  });

  it('rejects each bad sample with one rule, the same for its text form and its input form', () => {
    for (const { field, sample } of refreshRows) {
      const fromText = fieldFromText(field, sample.bad);
      expect(fromText.ok, field.input).toBe(false);
      expect(field.check(sample.badInput)?.message, field.input).toBe(!fromText.ok && fromText.problem.message);
      expect(fieldFromText(field, sample.good), field.input).toEqual({ ok: true, value: sample.goodInput });
    }
  });

  it('gives "min above max" one message on every surface', () => {
    const rule = JOB_FIELDS.pollInterval.check({ minMs: 600_000, maxMs: 60_000 })!.message;
    expect(refreshFlags(REFRESH_FIELDS.pollInterval, { min: '10m', max: '1m' }).problems).toEqual([`--poll-min "10m" --poll-max "1m": ${rule}`]);
    expect(runStartFlags(JOB_FIELDS.pollInterval, { min: '10m', max: '1m' }).problems).toEqual([`--poll-min "10m" --poll-max "1m": ${rule}`]);
    expect(refreshInputProblem({ ...REFRESH_BASE, pollInterval: { minMs: 600_000, maxMs: 60_000 } })).toBe(`pollInterval: ${rule}`);
    expect(inputProblem({ ...BASE, pollInterval: { minMs: 600_000, maxMs: 60_000 } })).toBe(`pollInterval: ${rule}`);
  });
});

describe('the checks that need configuration', () => {
  const names = { pools: ['spark-f8'], connections: ['default', 'sales_eu'] };
  const describePools = () => 'configured pools: spark-f8 (3 slots)';

  it('are the hook of the same rows in every kind: pool and connection, with one message each', () => {
    const configured = (fields: readonly Field[]) => fields.filter((f) => f.configured !== undefined).map((f) => [f.input, f.configured]);
    expect(configured(JOB_FIELD_LIST)).toEqual([['pool', 'pools'], ['connection', 'connections']]);
    expect(configured(REFRESH_FIELD_LIST)).toEqual([['connection', 'connections'], ['pool', 'pools']]);
    for (const fields of [JOB_FIELDS, REFRESH_FIELDS]) {
      expect(configuredProblem(fields.pool, 'spark-f8', names, describePools)).toBeUndefined();
      expect(configuredProblem(fields.pool, 'nope', names, describePools)).toBe('unknown pool "nope": configured pools: spark-f8 (3 slots)');
      expect(configuredProblem(fields.connection, 'Sales-EU', names, describePools)).toBeUndefined();
      expect(configuredProblem(fields.connection, 'finance', names, describePools)).toBe('unknown connection "finance"; the configured connections are: default, sales_eu');
      // A templated name is checked by the worker, once rendered.
      expect(configuredProblem(fields.pool, '{{ params.pool }}', names, describePools)).toBeUndefined();
    }
  });
});

describe.each(refreshRows)('refresh field $name', ({ field, sample }) => {
  const rule = field.check(sample.badInput)!.message;

  it('refresh flags: the good value reaches the workflow input; the bad one is refused with the rule', () => {
    expect(refreshFlags(field, sample.good)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = refreshFlags(field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--${field.flags[0]!.name}[ "].*: ${escape(rule)}$`));
  });

  it.each(['step', 'compensate'] as const)('pipeline refresh %s: the good value reaches the refresh; the bad one is refused with the rule', (where) => {
    expect(refreshPipeline(field, sample.good, where)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = refreshPipeline(field, sample.bad, where);
    const path = where === 'step' ? `steps[0].${field.file}` : `steps[0].compensate.${field.file}`;
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^${escape(path)}: ${escape(rule)}( \\(got .*\\))?$`));
  });

  it('semanticModelRefresh input: the good value passes; the bad one fails with the rule', () => {
    expect(refreshInputProblem({ ...REFRESH_BASE, [field.input]: sample.goodInput })).toBeUndefined();
    expect(refreshInputProblem({ ...REFRESH_BASE, [field.input]: sample.badInput })).toMatch(new RegExp(`^${escape(field.input)}( .*)?: ${escape(rule)}$`));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The released notebook route's rules across fields (notebookRouteProblems): each combination is
 * refused on every surface with the same rule, and a good one reaches every surface whole.
 */
describe('notebook route options across fields', () => {
  type Case = { name: string; job: Record<string, unknown>; field: keyof JobSpec; rule: RegExp };
  const cases: Case[] = [
    { name: 'a session tag on another route', job: { sessionTag: 't', runRoute: 'path' }, field: 'runRoute', rule: /^sessionTag goes to the released notebook route/ },
    { name: 'a notebook option on a job that is not a notebook run', job: { compute: 'Spark', jobType: 'Pipeline' }, field: 'jobType', rule: /^the notebook route runs RunNotebook jobs only/ },
    { name: 'executionData beside notebook options', job: { compute: 'Spark', executionData: { a: 1 } }, field: 'executionData', rule: /^cannot be combined with compute/ },
    { name: 'a compute configuration for DataWarehouse', job: { compute: 'DataWarehouse', computeConfiguration: { name: 'x' } }, field: 'computeConfiguration', rule: /^a DataWarehouse notebook takes no compute configuration$/ },
    { name: 'high concurrency on Jupyter', job: { compute: 'Jupyter', sessionTag: 't' }, field: 'sessionTag', rule: /^high-concurrency mode is for Spark notebooks, not Jupyter$/ },
    { name: 'high concurrency set twice', job: { sessionTag: 't', computeConfiguration: { highConcurrencyModeOptions: { enabled: true } } }, field: 'sessionTag', rule: /^high-concurrency mode is set twice/ },
  ];
  const asText = (job: Record<string, unknown>) => Object.fromEntries(Object.entries(job).map(([key, value]) => [key, value]));
  const flagsOf = (job: Record<string, unknown>) =>
    Object.entries(asText(job)).flatMap(([key, value]) => flagArgs(JOB_FIELDS[key as keyof JobSpec] as JobField, value));
  const base = (job: Record<string, unknown>) => ({ ...BASE, ...job });

  it.each(cases)('$name: refused by run/start flags, schedule create, a pipeline step and the workflow input', async ({ job, field, rule }) => {
    const spec = base(job);
    const command = addJobOptions(new Command('run')).exitOverride();
    command.parse(flagsOf(spec), { from: 'user' });
    const run = problemsOf(() => parseJobOptions(command.opts()));
    const flag = `--${JOB_FIELDS[field].flags[0]!.name}`;
    expect(run).toHaveLength(1);
    expect(run[0]!.startsWith(`${flag}: `), run[0]).toBe(true);
    expect(run[0]!.slice(flag.length + 2)).toMatch(rule);

    const schedule = addDefinitionFlags(new Command('create'), false).exitOverride();
    schedule.parse([...flagsOf(spec), '--cron', '@daily'], { from: 'user' });
    const changes = await parseDefinitionFlags(schedule.opts());
    const applied = applyScheduleChanges(undefined, changes, { scheduleId: 's1', taskQueue: 'q', searchAttributes: false });
    expect(applied.ok).toBe(false);
    const scheduleProblems = applied.ok ? [] : applied.problems.map(describeScheduleProblem);
    expect(scheduleProblems).toHaveLength(1);
    expect(scheduleProblems[0]!.slice(scheduleProblems[0]!.indexOf(': ') + 2)).toMatch(rule);

    const fileJob = Object.fromEntries(Object.entries(spec).map(([key, value]) => [JOB_FIELDS[key as keyof JobSpec].file, value]));
    const validation = validatePipeline({ name: 'p', workspace: WS, steps: [{ id: 'a', ...fileJob, workspace: undefined }] });
    const issues = validation.ok ? (() => { try { resolvePipeline(validation.pipeline); return []; } catch (error) { return (error as { issues: Parameters<typeof formatIssue>[0][] }).issues.map(formatIssue); } })() : validation.issues.map(formatIssue);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.startsWith(`steps[0].${JOB_FIELDS[field].file}: `), issues[0]).toBe(true);
    expect(issues[0]!.slice(`steps[0].${JOB_FIELDS[field].file}: `.length)).toMatch(rule);

    const workflow = inputProblem(spec);
    expect(workflow?.startsWith(`${field}`), workflow).toBe(true);
    expect(workflow!.slice(workflow!.indexOf(': ') + 2)).toMatch(rule);
  });

  it('notebook options with a notebook job reach every surface whole', async () => {
    const spec = base({ compute: 'Spark', computeConfiguration: { driverCores: 8 }, sessionTag: 'nightly', runRoute: 'notebook' });
    const command = addJobOptions(new Command('run')).exitOverride();
    command.parse(flagsOf(spec), { from: 'user' });
    expect(parseJobOptions(command.opts()).input).toMatchObject(spec);
    expect(inputProblem(spec)).toBeUndefined();
  });
});
