/** Errors of the payload encryption codec, matched by `name`. */

/** A payload names a key id that is not configured (e.g. a key removed too early after a rotation). */
export class EncryptionKeyNotFoundError extends Error {
  override readonly name = 'EncryptionKeyNotFoundError';
  constructor(
    readonly keyId: string,
    readonly configuredKeyIds: readonly string[],
  ) {
    super(
      `A payload was encrypted with key id ${JSON.stringify(keyId)}, which is not configured ` +
        (configuredKeyIds.length > 0
          ? `(configured: ${configuredKeyIds.map((id) => JSON.stringify(id)).join(', ')}). Add that key to FABRIC_ENCRYPTION_KEYS (after the active key) to read it.`
          : `(no encryption keys are configured here). Set FABRIC_ENCRYPTION_KEYS or FABRIC_ENCRYPTION_KEY_FILE to the keys the worker uses to read it.`),
    );
  }
}

/** An encrypted payload failed authentication (tampered with, truncated, or encrypted under another key with the same id). */
export class PayloadDecryptionError extends Error {
  override readonly name = 'PayloadDecryptionError';
  constructor(
    readonly keyId: string,
    reason: string,
  ) {
    super(`Cannot decrypt a payload encrypted with key id ${JSON.stringify(keyId)}: ${reason}`);
  }
}
