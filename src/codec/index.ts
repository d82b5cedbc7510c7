/** Payload encryption (AES-256-GCM PayloadCodec) and the codec server; their configuration is in src/config/encryption.ts. See docs/encryption.md. */
export { EncryptionCodec, MissingKeyCodec, encryptionPayloadCodecs, isEncryptedPayload, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './encryption-codec.js';
export { EncryptionKeyring, KEY_LENGTH, decodeKey, checkKeyId } from './keys.js';
export type { EncryptionKey } from './keys.js';
export { EncryptionKeyNotFoundError, PayloadDecryptionError } from './errors.js';
export { encryptionDataConverter, FAILURE_CONVERTER_PATH } from './data-converter.js';
export { startCodecServer } from './server.js';
export type { CodecServer, CodecServerOptions } from './server.js';
