/**
 * One Fabric HTTP exchange: bearer token, got with its retries off (Temporal owns retries), one token
 * refresh on 401, error mapping and the per-request event. Knows nothing about the operations.
 */
import type { TokenCredential } from '@azure/identity';
import got, { type Got } from 'got';
import { performance } from 'node:perf_hooks';
import type { FabricRequestEvent } from './client-types.js';
import type { FabricError } from './errors/fabric-error.js';
import { parseErrorResponse } from './errors/parse-error-response.js';
import { requestIdFromHeaders } from './headers.js';
import type { SuccessResponse } from './json.js';
import type { RequestRateLimiter } from './rate-limiter.js';
import { BearerTokenProvider } from './token-provider.js';
import { toTransportError } from './transport-errors.js';

export interface HttpConfig {
  credential: TokenCredential;
  scope: string;
  timeoutMs: number;
  userAgent: string;
  onRequest: ((event: FabricRequestEvent) => void) | undefined;
  rateLimiter: RequestRateLimiter | undefined;
  /** Named in 401 and 403 errors (see FabricClientOptions.identity). */
  identity?: string | undefined;
}

export interface HttpRequest {
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** Sent as JSON when defined; no body at all otherwise. */
  body?: unknown;
  signal?: AbortSignal | undefined;
}

interface Exchange {
  res: SuccessResponse;
  error: FabricError | undefined;
}

export class FabricHttp {
  private readonly tokens: BearerTokenProvider;
  private readonly got: Got;

  constructor(private readonly config: HttpConfig) {
    this.tokens = new BearerTokenProvider(config.credential, config.scope);
    this.got = got.extend({
      retry: { limit: 0 },
      throwHttpErrors: false,
      followRedirect: false,
      responseType: 'text',
      timeout: { request: config.timeoutMs },
    });
  }

  /** Sends `req`; resolves with a 2xx response, throws FabricError / FabricTransportError otherwise. */
  async send(req: HttpRequest): Promise<SuccessResponse> {
    const token = await this.tokens.getToken(req.signal);
    let { res, error } = await this.exchange(req, token);
    if (res.statusCode === 401) {
      // The token may have been revoked or rotated: fetch a new one and try this request once more.
      this.tokens.invalidate(token);
      ({ res, error } = await this.exchange(req, await this.tokens.getToken(req.signal)));
    }
    if (error) throw error;
    return res;
  }

  private async exchange(req: HttpRequest, token: string): Promise<Exchange> {
    const queued = performance.now();
    await this.config.rateLimiter?.acquire(req.signal);
    const started = performance.now();
    const event: FabricRequestEvent = { operation: req.operation, method: req.method, url: req.url, durationMs: 0 };
    if (this.config.rateLimiter) event.rateLimitWaitMs = started - queued;
    try {
      const response = await this.got(req.url, {
        method: req.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'user-agent': this.config.userAgent,
          ...(req.body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(req.body !== undefined && { body: JSON.stringify(req.body) }),
        signal: req.signal,
      });
      const res: SuccessResponse = {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        method: req.method,
        url: req.url,
      };
      const error =
        response.statusCode >= 300 ? parseErrorResponse({ ...res, statusMessage: response.statusMessage, identity: this.config.identity }) : undefined;
      event.statusCode = res.statusCode;
      event.requestId = error?.requestId ?? requestIdFromHeaders(res.headers);
      if (error?.errorCode) event.errorCode = error.errorCode;
      return { res, error };
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      const transport = toTransportError(err, req.method, req.url);
      if (!transport) throw err;
      event.transportErrorCode = transport.code;
      throw transport;
    } finally {
      event.durationMs = performance.now() - started;
      if (event.requestId === undefined) delete event.requestId;
      this.emit(event);
    }
  }

  private emit(event: FabricRequestEvent): void {
    try {
      this.config.onRequest?.(event);
    } catch {
      // A failing listener must not fail the request.
    }
  }
}
