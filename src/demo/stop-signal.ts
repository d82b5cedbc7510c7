/**
 * SIGINT / SIGTERM for the demo: the first one aborts `signal` (the demo then stops everything in
 * order). Repeats within `repeatWindowMs` are ignored: a Ctrl-C can arrive twice (from the terminal
 * and relayed by the `tsx` wrapper). A later one forces the exit at once; the infrastructure host
 * then sees the demo gone and stops the dev server and the emulator by itself.
 */

export interface StopSignals {
  signal: AbortSignal;
  /** The signal that stopped the demo, if any. */
  received(): NodeJS.Signals | undefined;
  dispose(): void;
}

export interface StopSignalOptions {
  /** Called on the first signal (e.g. to print what happens now). */
  onStop(signal: NodeJS.Signals): void;
  /** Called on a signal after the repeat window: must end the process. */
  onForce(signal: NodeJS.Signals): void;
  /** @default 2_000 */
  repeatWindowMs?: number;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export function listenForStopSignals(options: StopSignalOptions): StopSignals {
  const controller = new AbortController();
  let first: { signal: NodeJS.Signals; atMs: number } | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (!first) {
      first = { signal, atMs: Date.now() };
      controller.abort(signal);
      options.onStop(signal);
      return;
    }
    if (Date.now() - first.atMs >= (options.repeatWindowMs ?? 2_000)) options.onForce(signal);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return {
    signal: controller.signal,
    received: () => first?.signal,
    dispose() {
      for (const signal of SIGNALS) process.off(signal, handler);
    },
  };
}
