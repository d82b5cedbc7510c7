/**
 * Turns a whole Temporal payload (metadata and data) into one byte string and back, so the
 * encryption codec can encrypt the metadata too (it names the payload's type and encoding).
 *
 * Layout (all lengths unsigned 32-bit big-endian):
 *   version byte (1) · entry count · per entry: key length, key (UTF-8), value length, value · data length, data
 *
 * The bytes are authenticated by AES-GCM before they are parsed, so a parse error here means a bug or
 * an incompatible format version, never an attacker's input.
 */
import type { Payload } from '@temporalio/common';

const FORMAT_VERSION = 1;

/** Serialises a payload's metadata and data. */
export function payloadToBytes(payload: Payload): Buffer {
  const parts: Buffer[] = [Buffer.from([FORMAT_VERSION])];
  const entries = Object.entries(payload.metadata ?? {});
  parts.push(u32(entries.length));
  for (const [key, value] of entries) {
    const keyBytes = Buffer.from(key, 'utf8');
    parts.push(u32(keyBytes.length), keyBytes, u32(value.length), Buffer.from(value.buffer, value.byteOffset, value.length));
  }
  const data = payload.data ?? new Uint8Array(0);
  parts.push(u32(data.length), Buffer.from(data.buffer, data.byteOffset, data.length));
  return Buffer.concat(parts);
}

/** Parses what payloadToBytes wrote. Throws on a malformed or unknown-version input. */
export function bytesToPayload(bytes: Uint8Array): Payload {
  const reader = new Reader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const version = reader.byte();
  if (version !== FORMAT_VERSION) {
    throw new Error(`unknown encrypted payload format version ${version} (this build reads version ${FORMAT_VERSION})`);
  }
  const metadata: Record<string, Uint8Array> = {};
  const count = reader.u32();
  for (let i = 0; i < count; i++) {
    const key = reader.chunk().toString('utf8');
    metadata[key] = new Uint8Array(reader.chunk());
  }
  const data = new Uint8Array(reader.chunk());
  if (!reader.done()) throw new Error('malformed encrypted payload: trailing bytes');
  return { metadata, data };
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  byte(): number {
    this.need(1);
    return this.buf[this.offset++] as number;
  }

  u32(): number {
    this.need(4);
    const n = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return n;
  }

  chunk(): Buffer {
    const length = this.u32();
    this.need(length);
    const out = this.buf.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  done(): boolean {
    return this.offset === this.buf.length;
  }

  private need(n: number): void {
    if (this.offset + n > this.buf.length) throw new Error('malformed encrypted payload: truncated');
  }
}
