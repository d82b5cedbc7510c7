/**
 * The actions a page offers — cancel a run; retry, skip or abort a paused pipeline; repair a failed
 * pipeline — each a POST form behind a confirmation, allowed only when the server was started with
 * `--allow-actions`. An action runs the CLI's own command (the code path a person typing
 * it would take) as a CLI process with the view's connection settings; its messages are shown back.
 */
import { spawn } from 'node:child_process';
import type { Env } from '../config.js';
import { esc } from './html.js';
import { BadRequest } from './errors.js';

export const ACTIONS = ['cancel', 'retry', 'skip', 'abort', 'repair'] as const;
export type ActionName = (typeof ACTIONS)[number];

export interface ActionRequest {
  action: ActionName;
  workflowId: string;
  step?: string;
}

export interface ActionContext {
  allowed: boolean;
  /** The server's anti-forgery token: every action form carries it. */
  csrfToken: string;
}

const LABELS: Record<ActionName, string> = { cancel: 'Cancel run', retry: 'Retry step', skip: 'Skip step', abort: 'Abort pipeline', repair: 'Repair run' };

function question(request: ActionRequest): string {
  const step = request.step ? ` step ${request.step} of` : '';
  return `${LABELS[request.action]}:${step} ${request.workflowId}?`;
}

/** The forms of `requests`, or a line saying actions are off. */
export function actionForms(context: ActionContext, requests: readonly ActionRequest[]): string {
  if (requests.length === 0) return '';
  if (!context.allowed) return `<p class="muted actions-off">Actions (${requests.map((r) => r.action).join(', ')}) are off: start the view with <code>--allow-actions</code>.</p>`;
  return `<div class="actions">${requests
    .map(
      (r) =>
        `<form method="post" action="/actions/${r.action}" data-confirm="${esc(question(r))}"><input type="hidden" name="csrf" value="${esc(context.csrfToken)}">` +
        `<input type="hidden" name="workflowId" value="${esc(r.workflowId)}">${r.step ? `<input type="hidden" name="step" value="${esc(r.step)}">` : ''}` +
        `<button type="submit" data-action="${r.action}">${esc(LABELS[r.action])}</button></form>`,
    )
    .join('')}</div>`;
}

/** The CLI command line of an action. */
export function actionArgv(request: ActionRequest, isPipeline: boolean): string[] {
  switch (request.action) {
    case 'cancel':
      return isPipeline ? ['pipeline', 'cancel', request.workflowId] : ['cancel', request.workflowId];
    case 'retry':
    case 'skip':
      if (!request.step) throw new BadRequest(`${request.action} needs a step`);
      return ['pipeline', request.action, request.workflowId, request.step];
    case 'abort':
      return ['pipeline', 'abort', request.workflowId];
    case 'repair':
      return ['pipeline', 'repair', request.workflowId];
  }
}

export interface ActionResult {
  exitCode: number;
  /** What the command said (its stderr lines; stdout is unused without --json). */
  messages: string;
}

/** The command line that started this process's CLI (node, its loader flags, the entry script). */
function cliEntry(): string[] {
  return [...process.execArgv, process.argv[1]!];
}

/**
 * Runs the action's command as a CLI process (this process's own entry point), the code path a
 * person typing it takes. `repair` follows the repaired run to its end, as the CLI does: the
 * promise resolves then; `onOutput` sees its lines as they come.
 */
export function runAction(argv: readonly string[], env: Env, onOutput?: (text: string) => void): Promise<ActionResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...cliEntry(), ...argv], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let messages = '';
    const collect = (chunk: string) => {
      messages += chunk;
      onOutput?.(chunk);
    };
    child.stdout.setEncoding('utf8').on('data', collect);
    child.stderr.setEncoding('utf8').on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? 1, messages }));
  });
}

export function parseActionForm(action: string, form: URLSearchParams): ActionRequest {
  if (!(ACTIONS as readonly string[]).includes(action)) throw new BadRequest(`unknown action ${JSON.stringify(action)}: use one of ${ACTIONS.join(', ')}`, 404);
  const workflowId = form.get('workflowId')?.trim() ?? '';
  // eslint-disable-next-line no-control-regex
  if (workflowId === '' || workflowId.length > 1000 || /[\u0000-\u001f]/.test(workflowId)) throw new BadRequest('the action names no valid workflow id');
  const step = form.get('step')?.trim();
  // eslint-disable-next-line no-control-regex
  if (step !== undefined && (step === '' || step.length > 200 || /[\u0000-\u001f]/.test(step))) throw new BadRequest('the action names no valid step');
  return { action: action as ActionName, workflowId, ...(step !== undefined && { step }) };
}
