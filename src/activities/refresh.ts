/**
 * The semantic model refresh activities (Power BI enhanced refresh), built around one Power BI
 * client per named connection. The start is duplicate-safe like the job start: Power BI's refresh
 * POST is not idempotent, so a retried attempt first looks in the model's refresh history for the
 * refresh an earlier attempt created, and a POST that may have reached Power BI is followed by a
 * look-up (docs/semantic-models.md).
 */
import { ApplicationFailure, Context, log, sleep } from '@temporalio/activity';
import { RefreshFailureTypes } from '../contracts/semantic-model-refresh.js';
import { isFabricError } from '../fabric/index.js';
import { refreshStatusOf, type PowerBIClient } from '../fabric/powerbi/index.js';
import { clientFor, type ConnectionClients } from './connections.js';
import { mayHaveReachedFabric, toActivityFailure } from './failures.js';
import { selectStartedRefreshes, type RefreshLookupCriteria } from './refresh-lookup.js';
import type {
  CancelRefreshInput,
  FindRefreshInput,
  FindRefreshOutput,
  GetRefreshStatusInput,
  GetRefreshStatusOutput,
  RefreshActivities,
  RefreshActivitiesOptions,
  RefreshModelRef,
  StartRefreshInput,
  StartRefreshOutput,
} from './refresh-types.js';

export type RefreshClient = Pick<PowerBIClient, 'refreshSemanticModel' | 'getRefreshExecutionDetails' | 'cancelRefresh' | 'getRefreshHistory'>;

const DEFAULT_CLOCK_SKEW_MS = 120_000;
const DEFAULT_LOOKUP_DELAY_MS = 2_000;

/**
 * Power BI errors with a clear message of their own: a refresh already running (409) is not
 * retried; throttling (429, which is also how a capacity or daily refresh limit can show) waits
 * for its Retry-After. Everything else maps as for Fabric (src/activities/failures.ts).
 */
function toRefreshFailure(err: unknown, action: string): unknown {
  if (isFabricError(err) && err.statusCode === 409) {
    return ApplicationFailure.nonRetryable(
      `${action}: Power BI refused it because a refresh of this semantic model is already running (one refresh of a model runs at a time; wait for it, or cancel it): ${err.message}`,
      RefreshFailureTypes.AlreadyRunning,
      { statusCode: 409, ...(err.errorCode ? { errorCode: err.errorCode } : {}), ...(err.requestId ? { requestId: err.requestId } : {}) },
    );
  }
  const mapped = toActivityFailure(err, action);
  if (isFabricError(err) && err.statusCode === 429 && mapped instanceof ApplicationFailure) {
    mapped.message = `${mapped.message} (Power BI throttles refreshes when the capacity is busy, and limits refreshes per day on shared capacity: 8; retrying after Retry-After)`;
  }
  return mapped;
}

function notFound(input: { refreshId: string }, action: string, retryable: boolean): ApplicationFailure {
  const message = `${action}: Power BI answered 404 for refresh ${input.refreshId}`;
  return retryable
    ? ApplicationFailure.retryable(`${message} (not visible yet)`, RefreshFailureTypes.NotFound, { statusCode: 404 })
    : ApplicationFailure.nonRetryable(`${message} after it had been seen`, RefreshFailureTypes.NotFound, { statusCode: 404 });
}

function signal(): AbortSignal {
  return Context.current().cancellationSignal;
}

