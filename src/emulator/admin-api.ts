/**
 * The admin API under /_emulator (no auth, JSON): scenarios, the catalog, jobs, request log, stats, reset.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CatalogDefinition } from './catalog.js';
import type { EmulatorState } from './context.js';
import { readBody, writeReply } from './http-io.js';
import type { Reply } from './http-io.js';
import { validateScenario } from './scenario.js';
import type { EmulatorStats } from './types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class AdminError extends Error {
  override name = 'AdminError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function scenarioKey(raw: string | undefined): string {
  const key = decodeURIComponent(raw ?? '');
  if (key !== 'default' && !UUID.test(key)) throw new AdminError(400, `'${key}' is neither an item id (UUID) nor 'default'.`);
  return key;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AdminError(400, `The body is not valid JSON: ${(err as Error).message}`);
  }
}

export function stats(state: EmulatorState): EmulatorStats {
  const jobsByItem: Record<string, number> = {};
  for (const job of state.jobs.all()) jobsByItem[job.itemId] = (jobsByItem[job.itemId] ?? 0) + 1;
  return {
    jobsStarted: state.jobs.size,
    jobsByItem,
    requests: state.log.requests,
    earlyPolls: state.log.earlyPolls,
    running: state.jobs.runningCount(),
    byOp: { ...state.log.byOp },
  };
}

/** Clears jobs, schedules and the request log, and restores the startup scenarios. */
export function resetState(state: EmulatorState): void {
  state.jobs.clear();
  state.schedules.clear();
  state.log.clear();
  state.scenarios.reset();
  state.capacity.reset();
  state.catalog.reset();
}

function capacityLimit(body: unknown): number | null {
  const limit = (body as { maxConcurrentSparkJobs?: unknown } | null)?.maxConcurrentSparkJobs;
  if (limit === null || (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 0)) return limit;
  throw new AdminError(400, "'maxConcurrentSparkJobs' must be a non-negative integer, or null for no limit.");
}

function route(state: EmulatorState, method: string, parts: string[], url: URL, bodyText: string): Reply {
  const [resource, arg] = parts;
  const key = `${method} ${resource ?? ''}${arg === undefined ? '' : '/:arg'}`;
  switch (key) {
    case 'GET scenarios':
      return { status: 200, body: state.scenarios.snapshot() };
    case 'PUT scenarios/:arg': {
      const itemId = scenarioKey(arg);
      let scenario;
      try {
        scenario = validateScenario(parseBody(bodyText));
      } catch (err) {
        throw new AdminError(400, (err as Error).message);
      }
      return { status: 200, body: { itemId, scenario: state.scenarios.set(itemId, scenario) } };
    }
    case 'DELETE scenarios/:arg':
      state.scenarios.clear(scenarioKey(arg));
      return { status: 204 };
    case 'GET capacity':
      return { status: 200, body: state.capacity.snapshot() };
    case 'PUT capacity/:arg': {
      const key = decodeURIComponent(arg ?? '');
      if (key !== 'default' && !UUID.test(key)) throw new AdminError(400, `'${key}' is neither a workspace id (UUID) nor 'default'.`);
      state.capacity.set(key, capacityLimit(parseBody(bodyText)));
      return { status: 200, body: state.capacity.snapshot() };
    }
    case 'GET catalog':
      return { status: 200, body: state.catalog.snapshot() };
    case 'PUT catalog':
      try {
        return { status: 200, body: state.catalog.replace(parseBody(bodyText) as CatalogDefinition) };
      } catch (err) {
        if ((err as Error).name === 'AdminError') throw err;
        throw new AdminError(400, (err as Error).message);
      }
    case 'GET jobs': {
      const itemId = url.searchParams.get('itemId') ?? undefined;
      return { status: 200, body: { value: state.jobs.all(itemId).map((j) => state.jobs.view(j)) } };
    }
    case 'GET requests': {
      const since = Number(url.searchParams.get('since') ?? 0);
      if (!Number.isSafeInteger(since) || since < 0) throw new AdminError(400, "'since' must be a non-negative integer.");
      return { status: 200, body: { value: state.log.since(since), lastSeq: state.log.lastSeq } };
    }
    case 'GET stats':
      return { status: 200, body: stats(state) };
    case 'POST reset':
      resetState(state);
      return { status: 204 };
    default:
      throw new AdminError(404, `No admin API at ${method} /_emulator/${parts.join('/')}.`);
  }
}

export async function handleAdmin(state: EmulatorState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  let reply: Reply;
  try {
    const bodyText = await readBody(req);
    const parts = url.pathname.split('/').filter(Boolean).slice(1);
    reply = route(state, req.method ?? 'GET', parts, url, bodyText);
  } catch (err) {
    const { name } = err as Error;
    const status = name === 'AdminError' ? (err as AdminError).status : name === 'FabricApiError' ? (err as { statusCode: number }).statusCode : 500;
    reply = { status, body: { error: (err as Error).message } };
  }
  writeReply(res, reply, {});
}
