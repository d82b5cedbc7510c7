/**
 * `HOST:PORT` listen addresses for the metrics and codec endpoints (e.g. `0.0.0.0:9464`,
 * `127.0.0.1:8888`, `[::]:9464`, or a bare port meaning all interfaces).
 */

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
