/**
 * `HOST:PORT` listen addresses for the metrics and codec endpoints (e.g. `0.0.0.0:9464`,
 * `127.0.0.1:8888`, `[::]:9464`, or a bare port meaning all interfaces), and starting a server on one.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenAddress {
  host: string;
  port: number;
}

/** The address, or a message saying what is allowed. Port 0 means "any free port". */
export function parseListenAddress(text: string): ListenAddress | { error: string } {
  const trimmed = text.trim();
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(trimmed);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65_535) {
    return { error: 'must be HOST:PORT (e.g. 0.0.0.0:9464, 127.0.0.1:8888, [::]:9464) or a port number' };
  }
  const host = match[1] === undefined ? '0.0.0.0' : match[1].replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}

/** `host:port` for URLs, with brackets around IPv6 hosts; `0.0.0.0` / `::` become loopback. */
export function urlHost(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return reachable.includes(':') ? `[${reachable}]:${port}` : `${reachable}:${port}`;
}

/** A listening HTTP server: where to reach it, and how to stop it. */
export interface ListeningServer {
  /** e.g. `http://127.0.0.1:9464` */
  url: string;
  port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts `server` on `host:port` (port 0 = any free port); rejects when it cannot listen. */
export async function listen(server: Server, host: string, port: number): Promise<ListeningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://${urlHost(host, actualPort)}`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
