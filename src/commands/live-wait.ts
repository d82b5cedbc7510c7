/**
 * Waiting for a run to end while a live view is refreshed, until the run ends or the user presses
 * Ctrl-C (`run`, `pipeline run`).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LiveWaitOptions<T, E> {
  /** How the run ends (already started). A rejection is passed on, once the refreshing has stopped. */
  outcome: Promise<T>;
  /** Refreshes the view once (it should not throw); `stopped` aborts when the wait is over. */
  refresh: (stopped: AbortSignal) => Promise<void>;
  /** The pause between two refreshes, in milliseconds. */
  everyMs: number;
  /**
   * Ends the wait before the run ends, with its value (e.g. {@link ctrlC}). `ended` aborts when the
   * wait is over, whichever way: release what it holds then.
   */
  until: (ended: AbortSignal) => Promise<E>;
}

/**
 * Refreshes the view every `everyMs` while waiting for `outcome` or `until`, whichever comes first,
 * and returns its value. The refreshing has stopped when this returns (or throws).
 */
export async function waitWithLiveView<T, E>(options: LiveWaitOptions<T, E>): Promise<T | E> {
  const { outcome, refresh, everyMs, until } = options;
  const stop = new AbortController();
  const refreshing = (async () => {
    while (!stop.signal.aborted) {
      await refresh(stop.signal);
      await sleep(everyMs, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  })();
  outcome.catch(() => undefined);
  try {
    return await Promise.race([outcome, until(stop.signal)]);
  } finally {
    stop.abort();
    await refreshing;
  }
}

let latched = false;
let pressed = false;
const waiters = new Set<() => void>();

/**
 * From now on, Ctrl-C no longer kills the process: it is kept for {@link ctrlC}, even when it comes
 * before the wait begins. Call it as soon as a run exists (right after the start), so that a Ctrl-C
 * while the CLI is still reading the run's links or first state ends with the hint and exit 130,
 * not with the signal's default death. Idempotent.
 */
export function latchCtrlC(): void {
  if (latched) return;
  latched = true;
  process.on('SIGINT', () => {
    pressed = true;
    for (const wake of waiters) wake();
  });
}

/**
 * Resolves when the user presses Ctrl-C (the run keeps going in Temporal), at once when it was pressed
 * after {@link latchCtrlC}; stops listening once `ended` aborts.
 */
export function ctrlC(ended: AbortSignal): Promise<'interrupted'> {
  latchCtrlC();
  if (pressed) return Promise.resolve('interrupted');
  return new Promise((resolve) => {
    const wake = () => resolve('interrupted');
    waiters.add(wake);
    ended.addEventListener('abort', () => waiters.delete(wake), { once: true });
  });
}
