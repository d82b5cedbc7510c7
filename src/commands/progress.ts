/**
 * Live progress of a run while `run` (or `status --wait`) waits, from the workflow's `state` query:
 * on a terminal one line updated in place, cut to the terminal's width; otherwise one plain line
 * per change of status, and one at least every `--progress-interval` (for logs and CI).
 */
import type { RunFabricJobState } from '../shared.js';
import { formatDuration } from '../duration.js';
import { DEFAULT_PROGRESS_INTERVAL_MS } from './follow.js';
import { fitLine, terminalColumns, type SizedStream } from './terminal-width.js';

export interface ProgressView {
  /** Shows the latest state (undefined when the query did not answer). */
  update(state: RunFabricJobState | undefined, elapsedMs: number): void;
  /** Clears the in-place line, if any. */
  finish(): void;
}

function elapsed(ms: number): string {
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

/** `InProgress`, or the phase while there is no Fabric status yet. */
export function statusLabel(state: RunFabricJobState | undefined): string {
  if (!state) return 'waiting for the worker';
  if (state.phase === 'cancelling') return `cancelling (${state.status ?? 'no status yet'})`;
  if (state.phase === 'waitingForPool') return `waiting for a slot of pool ${state.pool?.name ?? '?'}`;
  if (state.phase === 'waitingForCapacity') {
    const refusals = state.capacity?.refusals ?? 0;
    const next = state.capacity?.nextTryAt ? `, next try at ${state.capacity.nextTryAt.slice(11, 19)} UTC` : '';
    return `waiting for capacity (refused ${refusals} time${refusals === 1 ? '' : 's'}${next})`;
  }
  return state.status ?? (state.phase === 'starting' ? 'starting' : state.phase);
}

/** The in-place line: `InProgress · 3 polls · 1m5s · job <id> · next poll in 20s`. */
export function progressLine(state: RunFabricJobState | undefined, elapsedMs: number, nowMs = Date.now()): string {
  const parts = [statusLabel(state), `${state?.polls ?? 0} poll${state?.polls === 1 ? '' : 's'}`, elapsed(elapsedMs)];
  if (state?.jobInstanceId) parts.push(`job ${state.jobInstanceId}`);
  if (state?.nextPollAt) {
    const inMs = Date.parse(state.nextPollAt) - nowMs;
    if (inMs > 0) parts.push(`next poll in ${elapsed(inMs + 999)}`);
  }
  return parts.join(' · ');
}

export function ttyProgress(stream: SizedStream): ProgressView {
  let drawn = false;
  return {
    update(state, elapsedMs) {
      stream.write(`\r\x1b[2K${fitLine(progressLine(state, elapsedMs), terminalColumns(stream))}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/**
 * One line per change of status or job instance, and the same line again when `heartbeatMs` has
 * passed since the last one (also while the worker does not answer), so a long wait is never silent.
 */
export function lineProgress(stream: { write(text: string): unknown }, heartbeatMs = DEFAULT_PROGRESS_INTERVAL_MS): ProgressView {
  let last = '';
  let lastAtMs = 0; // the command's own first line ("Started …") counts as one
  return {
    update(state, elapsedMs) {
      const key = `${statusLabel(state)}|${state?.jobInstanceId ?? ''}`;
      const due = elapsedMs - lastAtMs >= heartbeatMs;
      if ((!state || key === last) && !due) return;
      last = state ? key : last;
      lastAtMs = elapsedMs;
      const job = state?.jobInstanceId ? `job ${state.jobInstanceId}` : 'no job instance yet';
      const polls = state?.polls ?? 0;
      stream.write(`[${elapsed(elapsedMs)}] ${statusLabel(state)} (${job}, ${polls} poll${polls === 1 ? '' : 's'})\n`);
    },
    finish() {},
  };
}
