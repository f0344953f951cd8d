/**
 * RDATA in presentation format → wire bytes, for the types validation needs and a few
 * common ones; any type also accepts the RFC 3597 §5 generic form `\# <length> <hex>`.
 */

import { concatBytes, fromBase32Hex, fromBase64, fromHex } from './encoding';
import { nameFromText, nameToWire, type Name } from './name';
import { fail, ok, type WireResult } from './result';
import { encodeTypeBitmap } from './type-bitmap';
import { RRTYPE, typeFromText } from './types';

/** A token of presentation text; `quoted` tokens came from "..." and keep their escapes. */
export interface Token {
  readonly text: string;
  readonly quoted: boolean;
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

type Out = WireResult<Uint8Array>;

function uint(text: string | undefined, max: number, what: string): WireResult<number> {
  if (text === undefined || !/^[0-9]+$/.test(text) || Number(text) > max) {
    return fail('syntax', `${what}: expected an integer up to ${max}, got ${text ?? 'nothing'}`);
  }
  return ok(Number(text));
}

function algorithm(text: string | undefined): WireResult<number> {
  const m = text === undefined ? undefined : ALGORITHM_MNEMONICS[text.toUpperCase()];
  return m !== undefined ? ok(m) : uint(text, 255, 'algorithm');
}

function u8(n: number): Uint8Array {
  return Uint8Array.of(n);
}
function u16(n: number): Uint8Array {
  return Uint8Array.of(n >> 8, n & 255);
}
function u32(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
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

function ipv4(text: string | undefined): Out {
  const parts = text?.split('.') ?? [];
  if (parts.length !== 4 || parts.some((p) => !/^[0-9]{1,3}$/.test(p) || Number(p) > 255)) {
    return fail('syntax', `bad IPv4 address ${text ?? ''}`);
  }
  return ok(Uint8Array.from(parts.map(Number)));
}

function ipv6(text: string | undefined): Out {
  if (text === undefined) return fail('syntax', 'missing IPv6 address');
  let head = text;
  let v4: Uint8Array | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const r = ipv4(text.slice(lastColon + 1));
    if (!r.ok) return r;
    v4 = r.value;
    head = text.slice(0, lastColon + 1) + (text.endsWith('::') ? '' : '0:0');
  }
  const halves = head.split('::');
  if (halves.length > 2) return fail('syntax', `bad IPv6 address ${text}`);
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) {
    return fail('syntax', `bad IPv6 address ${text}`);
  }
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  const out = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const g = all[i]!;
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return fail('syntax', `bad IPv6 address ${text}`);
    out[i * 2] = parseInt(g, 16) >> 8;
    out[i * 2 + 1] = parseInt(g, 16) & 255;
  }
  if (v4) out.set(v4, 12);
  return ok(out);
}

/** A <character-string> (RFC 1035 §5.1), with `\X` and `\DDD` escapes. */
function characterString(token: Token | undefined): Out {
  if (token === undefined) return fail('syntax', 'missing character-string');
  const bytes: number[] = [];
  const t = token.text;
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
  if (bytes.length > 255) return fail('syntax', 'character-string over 255 octets');
  return ok(Uint8Array.from([bytes.length, ...bytes]));
}

function nameField(text: string | undefined, origin: Name): Out {
  if (text === undefined) return fail('syntax', 'missing name');
  const n = nameFromText(text, origin);
  return n.ok ? ok(nameToWire(n.value)) : n;
}

function typeList(texts: readonly string[]): Out {
  const types: number[] = [];
  for (const t of texts) {
    const n = typeFromText(t);
    if (n === undefined) return fail('unknown-type', `unknown type ${t} in type bit map`);
    types.push(n);
  }
  return ok(encodeTypeBitmap(types));
}

function all(parts: readonly WireResult<Uint8Array | number>[], widths: readonly number[]): Out {
  const out: Uint8Array[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!p.ok) return p;
    const v = p.value;
    if (typeof v === 'number') {
      const w = widths[i];
      out.push(w === 1 ? u8(v) : w === 2 ? u16(v) : u32(v));
    } else {
      out.push(v);
    }
  }
  return ok(concatBytes(out));
}

function binary(decoded: Uint8Array | undefined, what: string): Out {
  return decoded === undefined ? fail('syntax', `bad ${what}`) : ok(decoded);
}

