import { describe, expect, it } from 'vitest';
import { defaultBurst, TokenBucket } from './rate-limiter.js';

describe('TokenBucket', () => {
  it('lets the burst through at once, then holds the rest to the rate, first come first served', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 20, burst: 3 });
    const started = performance.now();
    const order: number[] = [];
    const at: number[] = [];
    await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        bucket.acquire().then(() => {
          order.push(i);
          at.push(performance.now() - started);
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    // 3 at once, then 6 more at 20/s: the last one no sooner than 300 ms (5 ms slack for timer rounding).
    expect(at[8]).toBeGreaterThanOrEqual(295);
    expect(bucket.waiting).toBe(0);
  });

  it('an aborted wait leaves the queue and rejects with the reason', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, burst: 1 });
    await bucket.acquire();
    const controller = new AbortController();
    const waiting = bucket.acquire(controller.signal);
    expect(bucket.waiting).toBe(1);
    controller.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    expect(bucket.waiting).toBe(0);
    await expect(bucket.acquire(controller.signal)).rejects.toThrow('cancelled');
  });

  it('refuses a rate or burst that cannot work, and defaults the burst to one second of requests', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket({ ratePerSecond: 2, burst: 0.5 })).toThrow(RangeError);
    expect(defaultBurst(0.2)).toBe(1);
    expect(defaultBurst(2)).toBe(2);
    expect(defaultBurst(2.5)).toBe(3);
    expect(new TokenBucket({ ratePerSecond: 5 }).burst).toBe(5);
  });
});