export function createRefreshActivities(clients: ConnectionClients<RefreshClient>, options: RefreshActivitiesOptions = {}): RefreshActivities {
  const clockSkewMs = options.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const lookupDelayMs = options.lookupDelayMs ?? DEFAULT_LOOKUP_DELAY_MS;

  async function lookUp(ref: RefreshModelRef, criteria: RefreshLookupCriteria, why: string): Promise<FindRefreshOutput> {
    const powerbi = clientFor(clients, ref.connection);
    try {
      const history = await powerbi.getRefreshHistory(ref.workspaceId, ref.semanticModelId, { signal: signal() });
      const matches = selectStartedRefreshes(history, criteria);
      return { refreshId: matches[0]?.requestId ?? null, matches: matches.length };
    } catch (err) {
      throw toRefreshFailure(err, `read the refresh history of semantic model ${ref.semanticModelId} (${why})`);
    }
  }

  async function adoptOwn(input: StartRefreshInput, reason: string): Promise<StartRefreshOutput | undefined> {
    const found = await lookUp(input, { notBeforeMs: input.notBeforeMs, clockSkewMs }, `looking for a refresh ${reason}`);
    if (found.refreshId === null) return undefined;
    const attrs = { refreshId: found.refreshId, semanticModelId: input.semanticModelId, matches: found.matches };
    if (found.matches > 1) log.warn(`Several refreshes match this start; adopting the earliest, ${found.refreshId}`, attrs);
    else log.info(`Adopted refresh ${found.refreshId} (${reason})`, attrs);
    return { refreshId: found.refreshId, adopted: true };
  }

  async function startRefresh(input: StartRefreshInput): Promise<StartRefreshOutput> {
    const powerbi = clientFor(clients, input.connection);
    const attempt = Context.current().info.attempt;
    if (attempt > 1) {
      const adopted = await adoptOwn(input, `started by an earlier attempt (attempt ${attempt})`);
      if (adopted) return adopted;
    }
    const action = `refresh semantic model ${input.semanticModelId}`;
    try {
      // No abort signal: once sent, the POST may finish, so that its answer is not lost.
      const started = await powerbi.refreshSemanticModel(input.workspaceId, input.semanticModelId, input.options);
      log.info(`Started refresh ${started.refreshId}`, { refreshId: started.refreshId, semanticModelId: input.semanticModelId, requestId: started.requestId });
      return { refreshId: started.refreshId, adopted: false, ...(started.retryAfterMs !== undefined ? { retryAfterMs: started.retryAfterMs } : {}) };
    } catch (err) {
      if (!mayHaveReachedFabric(err)) throw toRefreshFailure(err, action);
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      log.warn(`Refresh request may have reached Power BI (${reason}); looking for the refresh it may have started`, { semanticModelId: input.semanticModelId });
      await sleep(lookupDelayMs);
      const adopted = await adoptOwn(input, `started by a request that failed with ${reason}`);
      if (adopted) return adopted;
      const mapped = toRefreshFailure(err, action);
      throw ApplicationFailure.retryable(
        `${action}: the request failed (${reason}) and no refresh it could have started is in the history yet; the next attempt looks again before starting`,
        'FabricTransientError',
        ...(mapped instanceof ApplicationFailure ? (mapped.details ?? []) : []),
      );
    }
  }

  async function getRefreshStatus(input: GetRefreshStatusInput): Promise<GetRefreshStatusOutput> {
    const powerbi = clientFor(clients, input.connection);
    const action = `get refresh ${input.refreshId}`;
    try {
      const { detail, retryAfterMs } = await powerbi.getRefreshExecutionDetails(input, { signal: signal() });
      return { found: true, status: refreshStatusOf(detail), detail, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    } catch (err) {
      if (isFabricError(err) && err.statusCode === 404) {
        if (!input.seen) return { found: false, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
        throw notFound(input, action, false);
      }
      throw toRefreshFailure(err, action);
    }
  }

  async function cancelRefresh(input: CancelRefreshInput): Promise<void> {
    const powerbi = clientFor(clients, input.connection);
    const action = `cancel refresh ${input.refreshId}`;
    try {
      await powerbi.cancelRefresh(input, { signal: signal() });
      log.info(`Requested cancellation of refresh ${input.refreshId}`, { refreshId: input.refreshId });
    } catch (err) {
      if (isFabricError(err) && err.statusCode === 404) throw notFound(input, action, input.seen === false);
      throw toRefreshFailure(err, action);
    }
  }

  async function findRefresh(input: FindRefreshInput): Promise<FindRefreshOutput> {
    const criteria = { notBeforeMs: input.notBeforeMs, clockSkewMs, activeOnly: input.activeOnly ?? false };
    return lookUp(input, criteria, 'after an interrupted start');
  }

  return { startRefresh, getRefreshStatus, cancelRefresh, findRefresh };
}
