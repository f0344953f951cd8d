/**
 * The DS set a zone's owner pastes before publishing it at the parent (issue 16, the DS
 * check): DS records as a registrar or `dnssec-dsfromkey` prints them
 * (`example. 3600 IN DS 12345 13 2 ABCD…`), the RDATA alone (`12345 13 2 ABCD…`), or a
 * DNSKEY record, which stands for the SHA-256 DS of that key (RFC 4509 §2.1; SHA-256 is the
 * digest RFC 8624 §3.3 says MUST be used for delegations). CDS and CDNSKEY (RFC 7344 §3)
 * carry the same RDATA and are read as DS and DNSKEY.
 *
 * Pasted text is hostile input: each line is read on its own, a line that cannot be read
 * is reported with the parser's reason and the rest are still read, and the count and the
 * length of lines are bounded.
 */

import { fqdn } from '../../dns/name';
import { nameFromText, namesEqual, nameToText, type Name } from '../../dns/wire/name';
import type { ResourceRecord } from '../../dns/wire/record';
import { RRTYPE, typeFromText, typeToText } from '../../dns/wire/types';
import { parseZoneText } from '../../dns/wire/zone-text';
import { dsDigest } from '../../dnssec/ds-digest';
import { keyTag } from '../../dnssec/key-tag';
import { decodeDnskey } from '../../dnssec/rdata/dnskey';
import { decodeDs } from '../../dnssec/rdata/ds';
import type { DsFields } from '../../dnssec/zone-key';
import { dsLine } from './ds-line';

/** At most this many records are checked (a registrar form takes a handful). */
export const MAX_PASTED_RECORDS = 20;
/**
 * A record longer than this is refused unread. The longest real one is a DNSKEY of an
 * RSA-4096 key: about 700 characters of base64, with its owner and fields.
 */
export const MAX_RECORD_CHARS = 2048;

/** RFC 4509 §2.1 / RFC 8624 §3.3: the digest a pasted DNSKEY is turned into. */
export const DNSKEY_DS_DIGEST = 2;

export interface PastedDs {
  readonly kind: 'ds';
  /** Place in the pasted list, from 0. */
  readonly index: number;
  /** The line as pasted. */
  readonly text: string;
  readonly ds: DsFields;
  /** The DS in one canonical line: `zone. IN DS tag alg digest-type HEX`. */
  readonly line: string;
  /** A DNSKEY (or CDNSKEY) was pasted and is checked as its SHA-256 DS. */
  readonly fromDnskey?: { readonly flags: number };
}

export interface MalformedLine {
  readonly kind: 'malformed';
  readonly index: number;
  readonly text: string;
  /** Why it cannot be read, e.g. `DS digest hex: odd number of digits`. */
  readonly message: string;
}

export type PastedRecord = PastedDs | MalformedLine;

export interface PastedSet {
  readonly records: readonly PastedRecord[];
  /** Lines past MAX_PASTED_RECORDS, not read. */
  readonly skipped: number;
}

const TYPE_WORD = /^(C?DS|C?DNSKEY)$/i;
const CLASS_WORD = /^(IN|CH|HS|CLASS[0-9]+)$/i;

/** The record as zone-file text with its owner: the zone is put in front when none is given. */
function withOwner(words: readonly string[], zone: string): string {
  const first = words[0] ?? '';
  if (first === '@') return [zone, ...words.slice(1)].join(' ');
  // A TTL (a number, or BIND's 1h30m form), a class or the type first: the owner is left out.
  const ownerless = /^[0-9]+[0-9smhdw]*$/i.test(first) || CLASS_WORD.test(first);
  return ownerless || TYPE_WORD.test(first) ? [zone, ...words].join(' ') : words.join(' ');
}

