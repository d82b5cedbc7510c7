/**
 * The DataConverter of the worker and of every client (CLI, scripts) when encryption is on:
 * the AES-256-GCM codec for payloads, and a failure converter that encodes failure messages and
 * stack traces so they are encrypted too. Worker and clients must use the same keys.
 *
 * ```ts
 * const dataConverter = encryptionDataConverter(loadEncryptionKeyring()); // from src/config.ts
 * await Worker.create({ ..., dataConverter });
 * new Client({ connection, namespace, dataConverter });
 * ```
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec, MissingKeyCodec } from './encryption-codec.js';
import type { EncryptionKeyring } from './keys.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the failure converter module: the built `.js`, or the `.ts` source when run from src (tsx, tests). */
export const FAILURE_CONVERTER_PATH: string = (() => {
  const candidates = ['failure-converter.js', 'failure-converter.ts'].map((file) => join(here, file));
  return candidates.find((path) => existsSync(path)) ?? (candidates[0] as string);
})();

/**
 * The DataConverter that encrypts payloads and failure messages. Without keys it encrypts nothing,
 * and reading an encrypted payload fails with a clear error naming its key id.
 */
export function encryptionDataConverter(keyring: EncryptionKeyring | undefined): DataConverter {
  if (!keyring) return { payloadCodecs: [new MissingKeyCodec()] };
  return { payloadCodecs: [new EncryptionCodec(keyring)], failureConverterPath: FAILURE_CONVERTER_PATH };
}
