/**
 * `semanticModelRefresh`: refreshes one Power BI semantic model durably with the enhanced refresh
 * API — a duplicate-safe start, polls paced by Power BI's Retry-After on durable timers (else the
 * fallback interval), the refresh cancelled (DELETE) when the run is cancelled or times out, typed
 * failures carrying Power BI's error details, continue-as-new for long refreshes.
 * See docs/semantic-models.md.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  continueAsNew,
  isCancellation,
  log,
  sleep,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type { GetRefreshStatusOutput } from '../../activities/refresh-types.js';
import { resolveRefreshTarget } from '../names/fabric-names.js';
import { DEFAULT_REFRESH_OPTIONS } from '../../contracts/semantic-model-refresh.js';
import type { SemanticModelRefreshInput, SemanticModelRefreshResult } from '../../contracts/semantic-model-refresh.js';
import {
  cancelRefresh,
  findRefresh,
  getRefreshStatus,
  isTerminal,
  pollDelayMs,
  RefreshRun,
  refreshOutcomeFailure,
  refreshTimedOut,
  startRefresh,
  validateRefreshInput,
  type Interval,
} from './refresh-run.js';

export { refreshStateQuery } from './refresh-run.js';

interface Ctx {
  run: RefreshRun;
  interval: Interval;
  ref: { connection?: string; workspaceId: string; semanticModelId: string };
}

/** A poll that failed in a way worth another attempt, with Power BI's Retry-After when it sent one. */
interface FailedPoll {
  failed: true;
  message: string;
  retryAfterMs: number | undefined;
}

