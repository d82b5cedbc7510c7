/**
 * AES-256-GCM PayloadCodec: encrypts every payload (metadata and data) of workflow and activity
 * inputs, results, signals, queries, memos and failures details, so Temporal's history holds no
 * executionData or tokens in clear text.
 *
 * An encrypted payload has metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`; its
 * data is `iv (12 bytes) · ciphertext · tag (16 bytes)`. The key id is also bound into the
 * authentication tag (as associated data), so moving a payload to another key id fails to decrypt.
 * Payloads that are not encrypted pass through decode unchanged (history written before encryption
 * was turned on stays readable).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { EncryptionKeyNotFoundError, PayloadDecryptionError } from './errors.js';
import type { EncryptionKeyring } from './keys.js';
import { bytesToPayload, payloadToBytes } from './payload-bytes.js';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const CIPHER = 'aes-256-gcm';

function text(bytes: Uint8Array | undefined | null): string | undefined {
  return bytes ? Buffer.from(bytes).toString('utf8') : undefined;
}

function associatedData(keyId: string): Buffer {
  return Buffer.from(`fabric-temporal/payload/v1/${keyId}`, 'utf8');
}

/** True when the payload carries this codec's `binary/encrypted` encoding. */
export function isEncryptedPayload(payload: Payload): boolean {
  return text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keyring: EncryptionKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncryptedPayload(payload) ? this.decrypt(payload) : payload));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.keyring.active;
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv(CIPHER, key, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(associatedData(id));
    const ciphertext = Buffer.concat([cipher.update(payloadToBytes(payload)), cipher.final()]);
    return {
      metadata: {
        encoding: Buffer.from(ENCRYPTED_ENCODING, 'utf8'),
        [KEY_ID_METADATA]: Buffer.from(id, 'utf8'),
      },
      data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    if (keyId === undefined) throw new PayloadDecryptionError('(none)', `the payload has no ${KEY_ID_METADATA} metadata`);
    const entry = this.keyring.get(keyId);
    if (!entry) throw new EncryptionKeyNotFoundError(keyId, this.keyring.ids());
    const data = Buffer.from(payload.data ?? new Uint8Array(0));
    if (data.length < IV_LENGTH + TAG_LENGTH) throw new PayloadDecryptionError(keyId, 'the payload is too short');
    const decipher = createDecipheriv(CIPHER, entry.key, data.subarray(0, IV_LENGTH), { authTagLength: TAG_LENGTH });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_LENGTH));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_LENGTH, data.length - TAG_LENGTH)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(keyId, 'authentication failed (the payload was altered, or the key with this id is not the one that encrypted it)');
    }
    return bytesToPayload(plaintext);
  }
}

/**
 * The codec of a process without keys: plain payloads pass, an encrypted one fails with an error
 * that names its key id and says how to configure keys (instead of the SDK's "Unknown encoding").
 */
export class MissingKeyCodec implements PayloadCodec {
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads;
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    for (const payload of payloads) {
      if (isEncryptedPayload(payload)) throw new EncryptionKeyNotFoundError(text(payload.metadata?.[KEY_ID_METADATA]) ?? '(none)', []);
    }
    return payloads;
  }
}

/** The codec for `dataConverter.payloadCodecs`, or none when encryption is not configured. */
export function encryptionPayloadCodecs(keyring: EncryptionKeyring | undefined): PayloadCodec[] {
  return keyring ? [new EncryptionCodec(keyring)] : [];
}
