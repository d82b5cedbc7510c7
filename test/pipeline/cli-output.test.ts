/** The CLI's pure pipeline pieces: outcome mapping, exit codes, the progress table and lines. */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure, RetryState, TerminatedFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { exitCodeForPipeline, outcomeFromFailure, outcomeFromProgress } from '../../src/commands/pipeline/outcome.js';
import { summaryLine } from '../../src/commands/pipeline/print.js';
import { linePipelineProgress, progressTable, ttyPipelineProgress } from '../../src/commands/pipeline/progress-view.js';
import type { PipelineProgress, PipelineStepProgress } from '../../src/contracts/pipeline.js';

const JOB = '5f351a69-23a4-40e0-84f9-12e80f7daa0e';
const T0 = Date.parse('2024-05-01T00:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

function step(id: string, extra: Partial<PipelineStepProgress>): PipelineStepProgress {
  return { id, needs: [], status: 'pending', attempts: 0, workflowId: null, jobInstanceId: null, jobStatus: null, startTimeUtc: null, endTimeUtc: null, startedAt: null, endedAt: null, failureReason: null, ...extra };
}

const progress: PipelineProgress = {
  name: 'nightly',
  status: 'paused',
  logicalDate: '2024-05-01',
  startedAt: at(0),
  endedAt: null,
  failureMessage: null,
  steps: [
    step('ingest', { status: 'completed', attempts: 1, jobInstanceId: JOB, startedAt: at(0), endedAt: at(65), startTimeUtc: '2024-05-01T00:00:01.0000000', endTimeUtc: '2024-05-01T00:01:04.0000000' }),
    step('transform', { status: 'failed', attempts: 2, awaitingDecision: true, startedAt: at(65), endedAt: at(90), failureReason: { errorCode: 'E', message: 'boom' } }),
    step('publish', { needs: ['transform'] }),
  ],
};

const failed = (cause: Error) => new WorkflowFailedError('Workflow execution failed', cause, RetryState.NON_RETRYABLE_FAILURE);

describe('pipeline outcome', () => {
  it('maps live progress and keeps exactly the JSON keys', () => {
    const outcome = outcomeFromProgress('wf', 'run', progress);
    expect(outcome.json).toEqual({
      workflowId: 'wf',
      runId: 'run',
      status: 'Paused',
      steps: [
        { id: 'ingest', status: 'completed', jobInstanceId: JOB, startTimeUtc: '2024-05-01T00:00:01.0000000', endTimeUtc: '2024-05-01T00:01:04.0000000', failureReason: null },
        { id: 'transform', status: 'failed', jobInstanceId: null, startTimeUtc: null, endTimeUtc: null, failureReason: { errorCode: 'E', message: 'boom' } },
        { id: 'publish', status: 'pending', jobInstanceId: null, startTimeUtc: null, endTimeUtc: null, failureReason: null },
      ],
    });
    expect(exitCodeForPipeline(outcome.json.status)).toBe(0);
  });

  it('reads the progress from a FabricPipelineFailed failure', () => {
    const final = { ...progress, status: 'failed' as const };
    const error = failed(ApplicationFailure.create({ type: 'FabricPipelineFailed', message: 'pipeline "nightly": step "transform" failed: boom', details: [final], nonRetryable: true }));
    const outcome = outcomeFromFailure('wf', 'run', error);
    expect(outcome.json.status).toBe('Failed');
    expect(outcome.json.steps).toHaveLength(3);
    expect(outcome.failureMessage).toBe('pipeline "nightly": step "transform" failed: boom');
    expect(exitCodeForPipeline('Failed')).toBe(1);
    expect(summaryLine(outcome)).toBe('Failed: pipeline nightly (workflow wf); steps: 1 completed, 1 failed, 1 pending — pipeline "nightly": step "transform" failed: boom');
  });

  it('cancelled and terminated runs use the fallback progress', () => {
    expect(outcomeFromFailure('wf', 'run', failed(new CancelledFailure('cancelled')), progress).json).toMatchObject({ status: 'Cancelled', steps: expect.any(Array) });
    expect(outcomeFromFailure('wf', 'run', failed(new TerminatedFailure('bye'))).json).toEqual({ workflowId: 'wf', runId: 'run', status: 'Terminated', steps: [] });
  });
});

describe('progress views', () => {
  it('renders a table with times, attempts and notes', () => {
    expect(progressTable(progress, T0 + 95_000)).toEqual([
      'pipeline nightly · paused · 2/3 steps ended · 1m35s',
      '  STEP       STATUS     TRY  JOB INSTANCE                          TIME  NOTE',
      `  ingest     completed  1    ${JOB}  1m5s`,
      '  transform  failed     2                                          25s   waiting for retry / skip / abort — boom',
      '  publish    pending',
    ]);
  });

  it('prints one line per change when not on a terminal', () => {
    const out: string[] = [];
    const view = linePipelineProgress({ write: (text: string) => out.push(text) }, 'wf');
    view.update(progress, T0 + 95_000);
    view.update(progress, T0 + 97_000);
    expect(out).toEqual([
      '[1m35s] pipeline nightly: paused — paused on transform: decide with `fabric-temporal pipeline retry|skip wf transform` or `fabric-temporal pipeline abort wf`\n',
      `[1m35s] ingest: completed (job ${JOB})\n`,
      '[1m35s] transform: failed (attempt 2; waiting for retry / skip / abort — boom)\n',
    ]);
  });
});

describe('tty progress', () => {
  it('redraws the table in place: cursor up over the previous table, clear, draw', () => {
    const out: string[] = [];
    const view = ttyPipelineProgress({ write: (text: string) => out.push(text) }, 'wf');
    view.update(progress, T0 + 95_000);
    view.update({ ...progress, status: 'running', steps: progress.steps.slice(0, 1) }, T0 + 96_000);
    expect(out[0]!.startsWith('\x1b[J' + 'pipeline nightly · paused')).toBe(true);
    // 5 table lines + the paused hint were drawn first.
    expect(out[1]!.startsWith('\x1b[6F\x1b[Jpipeline nightly · running')).toBe(true);
    expect(out[1]!.split('\n')).toHaveLength(4);
  });
});

describe('pipeline progress notes', () => {
  it('keep a Fabric message with line breaks or escape sequences on one line, without control characters', () => {
    const hostile = { ...progress, steps: [step('load', { status: 'failed', attempts: 1, failureReason: { errorCode: 'E', message: 'line one\nline two\u001b[2J\u001b]0;title\u0007' } })] };
    const table = progressTable(hostile, T0);
    expect(table).toHaveLength(3);
    expect(table[2]).toContain('E: line one line two [2J ]0;title');
    const out: string[] = [];
    linePipelineProgress({ write: (text: string) => out.push(text) }, 'wf').update(hostile, T0);
    for (const line of out) expect(line.slice(0, -1)).not.toMatch(/\p{Cc}/u);
  });
});
