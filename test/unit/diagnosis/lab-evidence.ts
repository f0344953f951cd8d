/**
 * Lab recordings (test/fixtures/lab, written by scripts/record-fixtures.ts) and small
 * transformations of them for the mixed cases: a resolver's answers replaced by a
 * synthetic failure, every exchange turned into a transport error, a cancelled run.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../../src/diagnosis/diagnose';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import type { Evidence, Exchange, TransportErrorClass } from '../../../src/evidence/evidence';
import { keyTag } from '../../../src/dnssec/key-tag';
import { parseEvidence } from '../../../src/evidence/codec';
import { answerOf } from '../../../src/evidence/decoded';

const FIXTURES = join(import.meta.dirname, '../../fixtures/lab');

export function fixture(scenario: string): Evidence {
  const parsed = parseEvidence(
    JSON.parse(readFileSync(join(FIXTURES, `${scenario}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`${scenario}: ${parsed.message}`);
  return parsed.evidence;
}

/** Diagnosed at the time the evidence was collected (lab signatures are short-lived). */
export function diagnoseAt(
  evidence: Evidence,
  now = evidence.finishedAt / 1000,
): Promise<Diagnosis> {
  return diagnose(evidence, { now });
}

export const RESOLVER = {
  unbound: 'http://127.0.0.1:8531/dns-query',
  bind: 'http://127.0.0.1:8532/dns-query',
  novalidate: 'http://127.0.0.1:8533/dns-query',
  partial: 'http://127.0.0.1:8534/dns-query',
} as const;

const RCODES: Readonly<Record<string, number>> = { SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };

/**
 * A response with no records: header (QR RD RA, the rcode) and, when `ede` is given, an OPT
 * record carrying those Extended DNS Errors in order (RFC 8914 §2; resolvers send several).
 */
export function failureWire(
  rcode: keyof typeof RCODES,
  ede?: { code: number; text: string } | readonly { code: number; text: string }[],
): string {
  const list = ede === undefined ? [] : 'code' in ede ? [ede] : ede;
  const header = [0, 0, 0x81, 0x80 | RCODES[rcode]!, 0, 0, 0, 0, 0, 0, 0, list.length ? 1 : 0];
  const opt: number[] = [];
  if (list.length) {
    const options = list.flatMap((e) => {
      const text = [...new TextEncoder().encode(e.text)];
      return [
        0,
        15,
        (text.length + 2) >> 8,
        (text.length + 2) & 0xff,
        e.code >> 8,
        e.code & 0xff,
        ...text,
      ];
    });
    opt.push(0, 0, 41, 0x10, 0, 0, 0, 0, 0, options.length >> 8, options.length & 0xff, ...options);
  }
  return Buffer.from(Uint8Array.from([...header, ...opt])).toString('base64');
}

/** The evidence with `change` applied to the exchanges `which` selects. */
export function transform(
  evidence: Evidence,
  which: (x: Exchange) => boolean,
  change: (x: Exchange) => Exchange,
): Evidence {
  return { ...evidence, exchanges: evidence.exchanges.map((x) => (which(x) ? change(x) : x)) };
}

export function asTransportError(errorClass: TransportErrorClass, message: string) {
  return (x: Exchange): Exchange => {
    const { response: _response, httpStatus: _status, contentType: _type, ...rest } = x;
    return { ...rest, error: { class: errorClass, message } };
  };
}

export function withResponse(response: string) {
  return (x: Exchange): Exchange => {
    const { error: _error, ...rest } = x;
    return { ...rest, httpStatus: 200, contentType: 'application/dns-message', response };
  };
}

export const isTarget = (resolver?: string, cd?: boolean) => (x: Exchange) =>
  x.purpose === 'target' &&
  (resolver === undefined || x.resolver === resolver) &&
  (cd === undefined || x.cd === cd);

function recorded(evidence: Evidence, purpose: Exchange['purpose'], name: string, type: string) {
  const x = evidence.exchanges.find(
    (e) => e.purpose === purpose && e.question.name === name && e.question.type === type,
  );
  const message = x ? answerOf(x) : null;
  if (!message) throw new Error(`no recorded ${type} of ${name}`);
  return message.answer;
}

/** Key tags of the DS set the parent published for `zone` in this recording. */
export function recordedDsTags(evidence: Evidence, zone: string): number[] {
  return recorded(evidence, 'ds', zone, 'DS').flatMap((rr) =>
    rr.data.kind === 'DS' ? [rr.data.keyTag] : [],
  );
}

/** Key tag of the zone's KSK (SEP bit) in this recording. */
export function recordedKskTag(evidence: Evidence, zone: string): number {
  const ksk = recorded(evidence, 'dnskey', zone, 'DNSKEY').find(
    (rr) => rr.data.kind === 'DNSKEY' && rr.data.secureEntryPoint,
  );
  if (!ksk) throw new Error(`no KSK of ${zone}`);
  return keyTag(ksk.wire.rdata);
}

/** The latest expiration of the RRSIGs over the zone's DNSKEY set, as `YYYY-MM-DD hh:mm:ss UTC`. */
export function recordedDnskeyExpiry(evidence: Evidence, zone: string): string {
  const times = recorded(evidence, 'dnskey', zone, 'DNSKEY').flatMap((rr) =>
    rr.data.kind === 'RRSIG' ? [rr.data.expiration] : [],
  );
  return `${new Date(Math.max(...times) * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `www.example.` → DNS wire labels. */
function nameWire(name: string): number[] {
  const out: number[] = [];
  for (const label of name.replace(/\.$/, '').split('.')) {
    const bytes = [...new TextEncoder().encode(label)];
    out.push(bytes.length, ...bytes);
  }
  return [...out, 0];
}

/**
 * An unsigned answer to `qname A`, as a filter or a forging resolver sends it: NOERROR with
 * one A record (no RRSIG), or NXDOMAIN with no records and no SOA when `address` is absent
 * (Quad9's block, facts.md); an EDE when one is given (e.g. 3 Stale Answer).
 */
export function answerWire(
  qname: string,
  address?: string,
  ede?: { code: number; text: string },
): string {
  const rcode = address === undefined ? 3 : 0;
  const header = [0, 0, 0x81, 0x80 | rcode, 0, 1, 0, address ? 1 : 0, 0, 0, 0, ede ? 1 : 0];
  const question = [...nameWire(qname), 0, 1, 0, 1];
  const answer = address
    ? [0xc0, 12, 0, 1, 0, 1, 0, 0, 1, 0x2c, 0, 4, ...address.split('.').map(Number)]
    : [];
  const opt: number[] = [];
  if (ede) {
    const text = [...new TextEncoder().encode(ede.text)];
    const option = [0, 15, 0, text.length + 2, ede.code >> 8, ede.code & 0xff, ...text];
    opt.push(0, 0, 41, 0x10, 0, 0, 0, 0, 0, 0, option.length, ...option);
  }
  return Buffer.from(Uint8Array.from([...header, ...question, ...answer, ...opt])).toString(
    'base64',
  );
}
