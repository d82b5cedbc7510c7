/**
 * `fabric-temporal ui` in a real browser: headless Chromium (Debian's `chromium`, or
 * FABRIC_UI_CHROMIUM) driven by playwright-core against the real CLI process, a real Temporal dev
 * server, the real emulator and a real worker. The screenshots land in a temporary folder, or in
 * docs/ui/ (which docs/ui.md shows) with FABRIC_UI_SCREENSHOTS=docs: `FABRIC_UI_SCREENSHOTS=docs npx vitest
 * run test/ui/browser.test.ts` refreshes the pictures; a plain test run leaves the work tree as it was.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FabricPipelineInput, PipelineStepDefinition } from '../../src/contracts/pipeline.js';
import { fabricPipeline } from '../../src/workflows/index.js';
import { startCliHarness, type CliHarness } from '../cli/harness.js';
import { cleanEnv, ROOT, runCli, spawnCli, type Spawned } from '../cli/process.js';
import { pipelineFile, waitForActions, waitUntilIdle } from '../schedules/fixtures.js';

const CHROMIUM = process.env.FABRIC_UI_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = process.env.FABRIC_UI_SCREENSHOTS === 'docs' ? join(ROOT, 'docs', 'ui') : join(tmpdir(), `fabric-ui-shots-${process.pid}`);

let h: CliHarness;
let browser: Browser;
let ui: Spawned;
let base: string;

/** Starts `fabric-temporal ui --port 0` and returns the address it prints on stdout. */
async function startUi(args: string[] = [], env: Record<string, string> = {}): Promise<{ spawned: Spawned; url: string }> {
  const spawned = spawnCli(['ui', '--port', '0', ...args], h.cliEnv(env), 600_000);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const line = /^(http:\/\/\S+)\n/m.exec(spawned.output().stdout);
    if (line) return { spawned, url: line[1]! };
    if (spawned.child.exitCode !== null || Date.now() > deadline) throw new Error(`ui did not start: ${JSON.stringify(spawned.output())}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopUi(spawned: Spawned): Promise<void> {
  spawned.child.kill('SIGTERM');
  await spawned.done;
}

async function step(id: string, scenario: Record<string, unknown>, extra: Partial<PipelineStepDefinition> = {}): Promise<PipelineStepDefinition> {
  const { workspaceId, itemId } = await h.item(scenario);
  return { id, needs: [], workspaceId, itemId, jobType: 'RunNotebook', ...extra };
}

async function startPipeline(name: string, steps: PipelineStepDefinition[], extra: Partial<FabricPipelineInput> = {}) {
  const input: FabricPipelineInput = { name, pollInterval: { minMs: 300, fallbackMs: 500 }, steps, ...extra };
  return h.env.client.workflow.start(fabricPipeline, { taskQueue: h.taskQueue, workflowId: `pipeline-${name}-${randomUUID().slice(0, 8)}`, args: [input], memo: { pipeline: name } });
}

async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // The page must need nothing from the internet: any request elsewhere fails the test.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return page;
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium (.ci/run does) or set FABRIC_UI_CHROMIUM`);
  mkdirSync(SHOTS, { recursive: true });
  h = await startCliHarness();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const started = await startUi();
  ui = started.spawned;
  base = started.url;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (ui) await stopUi(ui);
  await h?.close();
});

