/**
 * The emulator's HTTP server: /_emulator goes to the admin API, everything else to the Fabric API.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { handleAdmin } from './admin-api.js';
import { handleApi } from './api.js';
import type { EmulatorState } from './context.js';

export function createEmulatorServer(state: EmulatorState, fallbackBaseUrl: () => string): Server {
  return createServer((req, res) => {
    const host = req.headers.host;
    const baseUrl = host ? `http://${host}` : fallbackBaseUrl();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', baseUrl);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const handle = url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/') ? handleAdmin(state, req, res, url) : handleApi(state, req, res, url, baseUrl);
    handle.catch((err: unknown) => {
      console.error('Fabric emulator: request failed', err);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
}
