/**
 * Live progress of a run while `run`, `refresh` (or `status --wait`) waits, from the workflow's state
 * query: on a terminal one line updated in place, cut to the terminal's width; otherwise one plain line
 * per change of status, and one at least every `--progress-interval` (for logs and CI).
 */
import type { SemanticModelRefreshState } from '../contracts/semantic-model-refresh.js';
import type { RunFabricJobState } from '../shared.js';
import { formatDuration } from '../duration.js';
import { DEFAULT_PROGRESS_INTERVAL_MS } from './follow.js';
import { fitLine, terminalColumns, type SizedStream } from './terminal-width.js';

/** What a progress line shows of a run's state, whatever the workflow. */
export interface ProgressFacts {
  /** `InProgress`, or the phase while there is no status yet. */
  label: string;
  /** What the run is following (`job <id>`, `refresh <id>`), once it has one. */
  subject?: string;
  /** Said instead of the subject before there is one (`no job instance yet`). */
  noSubject: string;
  polls: number;
  nextPollAt?: string;
}

/** Maps a workflow's state query answer (undefined: the query did not answer) to {@link ProgressFacts}. */
export type ProgressFactsOf<S> = (state: S | undefined) => ProgressFacts;

export interface ProgressView<S = RunFabricJobState> {
  /** Shows the latest state (undefined when the query did not answer). */
  update(state: S | undefined, elapsedMs: number): void;
  /** Clears the in-place line, if any. */
  finish(): void;
}

const WAITING_FOR_WORKER = 'waiting for the worker';

function elapsed(ms: number): string {
  return formatDuration(Math.floor(ms / 1000) * 1000);
}

/** `InProgress`, or the phase while there is no Fabric status yet. */
export function statusLabel(state: RunFabricJobState | undefined): string {
  if (!state) return WAITING_FOR_WORKER;
  if (state.phase === 'cancelling') return `cancelling (${state.status ?? 'no status yet'})`;
  if (state.phase === 'waitingForPool') return `waiting for a slot of pool ${state.pool?.name ?? '?'}`;
  if (state.phase === 'waitingForCapacity') {
    const refusals = state.capacity?.refusals ?? 0;
    const next = state.capacity?.nextTryAt ? `, next try at ${state.capacity.nextTryAt.slice(11, 19)} UTC` : '';
    return `waiting for capacity (refused ${refusals} time${refusals === 1 ? '' : 's'}${next})`;
  }
  return state.status ?? (state.phase === 'starting' ? 'starting' : state.phase);
}

/** A `runFabricJob` run's facts. */
export const jobProgressFacts: ProgressFactsOf<RunFabricJobState> = (state) => ({
  label: statusLabel(state),
  ...(state?.jobInstanceId && { subject: `job ${state.jobInstanceId}` }),
  noSubject: 'no job instance yet',
  polls: state?.polls ?? 0,
  ...(state?.nextPollAt && { nextPollAt: state.nextPollAt }),
});

/** A `semanticModelRefresh` run's facts. */
export const refreshProgressFacts: ProgressFactsOf<SemanticModelRefreshState> = (state) => ({
  label: !state ? WAITING_FOR_WORKER : state.phase === 'cancelling' ? `cancelling (${state.status ?? 'no status yet'})` : (state.status ?? state.phase),
  ...(state?.refreshId && { subject: `refresh ${state.refreshId}` }),
  noSubject: 'no refresh yet',
  polls: state?.polls ?? 0,
  ...(state?.nextPollAt && { nextPollAt: state.nextPollAt }),
});

/** The in-place line: `InProgress · 3 polls · 1m5s · job <id> · next poll in 20s`. */
export function progressLine<S = RunFabricJobState>(state: S | undefined, elapsedMs: number, nowMs = Date.now(), factsOf: ProgressFactsOf<S> = jobProgressFacts as ProgressFactsOf<S>): string {
  const facts = factsOf(state);
  const parts = [facts.label, `${facts.polls} poll${facts.polls === 1 ? '' : 's'}`, elapsed(elapsedMs)];
  if (facts.subject) parts.push(facts.subject);
  if (facts.nextPollAt) {
    const inMs = Date.parse(facts.nextPollAt) - nowMs;
    if (inMs > 0) parts.push(`next poll in ${elapsed(inMs + 999)}`);
  }
  return parts.join(' · ');
}

export function ttyProgress<S = RunFabricJobState>(stream: SizedStream, factsOf: ProgressFactsOf<S> = jobProgressFacts as ProgressFactsOf<S>): ProgressView<S> {
  let drawn = false;
  return {
    update(state, elapsedMs) {
      stream.write(`\r\x1b[2K${fitLine(progressLine(state, elapsedMs, Date.now(), factsOf), terminalColumns(stream))}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/**
 * One line per change of status or subject, and the same line again when `heartbeatMs` has passed
 * since the last one (also while the worker does not answer), so a long wait is never silent.
 */
export function lineProgress<S = RunFabricJobState>(
  stream: { write(text: string): unknown },
  heartbeatMs = DEFAULT_PROGRESS_INTERVAL_MS,
  factsOf: ProgressFactsOf<S> = jobProgressFacts as ProgressFactsOf<S>,
): ProgressView<S> {
  let last = '';
  let lastAtMs = 0; // the command's own first line ("Started …") counts as one
  return {
    update(state, elapsedMs) {
      const facts = factsOf(state);
      const key = `${facts.label}|${facts.subject ?? ''}`;
      const due = elapsedMs - lastAtMs >= heartbeatMs;
      if ((state === undefined || key === last) && !due) return;
      last = state === undefined ? last : key;
      lastAtMs = elapsedMs;
      stream.write(`[${elapsed(elapsedMs)}] ${facts.label} (${facts.subject ?? facts.noSubject}, ${facts.polls} poll${facts.polls === 1 ? '' : 's'})\n`);
    },
    finish() {},
  };
}
