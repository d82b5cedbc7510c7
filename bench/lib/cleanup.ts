/**
 * What to undo when a bench, chaos or cluster script is interrupted (Ctrl-C, SIGTERM): every live
 * child process, the throw-away PostgreSQL and the cluster's files register here, and runScript
 * runs them all before it exits with 130. A normal end undoes them itself (finally blocks).
 */
const cleanups = new Set<() => Promise<void>>();

/** Registers `fn`; the returned function unregisters it (call it once the thing is gone). */
export function onInterrupt(fn: () => Promise<void>): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

/** Runs every registered clean-up at once, for at most `timeoutMs`. */
export async function runInterruptCleanups(timeoutMs = 60_000): Promise<void> {
  const all = Promise.allSettled([...cleanups].map((fn) => fn()));
  await Promise.race([all, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}