/** Parses the RDATA tokens of one record of `type`. */
export function rdataFromText(type: number, tokens: readonly Token[], origin: Name): Out {
  const t = tokens.map((x) => x.text);
  if (t[0] === '\\#' && tokens[0]?.quoted === false) {
    const length = uint(t[1], 65535, 'generic RDATA length');
    if (!length.ok) return length;
    const bytes = fromHex(t.slice(2).join(''));
    if (bytes === undefined || bytes.length !== length.value) {
      return fail('syntax', 'generic RDATA length does not match its hex');
    }
    return ok(bytes);
  }
  const rest = (from: number): string => t.slice(from).join('');
  switch (type) {
    case RRTYPE.A:
      return ipv4(t[0]);
    case RRTYPE.AAAA:
      return ipv6(t[0]);
    case RRTYPE.NS:
    case RRTYPE.CNAME:
    case RRTYPE.DNAME:
    case RRTYPE.PTR:
    case RRTYPE.MB:
    case RRTYPE.MG:
    case RRTYPE.MR:
    case RRTYPE.MD:
    case RRTYPE.MF:
      return nameField(t[0], origin);
    case RRTYPE.MX:
    case RRTYPE.AFSDB:
    case RRTYPE.RT:
    case RRTYPE.KX:
      return all([uint(t[0], 65535, 'preference'), nameField(t[1], origin)], [2]);
    case RRTYPE.SOA:
      return all(
        [
          nameField(t[0], origin),
          nameField(t[1], origin),
          uint(t[2], 0xffffffff, 'serial'),
          parseTtl(t[3]),
          parseTtl(t[4]),
          parseTtl(t[5]),
          parseTtl(t[6]),
        ],
        [0, 0, 4, 4, 4, 4, 4],
      );
    case RRTYPE.TXT:
    case RRTYPE.SPF: {
      if (tokens.length === 0) return fail('syntax', 'TXT needs at least one string');
      return all(tokens.map(characterString), []);
    }
    case RRTYPE.HINFO:
      return all([characterString(tokens[0]), characterString(tokens[1])], []);
    case RRTYPE.SRV:
      return all(
        [
          uint(t[0], 65535, 'priority'),
          uint(t[1], 65535, 'weight'),
          uint(t[2], 65535, 'port'),
          nameField(t[3], origin),
        ],
        [2, 2, 2],
      );
    case RRTYPE.DS:
    case RRTYPE.CDS:
      return all(
        [
          uint(t[0], 65535, 'key tag'),
          algorithm(t[1]),
          uint(t[2], 255, 'digest type'),
          binary(fromHex(rest(3)), 'DS digest hex'),
        ],
        [2, 1, 1],
      );
    case RRTYPE.DNSKEY:
    case RRTYPE.CDNSKEY:
      return all(
        [
          uint(t[0], 65535, 'flags'),
          uint(t[1], 255, 'protocol'),
          algorithm(t[2]),
          binary(fromBase64(rest(3)), 'public key base64'),
        ],
        [2, 1, 1],
      );
    case RRTYPE.RRSIG: {
      const covered = typeFromText(t[0] ?? '');
      if (covered === undefined) return fail('unknown-type', `unknown type covered ${t[0] ?? ''}`);
      return all(
        [
          ok(covered),
          algorithm(t[1]),
          uint(t[2], 255, 'labels'),
          parseTtl(t[3]),
          parseSignatureTime(t[4]),
          parseSignatureTime(t[5]),
          uint(t[6], 65535, 'key tag'),
          nameField(t[7], origin),
          binary(fromBase64(rest(8)), 'signature base64'),
        ],
        [2, 1, 1, 4, 4, 4, 2],
      );
    }
    case RRTYPE.NSEC:
      return all([nameField(t[0], origin), typeList(t.slice(1))], []);
    case RRTYPE.NSEC3:
    case RRTYPE.NSEC3PARAM: {
      const salt = t[3] === '-' ? new Uint8Array(0) : fromHex(t[3] ?? 'x');
      if (salt === undefined || salt.length > 255) return fail('syntax', `bad salt ${t[3] ?? ''}`);
      const head = [
        uint(t[0], 255, 'hash algorithm'),
        uint(t[1], 255, 'flags'),
        uint(t[2], 65535, 'iterations'),
        ok(Uint8Array.of(salt.length, ...salt)),
      ];
      if (type === RRTYPE.NSEC3PARAM) return all(head, [1, 1, 2]);
      const next = fromBase32Hex(t[4] ?? '');
      if (next === undefined || next.length === 0 || next.length > 255) {
        return fail('syntax', `bad next hashed owner name ${t[4] ?? ''}`);
      }
      return all(
        [...head, ok(Uint8Array.of(next.length, ...next)), typeList(t.slice(5))],
        [1, 1, 2],
      );
    }
    default:
      return fail('unknown-type', `no presentation parser for TYPE${type}; use \\# generic form`);
  }
}
