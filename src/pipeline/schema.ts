/**
 * The shape of a pipeline file (zod). Structure and field types only; the checks that need the
 * whole file (ids, needs, cycles, templates, workspaces) live in semantics.ts.
 * Unknown fields are errors everywhere (strict objects), so a typo never passes silently.
 */
import { z } from 'zod';
import { DEFAULT_POLL_INTERVAL, isUuid } from '../shared.js';
import { hasTemplate, NAME_PATTERN } from '../templates.js';
import { durationProblem, formatDuration, parsePipelineDuration } from './duration.js';
import { environmentsSchema } from './environments.js';

const NAME_RULE = 'must start with a letter or "_" and hold only letters, digits, "_" and "-"';

const name = z.string().max(64, { error: 'must be at most 64 characters' }).regex(NAME_PATTERN, { error: NAME_RULE });

/** A Fabric id: a UUID, or a template that must render to one (checked once params are known). */
const uuidOrTemplate = z.string().refine((value) => isUuid(value) || hasTemplate(value), {
  error: (issue) => `not a UUID: ${JSON.stringify(issue.input)}`,
});

const duration = z.string().refine((value) => (parsePipelineDuration(value) ?? 0) > 0, {
  error: (issue) =>
    parsePipelineDuration(String(issue.input)) === 0 ? 'must be longer than 0' : durationProblem(issue.input),
});

const jobType = z.string().refine((value) => value.trim() !== '', { error: 'must not be empty' });

const jsonObject = z.record(z.string(), z.unknown());

const jobParameter = z.strictObject({ name: z.string().min(1, { error: 'must not be empty' }), type: z.string(), value: z.unknown() });

const retry = z.strictObject({
  maximumAttempts: z.int().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }),
  initialInterval: duration.optional(),
  backoffCoefficient: z.number().min(1, { error: 'must be at least 1' }).optional(),
  maximumInterval: duration.optional(),
});

const compensate = z.strictObject({
  item: uuidOrTemplate,
  workspace: uuidOrTemplate.optional(),
  jobType,
  executionData: jsonObject.optional(),
  parameters: z.array(jobParameter).optional(),
  timeout: duration.optional(),
});

const step = z.strictObject({
  id: name,
  description: z.string().optional(),
  item: uuidOrTemplate,
  workspace: uuidOrTemplate.optional(),
  jobType,
  executionData: jsonObject.optional(),
  parameters: z.array(jobParameter).optional(),
  needs: z.array(z.string()).optional(),
  timeout: duration.optional(),
  retry: retry.optional(),
  continueOnFailure: z.boolean().optional(),
  compensate: compensate.optional(),
});

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.null()], {
  error: 'must be a string, a number, a boolean or null (null: required at run time)',
});

/** min ≤ max, defaults included: every step's runFabricJob refuses the input otherwise. */
const pollInterval = z
  .strictObject({ min: duration.optional(), max: duration.optional(), fallback: duration.optional() })
  .superRefine(({ min, max }, ctx) => {
    const minMs = min === undefined ? DEFAULT_POLL_INTERVAL.minMs : parsePipelineDuration(min);
    const maxMs = max === undefined ? DEFAULT_POLL_INTERVAL.maxMs : parsePipelineDuration(max);
    // An invalid duration is reported by its own field.
    if (minMs === undefined || maxMs === undefined || minMs <= maxMs) return;
    const shown = (text: string | undefined, ms: number) => (text === undefined ? `${formatDuration(ms)}, the default` : text);
    ctx.addIssue(
      min === undefined
        ? { code: 'custom', path: ['max'], message: `must not be shorter than min (${shown(min, minMs)})` }
        : { code: 'custom', path: ['min'], message: `must not be longer than max (${shown(max, maxMs)})` },
    );
  });

export const pipelineFileSchema = z.strictObject({
  name: z
    .string()
    .max(100, { error: 'must be at most 100 characters' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, { error: 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"' }),
  description: z.string().optional(),
  workspace: uuidOrTemplate.optional(),
  params: z.record(z.string().regex(NAME_PATTERN, { error: `param names ${NAME_RULE}` }), paramValue).optional(),
  /** Values per environment, selected with --env (see environments.ts). */
  environments: environmentsSchema.optional(),
  maxParallel: z.int().min(1, { error: 'must be at least 1' }).optional(),
  onFailure: z.enum(['fail', 'pause']).optional(),
  pollInterval: pollInterval.optional(),
  steps: z.array(step).min(1, { error: 'a pipeline needs at least one step' }),
});

/** A pipeline file as written (durations still strings, defaults not applied). */
export type PipelineFile = z.infer<typeof pipelineFileSchema>;
export type PipelineFileStep = PipelineFile['steps'][number];
export type PipelineFileCompensation = NonNullable<PipelineFileStep['compensate']>;

/** Field names per object kind, for "did you mean" hints on unknown fields. */
export const KNOWN_FIELDS = {
  pipeline: Object.keys(pipelineFileSchema.shape),
  step: Object.keys(step.shape),
  compensate: Object.keys(compensate.shape),
  retry: Object.keys(retry.shape),
  pollInterval: Object.keys(pollInterval.shape),
  parameter: Object.keys(jobParameter.shape),
};
