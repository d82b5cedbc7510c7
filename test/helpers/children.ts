/**
 * Child processes that tests start must not outlive the test process: when a test times out, vitest
 * ends the fork before the test's own clean-up (or its kill timer) runs. Every spawned child is
 * killed when the test process exits.
 */
import type { ChildProcess } from 'node:child_process';

export function killOnExit<T extends ChildProcess>(child: T): T {
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('close', () => process.off('exit', kill));
  return child;
}
