import { describe, expect, it } from 'vitest';
import { observabilitySection } from '../../src/config.js';
import { formatRuntimeLog, rateLimitWorkerOptions } from '../../src/observability/index.js';

describe('observability settings', () => {
  it('defaults to human logs, no metrics endpoint and no rate limit', () => {
    expect(observabilitySection({})).toEqual({ ok: true, value: { logFormat: 'human' } });
  });

  it('reads every variable', () => {
    expect(
      observabilitySection({
        FABRIC_METRICS_ADDRESS: '0.0.0.0:9464',
        FABRIC_TEMPORAL_METRICS_ADDRESS: '127.0.0.1:9465',
        FABRIC_LOG_FORMAT: 'JSON',
        FABRIC_MAX_REQUESTS_PER_SECOND: '2.5',
      }),
    ).toEqual({
      ok: true,
      value: {
        metricsAddress: { host: '0.0.0.0', port: 9464 },
        temporalMetricsAddress: { host: '127.0.0.1', port: 9465 },
        logFormat: 'json',
        maxRequestsPerSecond: 2.5,
      },
    });
    expect(observabilitySection({ FABRIC_METRICS_ADDRESS: '9464' })).toMatchObject({ ok: true, value: { metricsAddress: { host: '0.0.0.0', port: 9464 } } });
  });

  it('lists every problem', () => {
    const result = observabilitySection({ FABRIC_METRICS_ADDRESS: 'localhost', FABRIC_LOG_FORMAT: 'xml', FABRIC_MAX_REQUESTS_PER_SECOND: '-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({ variable: 'FABRIC_METRICS_ADDRESS', shownValue: '"localhost"', message: expect.stringContaining('HOST:PORT') }),
      expect.objectContaining({ variable: 'FABRIC_LOG_FORMAT', message: 'must be one of: human, json' }),
      expect.objectContaining({ variable: 'FABRIC_MAX_REQUESTS_PER_SECOND', message: expect.stringContaining('greater than 0') }),
    ]);
  });
});

describe('rate limit worker options', () => {
  it('maps the limit to the task-queue-wide activity rate', () => {
    expect(rateLimitWorkerOptions({})).toEqual({});
    expect(rateLimitWorkerOptions({ maxRequestsPerSecond: 0.5 })).toEqual({ maxTaskQueueActivitiesPerSecond: 0.5 });
    expect(() => rateLimitWorkerOptions({ maxRequestsPerSecond: 0 })).toThrow(RangeError);
  });
});

describe('runtime log line', () => {
  const entry = { level: 'WARN' as const, message: 'Activity failed', timestampNanos: 1_748_779_200_000_000_000n, meta: { attempt: 2n, taskQueue: 'fabric-jobs' } };
  it('formats Temporal log entries as human lines or JSON', () => {
    expect(formatRuntimeLog(entry, 'human')).toBe('2025-06-01T12:00:00.000Z WARN Activity failed {"attempt":"2","taskQueue":"fabric-jobs"}');
    expect(JSON.parse(formatRuntimeLog(entry, 'json'))).toEqual({ time: '2025-06-01T12:00:00.000Z', level: 'warn', msg: 'Activity failed', attempt: '2', taskQueue: 'fabric-jobs' });
    expect(formatRuntimeLog({ ...entry, meta: undefined }, 'human')).toBe('2025-06-01T12:00:00.000Z WARN Activity failed');
  });
});
