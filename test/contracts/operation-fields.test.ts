/**
 * The field table of the long-running operation kinds (src/contracts/operation-fields.ts): each of
 * its rows (timeout, poll interval, connection, pool) goes through every surface that defines an
 * operation run — the flags of each kind's command, a pipeline step and a compensation of each
 * kind, `schedule create --operation`, and the `fabricOperation` input check — with the same good
 * value mapped to the same input and one bad value refused with the same rule everywhere; and the
 * rows are the ones every kind shares (same keys, flags and rules as the job table).
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { operationCommand, parseOperationFlags, registerOperationCommands } from '../../src/commands/operation/index.js';
import type { CliContext } from '../../src/commands/context.js';
import { addDefinitionFlags, parseDefinitionFlags } from '../../src/commands/schedule/definition-flags.js';
import { describeScheduleProblem } from '../../src/commands/schedule/problems.js';
import { OPERATION_KINDS, type OperationKind } from '../../src/contracts/fabric-operation.js';
import { fieldFromText, type Field } from '../../src/contracts/fields.js';
import { JOB_FIELDS } from '../../src/contracts/job.js';
import { OPERATION_FIELD_LIST, OPERATION_FIELDS, type OperationFieldKey } from '../../src/contracts/operation-fields.js';
import { formatIssue, resolvePipeline, validatePipeline } from '../../src/pipeline/index.js';
import { applyScheduleChanges } from '../../src/schedules/apply-changes.js';
import { scheduledRunInput } from '../../src/schedules/definition.js';
import { operationInputProblems } from '../../src/workflows/operation/validate-input.js';

const WS = '11111111-2222-3333-4444-555555555555';
const ID = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

interface Sample {
  good: unknown;
  goodInput: unknown;
  bad: unknown;
  badInput: unknown;
}

const SAMPLES: { [K in OperationFieldKey]-?: Sample } = {
  timeoutMs: { good: '1h30m', goodInput: 5_400_000, bad: '0s', badInput: 0 },
  pollInterval: { good: { min: '2s', max: '1m', fallback: '5s' }, goodInput: { minMs: 2_000, maxMs: 60_000, fallbackMs: 5_000 }, bad: { min: '10m', max: '1m' }, badInput: { minMs: 600_000, maxMs: 60_000 } },
  connection: { good: 'sales_eu', goodInput: 'sales_eu', bad: 'sales eu', badInput: 'sales eu' },
  pool: { good: 'spark-f8', goodInput: 'spark-f8', bad: 'spark f8', badInput: 'spark f8' },
};

/** Each kind's own fields: as a pipeline step / `--operation` writes them, as flags, and as the input holds them. */
const KIND_BASE: Record<OperationKind, { file: Record<string, unknown>; flags: string[]; input: Record<string, unknown> }> = {
  sqlEndpointRefreshMetadata: { file: { workspace: WS, sqlEndpoint: ID }, flags: ['--workspace', WS, '--sql-endpoint', ID], input: { workspaceId: WS, sqlEndpointId: ID } },
  lakehouseLoadTable: {
    file: { workspace: WS, lakehouse: ID, table: 'sales', path: 'Files/in' },
    flags: ['--workspace', WS, '--lakehouse', ID, '--table', 'sales', '--path', 'Files/in'],
    input: { workspaceId: WS, lakehouseId: ID, tableName: 'sales', request: { relativePath: 'Files/in', pathType: 'File' } },
  },
  deploymentPipelineDeploy: { file: { pipeline: ID, from: 'Dev', to: 'Test' }, flags: ['--pipeline', ID, '--from', 'Dev', '--to', 'Test'], input: { deploymentPipelineId: ID, sourceStage: 'Dev', targetStage: 'Test' } },
  fabricOperation: { file: { path: `/workspaces/${WS}/items/${ID}/getDefinition` }, flags: ['--path', `/workspaces/${WS}/items/${ID}/getDefinition`], input: { path: `/workspaces/${WS}/items/${ID}/getDefinition` } },
};

