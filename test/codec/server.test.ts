import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec, EncryptionKeyring, startCodecServer, type CodecServer } from '../../src/codec/index.js';
import { newKey } from './keys.js';

const TOKEN = 'codec-test-token';
const UI = 'http://localhost:8233';
const codec = new EncryptionCodec(new EncryptionKeyring([newKey('k1')]));
const toJson = (p: Payload) => ({
  metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

let server: CodecServer;
let open: CodecServer;
beforeAll(async () => {
  server = await startCodecServer({ codec, port: 0, authToken: TOKEN, corsOrigins: [UI] });
  open = await startCodecServer({ codec, port: 0, maxBodyBytes: 1024 });
});
afterAll(async () => {
  await server?.close();
  await open?.close();
});

function post(base: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('codec server', () => {
  it('encodes and decodes like the Web UI asks, behind a bearer token', async () => {
    const plain = defaultPayloadConverter.toPayload({ token: 'secret-value' }) as Payload;
    const auth = { Authorization: `Bearer ${TOKEN}`, Origin: UI };
    const encoded = await post(server.url, '/encode', { payloads: [toJson(plain)] }, auth);
    expect(encoded.status).toBe(200);
    expect(encoded.headers.get('access-control-allow-origin')).toBe(UI);
    const encodedBody = (await encoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(Buffer.from(encodedBody.payloads[0]?.metadata.encoding ?? '', 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encodedBody.payloads[0]?.data ?? '', 'base64').toString()).not.toContain('secret-value');

    const decoded = await post(server.url, '/some/prefix/decode', encodedBody, auth);
    expect(decoded.status).toBe(200);
    const body = (await decoded.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(body.payloads).toEqual([toJson(plain)]);
  });

  it('answers a CORS preflight for the UI origin only, without a token', async () => {
    const ok = await fetch(`${server.url}/decode`, { method: 'OPTIONS', headers: { Origin: UI, 'Access-Control-Request-Method': 'POST' } });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(UI);
    expect(ok.headers.get('access-control-allow-headers')).toContain('X-Namespace');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    const other = await fetch(`${server.url}/decode`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a missing or wrong token', async () => {
    expect((await post(server.url, '/decode', { payloads: [] })).status).toBe(401);
    const wrong = await post(server.url, '/decode', { payloads: [] }, { Authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('explains bad requests', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['/decode', '{not json', 400, /not valid JSON/],
      ['/decode', { nope: 1 }, 400, /payloads/],
      ['/decode', { payloads: [{ data: '***' }] }, 400, /payloads\[0\]\.data must be a base64 string/],
      ['/other', { payloads: [] }, 404, /POST \/encode or \/decode/],
      ['/decode', 'x'.repeat(2048), 413, /larger than 1024 bytes/],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await post(open.url, path, body);
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect((await fetch(`${open.url}/decode`)).status).toBe(405);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('reports an unknown key id as a codec failure', async () => {
    const foreign = await new EncryptionCodec(new EncryptionKeyring([newKey('gone')])).encode([defaultPayloadConverter.toPayload(1) as Payload]);
    const res = await post(open.url, '/decode', { payloads: foreign.map(toJson) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toContain('key id "gone"');
  });
});