function retryable(err: unknown): FailedPoll | undefined {
  if (isCancellation(err)) return undefined;
  const failure = err instanceof ActivityFailure ? err.cause : err;
  if (failure instanceof ApplicationFailure) {
    if (failure.nonRetryable) return undefined;
    const ms = (failure.details?.[0] as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
    return { failed: true, message: failure.message, retryAfterMs: typeof ms === 'number' && ms >= 0 ? ms : undefined };
  }
  if (failure instanceof TimeoutFailure) return { failed: true, message: failure.message, retryAfterMs: undefined };
  return undefined;
}

/** After `failures` failed polls in a row: their Retry-After, else 1 s ×2 up to 1 minute; never below minMs. */
function retryDelayMs(failed: FailedPoll, failures: number, minMs: number): number {
  return Math.max(minMs, Math.ceil(failed.retryAfterMs ?? Math.min(60_000, 1_000 * 2 ** (failures - 1))));
}

async function wait(ctx: Ctx, ms: number): Promise<void> {
  ctx.run.waitingUntil(Date.now() + ms);
  await sleep(ms);
}

async function pollOnce(ctx: Ctx, timeLeftMs?: number): Promise<GetRefreshStatusOutput | FailedPoll> {
  const { run } = ctx;
  try {
    const out = await getRefreshStatus({ ...ctx.ref, refreshId: run.refreshId!, seen: run.seen }, timeLeftMs);
    run.record(out);
    return out;
  } catch (err) {
    const failed = retryable(err);
    if (!failed) throw err;
    return failed;
  }
}

const isFailed = (p: GetRefreshStatusOutput | FailedPoll): p is FailedPoll => 'failed' in p;

/**
 * Asks Power BI to cancel the refresh (DELETE), then polls until it reports an end. With
 * `stopOnPollFailure` (after the deadline), a failing confirming poll ends the wait and is returned.
 */
async function cancelAndConfirm(ctx: Ctx, why: string, stopOnPollFailure = false): Promise<FailedPoll | undefined> {
  const { run } = ctx;
  if (run.ended) return undefined;
  run.setPhase('cancelling');
  log.info(`Cancelling refresh ${run.refreshId}: ${why}`, { refreshId: run.refreshId });
  await cancelRefresh({ ...ctx.ref, refreshId: run.refreshId!, seen: run.seen });
  let delay = Math.max(ctx.interval.minMs, (run.pollDueAtMs ?? 0) - Date.now());
  let failures = 0;
  for (;;) {
    await wait(ctx, delay);
    const polled = await pollOnce(ctx);
    if (isFailed(polled)) {
      if (stopOnPollFailure) return polled;
      delay = retryDelayMs(polled, ++failures, ctx.interval.minMs);
      continue;
    }
    failures = 0;
    if (run.ended) return undefined;
    delay = pollDelayMs(polled.retryAfterMs, ctx.interval);
    run.pollDueAtMs = Date.now() + delay;
  }
}

/** Polls until the refresh ends, or `'deadline'`. A poll that fails for good cancels the refresh first. */
async function pollUntilEnded(ctx: Ctx, firstDelayMs: number, deadlineMs: number | undefined): Promise<'ended' | 'deadline'> {
  const { run } = ctx;
  let delay = firstDelayMs;
  let failures = 0;
  for (;;) {
    run.pollDueAtMs = Date.now() + delay;
    const left = deadlineMs === undefined ? Infinity : deadlineMs - Date.now();
    if (left <= 0) return 'deadline';
    await wait(ctx, Math.min(delay, left));
    const leftNow = deadlineMs === undefined ? undefined : deadlineMs - Date.now();
    if (delay > left || (leftNow !== undefined && leftNow <= 0)) return 'deadline';
    let polled: GetRefreshStatusOutput | FailedPoll;
    try {
      polled = await pollOnce(ctx, leftNow);
    } catch (err) {
      if (!isCancellation(err)) {
        await CancellationScope.nonCancellable(() => cancelAndConfirm(ctx, 'the status poll failed for good')).catch((cleanup: unknown) =>
          log.warn(`Could not cancel refresh ${run.refreshId} after the failed poll: ${(cleanup as Error).message}`),
        );
      }
      throw err;
    }
    if (isFailed(polled)) {
      delay = retryDelayMs(polled, ++failures, ctx.interval.minMs);
      log.info(`Status poll of refresh ${run.refreshId} failed (${failures} in a row); retrying in ${delay} ms: ${polled.message}`);
    } else {
      failures = 0;
      if (run.ended) return 'ended';
      delay = pollDelayMs(polled.retryAfterMs, ctx.interval);
    }
    if (workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof semanticModelRefresh>({ ...ctx.run.input, resume: run.resumeState(delay) });
    }
  }
}

/**
 * The start, in its own cancellable scope: the run's cancellation or deadline stops further
 * retries, but an attempt in flight finishes and its refresh is returned for the caller to cancel.
 * A start that ended without a result looks once more for a refresh still running, and cancels it.
 */
async function start(ctx: Ctx, deadlineMs: number | undefined): Promise<{ retryAfterMs?: number; aborted?: 'cancelled' | 'timedOut' }> {
  const notBeforeMs = Date.now();
  const root = CancellationScope.current();
  const scope = new CancellationScope();
  let timedOut = false;
  const timer = deadlineMs !== undefined ? new CancellationScope() : undefined;
  timer?.run(() => sleep(Math.max(1, deadlineMs! - notBeforeMs))).then(
    () => {
      timedOut = true;
      scope.cancel();
    },
    () => undefined,
  );
  const aborted = () => (root.consideredCancelled ? 'cancelled' : timedOut ? 'timedOut' : undefined);
  try {
    const out = await scope.run(() => startRefresh({ ...ctx.ref, options: ctx.run.input.options ?? DEFAULT_REFRESH_OPTIONS, notBeforeMs }));
    ctx.run.setRefresh(out.refreshId, out.adopted);
    log.info(`${out.adopted ? 'Adopted' : 'Started'} refresh ${out.refreshId}`, { refreshId: out.refreshId });
    const why = aborted();
    return { ...(out.retryAfterMs !== undefined ? { retryAfterMs: out.retryAfterMs } : {}), ...(why ? { aborted: why } : {}) };
  } catch (err) {
    const why = aborted();
    if (!why) throw err;
    const found = await CancellationScope.nonCancellable(() => findRefresh({ ...ctx.ref, notBeforeMs, activeOnly: true }));
    if (found.refreshId) ctx.run.setRefresh(found.refreshId, true);
    return { aborted: why };
  } finally {
    timer?.cancel();
  }
}

async function timeOut(ctx: Ctx, timeoutMs: number): Promise<never> {
  const { run } = ctx;
  log.warn(`Timeout of ${timeoutMs} ms reached for refresh ${run.refreshId}; cancelling it`);
  const failed = run.refreshId ? await CancellationScope.nonCancellable(() => cancelAndConfirm(ctx, `timeout of ${timeoutMs} ms reached`, true)) : undefined;
  run.setPhase('done');
  throw refreshTimedOut(run, timeoutMs, failed?.message);
}

/**
 * The input with its workspace and semantic model as ids: names are resolved once, before the
 * start, by one `resolveFabricNames` activity (with the run's connection) recorded in the history;
 * a continue-as-new carries the ids. Runs given ids (every run before names) issue no command here.
 */
async function withIds(input: SemanticModelRefreshInput): Promise<SemanticModelRefreshInput & { workspaceId: string }> {
  const { refresh, resolved } = await resolveRefreshTarget(input).catch((err: unknown) => {
    throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
  });
  if (resolved) {
    log.info(`Resolved ${input.semanticModelId} to semantic model ${resolved.itemId} in workspace ${resolved.workspaceId}`, { ...resolved });
  }
  return refresh as SemanticModelRefreshInput & { workspaceId: string };
}

export async function semanticModelRefresh(original: SemanticModelRefreshInput): Promise<SemanticModelRefreshResult> {
  const interval = validateRefreshInput(original);
  const startedAtMs = original.resume?.startedAtMs ?? Date.now();
  const input = await withIds(original);
  const run = new RefreshRun(input, startedAtMs);
  const ctx: Ctx = { run, interval, ref: { workspaceId: input.workspaceId, semanticModelId: input.semanticModelId, ...(input.connection !== undefined ? { connection: input.connection } : {}) } };
  const deadlineMs = input.timeoutMs !== undefined ? run.startedAtMs + input.timeoutMs : undefined;
  try {
    let firstDelayMs = input.resume?.nextPollDelayMs;
    if (firstDelayMs === undefined) {
      const started = await start(ctx, deadlineMs);
      if (started.aborted === 'timedOut') return await timeOut(ctx, input.timeoutMs!);
      if (started.aborted === 'cancelled') {
        if (run.refreshId) await CancellationScope.nonCancellable(() => cancelAndConfirm(ctx, 'the workflow was cancelled while the refresh was being started'));
        run.setPhase('done');
        throw new CancelledFailure('The workflow was cancelled while the refresh was being started');
      }
      firstDelayMs = pollDelayMs(started.retryAfterMs, interval);
    }
    if ((await pollUntilEnded(ctx, firstDelayMs, deadlineMs)) === 'deadline') return await timeOut(ctx, input.timeoutMs!);
    run.setPhase('done');
    const result = run.result();
    log.info(`Refresh ${result.refreshId} ended ${result.status} after ${result.polls} polls`, { refreshId: result.refreshId, status: result.status });
    const failure = refreshOutcomeFailure(result);
    if (failure) throw failure;
    return result;
  } catch (err) {
    if (isCancellation(err) && run.refreshId && !isTerminal(run.status) && CancellationScope.current().consideredCancelled) {
      await CancellationScope.nonCancellable(() => cancelAndConfirm(ctx, 'the workflow was cancelled'));
      run.setPhase('done');
    }
    throw err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : err;
  }
}
