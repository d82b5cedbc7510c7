import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FabricClient, StaticTokenCredential } from '../../src/fabric/index.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createFabricRequestHook, FabricMetrics, formatRequestLog, redactUrl, startMetricsServer, type MetricsServer } from '../../src/observability/index.js';
import { sample, scrape } from './scrape.js';

const TOKEN = `tok-${randomUUID()}`;
const at = new Date('2025-06-01T12:00:00.000Z');
const url = 'https://api.fabric.microsoft.com/v1/workspaces/w/items/i/jobs/instances?jobType=RunNotebook';

describe('request log line', () => {
  it('is human-readable by default', () => {
    expect(formatRequestLog({ operation: 'runOnDemandItemJob', method: 'POST', url, statusCode: 202, durationMs: 123.4, requestId: 'r-1' }, 'human', at)).toBe(
      `2025-06-01T12:00:00.000Z INFO fabric runOnDemandItemJob POST ${url} -> 202 in 123ms requestId=r-1`,
    );
    expect(
      formatRequestLog({ operation: 'getItemJobInstance', method: 'GET', url, statusCode: 429, durationMs: 5, requestId: 'r-2', errorCode: 'TooManyRequestsForJobs' }, 'human', at),
    ).toBe(`2025-06-01T12:00:00.000Z WARN fabric getItemJobInstance GET ${url} -> 429 in 5ms requestId=r-2 errorCode=TooManyRequestsForJobs`);
    expect(formatRequestLog({ operation: 'getItemJobInstance', method: 'GET', url, durationMs: 30_000, transportErrorCode: 'ETIMEDOUT' }, 'human', at)).toBe(
      `2025-06-01T12:00:00.000Z WARN fabric getItemJobInstance GET ${url} -> transport error ETIMEDOUT in 30000ms`,
    );
  });

  it('FABRIC_LOG_LEVEL: successful polls are DEBUG, other successes INFO, errors WARN', () => {
    const poll = { operation: 'getItemJobInstance', method: 'GET', url, statusCode: 200, durationMs: 3 };
    const start = { operation: 'runOnDemandItemJob', method: 'POST', url, statusCode: 202, durationMs: 3 };
    const throttled = { ...poll, statusCode: 429 };
    const written = (logLevel: 'debug' | 'info' | 'warn' | 'error') => {
      const out: string[] = [];
      const hook = createFabricRequestHook({ logFormat: 'json', logLevel, write: (line) => out.push(line) });
      for (const event of [poll, start, throttled]) hook(event);
      return out.map((line) => (JSON.parse(line) as { level: string }).level);
    };
    expect(written('debug')).toEqual(['debug', 'info', 'warn']);
    expect(written('info')).toEqual(['info', 'warn']);
    expect(written('warn')).toEqual(['warn']);
    expect(written('error')).toEqual([]);
  });

  it('is one JSON object with FABRIC_LOG_FORMAT=json', () => {
    const line = formatRequestLog({ operation: 'getItemJobInstance', method: 'GET', url, statusCode: 200, durationMs: 41.6, requestId: 'r-3' }, 'json', at);
    expect(JSON.parse(line)).toEqual({
      time: '2025-06-01T12:00:00.000Z',
      level: 'debug',
      msg: 'fabric request',
      operation: 'getItemJobInstance',
      method: 'GET',
      url,
      statusCode: 200,
      durationMs: 42,
      requestId: 'r-3',
      errorCode: null,
      transportErrorCode: null,
    });
  });

  it('removes credentials and query values from URLs', () => {
    expect(redactUrl('https://user:pa55@api.example.com/v1/x?jobType=Pipeline&access_token=s3cret&continuationToken=abc#frag')).toBe(
      'https://api.example.com/v1/x?jobType=Pipeline&access_token=REDACTED&continuationToken=REDACTED',
    );
    // List Items' filters are no secret: the worker log shows which item type a name look-up listed.
    expect(redactUrl('https://api.example.com/v1/workspaces/w/items?type=Notebook&recursive=true&continuationToken=abc')).toBe(
      'https://api.example.com/v1/workspaces/w/items?type=Notebook&recursive=true&continuationToken=REDACTED',
    );
    expect(redactUrl('not a url')).toBe('(unparseable url)');
    for (const format of ['human', 'json'] as const) {
      const line = formatRequestLog({ operation: 'x', method: 'GET', url: 'https://u:s3cret@h/p?sig=s3cret', statusCode: 200, durationMs: 1 }, format);
      expect(line).not.toContain('s3cret');
    }
  });
});

describe('request hook on a real FabricClient against the emulator', () => {
  let emulator: RunningEmulator;
  let server: MetricsServer;
  beforeAll(async () => {
    emulator = await startEmulator({ token: TOKEN, defaultScenario: { durationMs: 0, retryAfterSeconds: 1 } });
  });
  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  for (const format of ['human', 'json'] as const) {
    it(`logs every request in ${format} format without the token and counts it`, async () => {
      const metrics = new FabricMetrics({ processMetrics: false });
      await server?.close();
      server = await startMetricsServer({ registry: metrics.registry, host: '127.0.0.1', port: 0 });
      const lines: string[] = [];
      const client = new FabricClient({
        credential: new StaticTokenCredential(TOKEN),
        baseUrl: emulator.apiUrl,
        onRequest: createFabricRequestHook({ metrics, logFormat: format, logLevel: 'debug', write: (line) => lines.push(line) }),
      });
      const workspaceId = randomUUID();
      const itemId = randomUUID();
      const run = await client.runOnDemandItemJob({ workspaceId, itemId, jobType: 'RunNotebook' }, { executionData: { parameters: { p: { value: 'v', type: 'string' } } } });
      await client.getItemJobInstance({ workspaceId, itemId, jobInstanceId: run.jobInstanceId });
      const wrong = new FabricClient({ credential: new StaticTokenCredential('wrong-token'), baseUrl: emulator.apiUrl, onRequest: createFabricRequestHook({ metrics, logFormat: format, logLevel: 'debug', write: (line) => lines.push(line) }) });
      await expect(wrong.getItemJobInstance({ workspaceId, itemId, jobInstanceId: run.jobInstanceId })).rejects.toMatchObject({ statusCode: 401 });

      expect(lines.length).toBeGreaterThanOrEqual(4); // run, get, and the 401 plus its one retry
      for (const line of lines) {
        expect(line).not.toContain(TOKEN);
        expect(line).not.toContain('wrong-token');
        expect(line).not.toMatch(/bearer/i);
      }
      const first = lines[0] as string;
      if (format === 'json') expect(JSON.parse(first)).toMatchObject({ operation: 'runOnDemandItemJob', method: 'POST', statusCode: 202 });
      else expect(first).toMatch(/ INFO fabric runOnDemandItemJob POST http:\/\/127\.0\.0\.1:\d+\/v1\/workspaces\/.+\/jobs\/instances\?jobType=RunNotebook -> 202 in \d+ms/);

      const text = await scrape(server.url);
      expect(sample(text, 'fabric_requests_total', { operation: 'runOnDemandItemJob', status_code: '202' })).toBe(1);
      expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: '200' })).toBe(1);
      expect(sample(text, 'fabric_requests_total', { operation: 'getItemJobInstance', status_code: '401' })).toBe(lines.length - 2);
    });
  }
});