describe('fabric-temporal ui in Chromium', () => {
  it('a pipeline with a failed step shows the failed node, its failure reason, both links, and the timeline', async () => {
    const extract = await step('extract', { durationMs: 800 });
    const transform = await step('transform', { durationMs: 800, outcome: 'Failed' }, { needs: ['extract'] });
    const load = await step('load', {}, { needs: ['transform'] });
    const report = await step('report', { durationMs: 500 }, { needs: ['extract'] });
    const handle = await startPipeline('nightly-sales', [extract, transform, load, report]);
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => (error as { cause?: { details?: [{ steps: { id: string; failureReason: { message: string } | null }[] }] } }).cause?.details?.[0],
    );
    const reason = failure?.steps.find((s) => s.id === 'transform')?.failureReason?.message;
    expect(reason).toBeTruthy();

    const page = await newPage();
    await page.goto(base);
    const row = page.locator(`tr[data-workflow-id="${handle.workflowId}"]`);
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await row.locator('a').first().click();
    await page.waitForSelector('svg.step-graph');
    expect(await page.locator('g.node[data-step="transform"]').getAttribute('data-state')).toBe('failed');
    expect(await page.locator('g.node[data-step="extract"]').getAttribute('data-state')).toBe('completed');
    expect(await page.locator('[data-role="pipeline-status"]').innerText()).toBe('Failed');
    const card = page.locator('.step[data-step="transform"]');
    expect(await card.locator('[data-role="failure-reason"]').innerText()).toContain(reason!);
    const fabric = await card.locator('a.fabric-link').getAttribute('href');
    // The notebook's Spark monitor page (its Livy session), or its snapshot: either names the item.
    expect(fabric).toMatch(/^https:\/\/app\.fabric\.microsoft\.com\//);
    expect(fabric).toContain(transform.itemId);
    expect(await card.locator('a.temporal-link').getAttribute('href')).toBe(`http://temporal-ui.test:8233/namespaces/${h.namespace}/workflows/${encodeURIComponent(`${handle.workflowId}/transform`)}`);
    // No action is offered without --allow-actions, and no secret reaches the page.
    const html = await page.content();
    expect(html).toContain('start the view with <code>--allow-actions</code>');
    expect(html).not.toContain('cli-test-token');
    await page.screenshot({ path: join(SHOTS, 'pipeline-failed.png'), fullPage: true });
    await page.locator('svg.timeline').screenshot({ path: join(SHOTS, 'timeline.png') });
    await page.close();
  });

  it('a running pipeline\'s node changes state without a reload', async () => {
    const slow = await step('slow', { durationMs: 5_000 });
    const after = await step('after', { durationMs: 300 }, { needs: ['slow'] });
    const handle = await startPipeline('live', [slow, after]);
    const page = await newPage();
    await page.goto(`${base}pipeline/${encodeURIComponent(handle.workflowId)}`);
    const node = page.locator('g.node[data-step="slow"]');
    expect(['pending', 'running', 'waiting']).toContain(await node.getAttribute('data-state'));
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    await page.waitForSelector('g.node[data-step="slow"][data-state="completed"]', { timeout: 60_000 });
    await page.waitForSelector('g.node[data-step="after"][data-state="completed"]', { timeout: 60_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
  });

  it('the schedule grid shows two backfilled dates by step', async () => {
    const { workspaceId, itemId } = await h.item({ durationMs: 200 });
    const name = `grid-${randomUUID().slice(0, 6)}`;
    const scheduleId = `nightly-${randomUUID().slice(0, 6)}`;
    const created = await runCli(['schedule', 'create', scheduleId, '--pipeline', pipelineFile(name, workspaceId, itemId), '--cron', '0 2 * * *'], h.cliEnv());
    expect(created.code, created.stderr).toBe(0);
    const backfill = await runCli(['schedule', 'backfill', scheduleId, '--from', '2024-05-01', '--to', '2024-05-02'], h.cliEnv());
    expect(backfill.code, backfill.stderr).toBe(0);
    await waitForActions(h.env.client, scheduleId, 2);
    await waitUntilIdle(h.env.client, scheduleId);

    const page = await newPage();
    await page.goto(`${base}schedules`);
    await page.locator(`a:has-text("${scheduleId}")`).click();
    await expect.poll(() => page.locator('tr[data-logical-date]').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('tr[data-logical-date]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-logical-date')))).toEqual(['2024-05-02', '2024-05-01']);
    expect(await page.locator('td.cell[data-step="load"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')))).toEqual(['completed', 'completed']);
    await page.screenshot({ path: join(SHOTS, 'schedule-grid.png'), fullPage: true });
    await page.locator('tr[data-logical-date="2024-05-01"] a').first().click();
    await page.waitForSelector('svg.step-graph');
    expect(page.url()).toContain(encodeURIComponent(`/2024-05-01`));
    await page.close();
  });

  it('an action without --allow-actions is refused (403), and bad input gets a 4xx page without a stack trace', async () => {
    const job = await step('x', { durationMs: 60_000 });
    const handle = await startPipeline('refused', [job]);
    const page = await newPage();
    await page.goto(`${base}pipeline/${encodeURIComponent(handle.workflowId)}`);
    expect(await page.locator('button[data-action]').count()).toBe(0);
    const refused = await page.evaluate(async (id) => {
      const response = await fetch('/actions/cancel', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ workflowId: id, csrf: 'guess' }) });
      return { status: response.status, text: await response.text() };
    }, handle.workflowId);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('started without --allow-actions');
    expect((await handle.describe()).status.name).toBe('RUNNING');

    const unknown = await page.goto(`${base}pipeline/no-such-run`);
    expect(unknown!.status()).toBe(404);
    expect(await page.locator('.error-message').innerText()).toContain('no run "no-such-run"');
    const malformed = await page.goto(`${base}?status=Exploded`);
    expect(malformed!.status()).toBe(400);
    expect(await page.locator('.error-message').innerText()).toContain('unknown status "Exploded"');
    expect(await page.content()).not.toMatch(/\bat .*\.(ts|js):\d+/);
    await handle.cancel();
    await page.close();
  });

  it('with --allow-actions, cancel behind a confirmation cancels the run through the CLI\'s code path', async () => {
    const started = await startUi(['--allow-actions']);
    try {
      const job = await step('long', { durationMs: 60_000 });
      const handle = await startPipeline('cancel-me', [job]);
      const page = await newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await page.goto(`${started.url}pipeline/${encodeURIComponent(handle.workflowId)}`);
      await page.locator('button[data-action="cancel"]').click();
      await page.waitForSelector('[data-role="action-result"]', { timeout: 90_000 }).catch(async (error: unknown) => {
        throw new Error(`no action result: ${String(error)}\n${await page.content()}\n${JSON.stringify(started.spawned.output())}`);
      });
      expect((await handle.describe()).status.name).toBe('CANCELLED');
      // A forged POST (another site's form: no anti-forgery token) is refused.
      const forged = await page.evaluate(async (id) => (await fetch('/actions/abort', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ workflowId: id }) })).status, handle.workflowId);
      expect(forged).toBe(403);

      // A paused pipeline: its failed node is drawn paused, and Retry step runs `pipeline retry`.
      const flaky = await step('flaky', { outcome: 'Failed' });
      const paused = await startPipeline('paused', [flaky], { onFailure: 'pause' });
      await page.goto(`${started.url}pipeline/${encodeURIComponent(paused.workflowId)}`);
      await page.waitForSelector('g.node[data-step="flaky"][data-state="paused"]', { timeout: 60_000 });
      await h.admin.setScenario(flaky.itemId, { retryAfterSeconds: 1, durationMs: 300 });
      await page.locator('.step[data-step="flaky"] button[data-action="retry"]').click();
      await page.waitForSelector('[data-role="action-result"]', { timeout: 60_000 });
      expect(await page.locator('[data-role="action-result"]').innerText()).toBe('Done.');
      expect((await paused.result()).steps[0]).toMatchObject({ status: 'completed', attempts: 2 });
      await page.close();
    } finally {
      await stopUi(started.spawned);
    }
  }, 150_000);

  it('with FABRIC_UI_TOKEN, a page needs the token once; a cookie carries it from there and the address drops it', async () => {
    const token = 'a-token-of-some-length-1234';
    const started = await startUi([], { FABRIC_UI_TOKEN: token });
    try {
      const page = await newPage();
      expect((await page.goto(started.url))!.status()).toBe(401);
      expect((await page.goto(`${started.url}?token=wrong-token-of-some-length`))!.status()).toBe(401);
      expect((await page.goto(`${started.url}?token=${token}&kind=pipeline`))!.status()).toBe(200);
      expect(page.url()).toBe(`${started.url}?kind=pipeline`);
      expect(await page.locator('h1').innerText()).toBe('Runs');
      expect(await page.content()).not.toContain(token);
      await page.close();
    } finally {
      await stopUi(started.spawned);
    }
  });

  it('a non-loopback bind without FABRIC_UI_TOKEN refuses to start (exit 2)', async () => {
    const refused = await runCli(['ui', '--host', '0.0.0.0', '--port', '0'], cleanEnv({ TEMPORAL_ADDRESS: h.env.address }));
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('FABRIC_UI_TOKEN');
  });
});
