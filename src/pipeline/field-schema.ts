/**
 * The fields of a kind's table (src/contracts/fields.ts) in pipeline files: their schema (zod,
 * checked by the field's rule, with the same messages as on the command line) and their input form
 * in a step or compensation, with the pipeline-wide defaults (the fields' `pipelineDefault` hook).
 */
import { z } from 'zod';
import { durationFromText, fieldFromText, POLL_INTERVAL_PARTS, shownValue, type Field, type RuleBroken } from '../contracts/fields.js';
import { hasTemplate } from '../templates.js';

/** A rule broken, as a file says it: the rule, and the value when it is short. */
function fileMessage(problem: RuleBroken, value: unknown): string {
  const shown = shownValue(value);
  return shown === undefined ? problem.message : `${problem.message} (got ${shown})`;
}

/** A duration as text (`90s`, `2h`): the job contract's rule for durations. */
export const duration = z.custom<string>().superRefine((value, ctx) => {
  const ms = durationFromText(value);
  if (!ms.ok) ctx.addIssue({ code: 'custom', message: fileMessage(ms.problem, value) });
});

/**
 * One field of a kind's table (src/contracts) as a pipeline file writes it, checked by the field's rule. A field
 * that takes templates may hold `{{ params.NAME }}`: checked once rendered (resolve.ts).
 */
export function fieldSchema(field: Field, optional: boolean): z.ZodType {
  if (field.text === 'duration-parts') {
    const parts = Object.fromEntries(Object.keys(POLL_INTERVAL_PARTS).map((part) => [part, duration.optional()]));
    const schema = z.strictObject(parts).superRefine((value, ctx) => {
      const converted = fieldFromText(field, value);
      // A part that is not a duration is reported by the part itself.
      if (converted.ok || converted.problem.part !== undefined) return;
      ctx.addIssue({ code: 'custom', message: fileMessage(converted.problem, converted.value) });
    });
    return optional ? schema.optional() : schema;
  }
  const check = (value: unknown, ctx: z.RefinementCtx) => {
    if (field.template && typeof value === 'string' && hasTemplate(value)) return;
    const converted = fieldFromText(field, value);
    if (!converted.ok) ctx.addIssue({ code: 'custom', message: fileMessage(converted.problem, converted.value) });
  };
  // A required field must be there (a missing one is reported as `required`).
  return optional ? z.unknown().superRefine(check).optional() : z.string().superRefine(check);
}


/** A value the schema has checked, in the input form (durations in milliseconds, strings trimmed). */
export function inputForm(field: Field, value: unknown): unknown {
  const converted = fieldFromText(field, value);
  return converted.ok ? converted.value : value;
}

/**
 * The input form of a step's or compensation's fields of one kind (`fields`, its table): each from
 * its file key, else from the pipeline-wide default its `pipelineDefault` hook names (`defaults`:
 * workspace, connection, pool; the poll interval's is applied by the workflow). Templates stay in
 * place (the workflow renders them when the step starts); `checkTemplate` checks what they render to.
 */
export function fieldsFromFile(
  fields: readonly Field[],
  entry: Readonly<Record<string, unknown>>,
  defaults: Readonly<Record<string, unknown>>,
  checkTemplate: (value: string, field: Field) => void,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const fallback = field.pipelineDefault !== undefined && field.pipelineDefault !== 'pollInterval' ? defaults[field.pipelineDefault] : undefined;
    const value = entry[field.file] ?? fallback;
    if (value === undefined) continue;
    const template = field.template === true && typeof value === 'string' && hasTemplate(value);
    if (template) checkTemplate(value, field);
    out[field.input] = template ? value : inputForm(field, value);
  }
  return out;
}
