/** `schedule create <scheduleId>`: a Temporal Schedule that runs a pipeline or one job, with logical dates. */
import type { Client } from '@temporalio/client';
import type { Command } from 'commander';
import { applyScheduleChanges, type ScheduleChanges } from '../../schedules/apply-changes.js';
import { buildScheduleOptions, scheduledRunInput, type ScheduleDefinition } from '../../schedules/definition.js';
import { DEFAULT_TASK_QUEUE } from '../../shared.js';
import type { CliContext } from '../context.js';
import { asFlag, assertConfiguredNames, configuredUses, pipelineConfiguredUses, type ConfiguredUse } from '../configured-names.js';
import { JOB_FIELD_LIST } from '../../contracts/job.js';
import { OPERATION_FIELD_LIST } from '../../contracts/operation-fields.js';
import { UsageError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { jobReference, needsResolution, pipelineTargets } from '../../names/index.js';
import { operationReference } from '../../names/job-targets.js';
import { operationNamedTarget } from '../../contracts/fabric-operation.js';
import { checkTargets, describeResolved } from '../fabric-names.js';
import { ProblemCollector } from '../parse/collect.js';
import { assertPayloadFits } from '../payload-limit.js';
import { addDefinitionFlags, parseDefinitionFlags, type RawDefinitionFlags } from './definition-flags.js';
import { describeScheduleProblem } from './problems.js';
import { describeTarget, describeWhen, inZone } from './render.js';
import { asSpecError, describeSchedule, parseScheduleId } from './schedule-access.js';
import { scheduleView } from './view.js';

/** Parses the id and the flags together, so that one call reports every bad input. */
export async function parseIdAndFlags(rawId: string, raw: RawDefinitionFlags): Promise<{ scheduleId: string; changes: ScheduleChanges }> {
  const c = new ProblemCollector();
  const scheduleId = c.take(() => parseScheduleId(rawId));
  const changes = await c.takeAsync(() => parseDefinitionFlags(raw));
  c.throwIfAny();
  return { scheduleId: scheduleId!, changes: changes! };
}

/** Prints what was created or updated: the `describe` JSON, or one line. */
export async function reportSchedule(ctx: CliContext, client: Client, scheduleId: string, verb: string, json: boolean): Promise<void> {
  const view = await scheduleView(client, await describeSchedule(client, scheduleId));
  if (json) return ctx.json(view);
  const next = view.nextRuns[0];
  const nextText = next ? `; next run ${inZone(next.at, view.timeZone)}${next.logicalDate ? ` (logical date ${next.logicalDate})` : ''}` : '';
  ctx.info(`${verb} schedule ${scheduleId}: ${describeTarget(view.target)}, ${describeWhen(view)}${view.paused ? ' (paused)' : ''}${nextText}`);
}

/**
 * The schedule's action input (one payload per run) and, for a pipeline, the file kept in the
 * action's memo (another payload) must each fit Temporal's payload size limit: checked before the
 * schedule is created or changed (exit 2 naming the limit and the biggest field).
 */
export function assertScheduleFits(definition: ScheduleDefinition): void {
  const { target } = definition;
  if (target.kind === 'job') {
    assertPayloadFits(scheduledRunInput(definition), { '--execution-data': target.job.executionData, '--parameters': target.job.parameters });
    return;
  }
  if (target.kind === 'operation') {
    assertPayloadFits(scheduledRunInput(definition), { '--operation': target.operation });
    return;
  }
  const steps = Object.fromEntries(target.pipeline.steps.map((step, i) => [`${target.source}: steps[${i}] (${step.id})`, step]));
  assertPayloadFits(scheduledRunInput(definition), { '--param (params)': target.pipeline.params, ...steps });
  assertPayloadFits({ file: target.file, source: target.source, params: target.params }, { [target.source]: target.file, '--param': target.params });
}

/**
 * The pools and connections the schedule's job (or its pipeline's steps) names must be configured:
 * else exit 2, nothing created or changed (src/commands/configured-names.ts, for create and update).
 * For an update, `previous` is the schedule as it was: only what the update changes is checked (a
 * schedule whose pool is no longer configured can still get a new cron).
 */
export function assertScheduleNamesConfigured(ctx: CliContext, definition: ScheduleDefinition, previous?: ScheduleDefinition): void {
  const { target } = definition;
  const uses =
    target.kind === 'job'
      ? configuredUses(JOB_FIELD_LIST, target.job, asFlag)
      : target.kind === 'operation'
        ? configuredUses(OPERATION_FIELD_LIST, target.operation, (f) => `--operation ${f.file}`)
        : pipelineConfiguredUses(target.pipeline, target.source);
  const before = previous?.target;
  const unchanged = (use: ConfiguredUse): boolean => {
    if (before === undefined || before.kind !== target.kind) return false;
    if (before.kind === 'job') return (before.job as unknown as Record<string, unknown>)[use.field.input] === use.value;
    if (before.kind === 'operation') return (before.operation as unknown as Record<string, unknown>)[use.field.input] === use.value;
    return pipelineConfiguredUses(before.pipeline, before.source).some((old) => old.where === use.where && old.value === use.value);
  };
  assertConfiguredNames(ctx, uses.filter((use) => !unchanged(use)));
}

function definitionFor(ctx: CliContext, scheduleId: string, changes: ScheduleChanges): ScheduleDefinition {
  // Check the input before the configuration is needed; then build with the configured task queue.
  const probe = applyScheduleChanges(undefined, changes, { scheduleId, taskQueue: DEFAULT_TASK_QUEUE, searchAttributes: false });
  if (!probe.ok) throw new UsageError(probe.problems.map(describeScheduleProblem));
  assertScheduleNamesConfigured(ctx, probe.definition);
  const { jobs } = ctx.config();
  const result = applyScheduleChanges(undefined, changes, { scheduleId, taskQueue: jobs.taskQueue, searchAttributes: jobs.searchAttributes });
  if (!result.ok) throw new UsageError(result.problems.map(describeScheduleProblem));
  assertScheduleFits(result.definition);
  return result.definition;
}

/**
 * Names in the schedule's job or pipeline are checked now (an unknown one exits 2 with the closest
 * names; nothing is created); the schedule stores the names, and each run resolves them again.
 */
async function checkScheduleNames(ctx: CliContext, definition: ScheduleDefinition): Promise<void> {
  const { target } = definition;
  if (target.kind === 'operation') {
    // A lakehouse or SQL endpoint given by name (other operation targets are ids).
    const named = operationNamedTarget(target.operation);
    if (!named) return;
    const resolved = await checkTargets(ctx, { operation: operationReference(named, '--operation ', target.operation.connection) });
    ctx.info(`Resolved operation: ${describeResolved(resolved.operation!)}`);
    return;
  }
  const targets = target.kind === 'job' ? (needsResolution(target.job) ? { job: jobReference(target.job) } : {}) : pipelineTargets(target.pipeline.steps, target.pipeline.params ?? {});
  for (const [key, resolved] of Object.entries(await checkTargets(ctx, targets))) ctx.info(`Resolved ${key}: ${describeResolved(resolved)}`);
}

export function registerScheduleCreate(group: Command, ctx: CliContext): void {
  const command = group
    .command('create')
    .description('create a schedule that runs a pipeline (--pipeline), one Fabric job (--workspace --item --job-type) or one Fabric long-running operation (--operation)')
    .argument('<scheduleId>', 'a name for the schedule, e.g. nightly-sales');
  addDefinitionFlags(command, false).action(
    ctx.handler(async (rawId: string, raw: RawDefinitionFlags & { json?: boolean }) => {
      const { scheduleId, changes } = await parseIdAndFlags(rawId, raw);
      const definition = definitionFor(ctx, scheduleId, changes);
      await checkScheduleNames(ctx, definition);
      const client = await ctx.client();
      try {
        await client.schedule.create(buildScheduleOptions(definition));
      } catch (error) {
        if ((error as Error | null)?.name === 'ScheduleAlreadyRunning') {
          throw new UsageError(`schedule ${JSON.stringify(scheduleId)} already exists; change it with \`fabric-temporal schedule update ${scheduleId}\` or remove it with \`schedule delete\``);
        }
        throw asSpecError(error);
      }
      await reportSchedule(ctx, client, scheduleId, 'Created', raw.json === true);
      return EXIT.ok;
    }),
  );
}
