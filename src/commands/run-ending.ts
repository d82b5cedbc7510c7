/**
 * How a workflow run ended, read from what `handle.result()` threw: the one classification the CLI
 * uses for jobs and pipelines alike, so that a run ended the same way is reported the same way
 * (`Failed`, `Cancelled`, `TimedOut` or `Terminated`, exit code 1). Pure: unit-tested without Temporal.
 */
/** The ways a run can end without completing, as `--json` `status` reports them. */
export const RUN_ENDINGS = ['Failed', 'Cancelled', 'TimedOut', 'Terminated'] as const;
export type RunEnding = (typeof RUN_ENDINGS)[number];

/** True for a status that says the run ended without completing (exit code 1). */
export function isRunEnding(status: string): status is RunEnding {
  return (RUN_ENDINGS as readonly string[]).includes(status);
}

/** A failure as the client sees it: name, message, and optionally type, details and cause. */
export interface FailureLike {
  name?: string;
  message?: string;
  type?: string | null;
  details?: unknown[] | null;
  cause?: unknown;
}

/** A run that did not complete, and what its failure chain says. */
export interface EndedRun<S extends string = RunEnding> {
  status: S;
  /** The failures below the WorkflowFailedError, outermost first (at most 10). */
  failures: FailureLike[];
  /** The workflow's own ApplicationFailure, when it raised one. */
  application: FailureLike | undefined;
  /** The first failure under the WorkflowFailedError: TerminatedFailure, TimeoutFailure, ... */
  root: FailureLike | undefined;
}

function chain(error: unknown): FailureLike[] {
  const out: FailureLike[] = [];
  for (let current = error as FailureLike | undefined; current && typeof current === 'object' && out.length < 10; current = current.cause as FailureLike | undefined) {
    out.push(current);
  }
  return out;
}

/**
 * Classifies a run that ended without completing. `error` is what `handle.result()` threw (a
 * WorkflowFailedError with the failure as its cause). In this order: a terminated run is
 * `Terminated`, a workflow execution timeout `TimedOut`; then the workflow's ApplicationFailure
 * type, when `byFailureType` names it (e.g. FabricJobDeduped → `Deduped`); then any cancellation
 * is `Cancelled`; anything else `Failed`.
 */
export function classifyEnding<S extends string = never>(error: unknown, byFailureType: Readonly<Record<string, S>> = {}): EndedRun<RunEnding | S> {
  const failures = chain(error).slice(1);
  const root = failures[0];
  const application = failures.find((f) => f.name === 'ApplicationFailure');
  let status: RunEnding | S = 'Failed';
  if (root?.name === 'TerminatedFailure') status = 'Terminated';
  else if (root?.name === 'TimeoutFailure') status = 'TimedOut';
  else if (typeof application?.type === 'string' && Object.hasOwn(byFailureType, application.type)) status = byFailureType[application.type]!;
  else if (failures.some((f) => f.name === 'CancelledFailure')) status = 'Cancelled';
  return { status, failures, application, root };
}

/** The first failure detail that `accept` recognises (the run's result or progress), if any. */
export function failureDetail<T>(ended: EndedRun<string>, accept: (value: unknown) => value is T): T | undefined {
  for (const failure of ended.failures) {
    if (Array.isArray(failure.details) && accept(failure.details[0])) return failure.details[0];
  }
  return undefined;
}

/**
 * Why the run ended: for `Failed`, the workflow's own failure message (else the root failure's);
 * for the other endings, the root failure's message (the termination reason, say).
 */
export function endingMessage(ended: EndedRun<string>): string | undefined {
  const culprit = ended.status === 'Failed' ? (ended.application ?? ended.root) : ended.root;
  return culprit?.message || undefined;
}
