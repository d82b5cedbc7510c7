/** Test keys for the codec tests (random per run). */
import { randomBytes } from 'node:crypto';
import type { EncryptionKey } from '../../src/codec/index.js';

export function newKey(id: string): EncryptionKey {
  return { id, key: randomBytes(32) };
}

/** `id:base64` as FABRIC_ENCRYPTION_KEYS takes it. */
export function keyEntry(key: EncryptionKey): string {
  return `${key.id}:${key.key.toString('base64')}`;
}
