/** The pure bookkeeping of a pipeline run (src/workflows/pipeline-state.ts, pipeline-decisions.ts), without Temporal. */
import { describe, expect, it } from 'vitest';
import { inputProblem } from '../../src/workflows/pipeline-input.js';
import { applyRetry, applySkip, refuseAbort, refuseDecision, requestAbort } from '../../src/workflows/pipeline-decisions.js';
import { PipelineRunState, retryDelayMs, type AttemptOutcome } from '../../src/workflows/pipeline-state.js';
import type { FabricPipelineInput, PipelineStepDefinition } from '../../src/contracts/pipeline.js';

const job = { workspaceId: 'w', itemId: 'i', jobType: 'RunNotebook' };
const step = (id: string, needs: string[] = [], extra: Partial<PipelineStepDefinition> = {}): PipelineStepDefinition => ({ id, needs, ...job, ...extra });
const ok: AttemptOutcome = { jobInstanceId: 'j', jobStatus: 'Completed', startTimeUtc: null, endTimeUtc: null, failureReason: null };
const bad: AttemptOutcome = { ...ok, jobStatus: 'Failed', failureReason: { errorCode: 'E', message: 'boom' } };
const T = '2024-05-01T00:00:00.000Z';

function run(steps: PipelineStepDefinition[], extra: Partial<FabricPipelineInput> = {}): PipelineRunState {
  return new PipelineRunState({ name: 'p', steps, ...extra }, '2024-05-01', T);
}
const ids = (steps: { id: string }[]) => steps.map((s) => s.id);

describe('PipelineRunState', () => {
  it('offers steps whose needs completed, in file order, within maxParallel', () => {
    const state = run([step('a'), step('b'), step('c'), step('d', ['a'])], { maxParallel: 2 });
    expect(ids(state.startable())).toEqual(['a', 'b']);
    state.markStarted('a', 'wf/a', T);
    state.markStarted('b', 'wf/b', T);
    expect(state.startable()).toEqual([]);
    state.markCompleted('a', ok, T);
    expect(ids(state.startable())).toEqual(['c']);
    state.markStarted('c', 'wf/c', T);
    state.markCompleted('b', ok, T);
    expect(ids(state.startable())).toEqual(['d']);
  });

  it('skips the dependants of a failed step, transitively, and says why', () => {
    const state = run([step('a'), step('b', ['a']), step('c', ['b']), step('d')]);
    state.markStarted('a', 'wf/a', T);
    expect(state.markFailed('a', bad, T)).toBe('fatal');
    state.propagateSkips();
    expect(state.steps.map((s) => [s.id, s.status, s.skipReason])).toEqual([
      ['a', 'failed', undefined],
      ['b', 'skipped', 'needs "a", which failed'],
      ['c', 'skipped', 'needs "b", which was skipped'],
      ['d', 'pending', undefined],
    ]);
  });

  it('continueOnFailure: dependants may run', () => {
    const state = run([step('a', [], { continueOnFailure: true }), step('b', ['a'])]);
    state.markStarted('a', 'wf/a', T);
    expect(state.markFailed('a', bad, T)).toBe('continued');
    state.propagateSkips();
    expect(ids(state.startable())).toEqual(['b']);
    expect(state.step('a')).toMatchObject({ status: 'failed', continued: true });
  });

  it('pause: a failed step holds its dependants until an operator decides', () => {
    const state = run([step('a'), step('b', ['a'])], { onFailure: 'pause' });
    state.markStarted('a', 'wf/a', T);
    expect(state.markFailed('a', bad, T)).toBe('awaiting');
    state.propagateSkips();
    expect(state.status).toBe('paused');
    expect(state.startable()).toEqual([]);
    expect(state.isSettled()).toBe(false);
    expect(refuseDecision(state, 'b')).toBe('step "b" is pending, not failed and waiting for a decision');
    expect(refuseDecision(state, 'zz')).toBe('unknown step "zz" (steps: a, b)');
    expect(refuseDecision(state, undefined)).toBe('a step id is required');
    expect(refuseDecision(state, 'a')).toBeUndefined();

    applySkip(state, 'a');
    expect(state.status).toBe('running');
    expect(ids(state.startable())).toEqual(['b']);
  });

  it('once an abort is requested, refuses retry, skip and a second abort (even before the workflow acts on it)', () => {
    const state = run([step('a'), step('b', ['a'])], { onFailure: 'pause' });
    state.markStarted('a', 'wf/a', T);
    state.markFailed('a', bad, T);
    expect(refuseAbort(state)).toBeUndefined();
    requestAbort(state);
    expect(refuseDecision(state, 'a')).toBe('the pipeline is aborting');
    expect(refuseAbort(state)).toBe('the pipeline is already aborting');
  });

  it('refuses an abort once the pipeline has ended', () => {
    const state = run([step('a')]);
    state.finish('completed', T);
    expect(refuseAbort(state)).toBe('the pipeline is completed');
  });

  it('pause then retry: the step is offered again and keeps counting attempts', () => {
    const state = run([step('a')], { onFailure: 'pause' });
    state.markStarted('a', 'wf/a', T);
    state.markFailed('a', bad, T);
    const before = state.version;
    applyRetry(state, 'a');
    expect(state.version).toBeGreaterThan(before);
    expect(ids(state.startable())).toEqual(['a']);
    state.markStarted('a', 'wf/a/attempt-2', T);
    expect(state.step('a')).toMatchObject({ status: 'running', attempts: 2, startedAt: T });
  });

  it('stop skips pending steps and offers nothing more; compensations come newest first', () => {
    const comp = { compensate: { ...job } };
    const state = run([step('a', [], comp), step('b', [], comp), step('c'), step('d', ['a'])]);
    for (const id of ['a', 'b', 'c']) state.markStarted(id, `wf/${id}`, T);
    state.markCompleted('b', ok, T);
    state.markCompleted('a', ok, T);
    state.markCompleted('c', ok, T);
    state.stop('compensating', 'the pipeline failed');
    expect(state.status).toBe('compensating');
    expect(state.startable()).toEqual([]);
    expect(state.step('d')).toMatchObject({ status: 'skipped', skipReason: 'the pipeline failed' });
    expect(ids(state.compensationPlan())).toEqual(['a', 'b']);
    state.finish('failed', T);
    expect(state.progress()).toMatchObject({ status: 'failed', endedAt: T, name: 'p', logicalDate: '2024-05-01' });
  });
});

