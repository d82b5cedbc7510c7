/**
 * Fabric quirks the emulator does not produce, answered by a tiny real HTTP server: a Location that is
 * not a job instance URL, continuationUri vs continuationToken, a repeated continuation.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FabricClient } from './fabric-client.js';
import { StaticTokenCredential } from './static-token-credential.js';

type Handler = (req: IncomingMessage, body: string) => { status: number; headers?: Record<string, string>; body?: unknown };

const WS = '4b218778-e7a5-4d73-8187-f10824047715';
const ITEM = '431e8d7b-4a95-4c02-8ccd-6faef5ba1bd7';
const JOB = 'f2d65699-dd22-4889-980c-15226deb0e1b';

let server: Server;
let base: string;
let handler: Handler;
const seen: { method: string; url: string; body: string; contentType: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, body, contentType: req.headers['content-type'] });
      const out = handler(req, body);
      res.writeHead(out.status, out.headers).end(out.body === undefined ? undefined : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () => new FabricClient({ credential: new StaticTokenCredential('t'), baseUrl: base });
const instances = () => `${base}/workspaces/${WS}/items/${ITEM}/jobs/instances`;

describe('run: Location quirks', () => {
  it('takes the id from x-ms-job-id when the Location ends /jobs/instances?jobType=Execute, and sends no body', async () => {
    seen.length = 0;
    const location = `${instances()}?jobType=Execute`;
    handler = () => ({ status: 202, headers: { Location: location, 'x-ms-job-id': JOB, 'Retry-After': '60' } });
    const run = await client().runOnDemandItemJob({ workspaceId: WS, itemId: ITEM, jobType: 'Execute' });
    expect(run).toEqual({ jobInstanceId: JOB, location, retryAfterMs: 60_000 });
    expect(seen[0]).toMatchObject({ method: 'POST', body: '', contentType: undefined });
    await expect(client().getItemJobInstance({ location: run.location })).rejects.toMatchObject({ name: 'FabricValidationError', field: 'location' });
  });

  it('throws FabricProtocolError when neither Location nor x-ms-job-id gives an id', async () => {
    handler = () => ({ status: 202, headers: { Location: `${instances()}?jobType=Execute`, 'x-ms-job-id': 'not-a-uuid' } });
    await expect(client().runOnDemandItemJob({ workspaceId: WS, itemId: ITEM, jobType: 'Execute' })).rejects.toMatchObject({ name: 'FabricProtocolError', statusCode: 202 });
    handler = () => ({ status: 202 });
    await expect(client().runOnDemandItemJob({ workspaceId: WS, itemId: ITEM, jobType: 'Execute' })).rejects.toMatchObject({ name: 'FabricProtocolError' });
  });
});

describe('list: continuation', () => {
  const job = (id: string) => ({ id, itemId: ITEM, jobType: 'Execute', invokeType: 'Manual', status: 'Completed' });
  const ids = async () => {
    const out = [];
    for await (const j of client().listItemJobInstances(WS, ITEM)) out.push(j.id);
    return out;
  };

  it('prefers continuationUri over continuationToken', async () => {
    seen.length = 0;
    handler = (req) => {
      if (req.url!.includes('/next-page')) return { status: 200, body: { value: [job('b')] } };
      return { status: 200, body: { value: [job('a')], continuationToken: 'tok', continuationUri: `${instances()}/next-page?x=1` } };
    };
    expect(await ids()).toEqual(['a', 'b']);
    expect(seen.map((s) => s.url)).toEqual([`/v1/workspaces/${WS}/items/${ITEM}/jobs/instances`, `/v1/workspaces/${WS}/items/${ITEM}/jobs/instances/next-page?x=1`]);
  });

  it('falls back to continuationToken when continuationUri points at another origin', async () => {
    seen.length = 0;
    handler = (req) => {
      if (req.url!.includes('continuationToken=tok')) return { status: 200, body: { value: [job('b')] } };
      return { status: 200, body: { value: [job('a')], continuationToken: 'tok', continuationUri: 'https://elsewhere.example/v1/x' } };
    };
    expect(await ids()).toEqual(['a', 'b']);
    expect(seen[1]!.url).toBe(`/v1/workspaces/${WS}/items/${ITEM}/jobs/instances?continuationToken=tok`);
  });

  it('stops with FabricProtocolError when Fabric repeats a continuation, or a page has no value', async () => {
    handler = () => ({ status: 200, body: { value: [job('a')], continuationToken: 'same' } });
    await expect(ids()).rejects.toMatchObject({ name: 'FabricProtocolError', message: expect.stringContaining('same continuation twice') });
    handler = () => ({ status: 200, body: { items: [] } });
    await expect(ids()).rejects.toMatchObject({ name: 'FabricProtocolError', message: expect.stringContaining('without a `value` array') });
  });

  it('fills absent times and failureReason with null, keeps unknown fields', async () => {
    handler = () => ({ status: 200, body: { value: [{ ...job('a'), status: 'Queued', extra: 1 }] } });
    const list = [];
    for await (const j of client().listItemJobInstances(WS, ITEM)) list.push(j);
    expect(list).toEqual([{ ...job('a'), status: 'Queued', extra: 1, failureReason: null, startTimeUtc: null, endTimeUtc: null }]);
  });
});
