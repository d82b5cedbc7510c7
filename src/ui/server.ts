/**
 * `fabric-temporal ui`: a local web server over node:http that reads the runs from Temporal (no
 * database of its own) and serves the runs list, a pipeline run (graph, timeline, steps), a job,
 * refresh or operation run, the schedules and a schedule's grid. Secure by default (security.ts):
 * loopback unless a token guards it, actions only with `allowActions`, POST + anti-forgery token,
 * no credential in any page, a 4xx page for bad input and never a stack trace.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CliContext } from '../commands/context.js';
import type { Env } from '../config.js';
import { actionArgv, parseActionForm, runAction } from './actions.js';
import { BadRequest } from './errors.js';
import { esc, href, page } from './html.js';
import { pipelineBody, readPipeline } from './pipeline-page.js';
import { readRun, runBody } from './run-page.js';
import { parseFilters, readRunsPage, runsBody } from './runs.js';
import { gridBody, readScheduleGrid, readSchedules, schedulesBody } from './schedule-page.js';
import { hostAllowed, newSecret, presentedToken, sameOrigin, sameSecret, securityHeaders, TOKEN_COOKIE } from './security.js';
import { FABRIC_PIPELINE_WORKFLOW } from '../contracts/pipeline.js';

export interface UiServerOptions {
  /** @default '127.0.0.1' */
  host?: string;
  /** 0: any free port. @default 8234 */
  port?: number;
  /** Required for a non-loopback host (the caller checks it with bindProblem first). */
  token?: string | undefined;
  /** Cancel, retry, skip, abort and repair. @default false */
  allowActions?: boolean;
  /** The CLI's connection flags, put before every action's command line. @default [] */
  actionArgvPrefix?: readonly string[];
  /** Environment of the actions' commands. @default the CLI context's */
  actionEnv?: Env;
  /** One line per unexpected error (never shown to the browser in full). */
  log?: (line: string) => void;
}

export interface RunningUiServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const BODY_LIMIT = 16 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > BODY_LIMIT) reject(new BadRequest('the request body is too large'));
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

export const DEFAULT_UI_PORT = 8234;

