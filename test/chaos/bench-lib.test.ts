/** The chaos and benchmark scripts' helpers: flags, seeded randomness, statistics, the chaos plan. */
import { describe, expect, it } from 'vitest';
import { FlagError, parseFlags } from '../../bench/lib/args.js';
import { Random } from '../../bench/lib/random.js';
import { maxOverlap, percentile } from '../../bench/lib/stats.js';
import { planChaos } from '../../bench/chaos/plan.js';

const FLAGS = { jobs: { default: 500, min: 1, max: 1000, what: 'runs to start' } };

describe('parseFlags', () => {
  it('reads integers and --json, with defaults', () => {
    expect(parseFlags([], FLAGS)).toEqual({ jobs: 500, json: false, help: false });
    expect(parseFlags(['--jobs', '20', '--json'], FLAGS)).toEqual({ jobs: 20, json: true, help: false });
  });

  it('reads a choice flag and names the choices when it refuses one', () => {
    const flags = { ...FLAGS, server: { choices: ['dev', 'cluster'] as const, default: 'dev' as 'dev' | 'cluster', what: 'the Temporal service' } };
    expect(parseFlags([], flags).server).toBe('dev');
    expect(parseFlags(['--server', 'cluster'], flags).server).toBe('cluster');
    expect(() => parseFlags(['--server', 'prod'], flags)).toThrow("--server must be one of dev, cluster (the Temporal service), got 'prod'");
  });

  it('names the flag, the range and the value it refuses', () => {
    expect(() => parseFlags(['--jobs', '0'], FLAGS)).toThrow("--jobs must be a whole number from 1 to 1000 (runs to start), got '0'");
    expect(() => parseFlags(['--jobs', '1.5'], FLAGS)).toThrow(FlagError);
    expect(() => parseFlags(['--kills', '3'], FLAGS)).toThrow(/Unknown option '--kills'/);
  });
});

describe('statistics', () => {
  it('percentile by nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([], 50)).toBeNaN();
  });

  it('maxOverlap counts intervals open at once; touching ones do not overlap', () => {
    expect(maxOverlap([])).toBe(0);
    expect(maxOverlap([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 9, end: 20 }])).toBe(3);
    expect(maxOverlap([{ start: 0, end: 10 }, { start: 10, end: 20 }])).toBe(1);
  });
});

describe('chaos plan', () => {
  it('is the same for the same seed and spreads kills over the run', () => {
    const options = { jobs: 50, kills: 5, maxDurationS: 20, startWindowS: 10, tag: 't' };
    const a = planChaos(options, new Random(42));
    const b = planChaos(options, new Random(42));
    expect(a.workerKillsAtMs).toEqual(b.workerKillsAtMs);
    expect(a.jobs.map((j) => j.scenario)).toEqual(b.jobs.map((j) => j.scenario));
    expect(a.workerKillsAtMs).toHaveLength(5);
    expect(a.serverKillAtMs).toBeGreaterThan(0);
    expect(a.serverKillAtMs).toBeLessThan(a.spanMs);
    for (const job of a.jobs) {
      expect(job.input.executionData).toEqual({ chaosRun: job.workflowId });
      expect(job.scenario.durationMs).toBeLessThanOrEqual(20_000);
    }
    expect(new Set(a.jobs.map((j) => j.input.itemId)).size).toBe(50);
    expect(a.workerKillTargets).toEqual([0, 0, 0, 0, 0]);
  });

  it('spreads the kills over the workers', () => {
    const plan = planChaos({ jobs: 20, kills: 40, maxDurationS: 20, startWindowS: 10, workers: 2, tag: 't' }, new Random(7));
    expect(new Set(plan.workerKillTargets)).toEqual(new Set([0, 1]));
  });
});
