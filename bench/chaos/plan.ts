/**
 * What a chaos run does, decided up front from a seed: the jobs (durations, Retry-After, outcomes,
 * start moments) and the moments of the worker kills and of the dev server kill.
 */
import { randomUUID } from 'node:crypto';
import type { JobOutcome, Scenario } from '../../src/emulator/index.js';
import type { RunFabricJobInput } from '../../src/shared.js';
import type { Random } from '../lib/random.js';

/** How a run must end: the status it returns, or the failure type it fails with. */
export type Expected = { status: 'Completed' } | { failure: 'FabricJobFailed' | 'FabricJobDeduped' | 'FabricJobTimedOut' };

export interface PlannedJob {
  workflowId: string;
  /** Milliseconds after the chaos run began. */
  startAtMs: number;
  scenario: Scenario;
  input: RunFabricJobInput;
  expected: Expected;
}

export interface ChaosPlan {
  jobs: PlannedJob[];
  /** Moments (ms after the beginning) of the worker SIGKILLs, ascending. */
  workerKillsAtMs: number[];
  /** How long the worker stays dead after each kill. */
  workerDownMs: number[];
  /** Which worker (0-based) each kill hits. */
  workerKillTargets: number[];
  /** Moment of the dev server SIGKILL. */
  serverKillAtMs: number;
  /** When the last planned job should be over, if nothing went wrong. */
  spanMs: number;
}

export interface PlanOptions {
  jobs: number;
  kills: number;
  /** Longest job duration, in seconds. */
  maxDurationS: number;
  /** Starts are spread over this many seconds. */
  startWindowS: number;
  /** Worker processes; each kill hits one of them. @default 1 */
  workers?: number;
  tag: string;
}

function pickOutcome(rng: Random): { outcome: JobOutcome; timeout: boolean } {
  const p = rng.next();
  if (p < 0.08) return { outcome: 'Failed', timeout: false };
  if (p < 0.12) return { outcome: 'Deduped', timeout: false };
  if (p < 0.18) return { outcome: 'Completed', timeout: true };
  return { outcome: 'Completed', timeout: false };
}

export function planChaos(options: PlanOptions, rng: Random): ChaosPlan {
  const jobs: PlannedJob[] = [];
  let spanMs = 0;
  for (let i = 0; i < options.jobs; i++) {
    const workflowId = `chaos-${options.tag}-${String(i).padStart(5, '0')}`;
    const durationMs = rng.int(2_000, options.maxDurationS * 1000);
    const retryAfterSeconds = rng.int(1, 5);
    const { outcome, timeout } = pickOutcome(rng);
    const startAtMs = rng.int(0, options.startWindowS * 1000);
    const scenario: Scenario = { durationMs, retryAfterSeconds, outcome, queuedMs: rng.int(0, 1_000) };
    const input: RunFabricJobInput = {
      workspaceId: randomUUID(),
      itemId: randomUUID(),
      jobType: 'RunNotebook',
      executionData: { chaosRun: workflowId },
      searchAttributes: true,
      ...(timeout ? { timeoutMs: Math.max(1_000, Math.round(durationMs / 2)) } : {}),
    };
    const expected: Expected = timeout
      ? { failure: 'FabricJobTimedOut' }
      : outcome === 'Failed'
        ? { failure: 'FabricJobFailed' }
        : outcome === 'Deduped'
          ? { failure: 'FabricJobDeduped' }
          : { status: 'Completed' };
    jobs.push({ workflowId, startAtMs, scenario, input, expected });
    spanMs = Math.max(spanMs, startAtMs + durationMs + 1_000);
  }
  jobs.sort((a, b) => a.startAtMs - b.startAtMs);
  // Kills land anywhere from the first starts to the end of the last job, so that they hit starts,
  // polls, cancels and completions alike.
  const workerKillsAtMs = Array.from({ length: options.kills }, () => rng.int(1_000, Math.max(2_000, spanMs))).sort((a, b) => a - b);
  const workerDownMs = workerKillsAtMs.map(() => rng.int(0, 3_000));
  const serverKillAtMs = rng.int(Math.round(spanMs * 0.3), Math.round(spanMs * 0.6));
  const workerKillTargets = workerKillsAtMs.map(() => rng.int(0, (options.workers ?? 1) - 1));
  return { jobs, workerKillsAtMs, workerDownMs, workerKillTargets, serverKillAtMs, spanMs };
}
