/** A TokenCredential that always returns one fixed token (tests, the emulator, tokens minted elsewhere). */
import type { AccessToken, TokenCredential } from '@azure/identity';

/** Far enough in the future that the client never tries to refresh it (year 2286). */
const FAR_FUTURE_MS = 9_999_999_999_000;

export class StaticTokenCredential implements TokenCredential {
  readonly #token: string;

  constructor(token: string) {
    if (typeof token !== 'string' || token.trim() === '') throw new TypeError('StaticTokenCredential needs a non-empty token');
    this.#token = token;
  }

  getToken(): Promise<AccessToken> {
    return Promise.resolve({ token: this.#token, expiresOnTimestamp: FAR_FUTURE_MS, tokenType: 'Bearer' });
  }

  /** Keeps the token out of logs and JSON dumps. */
  toJSON(): Record<string, string> {
    return { kind: 'StaticTokenCredential' };
  }
}
