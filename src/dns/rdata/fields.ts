/**
 * Reading RDATA fields from presentation text (RFC 1035 §5.1): a cursor over the tokens of
 * one record, with the field syntaxes the record modules share (integers, names,
 * <character-string>s with `\X` and `\DDD` escapes, hex, base64, times, type lists).
 * A field that does not parse raises {@link RdataTextError}, which `rdataFromText` turns
 * into a typed failure with the line of the zone text.
 */

import { fromBase32Hex, fromBase64, fromHex } from '../wire/encoding';
import { nameFromText, nameToText, type Name } from '../wire/name';
import { fail, ok, type WireErrorCode, type WireResult } from '../wire/result';
import { typeFromText, typeToText } from '../wire/types';

/** A token of presentation text; `quoted` tokens came from "..." and keep their escapes. */
export interface Token {
  readonly text: string;
  readonly quoted: boolean;
}

export class RdataTextError extends Error {
  override readonly name = 'RdataTextError';
  constructor(
    readonly code: WireErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function syntax(message: string): RdataTextError {
  return new RdataTextError('syntax', message);
}

/** DNSSEC algorithm mnemonics accepted in place of numbers (IANA registry). */
const ALGORITHM_MNEMONICS: Readonly<Record<string, number>> = {
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  'DSA-NSEC3-SHA1': 6,
  'RSASHA1-NSEC3-SHA1': 7,
  RSASHA256: 8,
  RSASHA512: 10,
  'ECC-GOST': 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
};

function uint(text: string | undefined, max: number, what: string): WireResult<number> {
  if (text === undefined || !/^[0-9]+$/.test(text) || Number(text) > max) {
    return fail('syntax', `${what}: expected an integer up to ${max}, got ${text ?? 'nothing'}`);
  }
  return ok(Number(text));
}

/** `YYYYMMDDHHmmSS` (UTC) or plain seconds → 32-bit serial time (RFC 4034 §3.2). */
export function parseSignatureTime(text: string | undefined): WireResult<number> {
  if (text !== undefined && /^[0-9]{14}$/.test(text)) {
    const ms = Date.UTC(
      Number(text.slice(0, 4)),
      Number(text.slice(4, 6)) - 1,
      Number(text.slice(6, 8)),
      Number(text.slice(8, 10)),
      Number(text.slice(10, 12)),
      Number(text.slice(12, 14)),
    );
    return ok((ms / 1000) % 2 ** 32);
  }
  return uint(text, 0xffffffff, 'signature time');
}

/** A TTL or SOA timer: seconds, or BIND units such as `1h30m`, `2d`. */
export function parseTtl(text: string | undefined): WireResult<number> {
  if (text === undefined) return fail('syntax', 'missing TTL');
  if (/^[0-9]+$/.test(text)) return uint(text, 0xffffffff, 'TTL');
  const m = text.toLowerCase().match(/^(?:[0-9]+[smhdw])+$/);
  if (!m) return fail('syntax', `bad TTL ${text}`);
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const part of text.toLowerCase().matchAll(/([0-9]+)([smhdw])/g)) {
    total += Number(part[1]) * units[part[2]!]!;
  }
  return total <= 0xffffffff ? ok(total) : fail('syntax', `TTL too large ${text}`);
}

/** The octets of a <character-string>'s text, `\X` and `\DDD` escapes resolved. */
export function unescapeText(t: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && /^[0-9]{3}/.test(t.slice(i + 1))) {
      bytes.push(Number(t.slice(i + 1, i + 4)) & 255);
      i += 3;
    } else if (t[i] === '\\' && i + 1 < t.length) {
      bytes.push(t.charCodeAt(++i) & 255);
    } else {
      bytes.push(t.charCodeAt(i) & 255);
    }
  }
  return Uint8Array.from(bytes);
}

function value<T>(r: WireResult<T>): T {
  if (!r.ok) throw new RdataTextError(r.error.code, r.error.message);
  return r.value;
}

/** The tokens of one record's RDATA, read field by field. */
export class TextFields {
  #pos = 0;

  constructor(
    readonly tokens: readonly Token[],
    readonly origin: Name,
  ) {}

  get remaining(): number {
    return this.tokens.length - this.#pos;
  }

  token(what: string): Token {
    const t = this.tokens[this.#pos++];
    if (t === undefined) throw syntax(`missing ${what}`);
    return t;
  }

  word(what: string): string {
    return this.token(what).text;
  }

  uint(max: number, what: string): number {
    return value(uint(this.tokens[this.#pos++]?.text, max, what));
  }

  /** A DNSSEC algorithm number or its mnemonic (RFC 4034 Appendix A.1). */
  algorithm(): number {
    const text = this.tokens[this.#pos]?.text;
    const m = text === undefined ? undefined : ALGORITHM_MNEMONICS[text.toUpperCase()];
    if (m === undefined) return this.uint(255, 'algorithm');
    this.#pos++;
    return m;
  }

  ttl(): number {
    return value(parseTtl(this.tokens[this.#pos++]?.text));
  }

  signatureTime(): number {
    return value(parseSignatureTime(this.tokens[this.#pos++]?.text));
  }

  /** A name, relative ones completed with the origin; returned fully qualified. */
  name(what: string): string {
    const n = nameFromText(this.word(what), this.origin);
    if (!n.ok) throw new RdataTextError(n.error.code, n.error.message);
    return nameToText(n.value);
  }

  /** A <character-string> (RFC 1035 §5.1), at most 255 octets. */
  characterString(what: string): Uint8Array {
    const bytes = unescapeText(this.word(what));
    if (bytes.length > 255) throw syntax('character-string over 255 octets');
    return bytes;
  }

  typeCode(what: string): number {
    const word = this.word(what);
    const code = typeFromText(word);
    if (code === undefined) throw new RdataTextError('unknown-type', `unknown ${what} ${word}`);
    return code;
  }

  /** The remaining tokens as type mnemonics (an NSEC or NSEC3 type list). */
  typeList(): readonly string[] {
    const out: string[] = [];
    while (this.remaining > 0) {
      const word = this.word('type');
      const code = typeFromText(word);
      if (code === undefined) {
        throw new RdataTextError('unknown-type', `unknown type ${word} in type bit map`);
      }
      out.push(typeToText(code));
    }
    return out;
  }

  /** The remaining tokens joined: a hex field dig splits into words. */
  hex(what: string): Uint8Array {
    return decoded(fromHex(this.#rest()), what);
  }

  base64(what: string): Uint8Array {
    return decoded(fromBase64(this.#rest()), what);
  }

  base32hex(what: string): Uint8Array {
    return decoded(fromBase32Hex(this.word(what)), what);
  }

  #rest(): string {
    const out = this.tokens.slice(this.#pos).map((t) => t.text);
    this.#pos = this.tokens.length;
    return out.join('');
  }

  /** Raises when tokens are left over: they belong to no field of the type. */
  end(type: string): void {
    if (this.remaining > 0)
      throw syntax(`${this.remaining} word(s) after the end of the ${type} RDATA`);
  }
}

function decoded(bytes: Uint8Array | undefined, what: string): Uint8Array {
  if (bytes === undefined) throw syntax(`bad ${what}`);
  return bytes;
}
