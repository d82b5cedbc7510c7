/** The pure bookkeeping of a pipeline run (src/workflows/pipeline/pipeline-state.ts, pipeline-decisions.ts), without Temporal. */
import { describe, expect, it } from 'vitest';
import { inputProblem } from '../../src/workflows/pipeline/pipeline-input.js';
import { applyRetry, applySkip, refuseAbort, refuseDecision, requestAbort } from '../../src/workflows/pipeline/pipeline-decisions.js';
import { PipelineRunState, retryDelayMs, type AttemptOutcome } from '../../src/workflows/pipeline/pipeline-state.js';
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

describe('conditional steps (when)', () => {
  const decide = (state: PipelineRunState) => {
    state.propagateSkips();
    state.decideConditions();
  };

  it('waits for every need to end, then runs the step when its condition holds, reading exit values', () => {
    const state = run([step('count'), step('load', ['count'], { when: 'steps.count.exitValue.rows > 0' })]);
    decide(state);
    expect(ids(state.startable())).toEqual(['count']);
    state.markStarted('count', 'wf/count', T);
    decide(state);
    expect(ids(state.startable())).toEqual([]);
    state.markCompleted('count', { ...ok, details: { exitValue: '{"rows": 3}' } }, T);
    decide(state);
    expect(ids(state.startable())).toEqual(['load']);
  });

  it('skips a step whose condition is false, and the plain steps that need it', () => {
    const state = run([step('count'), step('load', ['count'], { when: 'steps.count.exitValue.rows > 0' }), step('report', ['load'])]);
    state.markStarted('count', 'wf/count', T);
    state.markCompleted('count', { ...ok, details: { exitValue: '{"rows": 0}' } }, T);
    decide(state);
    expect(state.steps.map((s) => [s.id, s.status, s.skipReason])).toEqual([
      ['count', 'completed', undefined],
      ['load', 'skipped', 'when is false: steps.count.exitValue.rows > 0'],
      ['report', 'skipped', 'needs "load", which was skipped'],
    ]);
    expect(state.isSettled()).toBe(true);
  });

  it('runs a failure branch after a failed need, holding the failure until it is decided', () => {
    const state = run([step('load'), step('next', ['load']), step('notify', ['load'], { when: "steps.load.status == 'Failed'" }), step('cleanup', ['load'], { when: "steps.load.status == 'Completed'" })]);
    state.markStarted('load', 'wf/load', T);
    expect(state.hasUndecidedConditions()).toBe(true);
    expect(state.markFailed('load', bad, T)).toBe('fatal');
    decide(state);
    expect(state.steps.map((s) => [s.id, s.status])).toEqual([['load', 'failed'], ['next', 'skipped'], ['notify', 'pending'], ['cleanup', 'skipped']]);
    expect(ids(state.startable())).toEqual(['notify']);
    expect(state.hasUndecidedConditions()).toBe(true);
    state.markStarted('notify', 'wf/notify', T);
    expect(state.hasUndecidedConditions()).toBe(false);
  });

  it('does not decide while a failed need waits for an operator', () => {
    const state = run([step('a'), step('b', ['a'], { when: 'true' })], { onFailure: 'pause' });
    state.markStarted('a', 'wf/a', T);
    state.markFailed('a', bad, T);
    decide(state);
    expect(state.step('b').status).toBe('pending');
    applySkip(state, 'a');
    decide(state);
    expect(ids(state.startable())).toEqual(['b']);
  });

  it('gives templates each step’s status, exit value and times', () => {
    const state = run([step('a'), step('b')]);
    state.markStarted('a', 'wf/a', T);
    state.markCompleted('a', { ...ok, startTimeUtc: 's', endTimeUtc: 'e', details: { exitValue: 'x' } }, T);
    expect(state.templateSteps()).toEqual({
      a: { jobInstanceId: 'j', status: 'Completed', exitValue: 'x', startTimeUtc: 's', endTimeUtc: 'e', failureReason: null },
      b: { jobInstanceId: null, status: 'Pending', exitValue: null, startTimeUtc: null, endTimeUtc: null, failureReason: null },
    });
  });

  it('refuses an input whose condition does not parse', () => {
    expect(inputProblem({ name: 'p', steps: [step('a', [], { when: 'a ==' })] })).toBe('step "a": when: expected a value, found the end (column 5)');
  });
});

describe('repair runs', () => {
  it('takes over the completed steps of the failed run and offers the others', () => {
    const recorded = { workflowId: 'old/a', attempts: 1, jobInstanceId: 'ja', jobStatus: 'Completed', startTimeUtc: 's', endTimeUtc: 'e', startedAt: T, endedAt: T, details: { exitValue: '7' } };
    const state = run([step('a'), step('b', ['a']), step('c')], { repair: { workflowId: 'old', runId: 'r1', completed: { a: recorded } } });
    expect(state.step('a')).toMatchObject({ status: 'completed', jobInstanceId: 'ja', reusedFrom: { workflowId: 'old', runId: 'r1' } });
    expect(ids(state.startable())).toEqual(['b', 'c']);
    expect(state.templateSteps().a).toMatchObject({ exitValue: '7', status: 'Completed' });
    expect(inputProblem({ name: 'p', steps: [step('a')], repair: { workflowId: 'old', runId: 'r1', completed: { zz: recorded } } })).toBe('repair: unknown step "zz"');
  });
});
