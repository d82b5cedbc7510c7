/** Exit codes of the `fabric-temporal` CLI (docs/cli.md). */
export const EXIT = {
  /** The run completed (or, for `start`/`list`/`status`, the command did what was asked). */
  ok: 0,
  /** The job or the run ended any other way: Failed, Cancelled, Deduped, TimedOut. */
  jobNotCompleted: 1,
  /** Invalid input, validated before anything started (also: unknown workflow id, id already in use). */
  invalidInput: 2,
  /** Infrastructure: Temporal unreachable, invalid configuration, unexpected errors. */
  infrastructure: 3,
  /** `run` stopped waiting on Ctrl-C (the run itself goes on). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
