/**
 * The shape of a pipeline file (zod). Structure and field types only; the checks that need the
 * whole file (ids, needs, cycles, templates, workspaces) live in semantics.ts.
 * Unknown fields are errors everywhere (strict objects), so a typo never passes silently.
 */
import { z } from 'zod';
import { JOB_FIELD_LIST, JOB_FIELDS, POLL_INTERVAL_PARTS } from '../contracts/job.js';
import { NAME_PATTERN } from '../templates.js';
import { duration, fieldSchema } from './field-schema.js';
import { isRefreshEntry, REFRESH_KIND, refreshFieldsShape, refreshJobSchema } from './refresh-step.js';
import { isOperationEntry, OPERATION_FIELDS, OPERATION_KINDS, operationEntrySchema } from './operation-step.js';
import { environmentsSchema } from './environments.js';

const NAME_RULE = 'must start with a letter or "_" and hold only letters, digits, "_" and "-"';

const name = z.string().max(64, { error: 'must be at most 64 characters' }).regex(NAME_PATTERN, { error: NAME_RULE });

/** The job table's fields, under their pipeline-file keys; `optional`: those a file may leave out though the job needs them. */
function jobShape(optional: readonly string[]): Record<string, z.ZodType> {
  return Object.fromEntries(JOB_FIELD_LIST.map((field) => [field.file, fieldSchema(field, !field.required || optional.includes(field.file))]));
}

/**
 * A job as a step or a compensation writes it: the fields of the job table under their file keys
 * (src/contracts/job.ts). `workspace` may come from the step or the pipeline.
 */
export interface PipelineFileJob {
  workspace?: string;
  item: string;
  jobType: string;
  readonly [fileKey: string]: unknown;
}

const retry = z.strictObject({
  maximumAttempts: z.int().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }),
  initialInterval: duration.optional(),
  backoffCoefficient: z.number().min(1, { error: 'must be at least 1' }).optional(),
  maximumInterval: duration.optional(),
});

export interface PipelineFileStep extends PipelineFileJob {
  id: string;
  description?: string;
  needs?: string[];
  retry?: z.infer<typeof retry>;
  continueOnFailure?: boolean;
  compensate?: PipelineFileCompensation;
  /** A condition (docs/pipelines.md, "Conditional steps"); its syntax and references are checked in semantics.ts. */
  when?: string;
}
export type PipelineFileCompensation = PipelineFileJob;

/**
 * A step or compensation is a Fabric job (`kind: job`, the default), a semantic model refresh
 * (`kind: semanticModelRefresh`, src/pipeline/refresh-step.ts) or a Fabric long-running operation
 * (`kind: sqlEndpointRefreshMetadata` and the other operation kinds, src/pipeline/operation-step.ts):
 * each kind has its own strict fields.
 */
function byKind(refresh: z.ZodType, job: z.ZodType, extra: Record<string, z.ZodType> = {}): z.ZodType {
  const operations = Object.fromEntries(OPERATION_KINDS.map((kind) => [kind, operationEntrySchema(kind, extra)]));
  return z.unknown().transform((value, ctx) => {
    const schema = isRefreshEntry(value) ? refresh : isOperationEntry(value) ? operations[value.kind]! : job;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  });
}

const kindJob = z.literal('job', { error: `must be job (the default), ${REFRESH_KIND} or ${OPERATION_KINDS.join(', ')}` }).optional();
const compensateShape = { kind: kindJob, ...jobShape(['workspace']) };
const compensate = byKind(refreshJobSchema, z.strictObject(compensateShape));

const stepCommon = {
  id: name,
  description: z.string().optional(),
  needs: z.array(z.string()).optional(),
  retry: retry.optional(),
  continueOnFailure: z.boolean().optional(),
  compensate: compensate.optional(),
  when: z.string().trim().min(1, { error: 'must not be empty' }).optional(),
};
const stepShape = { ...stepCommon, kind: kindJob, ...jobShape(['workspace']) };
const step = byKind(z.strictObject({ ...stepCommon, ...refreshFieldsShape }), z.strictObject(stepShape), stepCommon) as unknown as z.ZodType<PipelineFileStep>;

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'must be a string, a number, a boolean or null (null: required at run time)',
});

/** The default poll interval of every step (a step may set its own). */
const pollInterval = fieldSchema(JOB_FIELDS.pollInterval, true) as z.ZodOptional<z.ZodType<{ min?: string; max?: string; fallback?: string }>>;

export const pipelineFileSchema = z.strictObject({
  name: z
    .string()
    .max(100, { error: 'must be at most 100 characters' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"' }),
  description: z.string().optional(),
  workspace: fieldSchema(JOB_FIELDS.workspaceId, true) as z.ZodOptional<z.ZodType<string>>,
  /** The pool of every step and compensation that names none of its own. */
  pool: fieldSchema(JOB_FIELDS.pool, true) as z.ZodOptional<z.ZodType<string>>,
  /** The connection of every step that names none. */
  connection: fieldSchema(JOB_FIELDS.connection, true) as z.ZodOptional<z.ZodType<string>>,
  params: z.record(z.string().regex(NAME_PATTERN, { error: `param names ${NAME_RULE}` }), paramValue).optional(),
  /** Values per environment, selected with --env (see environments.ts). */
  environments: environmentsSchema.optional(),
  maxParallel: z.int().min(1, { error: 'must be at least 1' }).optional(),
  onFailure: z.enum(['fail', 'pause']).optional(),
  pollInterval,
  steps: z.array(step).min(1, { error: 'a pipeline needs at least one step' }),
});

/** A pipeline file as written (durations still strings, defaults not applied). */
export type PipelineFile = z.infer<typeof pipelineFileSchema>;

/** Field names per object kind, for "did you mean" hints on unknown fields. */
export const KNOWN_FIELDS = {
  pipeline: Object.keys(pipelineFileSchema.shape),
  step: [...new Set([...Object.keys(stepShape), ...Object.keys(refreshFieldsShape), ...OPERATION_FIELDS])],
  compensate: [...new Set([...Object.keys(compensateShape), ...Object.keys(refreshFieldsShape), ...OPERATION_FIELDS])],
  retry: Object.keys(retry.shape),
  pollInterval: Object.keys(POLL_INTERVAL_PARTS),
};
