/**
 * AES-256 keys for payload encryption, each with an id that is written into every payload it
 * encrypts so that old payloads stay readable after a rotation. The first key is the active one
 * (it encrypts); every key decrypts.
 */

/** One AES-256 key. */
export interface EncryptionKey {
  /** Short name written into payload metadata, e.g. `2025-06`. Letters, digits, `.`, `_`, `-`. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

/** Length of an AES-256 key in bytes. */
export const KEY_LENGTH = 32;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** A key id that is acceptable in payload metadata, or a message saying what is wrong with it. */
export function checkKeyId(id: string): string | undefined {
  return KEY_ID.test(id)
    ? undefined
    : `key id ${JSON.stringify(id)} must be 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit)`;
}

/**
 * Decodes one base64 (or base64url) key. Returns the key, or a message that never contains the key
 * material itself.
 */
export function decodeKey(id: string, base64: string): { key: Buffer } | { error: string } {
  const text = base64.trim();
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) {
    return { error: `key ${JSON.stringify(id)} is not valid base64` };
  }
  const key = Buffer.from(text, 'base64');
  if (key.length !== KEY_LENGTH) {
    return {
      error: `key ${JSON.stringify(id)} decodes to ${key.length} bytes; AES-256 needs ${KEY_LENGTH} (make one with: openssl rand -base64 32)`,
    };
  }
  return { key };
}

/** The configured keys: the active one encrypts, any of them decrypts. */
export class EncryptionKeyring {
  readonly active: EncryptionKey;
  private readonly byId: ReadonlyMap<string, EncryptionKey>;

  /** @param keys at least one; the first is the active key. Ids must be unique. */
  constructor(keys: readonly EncryptionKey[]) {
    const [first] = keys;
    if (!first) throw new Error('an encryption keyring needs at least one key');
    const byId = new Map<string, EncryptionKey>();
    for (const key of keys) {
      const idProblem = checkKeyId(key.id);
      if (idProblem) throw new Error(idProblem);
      if (key.key.length !== KEY_LENGTH) throw new Error(`key ${JSON.stringify(key.id)} is ${key.key.length} bytes; AES-256 needs ${KEY_LENGTH}`);
      if (byId.has(key.id)) throw new Error(`key id ${JSON.stringify(key.id)} appears twice`);
      byId.set(key.id, { id: key.id, key: Buffer.from(key.key) });
    }
    this.active = byId.get(first.id) as EncryptionKey;
    this.byId = byId;
  }

  /** The key with this id, if configured. */
  get(id: string): EncryptionKey | undefined {
    return this.byId.get(id);
  }

  /** Every configured key id, the active one first. */
  ids(): string[] {
    return [...this.byId.keys()];
  }
}
