/**
 * The one check of the names a run's fields must find in the CLI's configuration (the fields with a
 * `configured` hook in their kind's table, src/contracts/fields.ts: pool, connection), for every
 * command that starts or stores a run: `run`, `start`, `refresh`, `pipeline run`, `schedule create`
 * and `schedule update`. An unknown name exits 2 before anything starts, naming the configured ones.
 */
import { describeConfiguredPools } from '../config.js';
import { configuredProblem, type ConfiguredNames, type Field } from '../contracts/fields.js';
import { JOB_FIELD_LIST } from '../contracts/job.js';
import type { FabricPipelineInput, PipelineJobSpec } from '../contracts/pipeline.js';
import { REFRESH_FIELD_LIST } from '../contracts/refresh-fields.js';
import { OPERATION_FIELD_LIST } from '../contracts/operation-fields.js';
import type { CliContext } from './context.js';
import { UsageError } from './errors.js';

/** One value to check: where it is named (a flag, a path in a file), its field, the value. */
export interface ConfiguredUse {
  where: string;
  field: Field;
  value: unknown;
}

/** The uses of the configured fields of `spec` (the kind's `fields`); `where` words each field's place. */
export function configuredUses(fields: readonly Field[], spec: object, where: (field: Field) => string): ConfiguredUse[] {
  return fields.filter((field) => field.configured !== undefined).map((field) => ({ where: where(field), field, value: (spec as Record<string, unknown>)[field.input] }));
}

/** Where a flag names a field: `--pool`, `--connection`. */
export const asFlag = (field: Field): string => `--${field.flags[0]!.name}`;

/** The uses of a pipeline's steps and compensations, each with its kind's fields: `pipeline.yaml: steps[0] (a).pool`. */
export function pipelineConfiguredUses(pipeline: Pick<FabricPipelineInput, 'steps'>, source: string): ConfiguredUse[] {
  const ofSpec = (spec: PipelineJobSpec | undefined, path: string) => {
    if (!spec) return [];
    // A refresh step holds the refresh's fields in `refresh`, an operation step the operation's in `operation`; a job step's are its own.
    if (spec.refresh) return configuredUses(REFRESH_FIELD_LIST, spec.refresh, (f) => `${path}.${f.file}`);
    if (spec.operation) return configuredUses(OPERATION_FIELD_LIST, spec.operation, (f) => `${path}.${f.file}`);
    return configuredUses(JOB_FIELD_LIST, spec, (f) => `${path}.${f.file}`);
  };
  return pipeline.steps.flatMap((step, i) => {
    const path = `${source}: steps[${i}] (${step.id})`;
    return [...ofSpec(step, path), ...ofSpec(step.compensate, `${path}.compensate`)];
  });
}

/** @throws UsageError (exit 2) listing every name the configuration does not have; nothing was started. */
export function assertConfiguredNames(ctx: CliContext, uses: readonly ConfiguredUse[]): void {
  const given = uses.filter((use) => use.value !== undefined);
  if (given.length === 0) return;
  const config = ctx.config();
  const names: ConfiguredNames = { pools: Object.keys(config.pools.slots), connections: config.connections.names };
  const problems = given.flatMap(({ where, field, value }) => {
    const problem = configuredProblem(field, value, names, () => describeConfiguredPools(config.pools.slots));
    return problem === undefined ? [] : [`${where}: ${problem}; nothing was started`];
  });
  if (problems.length > 0) throw new UsageError(problems);
}
