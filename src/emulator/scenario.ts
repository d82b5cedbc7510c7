/**
 * Scenario validation (admin API, options, --scenario-file) and defaults.
 */
import { z } from 'zod';
import { ACTIVITY_RUN_STATUSES, FAULT_KINDS, FAULT_OPS } from './types.js';
import type { FaultKind, FaultOp, ResolvedScenario, Scenario, ScenarioFile } from './types.js';

/** A scenario, a fault or a scenario file that does not match the documented format. */
export class ScenarioValidationError extends Error {
  override name = 'ScenarioValidationError';
}

/** Kinds that only make sense for one or two operations (the others apply to any op). */
const KIND_OPS: Partial<Record<FaultKind, readonly FaultOp[]>> = {
  'reset-after-create': ['run'],
  'no-location': ['run'],
  'not-found': ['get', 'details'],
  'unknown-status': ['get'],
  'malformed-json': ['get', 'list', 'details', 'list-workspaces', 'list-items'],
};

/** True when a fault of this kind can be applied to a request of this operation. */
export function kindAppliesTo(kind: FaultKind, op: Exclude<FaultOp, 'any'> | 'schedule'): boolean {
  const ops = KIND_OPS[kind];
  return ops === undefined || (op !== 'schedule' && ops.includes(op));
}

const errorDetails = z.object({
  errorCode: z.string().min(1),
  message: z.string(),
  requestId: z.string().optional(),
  moreDetails: z
    .array(z.object({ errorCode: z.string(), message: z.string(), relatedResource: z.object({ resourceId: z.string(), resourceType: z.string() }).optional() }))
    .optional(),
  relatedResource: z.object({ resourceId: z.string(), resourceType: z.string() }).optional(),
  isRetriable: z.boolean().optional(),
});

const nonNegativeInt = z.number().int().min(0);

export const faultSchema = z
  .strictObject({
    op: z.enum(FAULT_OPS),
    kind: z.enum(FAULT_KINDS),
    count: z.number().int().refine((n) => n === -1 || n >= 1, 'must be -1 (always) or at least 1').optional(),
    afterCount: nonNegativeInt.optional(),
    retryAfter: z.union([z.string().min(1), nonNegativeInt]).optional(),
    delayMs: nonNegativeInt.optional(),
    status: z.string().min(1).optional(),
  })
  .superRefine((f, ctx) => {
    const ops = KIND_OPS[f.kind];
    if (ops && (f.op === 'any' || !ops.includes(f.op))) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: `fault kind '${f.kind}' applies to op ${ops.map((o) => `'${o}'`).join(' or ')} only` });
    }
  });

const activityRun = z.strictObject({
  activityName: z.string().min(1),
  activityType: z.string().min(1).optional(),
  status: z.enum(ACTIVITY_RUN_STATUSES).optional(),
  error: z.strictObject({ errorCode: z.string(), message: z.string(), failureType: z.string().optional() }).optional(),
  output: z.record(z.string(), z.unknown()).optional(),
  input: z.record(z.string(), z.unknown()).optional(),
});

const scenarioSchema = z.strictObject({
  queuedMs: nonNegativeInt.optional(),
  durationMs: nonNegativeInt.optional(),
  outcome: z.enum(['Completed', 'Failed', 'Deduped', 'Cancelled']).optional(),
  failureReason: errorDetails.optional(),
  retryAfterSeconds: nonNegativeInt.optional(),
  cancelDelayMs: nonNegativeInt.optional(),
  faults: z.array(faultSchema).optional(),
  exitValue: z.string().optional(),
  activityRuns: z.array(activityRun).optional(),
  operationResult: z.record(z.string(), z.unknown()).optional(),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const scenarioFileSchema = z.strictObject({
  default: scenarioSchema.optional(),
  items: z.record(z.string(), scenarioSchema).optional(),
});

export function describe(error: z.ZodError, label: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `${label}${path}: ${issue.message}`;
    })
    .join('; ');
}

/** Checks a scenario (from JSON); throws ScenarioValidationError with every problem found. */
export function validateScenario(input: unknown, label = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioValidationError(describe(parsed.error, label));
  return parsed.data as Scenario;
}

/** Checks the contents of a scenario file (item keys must be UUIDs). */
export function validateScenarioFile(input: unknown, label = 'scenario file'): ScenarioFile {
  const parsed = scenarioFileSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioValidationError(describe(parsed.error, label));
  const badKey = Object.keys(parsed.data.items ?? {}).find((key) => !UUID.test(key));
  if (badKey !== undefined) throw new ScenarioValidationError(`${label}.items: '${badKey}' is not an item id (UUID)`);
  return parsed.data as ScenarioFile;
}

export const DEFAULT_FAILURE_REASON = {
  errorCode: 'JobInstanceStatusFailed',
  message: 'Job instance failed without detail error',
} as const;

/** Fills in every default of a scenario. */
export function resolveScenario(scenario: Scenario = {}): ResolvedScenario {
  return {
    queuedMs: scenario.queuedMs ?? 0,
    durationMs: scenario.durationMs ?? 2000,
    outcome: scenario.outcome ?? 'Completed',
    failureReason: scenario.failureReason ?? { ...DEFAULT_FAILURE_REASON },
    retryAfterSeconds: scenario.retryAfterSeconds ?? 1,
    cancelDelayMs: scenario.cancelDelayMs ?? 500,
    faults: scenario.faults ?? [],
    exitValue: scenario.exitValue ?? null,
    activityRuns: scenario.activityRuns ?? [],
    ...(scenario.operationResult !== undefined ? { operationResult: scenario.operationResult } : {}),
  };
}
