/**
 * The codec endpoint for the Temporal Web UI and CLI (`POST /encode`, `POST /decode`, and `GET /healthz`
 * without auth for health checks): they send
 * encrypted payloads here to show them in clear text, so keys stay with this server and never
 * reach the browser. CORS admits the configured UI origins; an optional bearer token guards it.
 * Routes match on the path's end, so the server also works behind a reverse-proxy prefix.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PayloadCodec } from '@temporalio/common';
import { listen } from '../observability/listen-address.js';
import { payloadsFromJson, payloadsToJson, PayloadJsonError } from './payload-json.js';

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** Interface to listen on. @default '127.0.0.1' */
  host?: string;
  /** Port; 0 picks a free one. @default 8888 */
  port?: number;
  /** Origins allowed to call from a browser (the Web UI's origin), or `['*']`. @default ['http://localhost:8233'] */
  corsOrigins?: string[];
  /** When set, every POST needs `Authorization: Bearer <authToken>`. @default none (no auth) */
  authToken?: string;
  /** Largest request body accepted, in bytes. @default 16 MiB */
  maxBodyBytes?: number;
}

export interface CodecServer {
  /** e.g. `http://127.0.0.1:8888` (what `--codec-endpoint` and the UI's codec setting take). */
  url: string;
  port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `request body larger than ${limit} bytes`));
        req.removeAllListeners('data');
        req.resume();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Starts the codec server. */
export async function startCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  const { codec, host = '127.0.0.1', port = 8888, corsOrigins = ['http://localhost:8233'], maxBodyBytes = 16 * 1024 * 1024 } = options;
  const expected = options.authToken ? digest(options.authToken) : undefined;

  function corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    if (!origin || !(corsOrigins.includes('*') || corsOrigins.includes(origin))) return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type, Authorization, X-Namespace',
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    };
  }

  function authorized(req: IncomingMessage): boolean {
    if (!expected) return true;
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    return match !== null && timingSafeEqual(digest((match[1] as string).trim()), expected);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cors = corsHeaders(req);
    const path = new URL(req.url ?? '/', 'http://codec').pathname.replace(/\/+$/, '');
    const action = path.endsWith('/encode') ? 'encode' : path.endsWith('/decode') ? 'decode' : undefined;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    if (path === '/healthz' && req.method === 'GET') {
      send(res, 200, { ok: true });
      return;
    }
    if (!action) throw new HttpError(404, 'not found: POST /encode or /decode');
    if (req.method !== 'POST') throw new HttpError(405, 'use POST');
    if (!authorized(req)) {
      send(res, 401, { error: 'missing or wrong bearer token' }, { ...cors, 'WWW-Authenticate': 'Bearer' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse((await readBody(req, maxBodyBytes)).toString('utf8'));
    } catch (error) {
      if (error instanceof HttpError) throw error;
      throw new HttpError(400, 'the body is not valid JSON');
    }
    const payloads = payloadsFromJson(body);
    const result = action === 'encode' ? await codec.encode(payloads) : await codec.decode(payloads);
    send(res, 200, payloadsToJson(result), cors);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const status = error instanceof HttpError ? error.status : error instanceof PayloadJsonError ? 400 : 422;
      const message = error instanceof Error ? error.message : String(error);
      send(res, status, { error: message }, corsHeaders(req));
    });
  });
  return listen(server, host, port);
}