describe('retryDelayMs', () => {
  it('grows by the coefficient from the initial interval, capped by the maximum', () => {
    const retry = { maximumAttempts: 6, initialIntervalMs: 1_000, backoffCoefficient: 3, maximumIntervalMs: 20_000 };
    expect([2, 3, 4, 5].map((attempt) => retryDelayMs(retry, attempt))).toEqual([1_000, 3_000, 9_000, 20_000]);
    expect(retryDelayMs({ maximumAttempts: 2 }, 2)).toBe(10_000);
  });
});

describe('inputProblem', () => {
  it('accepts a valid input and names the first structural problem otherwise', () => {
    expect(inputProblem({ name: 'p', steps: [step('a'), step('b', ['a'])] })).toBeUndefined();
    expect(inputProblem({ name: 'p', steps: [] })).toBe('the pipeline has no steps');
    expect(inputProblem({ name: 'p', steps: [step('a'), step('a')] })).toBe('duplicate step id "a"');
    expect(inputProblem({ name: 'p', steps: [step('a', ['x'])] })).toBe('step "a" needs unknown step "x"');
    expect(inputProblem({ name: 'p', steps: [step('a', ['b']), step('b', ['a']), step('c')] })).toBe("the steps' needs form a cycle (a, b)");
    expect(inputProblem({ name: 'p', maxParallel: 0, steps: [step('a')] })).toBe('maxParallel must be an integer of at least 1 (got 0)');
    // A step id holding "/" could collide with another step's attempt or compensation workflow id.
    expect(inputProblem({ name: 'p', steps: [step('a'), step('a/attempt-2')] })).toBe(
      'step id "a/attempt-2" must start with a letter or "_" and hold only letters, digits, "_" and "-"',
    );
  });
});
