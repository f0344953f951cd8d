/**
 * Results for the diff tests: Evidence validated and diagnosed as the worker's `load` does
 * (at the time it was collected), and lab recordings changed by hand the ways a zone
 * changes between two checks: a DS swapped, a key rolled or revoked, the keys re-signed.
 */

import { diagnose } from '../../../src/diagnosis/diagnose';
import type { DiffSide } from '../../../src/diagnosis/diff/difference';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import { fqdn } from '../../../src/dns/name';
import type { Message } from '../../../src/dns/wire/message';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { RRTYPE } from '../../../src/dns/wire/types';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';
import { mapExchanges, rewriteResponse } from '../security/hostile-evidence';

/** What the worker derives from evidence (lens-api.ts `derive`), for the diff. */
export async function sideOf(evidence: Evidence): Promise<DiffSide> {
  const now = evidence.finishedAt / 1000;
  const validation = await validateEvidence(evidence, { now });
  const diagnosis = await diagnose(evidence, { now, validation });
  return { evidence, validation, diagnosis };
}

/** The same evidence, read back from its JSON: no object (and no decode) shared with it. */
export function copied(evidence: Evidence): Evidence {
  return JSON.parse(JSON.stringify(evidence)) as Evidence;
}

export const asking = (purpose: Exchange['purpose'], name: string, type: string) => (x: Exchange) =>
  x.purpose === purpose && fqdn(x.question.name) === fqdn(name) && x.question.type === type;

/** Every response to `purpose name type` with its answer records changed by `change`. */
export function withAnswers(
  evidence: Evidence,
  [purpose, name, type]: readonly [Exchange['purpose'], string, string],
  change: (answer: readonly ResourceRecord[]) => readonly ResourceRecord[],
): Evidence {
  return mapExchanges(
    evidence,
    asking(purpose, name, type),
    rewriteResponse((m: Message) => ({ ...m, answer: [...change(m.answer)] })),
  );
}

/** The record's RDATA with the octets at `offset` replaced. */
export function patched(rr: ResourceRecord, offset: number, octets: readonly number[]) {
  const rdata = Uint8Array.from(rr.rdata);
  rdata.set(octets, offset);
  return { ...rr, rdata };
}

export const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
export const u32 = (n: number): number[] => [...u16(Math.floor(n / 0x10000)), ...u16(n % 0x10000)];

/** RFC 4034 §2.1: DNSKEY RDATA = flags (2), protocol (1), algorithm (1), public key. */
export const isKsk = (rr: ResourceRecord): boolean =>
  rr.type === RRTYPE.DNSKEY && ((rr.rdata[1] ?? 0) & 0x01) === 1;

/** RFC 4034 §3.1: RRSIG RDATA = type covered (2), algorithm, labels, original TTL (4), expiration (4), inception (4), key tag (2), … */
export const RRSIG_EXPIRATION = 8;
export const RRSIG_KEY_TAG = 16;

export function rrsigExpiration(rr: ResourceRecord): number {
  const d = rr.rdata;
  return ((d[8]! << 24) >>> 0) + (d[9]! << 16) + (d[10]! << 8) + d[11]!;
}
