/**
 * `npm run codec-server`: serves POST /encode and /decode for the Temporal Web UI and CLI with the
 * keys from FABRIC_ENCRYPTION_KEYS (or FABRIC_ENCRYPTION_KEY_FILE). See docs/encryption.md. A process
 * entry: the one file of src/codec that reads the configuration.
 */
import { codecServerSection, ConfigError, encryptionSection, formatProblem, loadSections, type ConfigProblem } from '../config.js';
import { entryPoint } from '../entry-point.js';
import { EncryptionCodec } from './encryption-codec.js';
import { startCodecServer } from './server.js';

entryPoint({
  program: 'fabric-temporal codec-server',
  usage: `usage: npm run codec-server

Serves POST /encode and POST /decode (the Temporal codec server protocol) so that the Temporal Web UI
and CLI can show encrypted payloads. No flags: everything comes from the environment.

Environment (docs/encryption.md):
  FABRIC_ENCRYPTION_KEYS or FABRIC_ENCRYPTION_KEY_FILE   the keys (required)
  FABRIC_CODEC_ADDRESS        where to listen (default 127.0.0.1:8888)
  FABRIC_CODEC_AUTH_TOKEN     require Authorization: Bearer <token>
  FABRIC_CODEC_CORS_ORIGINS   origins allowed to call it (default http://localhost:8233)

Exit codes: 0 stopped by SIGINT/SIGTERM, 3 invalid configuration or the server could not start.

Example:
  FABRIC_ENCRYPTION_KEYS=2025-06:$(openssl rand -base64 32) npm run codec-server`,
});

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
  if ((error as Error | null)?.name === 'ConfigError') {
    const problems = (error as { problems: ConfigProblem[] }).problems;
    console.error(`fabric-temporal codec-server: invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):`);
    for (const problem of problems) console.error(`  ${formatProblem(problem)}`);
  } else {
    console.error(`fabric-temporal codec-server: cannot start: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(3);
});
