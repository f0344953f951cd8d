/**
 * Structured RDATA for the types the app reads or shows: what a record *says*, narrowed
 * from untrusted bytes. Layouts are those of RFC 1035 §3.3 (NS, CNAME, PTR, MX, TXT, SOA),
 * RFC 3596 (AAAA), RFC 6672 (DNAME), RFC 2782 (SRV), RFC 8659 (CAA), RFC 4034 (DS, DNSKEY,
 * RRSIG, NSEC), RFC 5155 (NSEC3, NSEC3PARAM), RFC 7344 (CDS, CDNSKEY) and RFC 9460 (SVCB,
 * HTTPS). Other types are `unknown` and shown in the RFC 3597 generic form; RDATA that does
 * not fit its type is `invalid`, with the reason.
 *
 * Validation does not use these objects: it works on the record's wire bytes (RFC 4034 §6).
 */

import { formatIpv4, formatIpv6 } from './ip';
import { RdataError, RdataReader } from './rdata-reader';
import { readSvcParams, type SvcParam } from './svcb';
import { decodeTypeBitmap } from './wire/type-bitmap';
import { RRTYPE, typeToText } from './wire/types';

const utf8 = new TextDecoder('utf-8');

export type RecordData =
  | { readonly kind: 'A' | 'AAAA'; readonly address: string }
  | { readonly kind: 'NS' | 'CNAME' | 'DNAME' | 'PTR'; readonly target: string }
  | { readonly kind: 'MX'; readonly preference: number; readonly exchange: string }
  | {
      readonly kind: 'TXT';
      /** Each <character-string> as bytes (TXT is binary, RFC 1035 §3.3.14). */
      readonly strings: readonly Uint8Array[];
      /** The same, decoded as UTF-8 with replacement, e.g. to read SPF or DMARC. */
      readonly text: readonly string[];
    }
  | {
      readonly kind: 'SOA';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      /** RFC 2308 §4: the negative-caching TTL is min(this, the SOA's own TTL). */
      readonly minimum: number;
    }
  | {
      readonly kind: 'SRV';
      readonly priority: number;
      readonly weight: number;
      readonly port: number;
      readonly target: string;
    }
  | {
      readonly kind: 'CAA';
      readonly flags: number;
      readonly critical: boolean;
      readonly tag: string;
      readonly value: Uint8Array;
    }
  | {
      readonly kind: 'DS' | 'CDS';
      readonly keyTag: number;
      readonly algorithm: number;
      readonly digestType: number;
      readonly digest: Uint8Array;
    }
  | {
      readonly kind: 'DNSKEY' | 'CDNSKEY';
      readonly flags: number;
      /** RFC 4034 §2.1.1 bit 7. */
      readonly zoneKey: boolean;
      /** RFC 4034 §2.1.1 bit 15 (SEP, usually a KSK). */
      readonly secureEntryPoint: boolean;
      /** RFC 5011 §3 REVOKE bit. */
      readonly revoked: boolean;
      /** RFC 4034 §2.1.2: "MUST have value 3". Kept as received so a wrong one shows. */
      readonly protocol: number;
      readonly algorithm: number;
      readonly publicKey: Uint8Array;
    }
  | {
      readonly kind: 'RRSIG';
      readonly typeCovered: string;
      readonly typeCoveredCode: number;
      readonly algorithm: number;
      readonly labels: number;
      readonly originalTtl: number;
      /** Seconds since the epoch modulo 2^32 (RFC 4034 §3.1.5, serial arithmetic). */
      readonly expiration: number;
      readonly inception: number;
      readonly keyTag: number;
      readonly signerName: string;
      readonly signature: Uint8Array;
    }
  | { readonly kind: 'NSEC'; readonly nextName: string; readonly types: readonly string[] }
  | {
      readonly kind: 'NSEC3';
      readonly hashAlgorithm: number;
      readonly flags: number;
      /** RFC 5155 §3.1.2.1. */
      readonly optOut: boolean;
      readonly iterations: number;
      readonly salt: Uint8Array;
      readonly nextHashedOwner: Uint8Array;
      readonly types: readonly string[];
    }
  | {
      readonly kind: 'NSEC3PARAM';
      readonly hashAlgorithm: number;
      readonly flags: number;
      readonly iterations: number;
      readonly salt: Uint8Array;
    }
  | {
      readonly kind: 'SVCB' | 'HTTPS';
      readonly priority: number;
      /** `.` with priority > 0 means "the owner name itself" (RFC 9460 §2.5.2). */
      readonly target: string;
      readonly params: readonly SvcParam[];
    }
  /** A type without a structured reading here; its bytes are in the record's wire form. */
  | { readonly kind: 'unknown' }
  /** RDATA that does not fit its type: a finding about the sender. */
  | { readonly kind: 'invalid'; readonly reason: string };

function types(bitmap: Uint8Array): readonly string[] {
  const r = decodeTypeBitmap(bitmap);
  if (!r.ok) throw new RdataError(`bad type bit map: ${r.error.message}`);
  return r.value.map(typeToText);
}

