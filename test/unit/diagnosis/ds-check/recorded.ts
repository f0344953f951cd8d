/**
 * The DS check's raw material read from lab recordings (test/fixtures/lab and lab-pairs):
 * a zone's DNSKEY and DS exchanges as the worker collects them, the check's input made
 * from them, and DS lines of the recorded keys, computed with the app's own digest code
 * (RFC 4034 §5.1.4; the digests themselves are checked against RFC vectors elsewhere).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dsDigest } from '../../../../src/dnssec/ds-digest';
import { keyTag } from '../../../../src/dnssec/key-tag';
import { toHex } from '../../../../src/dns/wire/encoding';
import type { ResourceRecord } from '../../../../src/dns/wire/record';
import { RRTYPE } from '../../../../src/dns/wire/types';
import { parseEvidence } from '../../../../src/evidence/codec';
import type { Evidence, Exchange } from '../../../../src/evidence/evidence';
import type { DsCheckMaterial } from '../../../../src/diagnosis/ds-check/check';
import { materialOf } from '../../../../src/diagnosis/ds-check/material';
import { fixture } from '../lab-evidence';

const PAIRS = join(import.meta.dirname, '../../../fixtures/lab-pairs');

/** A before/after recording of a lab change (a rollover, a DS swap). */
export function pairSide(change: string, side: 'before' | 'after'): Evidence {
  const parsed = parseEvidence(
    JSON.parse(readFileSync(join(PAIRS, change, `${side}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`${change}/${side}: ${parsed.message}`);
  return parsed.evidence;
}

export interface Recorded {
  readonly evidence: Evidence;
  readonly zone: string;
  readonly dnskey: Exchange;
  readonly ds: Exchange;
  /** When the recording was made (lab signatures are short-lived). */
  readonly now: number;
}

/** The first resolver's CD=1 DNSKEY and DS exchanges of `zone`, as the DS check asks them. */
export function recorded(evidence: Evidence | string, zone: string): Recorded {
  const e = typeof evidence === 'string' ? fixture(evidence) : evidence;
  const find = (type: string): Exchange => {
    const x = e.exchanges.find((x) => x.question.name === zone && x.question.type === type && x.cd);
    if (!x) throw new Error(`no ${type} ${zone} exchange recorded`);
    return x;
  };
  return { evidence: e, zone, dnskey: find('DNSKEY'), ds: find('DS'), now: e.finishedAt / 1000 };
}

export function material(r: Recorded): DsCheckMaterial {
  const m = materialOf(r.zone, r.dnskey, r.ds);
  if ('problem' in m) throw new Error(`${r.zone}: ${m.problem.kind}`);
  return m;
}

/** The zone's DNSKEY records with `flags` (257: KSK, 256: ZSK), as recorded. */
export function keysWithFlags(m: DsCheckMaterial, flags: number): ResourceRecord[] {
  return m.dnskeyRecords.filter(
    (rr) => rr.type === RRTYPE.DNSKEY && ((rr.rdata[0]! << 8) | rr.rdata[1]!) === flags,
  );
}

export function onlyKey(m: DsCheckMaterial, flags: number): ResourceRecord {
  const keys = keysWithFlags(m, flags);
  if (keys.length !== 1) throw new Error(`${keys.length} keys with flags ${flags}`);
  return keys[0]!;
}

/** `zone IN DS tag alg type HEX` of a recorded key. */
export function dsOfKey(zone: string, key: ResourceRecord, digestType = 2): string {
  const digest = dsDigest(key.owner, key.rdata, digestType);
  if (!digest) throw new Error(`digest type ${digestType}`);
  return `${zone} IN DS ${keyTag(key.rdata)} ${key.rdata[3]} ${digestType} ${toHex(digest).toUpperCase()}`;
}

/** `zone 300 IN DNSKEY flags 3 alg base64` of a recorded key. */
export function dnskeyText(zone: string, key: ResourceRecord): string {
  const b64 = Buffer.from(key.rdata.subarray(4)).toString('base64');
  return `${zone} 300 IN DNSKEY ${(key.rdata[0]! << 8) | key.rdata[1]!} ${key.rdata[2]} ${key.rdata[3]} ${b64}`;
}
