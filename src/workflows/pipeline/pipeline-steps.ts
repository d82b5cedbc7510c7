/**
 * Runs the steps of a pipeline as `runFabricJob` children: one CancellationScope per step (so a
 * step can be cancelled alone), retries as new children, compensations in reverse completion order.
 */
import {
  CancellationScope,
  ChildWorkflowCancellationType,
  executeChild,
  isCancellation,
  ParentClosePolicy,
  sleep,
} from '@temporalio/workflow';
import { jobSpecOf } from '../../contracts/job.js';
import { RUN_FABRIC_JOB_WORKFLOW, type RunFabricJobInput, type RunFabricJobResult } from '../../shared.js';
import { renderTemplates, type TemplateContext } from '../../templates.js';
import { describeStepFailure, emptyOutcome, errorDetails, outcomeOf, type StepFailure } from './pipeline-failure.js';
import { retryDelayMs, type PipelineRunState } from './pipeline-state.js';
import { PipelineFailureTypes, type PipelineJobSpec, type PipelineStepDefinition } from '../../contracts/pipeline.js';
import { SEMANTIC_MODEL_REFRESH_WORKFLOW, type SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import { asJobResult, refreshChildInput } from './pipeline-refresh.js';
import { FABRIC_OPERATION_WORKFLOW, type FabricOperationResult } from '../../contracts/fabric-operation.js';
import { operationAsJobResult, operationChildInput } from './pipeline-operation.js';

const now = (): string => new Date().toISOString();

export class StepRunner {
  private readonly scopes = new Map<string, CancellationScope>();
  private readonly running = new Set<Promise<void>>();
  /** Why the pipeline must fail: the first step that failed without continueOnFailure or pause. */
  fatal: string | null = null;

  constructor(
    private readonly state: PipelineRunState,
    private readonly pipelineWorkflowId: string,
  ) {}

  /** Workflow id of a step's attempt: `<pipeline>/<step>`, then `<pipeline>/<step>/attempt-N`. */
  childId(stepId: string, attempt: number): string {
    return attempt <= 1 ? `${this.pipelineWorkflowId}/${stepId}` : `${this.pipelineWorkflowId}/${stepId}/attempt-${attempt}`;
  }

  /** Starts a step in its own cancellation scope; the slot is taken before this returns. */
  launch(definition: PipelineStepDefinition): void {
    const attempt = this.state.step(definition.id).attempts + 1;
    this.state.markStarted(definition.id, this.childId(definition.id, attempt), now());
    const scope = new CancellationScope();
    this.scopes.set(definition.id, scope);
    const promise: Promise<void> = scope
      .run(() => this.runStep(definition, scope))
      .finally(() => {
        this.scopes.delete(definition.id);
        this.running.delete(promise);
      });
    this.running.add(promise);
  }

  /** Requests cancellation of every running step (their Fabric jobs are cancelled by the children). */
  cancelAll(): void {
    for (const scope of this.scopes.values()) scope.cancel();
  }

  /** Resolves once every launched step has ended (steps never reject). */
  async allSettled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  private async runStep(definition: PipelineStepDefinition, scope: CancellationScope): Promise<void> {
    const attemptsPerRound = definition.retry?.maximumAttempts ?? 1;
    for (let round = 1; ; round++) {
      const step = this.state.step(definition.id);
      let failure: StepFailure;
      try {
        const result = await this.runJob(step.workflowId!, definition, definition.id);
        this.state.markCompleted(definition.id, outcomeOf(result), now());
        return;
      } catch (error) {
        failure = this.failureOf(error, scope.consideredCancelled);
        if (scope.consideredCancelled) {
          this.state.markCancelled(definition.id, failure.outcome, now());
          return;
        }
      }
      if (!failure.retryable || round >= attemptsPerRound) {
        const verdict = this.state.markFailed(definition.id, failure.outcome, now());
        if (verdict === 'fatal') this.fatal ??= `step "${definition.id}" failed: ${failure.outcome.failureReason?.message ?? 'unknown error'}`;
        return;
      }
      this.state.markRetrying(definition.id, failure.outcome);
      try {
        await sleep(retryDelayMs(definition.retry!, round + 1));
      } catch {
        this.state.markCancelled(definition.id, {}, now());
        return;
      }
      this.state.markStarted(definition.id, this.childId(definition.id, step.attempts + 1), now());
    }
  }

  /** @param cancelledByPipeline the step's scope was cancelled (the pipeline failed, was aborted or cancelled). */
  private failureOf(error: unknown, cancelledByPipeline: boolean): StepFailure {
    if (error instanceof Error && error.name === 'TemplateError') {
      return { outcome: emptyOutcome({ errorCode: PipelineFailureTypes.InvalidInput, message: error.message }), retryable: false };
    }
    const failure = describeStepFailure(error);
    if (isCancellation(error) && failure.outcome.failureReason?.errorCode === 'CancelledFailure') {
      const message = cancelledByPipeline ? 'cancelled by the pipeline' : 'the step workflow was cancelled outside the pipeline';
      failure.outcome.failureReason = { errorCode: 'StepCancelled', message };
    }
    return failure;
  }

  /**
   * Renders the job's templates and runs it as a `runFabricJob` child (or, for a refresh step, a
   * `semanticModelRefresh` child, and for an operation step a `fabricOperation` child, each result
   * read as a job's: the refresh or operation id as job instance id); resolves with its result.
   */
  private async runJob(workflowId: string, spec: PipelineJobSpec, stepId: string): Promise<RunFabricJobResult> {
    const { pollInterval } = this.state.input;
    if (spec.refresh) {
      const result = await this.runChild(SEMANTIC_MODEL_REFRESH_WORKFLOW, workflowId, refreshChildInput(spec.refresh, this.templateContext(), pollInterval), stepId);
      return asJobResult(result as SemanticModelRefreshResult);
    }
    if (spec.operation) {
      const result = await this.runChild(FABRIC_OPERATION_WORKFLOW, workflowId, operationChildInput(spec.operation, this.templateContext(), pollInterval), stepId);
      return operationAsJobResult(result as FabricOperationResult);
    }
    return (await this.runChild(RUN_FABRIC_JOB_WORKFLOW, workflowId, this.jobInput(spec), stepId)) as RunFabricJobResult;
  }

  /** One step child: on the pipeline's task queue, waited for when cancelled, asked to cancel if the pipeline is terminated. */
  private runChild(workflowType: string, workflowId: string, input: unknown, stepId: string): Promise<unknown> {
    return executeChild(workflowType, {
      workflowId,
      args: [input],
      taskQueue: this.state.input.taskQueue,
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      // If the pipeline is terminated, the server still asks each step to cancel its Fabric job.
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      staticSummary: `${this.state.input.name}: ${stepId}`,
    });
  }

  /** The step's job (every field of the job table), templates rendered; the pipeline's pollInterval unless the job has its own. */
  private templateContext(): TemplateContext {
    return {
      params: this.state.input.params ?? {},
      logicalDate: this.state.logicalDate,
      steps: this.state.templateSteps(),
    };
  }

  private jobInput(spec: PipelineJobSpec): RunFabricJobInput {
    const rendered = renderTemplates(jobSpecOf(spec), this.templateContext());
    const input: RunFabricJobInput = { ...rendered, workspaceId: String(rendered.workspaceId), itemId: String(rendered.itemId), jobType: String(rendered.jobType) };
    if (input.pollInterval === undefined && this.state.input.pollInterval !== undefined) input.pollInterval = this.state.input.pollInterval;
    if (this.state.input.searchAttributes) input.searchAttributes = true;
    return input;
  }

  /**
   * Runs the compensations of the completed steps, most recently completed first, one at a time.
   * A failed compensation is recorded and the others still run. Rethrows a cancellation.
   */
  async compensate(): Promise<void> {
    for (const definition of this.state.compensationPlan()) {
      const step = this.state.step(definition.id);
      const workflowId = `${this.pipelineWorkflowId}/${definition.id}/compensate`;
      step.status = 'compensating';
      step.compensation = { status: 'running', workflowId, jobInstanceId: null, failureReason: null };
      this.state.touch();
      try {
        const result = await this.runJob(workflowId, definition.compensate!, `${definition.id} (compensation)`);
        step.status = 'compensated';
        step.compensation = { status: 'completed', workflowId, jobInstanceId: result.jobInstanceId, failureReason: null };
      } catch (error) {
        if (isCancellation(error) && CancellationScope.current().consideredCancelled) {
          // The pipeline was cancelled: this compensation was cancelled with it, its step stays undone.
          step.status = 'completed';
          step.compensation = { ...step.compensation, status: 'cancelled' };
          this.state.touch();
          throw error;
        }
        const { outcome } = error instanceof Error && error.name === 'TemplateError' ? { outcome: emptyOutcome(errorDetails(error)) } : describeStepFailure(error);
        step.status = 'compensationFailed';
        step.compensation = { status: 'failed', workflowId, jobInstanceId: outcome.jobInstanceId, failureReason: outcome.failureReason };
      }
      this.state.touch();
    }
  }
}