export async function startUiServer(ctx: CliContext, options: UiServerOptions = {}): Promise<RunningUiServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  const csrfToken = newSecret();
  const actions = { allowed: options.allowActions === true, csrfToken };
  const log = options.log ?? (() => undefined);

  function send(response: ServerResponse, status: number, title: string, body: string, nonce: string, running = false, extra: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders(nonce), ...extra });
    response.end(page({ title, body, nonce, running }));
  }

  async function route(request: IncomingMessage, response: ServerResponse, url: URL, nonce: string): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        throw new BadRequest('the address is not valid (malformed %-escape)');
      }
    });
    const [section, ...rest] = parts;
    const id = rest.join('/');
    const runId = url.searchParams.get('run')?.trim() || undefined;
    if (request.method === 'POST') {
      if (section !== 'actions' || rest.length !== 1) throw new BadRequest('only actions are POSTed', 405);
      return doAction(request, response, rest[0]!, nonce);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new BadRequest(`method ${request.method ?? ''} is not allowed`, 405);
    const client = await ctx.client();
    if (section === undefined) {
      const filters = parseFilters(url.searchParams);
      const runs = await readRunsPage(client, filters);
      return send(response, 200, 'Runs', runsBody(runs, filters), nonce, runs.rows.some((row) => row.status === 'Running') && !filters.page);
    }
    if (section === 'pipeline' && id) {
      const view = await readPipeline(ctx, client, id, runId);
      return send(response, 200, `Pipeline ${view.progress?.name ?? id}`, pipelineBody(view, actions), nonce, view.running);
    }
    if (section === 'run' && id) {
      try {
        const view = await readRun(ctx, client, id, runId);
        return send(response, 200, `Run ${id}`, runBody(view, actions), nonce, view.running);
      } catch (error) {
        // A pipeline's id under /run: its own page.
        if ((error as Error).name === 'BadRequest' && (await client.workflow.getHandle(id, runId).describe().then((d) => d.type === FABRIC_PIPELINE_WORKFLOW, () => false))) {
          response.writeHead(303, { location: `${href('pipeline', id)}${runId ? `?run=${encodeURIComponent(runId)}` : ''}` }).end();
          return;
        }
        throw error;
      }
    }
    if (section === 'schedules' && rest.length === 0) return send(response, 200, 'Schedules', schedulesBody(await readSchedules(client)), nonce);
    if (section === 'schedule' && id) {
      const grid = await readScheduleGrid(client, id);
      return send(response, 200, `Schedule ${id}`, gridBody(grid), nonce, grid.rows.some((row) => row.status === 'Running'));
    }
    throw new BadRequest(`no page at ${url.pathname}`, 404);
  }

  async function doAction(request: IncomingMessage, response: ServerResponse, name: string, nonce: string): Promise<void> {
    if (!actions.allowed) throw new BadRequest('actions are off: this view was started without --allow-actions', 403);
    if (!sameOrigin(request)) throw new BadRequest('refused: the action did not come from this view\'s own page', 403);
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) throw new BadRequest('an action is a form POST (application/x-www-form-urlencoded)');
    const form = new URLSearchParams(await readBody(request));
    if (!sameSecret(form.get('csrf') ?? '', csrfToken)) throw new BadRequest('refused: the form\'s anti-forgery token is missing or stale; reload the page', 403);
    const action = parseActionForm(name, form);
    const client = await ctx.client();
    const isPipeline = await client.workflow
      .getHandle(action.workflowId)
      .describe()
      .then((d) => d.type === FABRIC_PIPELINE_WORKFLOW, (error: unknown) => {
        if ((error as Error | null)?.name === 'WorkflowNotFoundError') throw new BadRequest(`no run ${JSON.stringify(action.workflowId)}`, 404);
        throw error;
      });
    const argv = [...(options.actionArgvPrefix ?? []), ...actionArgv(action, isPipeline)];
    const env = options.actionEnv ?? ctx.io.env;
    let messages: string;
    let exitCode: number | undefined;
    if (action.action === 'repair') {
      // The CLI follows the repaired run to its end: answer once it has started (its first line), let it go on.
      let output = '';
      const started = new Promise<void>((resolve) => {
        const done = runAction(argv, env, (text) => {
          output += text;
          if (output.includes('\n')) resolve();
        });
        done.then((result) => {
          exitCode = result.exitCode;
          resolve();
        }, (error: unknown) => {
          log(`fabric-temporal ui: repair of ${action.workflowId}: ${String(error)}`);
          resolve();
        });
      });
      await started;
      messages = output;
    } else {
      const result = await runAction(argv, env);
      messages = result.messages;
      exitCode = result.exitCode;
    }
    const ok = exitCode === undefined || exitCode === 0 || (exitCode === 1 && action.action === 'cancel');
    const back = isPipeline ? href('pipeline', action.workflowId) : href('run', action.workflowId);
    const body = `<h1>${esc(action.action)} ${esc(action.workflowId)}</h1><div class="card"><p data-role="action-result">${ok ? 'Done.' : 'The command did not succeed.'}</p><pre>${esc(messages.trim())}</pre><p><code>fabric-temporal ${esc(argv.join(' '))}</code></p></div><p><a href="${esc(back)}">← back to the run</a></p>`;
    send(response, ok ? 200 : 409, `${action.action} ${action.workflowId}`, body, nonce);
  }

  const server = createServer((request, response) => {
    const nonce = newSecret();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://view.invalid');
    } catch {
      send(response, 400, 'Bad request', '<h1>Bad request</h1><p>The address is not valid.</p>', nonce);
      return;
    }
    if (!hostAllowed(request, host)) {
      send(response, 421, 'Wrong host', '<h1>Wrong host</h1><p>This view answers only to its own address (a loopback name).</p>', nonce);
      return;
    }
    if (token !== undefined) {
      const given = presentedToken(request, url);
      if (given === undefined || !sameSecret(given, token)) {
        send(response, 401, 'Token required', `<h1>Token required</h1><p>Open this view with <code>?token=…</code> (the value of FABRIC_UI_TOKEN) once, or send <code>Authorization: Bearer …</code>.</p>`, nonce);
        return;
      }
      if (url.searchParams.has('token')) {
        // Keep the token out of the address bar and history: a cookie carries it from here on.
        url.searchParams.delete('token');
        response.writeHead(303, { location: `${url.pathname}${url.search}`, 'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(given)}; HttpOnly; SameSite=Strict; Path=/`, ...securityHeaders(nonce) }).end();
        return;
      }
    }
    route(request, response, url, nonce).catch((error: unknown) => {
      if (response.headersSent) {
        response.end();
        return;
      }
      if ((error as Error | null)?.name === 'BadRequest') {
        const bad = error as BadRequest;
        send(response, bad.status, 'Not possible', `<h1>${bad.status === 404 ? 'Not found' : bad.status === 403 ? 'Refused' : 'Bad request'}</h1><p class="error-message">${esc(bad.message)}</p><p><a href="/">← runs</a></p>`, nonce);
        return;
      }
      const line = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : String(error);
      log(`fabric-temporal ui: ${request.method} ${url.pathname}: ${line}`);
      send(response, 502, 'Temporal error', `<h1>Could not read from Temporal</h1><p class="error-message">${esc(line)}</p>`, nonce);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_UI_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
