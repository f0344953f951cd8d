/**
 * Records → presentation format, for display and for naming records in proof reasons.
 * Types without a formatter, and RDATA that does not parse as its type, are shown in the
 * RFC 3597 §5 generic form `\# <length> <hex>`.
 */

import { toBase32Hex, toBase64, toHex } from './encoding';
import { readName } from './message';
import { nameToText } from './name';
import type { ResourceRecord } from './record';
import { decodeTypeBitmap } from './type-bitmap';
import { classToText, RRTYPE, typeToText } from './types';

function generic(rdata: Uint8Array): string {
  return `\\# ${rdata.length}` + (rdata.length > 0 ? ` ${toHex(rdata)}` : '');
}

function u16(b: Uint8Array, o: number): number {
  return (b[o]! << 8) | b[o + 1]!;
}
function u32(b: Uint8Array, o: number): number {
  return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
}

/** 32-bit serial time as `YYYYMMDDHHmmSS` (RFC 4034 §3.2). */
export function formatSignatureTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function characterStrings(b: Uint8Array): string[] | undefined {
  const out: string[] = [];
  let o = 0;
  while (o < b.length) {
    const len = b[o]!;
    if (o + 1 + len > b.length) return undefined;
    let s = '';
    for (const c of b.subarray(o + 1, o + 1 + len)) {
      if (c === 0x22 || c === 0x5c) s += '\\' + String.fromCharCode(c);
      else if (c < 0x20 || c >= 0x7f) s += '\\' + c.toString().padStart(3, '0');
      else s += String.fromCharCode(c);
    }
    out.push(`"${s}"`);
    o += 1 + len;
  }
  return out;
}

/** Names in uncompressed RDATA, read in sequence from `offset`. */
function nameAt(b: Uint8Array, offset: number): { text: string; end: number } | undefined {
  const r = readName(b, offset);
  return r.ok ? { text: nameToText(r.value.name), end: r.value.end } : undefined;
}

function bitmapText(b: Uint8Array): string | undefined {
  const types = decodeTypeBitmap(b);
  return types.ok ? types.value.map(typeToText).join(' ') : undefined;
}

function formatKnown(type: number, b: Uint8Array): string | undefined {
  switch (type) {
    case RRTYPE.A:
      return b.length === 4 ? [...b].join('.') : undefined;
    case RRTYPE.AAAA: {
      if (b.length !== 16) return undefined;
      const groups: string[] = [];
      for (let i = 0; i < 16; i += 2) groups.push(u16(b, i).toString(16));
      return groups
        .join(':')
        .replace(/(^|:)0(:0)+(:|$)/, '::')
        .replace(/:{3,}/, '::');
    }
    case RRTYPE.NS:
    case RRTYPE.CNAME:
    case RRTYPE.DNAME:
    case RRTYPE.PTR: {
      const n = nameAt(b, 0);
      return n && n.end === b.length ? n.text : undefined;
    }
    case RRTYPE.MX: {
      const n = b.length >= 3 ? nameAt(b, 2) : undefined;
      return n && n.end === b.length ? `${u16(b, 0)} ${n.text}` : undefined;
    }
    case RRTYPE.SOA: {
      const m = nameAt(b, 0);
      const r = m && nameAt(b, m.end);
      if (!m || !r || r.end + 20 !== b.length) return undefined;
      const nums = [0, 4, 8, 12, 16].map((o) => u32(b, r.end + o));
      return `${m.text} ${r.text} ${nums.join(' ')}`;
    }
    case RRTYPE.TXT:
      return characterStrings(b)?.join(' ');
    case RRTYPE.SRV: {
      const n = b.length >= 7 ? nameAt(b, 6) : undefined;
      return n && n.end === b.length
        ? `${u16(b, 0)} ${u16(b, 2)} ${u16(b, 4)} ${n.text}`
        : undefined;
    }
    case RRTYPE.DS:
    case RRTYPE.CDS:
      return b.length > 4
        ? `${u16(b, 0)} ${b[2]!} ${b[3]!} ${toHex(b.subarray(4)).toUpperCase()}`
        : undefined;
    case RRTYPE.DNSKEY:
    case RRTYPE.CDNSKEY:
      return b.length > 4 ? `${u16(b, 0)} ${b[2]!} ${b[3]!} ${toBase64(b.subarray(4))}` : undefined;
    case RRTYPE.RRSIG: {
      const n = b.length > 18 ? nameAt(b, 18) : undefined;
      if (!n) return undefined;
      return [
        typeToText(u16(b, 0)),
        b[2]!,
        b[3]!,
        u32(b, 4),
        formatSignatureTime(u32(b, 8)),
        formatSignatureTime(u32(b, 12)),
        u16(b, 16),
        n.text,
        toBase64(b.subarray(n.end)),
      ].join(' ');
    }
    case RRTYPE.NSEC: {
      const n = nameAt(b, 0);
      const types = n && bitmapText(b.subarray(n.end));
      return n && types !== undefined ? `${n.text} ${types}`.trimEnd() : undefined;
    }
    case RRTYPE.NSEC3:
    case RRTYPE.NSEC3PARAM: {
      if (b.length < 5) return undefined;
      const saltEnd = 5 + b[4]!;
      if (saltEnd > b.length) return undefined;
      const salt = b[4] === 0 ? '-' : toHex(b.subarray(5, saltEnd)).toUpperCase();
      const head = `${b[0]!} ${b[1]!} ${u16(b, 2)} ${salt}`;
      if (type === RRTYPE.NSEC3PARAM) return saltEnd === b.length ? head : undefined;
      if (saltEnd >= b.length) return undefined;
      const hashEnd = saltEnd + 1 + b[saltEnd]!;
      if (hashEnd > b.length) return undefined;
      const types = bitmapText(b.subarray(hashEnd));
      if (types === undefined) return undefined;
      return `${head} ${toBase32Hex(b.subarray(saltEnd + 1, hashEnd))} ${types}`.trimEnd();
    }
    default:
      return undefined;
  }
}

/** The RDATA of `type` in presentation format. */
export function rdataToText(type: number, rdata: Uint8Array): string {
  return formatKnown(type, rdata) ?? generic(rdata);
}

/** `owner TTL class type rdata`, one line. */
export function recordToText(rr: ResourceRecord): string {
  return `${nameToText(rr.owner)} ${rr.ttl} ${classToText(rr.class)} ${typeToText(rr.type)} ${rdataToText(rr.type, rr.rdata)}`;
}
