/**
 * Configuration of payload encryption and of the codec server, as section loaders in the shape
 * src/config.ts uses (the codec in src/codec reads no configuration itself) (they collect every problem and never show a key or a token).
 *
 * - FABRIC_ENCRYPTION_KEYS: `keyId:base64key[,keyId:base64key...]`, the first key encrypts.
 * - FABRIC_ENCRYPTION_KEY_FILE: a JSON file `{ "keys": [{ "id": "...", "key": "base64" }, ...] }`, same order rule.
 * - FABRIC_CODEC_ADDRESS, FABRIC_CODEC_AUTH_TOKEN, FABRIC_CODEC_CORS_ORIGINS: the codec server.
 */
import { readFileSync } from 'node:fs';
import { checkKeyId, decodeKey, EncryptionKeyring, type EncryptionKey } from '../codec/keys.js';
import { parseListenAddress, type ListenAddress } from '../observability/listen-address.js';
import { ConfigError, type ConfigProblem, type Env, type SectionResult } from './problems.js';

const KEYS_VAR = 'FABRIC_ENCRYPTION_KEYS';
const FILE_VAR = 'FABRIC_ENCRYPTION_KEY_FILE';

function set(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function collectKeys(pairs: { id: string; key: string }[], variable: string, problems: ConfigProblem[]): EncryptionKey[] {
  const keys: EncryptionKey[] = [];
  const seen = new Set<string>();
  for (const pair of pairs) {
    const idProblem = checkKeyId(pair.id);
    if (idProblem) {
      problems.push({ variable, message: idProblem });
      continue;
    }
    if (seen.has(pair.id)) problems.push({ variable, message: `key id ${JSON.stringify(pair.id)} appears twice` });
    seen.add(pair.id);
    const decoded = decodeKey(pair.id, pair.key);
    if ('error' in decoded) problems.push({ variable, message: decoded.error });
    else keys.push({ id: pair.id, key: decoded.key });
  }
  if (pairs.length === 0) problems.push({ variable, message: 'lists no key' });
  return keys;
}

function pairsFromList(text: string, problems: ConfigProblem[]): { id: string; key: string }[] {
  const pairs: { id: string; key: string }[] = [];
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const colon = entry.indexOf(':');
    if (colon <= 0) {
      problems.push({ variable: KEYS_VAR, message: 'each entry must be keyId:base64key (e.g. 2025-06:<output of openssl rand -base64 32>)' });
      continue;
    }
    pairs.push({ id: entry.slice(0, colon).trim(), key: entry.slice(colon + 1) });
  }
  return pairs;
}

function pairsFromFile(path: string, problems: ConfigProblem[]): { id: string; key: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? 'is not valid JSON' : `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
    problems.push({ variable: FILE_VAR, shownValue: JSON.stringify(path), message: reason });
    return [];
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  const valid = Array.isArray(keys) && keys.every((k) => typeof k?.id === 'string' && typeof k?.key === 'string');
  if (!valid) {
    problems.push({ variable: FILE_VAR, shownValue: JSON.stringify(path), message: 'must hold {"keys": [{"id": "...", "key": "<base64>"}, ...]} (the first key encrypts)' });
    return [];
  }
  return keys as { id: string; key: string }[];
}

/** The keyring, `undefined` when encryption is not configured, or every problem found. */
export function encryptionSection(env: Env): SectionResult<EncryptionKeyring | undefined> {
  const list = set(env, KEYS_VAR);
  const file = set(env, FILE_VAR);
  if (list === undefined && file === undefined) return { ok: true, value: undefined };
  if (list !== undefined && file !== undefined) {
    return { ok: false, problems: [{ variable: KEYS_VAR, message: `set either ${KEYS_VAR} or ${FILE_VAR}, not both` }] };
  }
  const problems: ConfigProblem[] = [];
  const variable = list !== undefined ? KEYS_VAR : FILE_VAR;
  const pairs = list !== undefined ? pairsFromList(list, problems) : pairsFromFile(file as string, problems);
  if (problems.length > 0) return { ok: false, problems };
  const keys = collectKeys(pairs, variable, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: new EncryptionKeyring(keys) };
}

/** The keyring from the environment, or `undefined` when not configured. Throws a ConfigError on malformed keys. */
export function loadEncryptionKeyring(env: Env = process.env): EncryptionKeyring | undefined {
  const result = encryptionSection(env);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.value;
}

/** Settings of the codec server (src/codec/main.ts). */
export interface CodecServerConfig {
  /** FABRIC_CODEC_ADDRESS. @default 127.0.0.1:8888 */
  address: ListenAddress;
  /** FABRIC_CODEC_AUTH_TOKEN: when set, requests need `Authorization: Bearer <token>`. @default none */
  authToken?: string;
  /** FABRIC_CODEC_CORS_ORIGINS: comma-separated origins allowed to call it (the Temporal Web UI). @default ['http://localhost:8233'] */
  corsOrigins: string[];
}

/** The codec server settings, or every problem found. */
export function codecServerSection(env: Env): SectionResult<CodecServerConfig> {
  const problems: ConfigProblem[] = [];
  const addressText = set(env, 'FABRIC_CODEC_ADDRESS') ?? '127.0.0.1:8888';
  const address = parseListenAddress(addressText);
  if ('error' in address) problems.push({ variable: 'FABRIC_CODEC_ADDRESS', shownValue: JSON.stringify(addressText), message: address.error });
  const origins = (set(env, 'FABRIC_CODEC_CORS_ORIGINS') ?? 'http://localhost:8233').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push({ variable: 'FABRIC_CODEC_CORS_ORIGINS', shownValue: JSON.stringify(origin), message: 'each origin must be scheme://host[:port] without a path, or *' });
    }
  }
  if (problems.length > 0 || 'error' in address) return { ok: false, problems };
  const authToken = set(env, 'FABRIC_CODEC_AUTH_TOKEN')?.trim();
  return { ok: true, value: { address, corsOrigins: origins, ...(authToken ? { authToken } : {}) } };
}
