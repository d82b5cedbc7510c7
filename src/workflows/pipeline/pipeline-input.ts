/**
 * A last structural check of the workflow's input, for callers that bypass the CLI's validation:
 * unique step ids, known needs, no cycle, sane limits. Pure and sandbox-safe.
 */
import { parseExpression } from '../../expressions/index.js';
import { NAME_PATTERN } from '../../templates.js';
import type { FabricPipelineInput } from '../../contracts/pipeline.js';

/** Why the input cannot run, or undefined when it can. */
export function inputProblem(input: FabricPipelineInput): string | undefined {
  if (!input || !Array.isArray(input.steps) || input.steps.length === 0) return 'the pipeline has no steps';
  if (input.maxParallel !== undefined && !(Number.isInteger(input.maxParallel) && input.maxParallel >= 1)) {
    return `maxParallel must be an integer of at least 1 (got ${String(input.maxParallel)})`;
  }
  if (input.onFailure !== undefined && input.onFailure !== 'fail' && input.onFailure !== 'pause') {
    return `onFailure must be "fail" or "pause" (got ${String(input.onFailure)})`;
  }
  const ids = new Set<string>();
  for (const step of input.steps) {
    if (typeof step?.id !== 'string' || step.id === '') return 'every step needs an id';
    // Ids become parts of the step workflows' ids (`<pipeline>/<step>/attempt-2`): no "/" or spaces.
    if (!NAME_PATTERN.test(step.id)) return `step id "${step.id}" must start with a letter or "_" and hold only letters, digits, "_" and "-"`;
    if (ids.has(step.id)) return `duplicate step id "${step.id}"`;
    ids.add(step.id);
  }
  for (const step of input.steps) {
    const unknown = (step.needs ?? []).find((need) => !ids.has(need));
    if (unknown !== undefined) return `step "${step.id}" needs unknown step "${unknown}"`;
    const problem = step.when === undefined ? undefined : whenProblem(step.when);
    if (problem) return `step "${step.id}": when: ${problem}`;
  }
  const reused = Object.keys(input.repair?.completed ?? {}).find((id) => !ids.has(id));
  if (reused !== undefined) return `repair: unknown step "${reused}"`;
  const done = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const step of input.steps) {
      if (!done.has(step.id) && (step.needs ?? []).every((need) => done.has(need))) {
        done.add(step.id);
        progressed = true;
      }
    }
  }
  if (done.size < ids.size) return `the steps' needs form a cycle (${[...ids].filter((id) => !done.has(id)).join(', ')})`;
  return undefined;
}

function whenProblem(when: unknown): string | undefined {
  if (typeof when !== 'string') return 'must be a string';
  try {
    parseExpression(when);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
