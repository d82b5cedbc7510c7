/**
 * Live progress of a run while `run` waits, from the workflow's `state` query: on a terminal one
 * line updated in place; otherwise one plain line per change of status (for logs and CI).
 */
import type { RunFabricJobState } from '../shared.js';
import { formatDuration } from '../duration.js';

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

export function ttyProgress(stream: { write(text: string): unknown }): ProgressView {
  let drawn = false;
  return {
    update(state, elapsedMs) {
      stream.write(`\r\x1b[2K${progressLine(state, elapsedMs)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

export function lineProgress(stream: { write(text: string): unknown }): ProgressView {
  let last = '';
  return {
    update(state, elapsedMs) {
      if (!state) return;
      const key = `${statusLabel(state)}|${state.jobInstanceId ?? ''}`;
      if (key === last) return;
      last = key;
      const job = state.jobInstanceId ? `job ${state.jobInstanceId}` : 'no job instance yet';
      stream.write(`[${elapsed(elapsedMs)}] ${statusLabel(state)} (${job}, ${state.polls} poll${state.polls === 1 ? '' : 's'})\n`);
    },
    finish() {},
  };
}