function flagArgs(field: Field, value: unknown): string[] {
  if (field.text === 'duration-parts') {
    return field.flags.flatMap((flag) => ((value as Record<string, string>)[flag.part!] === undefined ? [] : [`--${flag.name}`, (value as Record<string, string>)[flag.part!]!]));
  }
  return [`--${field.flags[0]!.name}`, String(value)];
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

/** The kind's command as the CLI registers it (its action is not run): the flags it has, parsed by its parser. */
function commandFlags(kind: OperationKind, field: Field, value: unknown) {
  const spec = operationCommand(kind);
  const program = new Command('fabric-temporal').exitOverride();
  registerOperationCommands(program, { handler: () => () => undefined } as unknown as CliContext);
  const command = program.commands.find((c) => c.name() === spec.group)!.commands.find((c) => c.name() === spec.name)!.exitOverride();
  program.parse([spec.group, spec.name, ...KIND_BASE[kind].flags, ...flagArgs(field, value)], { from: 'user' });
  let input: Record<string, unknown> | undefined;
  const problems = problemsOf(() => (input = parseOperationFlags(spec, command.opts()).input as unknown as Record<string, unknown>));
  return { input, problems };
}

function pipeline(kind: OperationKind, field: Field, value: unknown, where: 'step' | 'compensate') {
  const entry = { kind, ...KIND_BASE[kind].file, [field.file]: value };
  const step = where === 'step' ? { id: 'a', ...entry } : { id: 'a', item: ID, jobType: 'RunNotebook', compensate: entry };
  const validation = validatePipeline({ name: 'p', workspace: WS, steps: [step] });
  if (!validation.ok) return { input: undefined, problems: validation.issues.map(formatIssue) };
  const resolved = resolvePipeline(validation.pipeline).steps[0]!;
  const input = where === 'step' ? resolved.operation : resolved.compensate?.operation;
  return { input: input as unknown as Record<string, unknown>, problems: [] };
}

async function schedule(kind: OperationKind, field: Field, value: unknown) {
  const command = addDefinitionFlags(new Command('create'), false).exitOverride();
  command.parse(['--operation', JSON.stringify({ kind, ...KIND_BASE[kind].file, [field.file]: value }), '--cron', '@daily'], { from: 'user' });
  let changes;
  try {
    changes = await parseDefinitionFlags(command.opts());
  } catch (error) {
    if ((error as Error).name !== 'UsageError') throw error;
    return { input: undefined, problems: [...(error as { problems: string[] }).problems] };
  }
  const applied = applyScheduleChanges(undefined, changes, { scheduleId: 's1', taskQueue: 'q', searchAttributes: false });
  if (!applied.ok) return { input: undefined, problems: applied.problems.map(describeScheduleProblem) };
  const target = scheduledRunInput(applied.definition).target;
  return { input: target.kind === 'operation' ? (target.operation as unknown as Record<string, unknown>) : undefined, problems: [] };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the operation table', () => {
  it('holds the rows every kind shares: same file keys, flags, text forms and rules as the job table', () => {
    expect(OPERATION_FIELD_LIST.map((f) => f.input)).toEqual(['timeoutMs', 'pollInterval', 'connection', 'pool']);
    for (const field of OPERATION_FIELD_LIST) {
      const job = JOB_FIELDS[field.input];
      expect({ file: field.file, flags: field.flags.map((f) => f.name), text: field.text, configured: field.configured }, field.input).toEqual({
        file: job.file, flags: job.flags.map((f) => f.name), text: job.text, configured: job.configured,
      });
      expect(field.check(SAMPLES[field.input].badInput), field.input).toEqual(job.check(SAMPLES[field.input].badInput));
      const fromText = fieldFromText(field, SAMPLES[field.input].bad);
      expect(!fromText.ok && fromText.problem.message, field.input).toBe(field.check(SAMPLES[field.input].badInput)!.message);
    }
    expect(OPERATION_FIELDS.timeoutMs.flags[0]!.help).toContain('Fabric cannot cancel the operation');
  });
});

const rows = OPERATION_KINDS.flatMap((kind) => OPERATION_FIELD_LIST.map((field) => ({ name: `${kind} ${field.input}`, kind, field, sample: SAMPLES[field.input] })));

describe.each(rows)('$name', ({ kind, field, sample }) => {
  const rule = field.check(sample.badInput)!.message;

  it('command flags: the good value reaches the input; the bad one is refused with the rule', () => {
    expect(commandFlags(kind, field, sample.good)).toEqual({ input: expect.objectContaining({ kind, ...KIND_BASE[kind].input, [field.input]: sample.goodInput }), problems: [] });
    const bad = commandFlags(kind, field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--${field.flags[0]!.name}[ "].*: ${escape(rule)}$`));
  });

  it.each(['step', 'compensate'] as const)('pipeline %s: the good value reaches the operation; the bad one is refused with the rule', (where) => {
    expect(pipeline(kind, field, sample.good, where)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = pipeline(kind, field, sample.bad, where);
    const path = where === 'step' ? `steps[0].${field.file}` : `steps[0].compensate.${field.file}`;
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^${escape(path)}: ${escape(rule)}( \\(got .*\\))?$`));
  });

  it('schedule create --operation: the good value reaches the scheduled operation; the bad one is refused with the rule', async () => {
    expect(await schedule(kind, field, sample.good)).toEqual({ input: expect.objectContaining({ [field.input]: sample.goodInput }), problems: [] });
    const bad = await schedule(kind, field, sample.bad);
    expect(bad.problems).toHaveLength(1);
    expect(bad.problems[0]).toMatch(new RegExp(`^--operation: ${escape(field.file)}: ${escape(rule)}( \\(got .*\\))?$`));
  });

  it('fabricOperation input: the good value passes; the bad one fails with the rule', () => {
    const input = { kind, ...KIND_BASE[kind].input };
    expect(operationInputProblems({ ...input, [field.input]: sample.goodInput } as never)).toEqual([]);
    expect(operationInputProblems({ ...input, [field.input]: sample.badInput } as never)).toEqual([expect.stringMatching(new RegExp(`^${escape(field.input)}( .*)?: ${escape(rule)}$`))]);
  });
});