/** One record read from text: a full record when it names its type, else DS or DNSKEY RDATA. */
function parseRecord(text: string, zone: string): ResourceRecord | string {
  const words = text
    .replace(/[()]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  const attempt = (zoneText: string): ResourceRecord | string => {
    const parsed = parseZoneText(zoneText);
    if (!parsed.ok) return parsed.error.message;
    if (parsed.value.length !== 1) return 'more than one record in one line';
    return parsed.value[0]!;
  };
  const numeric = (w: string | undefined): boolean => /^[0-9]+$/.test(w ?? '');
  // DS and DNSKEY RDATA start with three numbers (key tag, algorithm, digest type; flags,
  // protocol, algorithm); a split digest or key may hold a word that spells a type (AAAA).
  const rdataFirst = numeric(words[0]) && numeric(words[1]) && numeric(words[2]);
  // A type among owner, TTL, class and type: a whole record, whose parser names what is
  // wrong (an A record, a bad field…).
  const typed = words.slice(0, 4).some((w) => TYPE_WORD.test(w) || typeFromText(w) !== undefined);
  if (typed && !rdataFirst) return attempt(withOwner(words, zone));
  if (!numeric(words[0])) {
    return 'it is neither a DS nor a DNSKEY record: a DS reads like "example.com. IN DS 12345 13 2 ABCD…", or its last four fields alone';
  }
  // The RDATA alone: a DS, unless it reads as a DNSKEY, whose protocol field is always 3
  // (RFC 4034 §2.1.2) and whose key is base64, seldom valid hex.
  const asDs = attempt(`${zone} IN DS ${words.join(' ')}`);
  if (typeof asDs !== 'string' || words[1] !== '3') return asDs;
  const asKey = attempt(`${zone} IN DNSKEY ${words.join(' ')}`);
  return typeof asKey === 'string' ? asDs : asKey;
}

/** Octets of the digest types' output (RFC 3658, RFC 4509 §2.2, RFC 5933 §3, RFC 6605 §2). */
const DIGEST_OCTETS: Readonly<Record<number, number>> = { 1: 20, 2: 32, 3: 32, 4: 48 };

/** The parser's reason in the owner's words where it is terse. */
function reasonOf(message: string): string {
  if (message === 'bad DS digest hex') {
    return 'the digest is not hexadecimal (digits 0-9 and A-F, an even number of them)';
  }
  if (message === 'bad public key base64') return 'the public key is not valid base64';
  if (message === 'record without a type') {
    return 'it names no record type (DS or DNSKEY) and does not start like DS or DNSKEY data';
  }
  return message;
}

/** A DS whose digest is shorter or longer than its digest type makes: a cut or joined copy. */
function digestLengthProblem(ds: DsFields): string | null {
  const octets = DIGEST_OCTETS[ds.digestType];
  if (octets === undefined || ds.digest.length === octets) return null;
  return `a digest of type ${ds.digestType} has ${octets * 2} hex digits, this one has ${ds.digest.length * 2}`;
}

function readOne(text: string, index: number, zone: Name, zoneText: string): PastedRecord {
  const malformed = (message: string): MalformedLine => ({
    kind: 'malformed',
    index,
    text,
    message: reasonOf(message),
  });
  if (text.length > MAX_RECORD_CHARS) {
    return malformed(
      `it is ${text.length} characters long; a DS or DNSKEY record has at most ${MAX_RECORD_CHARS}`,
    );
  }
  const rr = parseRecord(text, zoneText);
  if (typeof rr === 'string') return malformed(rr);
  if (!namesEqual(rr.owner, zone)) {
    return malformed(`it is a record of ${nameToText(rr.owner)}, not of ${zoneText}`);
  }
  if (rr.type === RRTYPE.DS || rr.type === RRTYPE.CDS) {
    const ds = decodeDs(rr.rdata);
    if (!ds.ok) return malformed(ds.error.message);
    const length = digestLengthProblem(ds.value);
    if (length !== null) return malformed(length);
    return { kind: 'ds', index, text, ds: ds.value, line: dsLine(zoneText, ds.value) };
  }
  if (rr.type === RRTYPE.DNSKEY || rr.type === RRTYPE.CDNSKEY) {
    const key = decodeDnskey(rr.rdata);
    if (!key.ok) return malformed(key.error.message);
    const digest = dsDigest(zone, rr.rdata, DNSKEY_DS_DIGEST)!;
    const ds: DsFields = {
      keyTag: keyTag(rr.rdata),
      algorithm: key.value.algorithm,
      digestType: DNSKEY_DS_DIGEST,
      digest,
    };
    return {
      kind: 'ds',
      index,
      text,
      ds,
      line: dsLine(zoneText, ds),
      fromDnskey: { flags: key.value.flags },
    };
  }
  return malformed(`it is a record of type ${typeToText(rr.type)}, not a DS or DNSKEY record`);
}

/**
 * Reads each pasted entry (see split-pasted.ts) as a DS of `zone`. Never throws.
 *
 * @example readPastedRecords('example.', ['12345 13 2 ABCD', 'oops']).records[1]?.kind // 'malformed'
 */
export function readPastedRecords(zone: string, entries: readonly string[]): PastedSet {
  const zoneText = fqdn(zone);
  const zoneName = nameFromText(zoneText);
  const kept = entries.slice(0, MAX_PASTED_RECORDS);
  const records = kept.map((raw, index): PastedRecord => {
    const text = raw.trim();
    if (!zoneName.ok) {
      return {
        kind: 'malformed',
        index,
        text,
        message: `the zone name cannot be read (${zoneName.error.message})`,
      };
    }
    return readOne(text, index, zoneName.value, zoneText);
  });
  return { records, skipped: Math.max(0, entries.length - kept.length) };
}
