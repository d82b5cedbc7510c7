/**
 * A pass-through HTTP proxy in front of the emulator that answers 403 InsufficientPrivileges to
 * chosen requests. The emulator has no 403 fault (a 403 is a permission answer, not a transient
 * one); the fault matrix needs one on each operation, so it is injected here, before the emulator.
 */
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Job Scheduler operations the proxy recognises. */
export type ProxyOp = 'run' | 'get' | 'cancel' | 'list';

/** The operation of a /v1 jobs request, or undefined for anything else. */
export function jobOp(method: string, pathname: string): { op: ProxyOp; itemId: string } | undefined {
  // A notebook's status poll reads its notebook job instance (src/activities/job-status.ts): a 'get' too.
  const notebook = /^\/v1\/workspaces\/[^/]+\/notebooks\/([^/]+)\/jobs\/execute\/instances\/[^/]+\/?$/.exec(pathname);
  if (notebook && method === 'GET') return { op: 'get', itemId: notebook[1]!.toLowerCase() };
  const m = /^\/v1\/workspaces\/[^/]+\/items\/([^/]+)\/jobs\/(.+?)\/?$/.exec(pathname);
  if (!m) return undefined;
  const itemId = m[1]!.toLowerCase();
  const rest = m[2]!.split('/');
  if (rest[0] === 'instances') {
    if (rest.length === 1) return { op: method === 'POST' ? 'run' : 'list', itemId };
    if (rest.length === 2 && method === 'GET') return { op: 'get', itemId };
    if (rest.length === 3 && rest[2] === 'cancel') return { op: 'cancel', itemId };
    return undefined;
  }
  if (rest.length === 2 && rest[1] === 'instances' && method === 'POST') return { op: 'run', itemId };
  return undefined;
}

export interface ForbiddenProxy {
  /** `http://127.0.0.1:port/v1`: give this to the Fabric client. */
  apiUrl: string;
  /** The next `count` requests of `op` on the item get a 403. */
  forbid(itemId: string, op: ProxyOp, count: number): void;
  /** How many 403s the proxy has sent for the item. */
  forbidden(itemId: string): number;
  close(): Promise<void>;
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  // The emulator resets sockets on purpose (the reset faults): pass the reset on.
  upstream.on('error', () => res.socket?.destroy());
  // And when the client gives up (its timeout), so does the proxy: the emulator must see the
  // client leave, or it would count a Retry-After the client never received.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function sendForbidden(res: ServerResponse): void {
  const body = JSON.stringify({
    errorCode: 'InsufficientPrivileges',
    message: 'The caller does not have sufficient permissions to run or read jobs of this item.',
    requestId: 'forbidden-proxy',
  });
  res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), 'x-ms-public-api-error-code': 'InsufficientPrivileges' });
  res.end(body);
}

/** Starts the proxy on a random port in front of `emulatorUrl` (`http://host:port`). */
export async function startForbiddenProxy(emulatorUrl: string): Promise<ForbiddenProxy> {
  const target = new URL(emulatorUrl);
  const rules = new Map<string, number>();
  const sent = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const match = jobOp(req.method ?? 'GET', url.pathname);
    const key = match ? `${match.itemId} ${match.op}` : '';
    const left = rules.get(key) ?? 0;
    if (match && left > 0) {
      rules.set(key, left - 1);
      sent.set(match.itemId, (sent.get(match.itemId) ?? 0) + 1);
      req.resume();
      sendForbidden(res);
      return;
    }
    forward(target, req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/v1`,
    forbid: (itemId, op, count) => rules.set(`${itemId.toLowerCase()} ${op}`, count),
    forbidden: (itemId) => sent.get(itemId.toLowerCase()) ?? 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
