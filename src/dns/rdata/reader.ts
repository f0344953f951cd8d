/**
 * A bounded cursor over one record's RDATA (uncompressed: the wire layer has expanded any
 * compressed names). The bytes came from the network, so a short or over-long RDATA is a
 * finding to show, not a crash: a read that does not fit records the first reason in
 * {@link RdataReader.error}, moves to the end and returns zeros, and every later read is
 * empty. Callers check `error` once when done (throwing on every hostile record made the
 * fuzz and robustness tests several times slower). A layout check of a type's own
 * (a tag's syntax) raises {@link RdataError} instead.
 */

import { bytesEqual } from '../wire/encoding';
import { readName } from '../wire/message';
import { nameToText, type Name } from '../wire/name';
import { decodeTypeBitmap, encodeTypeBitmap } from '../wire/type-bitmap';

/**
 * Why RDATA does not fit its type. Not an `Error`: it is expected input (hostile bytes),
 * always caught inside this folder, and capturing a stack trace for each one made reading
 * random octets twenty times slower.
 */
export class RdataError {
  readonly name = 'RdataError';
  constructor(readonly message: string) {}
}

export class RdataReader {
  #pos = 0;
  #error: string | undefined;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get remaining(): number {
    return this.#bytes.length - this.#pos;
  }

  /** The first reason the RDATA did not fit, once a read failed. */
  get error(): string | undefined {
    return this.#error;
  }

  /** Records the first failure and gives up the rest of the RDATA. */
  fail(reason: string): void {
    this.#error ??= reason;
    this.#pos = this.#bytes.length;
  }

  /** Raises the recorded failure, for callers that read in one go. */
  check(): void {
    if (this.#error !== undefined) throw new RdataError(this.#error);
  }

  #need(n: number, what: string): boolean {
    if (this.#pos + n <= this.#bytes.length) return true;
    if (this.#error === undefined) {
      this.fail(
        `RDATA ends inside the ${what} (needs ${n} more octet${n === 1 ? '' : 's'}, ${this.remaining} left)`,
      );
    }
    this.#pos = this.#bytes.length;
    return false;
  }

  u8(what: string): number {
    if (!this.#need(1, what)) return 0;
    return this.#bytes[this.#pos++]!;
  }

  u16(what: string): number {
    if (!this.#need(2, what)) return 0;
    const v = (this.#bytes[this.#pos]! << 8) | this.#bytes[this.#pos + 1]!;
    this.#pos += 2;
    return v;
  }

  u32(what: string): number {
    if (!this.#need(4, what)) return 0;
    const b = this.#bytes;
    const p = this.#pos;
    this.#pos += 4;
    return ((b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!) >>> 0;
  }

  bytes(n: number, what: string): Uint8Array {
    if (!this.#need(n, what)) return new Uint8Array(0);
    const out = this.#bytes.slice(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  /** All remaining octets. */
  rest(): Uint8Array {
    return this.bytes(this.remaining, 'rest');
  }

  /** A length-prefixed <character-string> (RFC 1035 §3.3), as bytes. */
  characterString(what: string): Uint8Array {
    return this.bytes(this.u8(what), what);
  }

  /** An uncompressed name, as labels. */
  labels(what: string): Name {
    const r = readName(this.#bytes, this.#pos);
    if (!r.ok || r.value.end > this.#bytes.length) {
      this.fail(r.ok ? `${what} runs past the RDATA` : `bad ${what}: ${r.error.message}`);
      return [];
    }
    this.#pos = r.value.end;
    return r.value.name;
  }

  /** An uncompressed name in presentation format. */
  name(what: string): string {
    return nameToText(this.labels(what));
  }

  /**
   * The rest of the RDATA as an NSEC/NSEC3 type bit map (RFC 4034 §4.1.2), as type codes.
   * The bit map must be in its one valid form ("Blocks with no types present MUST NOT be
   * included. Trailing zero octets in the bitmap MUST be omitted"), so that the text of
   * the record reads back to the same octets.
   */
  types(): readonly number[] {
    const bitmap = this.rest();
    const r = decodeTypeBitmap(bitmap);
    if (!r.ok) {
      this.fail(`bad type bit map: ${r.error.message}`);
      return [];
    }
    if (!bytesEqual(encodeTypeBitmap(r.value), bitmap)) {
      this.fail('type bit map with an empty window or trailing zero octets');
      return [];
    }
    return r.value;
  }

  /** Raises unless every octet was read: trailing octets mean the RDATA is not this type. */
  end(type: string): void {
    if (this.remaining > 0) {
      this.fail(`${this.remaining} octet(s) after the end of the ${type} RDATA`);
    }
  }
}
