/**
 * The bookkeeping of one pipeline run: every step's status, which steps may start, which must be
 * skipped (the operator's decisions are in pipeline-decisions.ts). Pure (no Temporal calls): the
 * workflow drives it and unit tests exercise it directly.
 */
import { evaluateCondition, parseExpression } from '../../expressions/index.js';
import type { StepTemplateValues } from '../../templates.js';
import type {
  FabricPipelineInput,
  PipelineProgress,
  PipelineStatus,
  PipelineStepDefinition,
  PipelineStepProgress,
  PipelineStepRetry,
} from '../../contracts/pipeline.js';

/** The skip reason of a step an operator skipped (pipeline-decisions.ts): the steps that need it may run. */
export const SKIPPED_BY_OPERATOR = 'skipped by an operator';

/** The default of `maxParallel`. */
export const DEFAULT_MAX_PARALLEL = 4;

/** What an ended attempt reports: the job fields of its step's progress. */
export type AttemptOutcome = Pick<PipelineStepProgress, 'jobInstanceId' | 'jobStatus' | 'startTimeUtc' | 'endTimeUtc' | 'failureReason' | 'details'>;

/** How a step ended, as templates and `when:` see it: `Completed`, `Failed`, `Skipped`, `Cancelled`, … */
export function stepOutcomeStatus(status: PipelineStepProgress['status']): string {
  return status.charAt(0).toUpperCase() + status.slice(1);
}

export class PipelineRunState {
  readonly steps: PipelineStepProgress[];
  readonly definitions: ReadonlyMap<string, PipelineStepDefinition>;
  /** Ids of the steps that completed, in the order they completed. */
  readonly completionOrder: string[] = [];
  /** Bumped on every change; the workflow waits for it to move. */
  version = 0;
  private finalStatus: PipelineStatus | null = null;
  private stopping: 'cancelling' | 'compensating' | null = null;
  failureMessage: string | null = null;
  endedAt: string | null = null;
  /** An operator asked to abort; the workflow acts on it at its next turn. */
  abortRequested = false;
  /** Conditional steps whose `when` held: they may start. */
  private readonly conditionsMet = new Set<string>();

  constructor(
    readonly input: FabricPipelineInput,
    readonly logicalDate: string,
    readonly startedAt: string,
  ) {
    this.definitions = new Map(input.steps.map((step) => [step.id, step]));
    this.steps = input.steps.map((step) => ({
      id: step.id, needs: [...(step.needs ?? [])], status: 'pending', attempts: 0, workflowId: null, jobInstanceId: null, jobStatus: null,
      startTimeUtc: null, endTimeUtc: null, startedAt: null, endedAt: null, failureReason: null,
    }));
    const repair = input.repair;
    for (const step of repair ? this.steps : []) {
      const recorded = repair!.completed[step.id];
      if (!recorded) continue;
      Object.assign(step, recorded, { status: 'completed', reusedFrom: { workflowId: repair!.workflowId, runId: repair!.runId } });
      this.completionOrder.push(step.id);
    }
  }

  step(id: string): PipelineStepProgress {
    const step = this.steps.find((candidate) => candidate.id === id);
    if (!step) throw new Error(`unknown step "${id}"`);
    return step;
  }

  /** Records a change made from outside (compensation progress); wakes the workflow's waits. */
  touch(): void {
    this.version++;
  }

  get status(): PipelineStatus {
    if (this.finalStatus) return this.finalStatus;
    if (this.stopping) return this.stopping;
    return this.awaiting().length > 0 ? 'paused' : 'running';
  }

  /** Steps holding a slot: running, or waiting to retry. */
  active(): PipelineStepProgress[] {
    return this.steps.filter((step) => step.status === 'running' || step.status === 'retrying');
  }

  awaiting(): PipelineStepProgress[] {
    return this.steps.filter((step) => step.awaitingDecision);
  }

  /** Whether the steps that need `id` may run. */
  private satisfied(id: string): boolean {
    const step = this.step(id);
    return step.status === 'completed' || (step.status === 'failed' && step.continued === true) || (step.status === 'skipped' && step.skipReason === SKIPPED_BY_OPERATOR);
  }

  /** Pending steps whose needs are satisfied (conditional ones: whose `when` held), in file order, as many as free slots allow. */
  startable(): PipelineStepDefinition[] {
    if (this.stopping || this.finalStatus) return [];
    const free = (this.input.maxParallel ?? DEFAULT_MAX_PARALLEL) - this.active().length;
    if (free <= 0) return [];
    return this.steps
      .filter((step) => step.status === 'pending' && (this.isConditional(step.id) ? this.conditionsMet.has(step.id) : step.needs.every((need) => this.satisfied(need))))
      .slice(0, free)
      .map((step) => this.definitions.get(step.id)!);
  }

  private isConditional(id: string): boolean {
    return this.definitions.get(id)!.when !== undefined;
  }

  /** A need has ended, however it ended (a failed need waiting for an operator has not). */
  private ended(id: string): boolean {
    const need = this.step(id);
    return ['completed', 'skipped', 'cancelled'].includes(need.status) || (need.status === 'failed' && !need.awaitingDecision);
  }

  /** What templates and `when:` read of the steps (how each ended, its job and what the job produced). */
  templateSteps(): Record<string, StepTemplateValues & { failureReason: PipelineStepProgress['failureReason'] }> {
    return Object.fromEntries(
      this.steps.map((step) => [step.id, {
        jobInstanceId: step.jobInstanceId, status: stepOutcomeStatus(step.status), exitValue: step.details?.exitValue ?? null,
        startTimeUtc: step.startTimeUtc, endTimeUtc: step.endTimeUtc, failureReason: step.failureReason,
      }]),
    );
  }