function readKnown(type: number, r: RdataReader): RecordData {
  switch (type) {
    case RRTYPE.A: {
      if (r.remaining !== 4) throw new RdataError(`an A record has 4 octets, not ${r.remaining}`);
      return { kind: 'A', address: formatIpv4(r.rest()) };
    }
    case RRTYPE.AAAA: {
      if (r.remaining !== 16) {
        throw new RdataError(`an AAAA record has 16 octets, not ${r.remaining}`);
      }
      return { kind: 'AAAA', address: formatIpv6(r.rest()) };
    }
    case RRTYPE.NS:
    case RRTYPE.CNAME:
    case RRTYPE.DNAME:
    case RRTYPE.PTR: {
      const kind = typeToText(type) as 'NS' | 'CNAME' | 'DNAME' | 'PTR';
      const target = r.name('target name');
      r.end(kind);
      return { kind, target };
    }
    case RRTYPE.MX: {
      const preference = r.u16('preference');
      const exchange = r.name('exchange name');
      r.end('MX');
      return { kind: 'MX', preference, exchange };
    }
    case RRTYPE.TXT: {
      const strings: Uint8Array[] = [];
      while (r.remaining > 0) strings.push(r.characterString('character-string'));
      if (strings.length === 0) throw new RdataError('a TXT record has at least one string');
      return { kind: 'TXT', strings, text: strings.map((s) => utf8.decode(s)) };
    }
    case RRTYPE.SOA: {
      const data: RecordData = {
        kind: 'SOA',
        mname: r.name('MNAME'),
        rname: r.name('RNAME'),
        serial: r.u32('SERIAL'),
        refresh: r.u32('REFRESH'),
        retry: r.u32('RETRY'),
        expire: r.u32('EXPIRE'),
        minimum: r.u32('MINIMUM'),
      };
      r.end('SOA');
      return data;
    }
    case RRTYPE.SRV: {
      const data: RecordData = {
        kind: 'SRV',
        priority: r.u16('priority'),
        weight: r.u16('weight'),
        port: r.u16('port'),
        target: r.name('target'),
      };
      r.end('SRV');
      return data;
    }
    case RRTYPE.CAA: {
      const flags = r.u8('flags');
      const tag = utf8.decode(r.characterString('tag'));
      return { kind: 'CAA', flags, critical: (flags & 0x80) !== 0, tag, value: r.rest() };
    }
    case RRTYPE.DS:
    case RRTYPE.CDS:
      return {
        kind: type === RRTYPE.DS ? 'DS' : 'CDS',
        keyTag: r.u16('key tag'),
        algorithm: r.u8('algorithm'),
        digestType: r.u8('digest type'),
        digest: r.rest(),
      };
    case RRTYPE.DNSKEY:
    case RRTYPE.CDNSKEY: {
      const flags = r.u16('flags');
      return {
        kind: type === RRTYPE.DNSKEY ? 'DNSKEY' : 'CDNSKEY',
        flags,
        zoneKey: (flags & 0x0100) !== 0,
        secureEntryPoint: (flags & 0x0001) !== 0,
        revoked: (flags & 0x0080) !== 0,
        protocol: r.u8('protocol'),
        algorithm: r.u8('algorithm'),
        publicKey: r.rest(),
      };
    }
    case RRTYPE.RRSIG: {
      const typeCoveredCode = r.u16('type covered');
      return {
        kind: 'RRSIG',
        typeCovered: typeToText(typeCoveredCode),
        typeCoveredCode,
        algorithm: r.u8('algorithm'),
        labels: r.u8('labels'),
        originalTtl: r.u32('original TTL'),
        expiration: r.u32('signature expiration'),
        inception: r.u32('signature inception'),
        keyTag: r.u16('key tag'),
        signerName: r.name("signer's name"),
        signature: r.rest(),
      };
    }
    case RRTYPE.NSEC:
      return { kind: 'NSEC', nextName: r.name('next domain name'), types: types(r.rest()) };
    case RRTYPE.NSEC3: {
      const hashAlgorithm = r.u8('hash algorithm');
      const flags = r.u8('flags');
      const iterations = r.u16('iterations');
      const salt = r.characterString('salt');
      const nextHashedOwner = r.characterString('next hashed owner name');
      return {
        kind: 'NSEC3',
        hashAlgorithm,
        flags,
        optOut: (flags & 0x01) !== 0,
        iterations,
        salt,
        nextHashedOwner,
        types: types(r.rest()),
      };
    }
    case RRTYPE.NSEC3PARAM: {
      const data: RecordData = {
        kind: 'NSEC3PARAM',
        hashAlgorithm: r.u8('hash algorithm'),
        flags: r.u8('flags'),
        iterations: r.u16('iterations'),
        salt: r.characterString('salt'),
      };
      r.end('NSEC3PARAM');
      return data;
    }
    case RRTYPE.SVCB:
    case RRTYPE.HTTPS: {
      const priority = r.u16('SvcPriority');
      const target = r.name('TargetName');
      const params = readSvcParams(r.rest());
      if (typeof params === 'string') throw new RdataError(params);
      return { kind: type === RRTYPE.SVCB ? 'SVCB' : 'HTTPS', priority, target, params };
    }
    default:
      return { kind: 'unknown' };
  }
}

/**
 * Reads the RDATA of a record of `type`. Never throws.
 *
 * @example readRdata(1, Uint8Array.of(192, 0, 2, 1)) // { kind: 'A', address: '192.0.2.1' }
 * @example readRdata(1, Uint8Array.of(1, 2)) // { kind: 'invalid', reason: 'an A record has 4 octets, not 2' }
 */
export function readRdata(type: number, rdata: Uint8Array): RecordData {
  try {
    return readKnown(type, new RdataReader(rdata));
  } catch (e) {
    if (e instanceof RdataError) return { kind: 'invalid', reason: e.message };
    return { kind: 'invalid', reason: `unreadable RDATA (${String(e)})` };
  }
}
