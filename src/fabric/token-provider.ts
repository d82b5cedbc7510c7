/** Bearer tokens from a TokenCredential, cached until shortly before they expire. */
import type { AccessToken, TokenCredential } from '@azure/identity';

/** Refresh a cached token this long before it expires. */
export const TOKEN_REFRESH_MARGIN_MS = 120_000;

export class BearerTokenProvider {
  private cached: AccessToken | undefined;
  private inFlight: Promise<AccessToken> | undefined;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token valid for at least the refresh margin: the cached one, or a fresh one from the credential. */
  async getToken(signal?: AbortSignal): Promise<string> {
    signal?.throwIfAborted();
    if (this.cached && this.isFresh(this.cached)) return this.cached.token;
    // Concurrent callers share one credential call.
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    const token = await abortable(this.inFlight, signal);
    return token.token;
  }

  /** Drops the cached token if it is `token` (Fabric answered 401 to it), so the next getToken fetches a new one. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private isFresh(t: AccessToken): boolean {
    const now = this.now();
    if (t.refreshAfterTimestamp !== undefined && now >= t.refreshAfterTimestamp) return false;
    return now < t.expiresOnTimestamp - TOKEN_REFRESH_MARGIN_MS;
  }

  private async fetch(): Promise<AccessToken> {
    const token = await this.credential.getToken(this.scope);
    if (!token?.token) throw new Error(`The credential returned no token for scope ${this.scope}`);
    this.cached = token;
    return token;
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