  /**
   * Decides the conditional steps whose needs have all ended: the `when` holds → the step may start;
   * it does not → the step is skipped (and so are the steps that need it, unless they are conditional).
   */
  decideConditions(): void {
    let skipped = false;
    for (const step of this.steps) {
      if (step.status !== 'pending' || !this.isConditional(step.id) || this.conditionsMet.has(step.id)) continue;
      if (!step.needs.every((need) => this.ended(need))) continue;
      const when = this.definitions.get(step.id)!.when!;
      const scope = { params: this.input.params ?? {}, logicalDate: this.logicalDate, steps: this.templateSteps() };
      if (evaluateCondition(parseExpression(when), scope)) this.conditionsMet.add(step.id);
      else {
        Object.assign(step, { status: 'skipped', skipReason: `when is false: ${when}` });
        skipped = true;
      }
      this.touch();
    }
    if (skipped) {
      // The skip reaches the plain steps that need the skipped one, and may let other conditions be decided.
      this.propagateSkips();
      this.decideConditions();
    }
  }

  /** A conditional step is still to be decided: a failure does not stop the run before it is (a failure branch). */
  hasUndecidedConditions(): boolean {
    return this.steps.some((step) => step.status === 'pending' && this.isConditional(step.id));
  }

  /** No step runs, none can start, none waits for an operator. */
  isSettled(): boolean {
    return this.active().length === 0 && this.startable().length === 0 && this.awaiting().length === 0;
  }

  markStarted(id: string, workflowId: string, now: string): void {
    const step = this.step(id);
    Object.assign(step, { status: 'running', workflowId, attempts: step.attempts + 1, awaitingDecision: undefined, endedAt: null });
    step.startedAt ??= now;
    this.touch();
  }

  markRetrying(id: string, outcome: AttemptOutcome): void {
    Object.assign(this.step(id), outcome, { status: 'retrying' });
    this.touch();
  }

  markCompleted(id: string, outcome: AttemptOutcome, now: string): void {
    Object.assign(this.step(id), outcome, { status: 'completed', endedAt: now, failureReason: null });
    this.completionOrder.push(id);
    this.touch();
  }

  /** A failed step: continued (continueOnFailure), awaiting an operator (pause), or failing the pipeline. */
  markFailed(id: string, outcome: AttemptOutcome, now: string): 'continued' | 'awaiting' | 'fatal' {
    const continued = this.definitions.get(id)!.continueOnFailure === true;
    const awaiting = !continued && this.input.onFailure === 'pause' && !this.stopping;
    Object.assign(this.step(id), outcome, { status: 'failed', endedAt: now, continued: continued || undefined, awaitingDecision: awaiting || undefined });
    this.touch();
    return continued ? 'continued' : awaiting ? 'awaiting' : 'fatal';
  }

  markCancelled(id: string, outcome: Partial<AttemptOutcome>, now: string): void {
    Object.assign(this.step(id), outcome, { status: 'cancelled', endedAt: now });
    this.touch();
  }

  /** Pending steps that can never run because a need failed, was cancelled or skipped: skipped. */
  propagateSkips(): void {
    let again = true;
    while (again) {
      again = false;
      for (const step of this.steps.filter((candidate) => candidate.status === 'pending' && !this.isConditional(candidate.id))) {
        const blocker = step.needs.map((need) => this.step(need)).find((need) => this.blocks(need));
        if (!blocker) continue;
        Object.assign(step, { status: 'skipped', skipReason: `needs "${blocker.id}", which ${blocker.status === 'failed' ? 'failed' : `was ${blocker.status}`}` });
        again = true;
        this.touch();
      }
    }
  }

  private blocks(need: PipelineStepProgress): boolean {
    if (need.status === 'failed') return !need.continued && !need.awaitingDecision;
    return need.status === 'cancelled' || (need.status === 'skipped' && need.skipReason !== SKIPPED_BY_OPERATOR);
  }

  /** Stops the run: no new steps start; pending steps are skipped with `reason`. */
  stop(phase: 'cancelling' | 'compensating', reason: string): void {
    this.stopping = phase;
    for (const step of this.steps) {
      if (step.status === 'pending') Object.assign(step, { status: 'skipped', skipReason: reason });
      step.awaitingDecision = undefined;
    }
    this.touch();
  }

  finish(status: 'completed' | 'failed' | 'cancelled', now: string): void {
    this.finalStatus = status;
    this.endedAt = now;
    this.touch();
  }

  /** Completed steps that have a compensation, most recently completed first. */
  compensationPlan(): PipelineStepDefinition[] {
    return this.completionOrder.toReversed().flatMap((id) => {
      const definition = this.definitions.get(id)!;
      return definition.compensate && this.step(id).status === 'completed' ? [definition] : [];
    });
  }

  progress(): PipelineProgress {
    return JSON.parse(
      JSON.stringify({
        name: this.input.name, status: this.status, logicalDate: this.logicalDate, startedAt: this.startedAt,
        endedAt: this.endedAt, failureMessage: this.failureMessage, steps: this.steps,
      }),
    ) as PipelineProgress;
  }
}

/** Wait before attempt `nextAttempt` (2 = the first retry) of a retry round. */
export function retryDelayMs(retry: PipelineStepRetry, nextAttempt: number): number {
  const initial = retry.initialIntervalMs ?? 10_000;
  const maximum = retry.maximumIntervalMs ?? initial * 100;
  return Math.min(maximum, Math.round(initial * (retry.backoffCoefficient ?? 2) ** Math.max(0, nextAttempt - 2)));
}
