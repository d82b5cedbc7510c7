/** Payload encryption (AES-256-GCM PayloadCodec), its configuration and the codec server. See docs/encryption.md. */
export { EncryptionCodec, MissingKeyCodec, encryptionPayloadCodecs, isEncryptedPayload, ENCRYPTED_ENCODING, KEY_ID_METADATA } from './encryption-codec.js';
export { EncryptionKeyring, KEY_LENGTH, decodeKey, checkKeyId } from './keys.js';
export type { EncryptionKey } from './keys.js';
export { encryptionSection, loadEncryptionKeyring, codecServerSection } from './config.js';
export type { CodecServerConfig } from './config.js';
export { EncryptionKeyNotFoundError, PayloadDecryptionError } from './errors.js';
export { encryptionDataConverter, FAILURE_CONVERTER_PATH } from './data-converter.js';
export { startCodecServer } from './server.js';
export type { CodecServer, CodecServerOptions } from './server.js';
