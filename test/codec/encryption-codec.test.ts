import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  EncryptionCodec,
  EncryptionKeyring,
  ENCRYPTED_ENCODING,
  KEY_ID_METADATA,
  isEncryptedPayload,
} from '../../src/codec/index.js';
import { newKey } from './keys.js';

const secret = { executionData: { parameters: { password: { value: 'hunter2-s3cret', type: 'string' } } } };
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value) as Payload;
const fromPayload = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const utf8 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('EncryptionCodec', () => {
  it('round-trips payloads and hides their content and metadata', async () => {
    const codec = new EncryptionCodec(new EncryptionKeyring([newKey('k1')]));
    const originals = [toPayload(secret), toPayload('plain text'), toPayload(undefined), toPayload(new Uint8Array([0, 1, 2, 255]))];
    const encoded = await codec.encode(originals);
    expect(encoded).toHaveLength(4);
    for (const payload of encoded) {
      expect(utf8(payload.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
      expect(utf8(payload.metadata?.[KEY_ID_METADATA])).toBe('k1');
      expect(Object.keys(payload.metadata ?? {}).sort()).toEqual(['encoding', KEY_ID_METADATA]);
      expect(isEncryptedPayload(payload)).toBe(true);
    }
    expect(utf8(encoded[0]?.data)).not.toContain('hunter2');
    const decoded = await codec.decode(encoded);
    expect(decoded.map(fromPayload)).toEqual([secret, 'plain text', undefined, new Uint8Array([0, 1, 2, 255])]);
    expect(utf8(decoded[0]?.metadata?.encoding)).toBe('json/plain');
  });

  it('uses a fresh IV for every payload', async () => {
    const codec = new EncryptionCodec(new EncryptionKeyring([newKey('k1')]));
    const [a, b] = await codec.encode([toPayload(secret), toPayload(secret)]);
    expect(Buffer.from(a?.data ?? []).equals(Buffer.from(b?.data ?? []))).toBe(false);
  });

  it('passes payloads that are not encrypted through decode', async () => {
    const codec = new EncryptionCodec(new EncryptionKeyring([newKey('k1')]));
    const plain = toPayload({ a: 1 });
    expect(await codec.decode([plain])).toEqual([plain]);
  });

  it('decodes payloads of an older key after a rotation, and encrypts with the new one', async () => {
    const oldKey = newKey('2025-01');
    const newer = newKey('2025-06');
    const before = await new EncryptionCodec(new EncryptionKeyring([oldKey])).encode([toPayload(secret)]);
    const rotated = new EncryptionCodec(new EncryptionKeyring([newer, oldKey]));
    expect((await rotated.decode(before)).map(fromPayload)).toEqual([secret]);
    const after = await rotated.encode([toPayload('x')]);
    expect(utf8(after[0]?.metadata?.[KEY_ID_METADATA])).toBe('2025-06');
  });

  it('names the missing key id when a payload was encrypted with an unknown key', async () => {
    const encoded = await new EncryptionCodec(new EncryptionKeyring([newKey('retired')])).encode([toPayload(secret)]);
    const codec = new EncryptionCodec(new EncryptionKeyring([newKey('current'), newKey('previous')]));
    const error = await codec.decode(encoded).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'EncryptionKeyNotFoundError', keyId: 'retired', configuredKeyIds: ['current', 'previous'] });
    expect((error as Error).message).toContain('"retired"');
  });

  it('detects tampering with the ciphertext, the tag and the key id', async () => {
    const k1 = newKey('k1');
    const codec = new EncryptionCodec(new EncryptionKeyring([k1, { id: 'k2', key: k1.key }]));
    const [encoded] = await codec.encode([toPayload(secret)]);
    const data = Buffer.from(encoded?.data ?? []);
    const flip = (index: number) => {
      const copy = Buffer.from(data);
      copy[index] = (copy[index] as number) ^ 0x01;
      return { metadata: encoded?.metadata ?? null, data: copy };
    };
    for (const index of [0, 20, data.length - 1]) {
      await expect(codec.decode([flip(index)])).rejects.toMatchObject({ name: 'PayloadDecryptionError', keyId: 'k1' });
    }
    // Same key bytes under another id: the key id is authenticated, so this fails too.
    const moved = { metadata: { ...encoded?.metadata, [KEY_ID_METADATA]: Buffer.from('k2') }, data };
    await expect(codec.decode([moved])).rejects.toMatchObject({ name: 'PayloadDecryptionError', keyId: 'k2' });
    await expect(codec.decode([{ metadata: encoded?.metadata ?? null, data: data.subarray(0, 10) }])).rejects.toMatchObject({
      name: 'PayloadDecryptionError',
    });
  });

  it('rejects a wrong key with the right id', async () => {
    const [encoded] = await new EncryptionCodec(new EncryptionKeyring([newKey('k1')])).encode([toPayload(secret)]);
    const other = new EncryptionCodec(new EncryptionKeyring([newKey('k1')]));
    await expect(other.decode([encoded as Payload])).rejects.toMatchObject({ name: 'PayloadDecryptionError' });
  });
});

describe('EncryptionKeyring', () => {
  it('refuses an empty keyring, short keys and duplicate ids', () => {
    expect(() => new EncryptionKeyring([])).toThrow(/at least one key/);
    expect(() => new EncryptionKeyring([{ id: 'a', key: Buffer.alloc(16) }])).toThrow(/16 bytes/);
    const a = newKey('a');
    expect(() => new EncryptionKeyring([a, a])).toThrow(/appears twice/);
    expect(() => new EncryptionKeyring([{ id: 'bad id', key: a.key }])).toThrow(/key id/);
  });
});
