/**
 * The shipped entry points as real processes: the worker (`npm run worker`) with metrics, JSON logs
 * and payload encryption from the environment, the CLI with the same keys, and the codec server
 * (`npm run codec-server`) decoding the history the Temporal server stored.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { cleanEnv, jsonOf, ROOT, runCli, spawnWorker } from '../cli/process.js';
import { sample, scrape } from './scrape.js';
import { killOnExit } from '../helpers/children.js';
import { compiled } from '../helpers/dist.js';

const KEYS = `k2:${randomBytes(32).toString('base64')},k1:${randomBytes(32).toString('base64')}`;
const SECRET = `s3cret-${randomUUID()}`;
const CODEC_TOKEN = `codec-${randomUUID()}`;

let h: CliHarness;
beforeAll(async () => {
  h = await startCliHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

/** Starts `npm run codec-server` on a free port; resolves its URL and a stop function. */
async function startCodecProcess(env: Record<string, string>): Promise<{ url: string; stop: () => void }> {
  const child = killOnExit(spawn(process.execPath, [compiled('codec/main')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await expect.poll(() => output, { timeout: 30_000, interval: 100 }).toMatch(/codec server on http:\/\/\S+/);
  return { url: /codec server on (http:\/\/\S+)/.exec(output)?.[1] as string, stop: () => child.kill('SIGTERM') };
}

describe('worker process with metrics, JSON logs and encryption', () => {
  it('serves /metrics, keeps the secret out of the history, and the codec server decodes it', async () => {
    const worker = spawnWorker(
      h.workerEnv({
        FABRIC_METRICS_ADDRESS: '127.0.0.1:0',
        FABRIC_LOG_FORMAT: 'json',
        FABRIC_ENCRYPTION_KEYS: KEYS,
      }),
    );
    let codec: { url: string; stop: () => void } | undefined;
    try {
      await expect.poll(() => worker.output().stdout, { timeout: 60_000, interval: 200 }).toContain('metrics on http://');
      const metricsUrl = /metrics on (http:\/\/\S+)\/metrics/.exec(worker.output().stdout)?.[1] as string;
      expect(worker.output().stdout).toContain('payload encryption on (active key "k2")');
      await expect.poll(async () => (await fetch(`${metricsUrl}/readyz`)).status, { timeout: 30_000, interval: 200 }).toBe(200);

      const { itemId, flags } = await h.item({});
      const executionData = JSON.stringify({ parameters: { password: { value: SECRET, type: 'string' } } });
      const workflowId = `enc-${randomUUID()}`;
      const run = await runCli(['run', ...flags, '--execution-data', executionData, '--workflow-id', workflowId, '--json'], h.cliEnv({ FABRIC_ENCRYPTION_KEYS: KEYS }));
      expect(run.code, run.stderr).toBe(0);
      expect(jsonOf(run)).toMatchObject({ status: 'Completed' });
      expect(JSON.stringify((await h.admin.jobs(itemId))[0]?.executionData)).toContain(SECRET);

      const text = await scrape(metricsUrl);
      expect(sample(text, 'fabric_jobs_total', { status: 'Completed' })).toBe(1);
      expect(sample(text, 'fabric_requests_total', { operation: 'runOnDemandItemJob', status_code: '202' })).toBe(1);
      expect(sample(text, 'temporal_workflow_completed_total', { task_queue: h.taskQueue })).toBe(1);

      // A CLI without the key cannot read the run: one clear message, not a stack trace.
      const noKey = await runCli(['status', workflowId, '--json'], h.cliEnv());
      expect(noKey.code).toBe(3);
      expect(noKey.stdout).toBe('');
      expect(noKey.stderr.trim()).toBe(
        'fabric-temporal: A payload was encrypted with key id "k2", which is not configured (no encryption keys are configured here). ' +
          'Set FABRIC_ENCRYPTION_KEYS or FABRIC_ENCRYPTION_KEY_FILE to the keys the worker uses to read it.',
      );

      // The server's copy: the input payload is encrypted with the active key.
      const history = await h.env.client.workflow.getHandle(workflowId).fetchHistory();
      const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
      expect(Buffer.from(input?.metadata?.['encryption-key-id'] ?? []).toString()).toBe('k2');
      expect(Buffer.from(input?.data ?? []).toString('latin1')).not.toContain(SECRET);

      codec = await startCodecProcess(cleanEnv({ FABRIC_ENCRYPTION_KEYS: KEYS, FABRIC_CODEC_ADDRESS: '127.0.0.1:0', FABRIC_CODEC_AUTH_TOKEN: CODEC_TOKEN }));
      const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
      const body = { payloads: [{ metadata: Object.fromEntries(Object.entries(input?.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(input?.data) }] };
      const res = await fetch(`${codec.url}/decode`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${CODEC_TOKEN}` }, body: JSON.stringify(body) });
      expect(res.status).toBe(200);
      const decoded = (await res.json()) as { payloads: { data: string }[] };
      expect(Buffer.from(decoded.payloads[0]?.data ?? '', 'base64').toString()).toContain(SECRET);
    } finally {
      codec?.stop();
      worker.child.kill('SIGTERM');
    }
    const exit = await worker.done;
    expect(exit.code, exit.stderr).toBe(0);
    const logLines = exit.stdout.split('\n').filter((line) => line.startsWith('{'));
    expect(logLines.map((line) => JSON.parse(line) as { msg: string }).some((entry) => entry.msg === 'fabric request')).toBe(true);
    expect(exit.stdout).not.toContain('cli-test-token');
    expect(exit.stdout).not.toContain(SECRET);
  });
});
