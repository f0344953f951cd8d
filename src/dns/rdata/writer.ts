/**
 * Builds one record's RDATA in wire form (uncompressed, RFC 3597 §4): the inverse of
 * {@link RdataReader}. Names arrive in presentation form (as the structured RDATA holds
 * them) and are written as labels.
 */

import { concatBytes } from '../wire/encoding';
import { nameFromText, nameToWire } from '../wire/name';
import { encodeTypeBitmap } from '../wire/type-bitmap';
import { RdataError } from './reader';

export class RdataWriter {
  readonly #parts: Uint8Array[] = [];

  u8(n: number): this {
    this.#parts.push(Uint8Array.of(n & 0xff));
    return this;
  }

  u16(n: number): this {
    this.#parts.push(Uint8Array.of((n >> 8) & 0xff, n & 0xff));
    return this;
  }

  u32(n: number): this {
    this.#parts.push(Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff));
    return this;
  }

  bytes(b: Uint8Array): this {
    this.#parts.push(b);
    return this;
  }

  /** A <character-string>: length octet, then the octets (RFC 1035 §3.3). */
  characterString(b: Uint8Array): this {
    if (b.length > 255) throw new RdataError('character-string over 255 octets');
    return this.u8(b.length).bytes(b);
  }

  /** A fully qualified presentation name, uncompressed. */
  name(text: string): this {
    const n = nameFromText(text);
    if (!n.ok) throw new RdataError(n.error.message);
    return this.bytes(nameToWire(n.value));
  }

  /** A type bit map (RFC 4034 §4.1.2). */
  types(codes: readonly number[]): this {
    return this.bytes(encodeTypeBitmap(codes));
  }

  done(): Uint8Array {
    return concatBytes(this.#parts);
  }
}
