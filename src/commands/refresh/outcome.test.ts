import { describe, expect, it } from 'vitest';
import { baseRefreshOutcome, describeRefreshOutcome, refreshOutcomeFromFailure, refreshOutcomeFromResult } from './outcome.js';
import type { SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';

const result = (over: Partial<SemanticModelRefreshResult> = {}): SemanticModelRefreshResult => ({
  refreshId: 'r1',
  status: 'Completed',
  startTime: '2024-06-01T12:00:00Z',
  endTime: '2024-06-01T12:05:00Z',
  failureReason: null,
  messages: [],
  polls: 3,
  ...over,
});
const failed = (cause: unknown) => ({ name: 'WorkflowFailedError', message: 'Workflow execution failed', cause });
const base = baseRefreshOutcome('wf', 'run');

describe('refresh outcome', () => {
  it('maps a result to Completed', () => {
    expect(refreshOutcomeFromResult(base, result())).toEqual({ ...base, status: 'Completed', refreshId: 'r1', startTime: '2024-06-01T12:00:00Z', endTime: '2024-06-01T12:05:00Z' });
  });

  it('maps the failure types and keeps Power BI’s error', () => {
    const reason = { errorCode: 'ModelRefreshFailed', message: 'bad column' };
    const out = refreshOutcomeFromFailure(base, failed({ name: 'ApplicationFailure', type: 'SemanticModelRefreshFailed', message: 'x', details: [result({ status: 'Failed', failureReason: reason })] }));
    expect(out).toMatchObject({ status: 'Failed', refreshId: 'r1', failureReason: reason });
    expect(describeRefreshOutcome(out)).toBe('Failed: refresh r1 (workflow wf) — ModelRefreshFailed: bad column');
    for (const [type, status] of [['SemanticModelRefreshCancelled', 'Cancelled'], ['SemanticModelRefreshDisabled', 'Disabled'], ['SemanticModelRefreshTimedOut', 'TimedOut']]) {
      expect(refreshOutcomeFromFailure(base, failed({ name: 'ApplicationFailure', type, message: 'x' })).status).toBe(status);
    }
  });

  it('maps cancellation, a workflow timeout and other failures', () => {
    expect(refreshOutcomeFromFailure(base, failed({ name: 'CancelledFailure', message: 'cancelled' })).status).toBe('Cancelled');
    expect(refreshOutcomeFromFailure(base, failed({ name: 'TimeoutFailure', message: 'timed out' })).status).toBe('TimedOut');
    expect(refreshOutcomeFromFailure(base, failed({ name: 'TerminatedFailure', message: 'by an operator' })).status).toBe('Terminated');
    expect(refreshOutcomeFromFailure(base, failed({ name: 'ApplicationFailure', type: 'FabricUnknownConnection', message: 'unknown connection "x"' }))).toMatchObject({
      status: 'Failed',
      failureReason: { errorCode: 'FabricUnknownConnection', message: 'unknown connection "x"' },
    });
  });
});
