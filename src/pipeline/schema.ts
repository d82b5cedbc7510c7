/**
 * The shape of a pipeline file (zod). Structure and field types only; the checks that need the
 * whole file (ids, needs, cycles, templates, workspaces) live in semantics.ts.
 * Unknown fields are errors everywhere (strict objects), so a typo never passes silently.
 */
import { z } from 'zod';
import { JOB_FIELD_LIST, JOB_FIELDS, POLL_INTERVAL_PARTS } from '../contracts/job.js';
import { NAME_PATTERN } from '../templates.js';
import { duration, fieldSchema } from './field-schema.js';
import { REFRESH_KIND, refreshFieldsShape } from './refresh-step.js';
import { OPERATION_FIELDS, OPERATION_KINDS, operationEntrySchema } from './operation-step.js';
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
 * The step kinds besides `job` (the default): each its schema — the strict shape of its own fields
 * (its field table's rows and its request options, plus `kind`), and for the long-running operation
 * kinds (src/pipeline/operation-step.ts) the kind's rules across fields — and the keys it knows. A new
 * kind adds its entry here; a step or compensation is checked against the schema its `kind` names.
 */
interface StepKind {
  /** The kind's schema, given the keys every step has besides its kind's (`common`; none for a compensation). */
  schema(common: Readonly<Record<string, z.ZodType>>): z.ZodType;
  keys: readonly string[];
}
const STEP_KINDS: Readonly<Record<string, StepKind>> = {
  [REFRESH_KIND]: { schema: (common) => z.strictObject({ ...common, ...refreshFieldsShape }), keys: Object.keys(refreshFieldsShape) },
  ...Object.fromEntries(OPERATION_KINDS.map((kind): [string, StepKind] => [kind, { schema: (common) => operationEntrySchema(kind, common), keys: OPERATION_FIELDS }])),
};
const OTHER_KINDS = Object.keys(STEP_KINDS);

/** A step or compensation: its kind's strict fields (`common`: a step's own keys, none for a compensation). */
function byKind(common: Readonly<Record<string, z.ZodType>>, job: z.ZodType): z.ZodType {
  const schemas = new Map(OTHER_KINDS.map((kind) => [kind, STEP_KINDS[kind]!.schema(common)]));
  return z.unknown().transform((value, ctx) => {
    const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
    const parsed = ((typeof kind === 'string' && schemas.get(kind)) || job).safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue(issue as never);
    return z.NEVER;
  });
}

const kindJob = z.literal('job', { error: `must be job (the default) or ${OTHER_KINDS.join(', ')}` }).optional();
const compensateShape = { kind: kindJob, ...jobShape(['workspace']) };
const compensate = byKind({}, z.strictObject(compensateShape));

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
const step = byKind(stepCommon, z.strictObject(stepShape)) as unknown as z.ZodType<PipelineFileStep>;

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
  step: [...new Set([...Object.keys(stepShape), ...Object.values(STEP_KINDS).flatMap((kind) => kind.keys)])],
  compensate: [...new Set([...Object.keys(compensateShape), ...Object.values(STEP_KINDS).flatMap((kind) => kind.keys)])],
  retry: Object.keys(retry.shape),
  pollInterval: Object.keys(POLL_INTERVAL_PARTS),
};
