/**
 * Structured RDATA for the types the app reads or shows: what a record *says*, narrowed
 * from untrusted bytes. One variant per layout; the module of each type in this folder
 * reads it from wire, writes it back, prints it and reads it from text. Other types are
 * `unknown` and shown in the RFC 3597 generic form; RDATA that does not fit its type is
 * `invalid`, with the reason. Names are held in presentation form (`nameToText`), which
 * reads back to the same labels.
 */

import type { SvcParam } from './svc-params';

export type TargetKind = 'NS' | 'CNAME' | 'DNAME' | 'PTR' | 'MB' | 'MG' | 'MR' | 'MD' | 'MF';
export type ExchangeKind = 'MX' | 'AFSDB' | 'RT' | 'KX';

export type RecordData =
  | { readonly kind: 'A' | 'AAAA'; readonly address: string }
  | {
      /** One name: RFC 1035 §3.3 (NS, CNAME, PTR, and the obsolete MB, MG, MR, MD, MF), RFC 6672 (DNAME). */
      readonly kind: TargetKind;
      readonly target: string;
    }
  | {
      /** A preference and a name: MX (RFC 1035 §3.3.9), AFSDB (RFC 1183 §1), RT (§3.3), KX (RFC 2230). */
      readonly kind: ExchangeKind;
      readonly preference: number;
      readonly exchange: string;
    }
  | {
      /** SPF (RFC 7208 §3.1, obsolete type 99) has the TXT layout. */
      readonly kind: 'TXT' | 'SPF';
      /** Each <character-string> as bytes (TXT is binary, RFC 1035 §3.3.14). */
      readonly strings: readonly Uint8Array[];
      /** The same, decoded as UTF-8 with replacement, e.g. to read SPF or DMARC. */
      readonly text: readonly string[];
    }
  | {
      /** RFC 1035 §3.3.2: two <character-string>s. */
      readonly kind: 'HINFO';
      readonly cpu: Uint8Array;
      readonly os: Uint8Array;
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

/** The variant whose kinds include `K` (`DataOf<'CDS'>` is the DS/CDS variant). */
export type DataOf<K extends RecordData['kind']> = RecordData extends infer R
  ? R extends { readonly kind: infer RK }
    ? K extends RK
      ? R
      : never
    : never
  : never;
