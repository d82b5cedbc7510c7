/**
 * `npm run codec-server`: serves POST /encode and /decode for the Temporal Web UI and CLI with the
 * keys from FABRIC_ENCRYPTION_KEYS (or FABRIC_ENCRYPTION_KEY_FILE). See docs/encryption.md. A process
 * entry: the one file of src/codec that reads the configuration.
 */
import { codecServerSection, ConfigError, encryptionSection, loadSections } from '../config.js';
import { EncryptionCodec } from './encryption-codec.js';
import { startCodecServer } from './server.js';

async function main(): Promise<void> {
  const { keyring, server: settings } = loadSections(process.env, { keyring: encryptionSection, server: codecServerSection });
  if (!keyring) {
    throw new ConfigError([{ variable: 'FABRIC_ENCRYPTION_KEYS', message: 'the codec server needs keys: set FABRIC_ENCRYPTION_KEYS or FABRIC_ENCRYPTION_KEY_FILE' }]);
  }
  const server = await startCodecServer({
    codec: new EncryptionCodec(keyring),
    host: settings.address.host,
    port: settings.address.port,
    corsOrigins: settings.corsOrigins,
    ...(settings.authToken ? { authToken: settings.authToken } : {}),
  });
  console.log(
    `codec server on ${server.url} (keys: ${keyring.ids().join(', ')}; CORS: ${settings.corsOrigins.join(', ')}; auth: ${settings.authToken ? 'bearer token' : 'none'})`,
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error && error.name === 'ConfigError' ? error.message : error);
  process.exit(1);
});
