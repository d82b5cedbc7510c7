/**
 * The web view's defences: where it may listen (loopback unless a token guards it), the token check
 * (constant time), the request's Host (against DNS rebinding on loopback), cross-site POSTs (an
 * anti-forgery token in every form plus the browser's Origin / Sec-Fetch-Site), and the response
 * headers every page gets (a Content-Security-Policy that allows only the page's own inline script).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const TOKEN_ENV = 'FABRIC_UI_TOKEN';
export const TOKEN_COOKIE = 'fabric_ui_token';

/** Whether `host` is a loopback address or name (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/** Why the view must not start on `host` with `token`, or undefined when it may. */
export function bindProblem(host: string, token: string | undefined): string | undefined {
  if (isLoopback(host)) return undefined;
  if (token === undefined || token.length === 0) return `refusing to listen on ${host}, which is not a loopback address, without a token: set ${TOKEN_ENV} (16 characters or more), or listen on 127.0.0.1`;
  if (token.length < 16) return `${TOKEN_ENV} is too short: use 16 characters or more (e.g. \`openssl rand -hex 16\`)`;
  return undefined;
}

/** Constant-time equality of two secrets (their SHA-256 digests, so lengths leak nothing either). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function newSecret(): string {
  return randomBytes(24).toString('base64url');
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The token a request presents: `Authorization: Bearer`, the cookie, or `?token=` (a first visit). */
export function presentedToken(request: IncomingMessage, url: URL): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? cookie(request, TOKEN_COOKIE);
}

/** Whether the Host header names this server (loopback binds answer only loopback names: DNS rebinding). */
export function hostAllowed(request: IncomingMessage, boundHost: string): boolean {
  const host = request.headers.host;
  if (!host) return false;
  if (!isLoopback(boundHost)) return true;
  const name = host.replace(/:\d+$/, '');
  return isLoopback(name);
}

/** Whether a POST comes from this view's own pages (not another site's form or script). */
export function sameOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    try {
      return new URL(origin).host === request.headers.host;
    } catch {
      return false;
    }
  }
  return origin !== 'null';
}

/** Headers of every answer. `nonce`: the page's inline script. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}
