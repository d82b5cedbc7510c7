/**
 * A token bucket in front of every Fabric HTTP request of one process.
 *
 * The bucket holds at most `burst` tokens and gains `ratePerSecond` tokens per second; a request
 * takes one token, or waits (first come, first served) until one is there. So in any window of T
 * seconds one process sends at most `burst + ratePerSecond × T` requests. Waiters are released in
 * order; an aborted wait leaves the queue and rejects with the signal's reason.
 */

/** What FabricHttp needs from a limiter: resolve when the next request may be sent. */
export interface RequestRateLimiter {
  /** Resolves when a request may go out (the caller then sends exactly one); rejects when `signal` aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  /** Tokens added per second (> 0). */
  ratePerSecond: number;
  /** Most tokens held at once: requests that may go out back to back after a quiet period. @default max(1, ceil(ratePerSecond)) */
  burst?: number;
  /** Clock, in ms (tests). @default performance.now */
  now?: () => number;
}

/** The burst a bucket of this rate gets when none is given: one second's worth, at least one request. */
export function defaultBurst(ratePerSecond: number): number {
  return Math.max(1, Math.ceil(ratePerSecond));
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

export class TokenBucket implements RequestRateLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private tokens: number;
  private updatedAt: number;
  private readonly now: () => number;
  private readonly waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(options: TokenBucketOptions) {
    const { ratePerSecond } = options;
    if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0) throw new RangeError(`ratePerSecond must be a number greater than 0, got ${ratePerSecond}`);
    const burst = options.burst ?? defaultBurst(ratePerSecond);
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`burst must be a whole number of at least 1, got ${burst}`);
    this.ratePerSecond = ratePerSecond;
    this.burst = burst;
    this.now = options.now ?? (() => performance.now());
    this.tokens = burst;
    this.updatedAt = this.now();
  }

  /** Requests waiting for a token right now. */
  get waiting(): number {
    return this.waiters.length;
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.waiters.indexOf(waiter);
          if (index >= 0) this.waiters.splice(index, 1);
          reject(signal.reason);
          this.schedule();
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.schedule();
    });
  }

  private refill(): void {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = at;
  }

  /** Hands out the tokens that are there, then sleeps until the next one for the first waiter. */
  private release(): void {
    this.timer = undefined;
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      const waiter = this.waiters.shift() as Waiter;
      this.tokens -= 1;
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve();
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) return;
    this.refill();
    const missingMs = ((1 - this.tokens) / this.ratePerSecond) * 1000;
    this.timer = setTimeout(() => this.release(), Math.max(0, Math.ceil(missingMs)));
    // A process may exit while requests wait: they are activities, and Temporal retries them elsewhere.
    this.timer.unref();
  }
}
