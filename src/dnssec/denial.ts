/**
 * Denial of existence, end to end: verify the NSEC/NSEC3 RRsets of a response with the
 * zone's keys, then ask the NSEC or NSEC3 rules what the verified records prove.
 */

import { isSubdomainOf, nameToText, type Name } from '../dns/wire/name';
import { RRTYPE } from '../dns/wire/types';
import type { DenialOutcome, DenialQuestion } from './denial-types';
import { proveWithNsec, type NsecEntry } from './nsec-proof';
import { proveWithNsec3, type Nsec3Entry } from './nsec3-proof';
import type { DenialProof, Finding, RrsetProof } from './proof-tree';
import { decodeNsec } from './rdata/nsec';
import { decodeNsec3 } from './rdata/nsec3';
import type { RrsetIndex } from './rrset-index';
import { finding, verifyRrset, type ValidationContext } from './verify-rrset';
import type { ZoneKey } from './zone-key';

export interface DenialResult extends DenialProof {
  readonly outcome: DenialOutcome;
}

export async function proveDenial(
  question: DenialQuestion,
  qname: Name,
  qtype: number,
  index: RrsetIndex,
  zone: Name,
  keys: readonly ZoneKey[],
  ctx: ValidationContext,
): Promise<DenialResult> {
  const rrsets: RrsetProof[] = [];
  const failures: Finding[] = [];
  const nsec: NsecEntry[] = [];
  const nsec3: Nsec3Entry[] = [];
  for (const type of [RRTYPE.NSEC3, RRTYPE.NSEC]) {
    for (const rrset of index.ofType(type)) {
      if (!isSubdomainOf(rrset.owner, zone)) continue;
      const proof = await verifyRrset(rrset, keys, zone, ctx);
      rrsets.push(proof);
      if (proof.status !== 'secure') {
        failures.push(...proof.findings);
        continue;
      }
      for (const rr of rrset.records) {
        if (type === RRTYPE.NSEC) {
          const d = decodeNsec(rr.rdata);
          if (d.ok) nsec.push({ owner: rr.owner, nsec: d.value });
        } else {
          const d = decodeNsec3(rr.rdata);
          if (d.ok) nsec3.push({ owner: rr.owner, nsec3: d.value });
        }
      }
    }
  }
  const mechanism = nsec3.length > 0 ? 'nsec3' : nsec.length > 0 ? 'nsec' : undefined;
  let outcome: DenialOutcome;
  if (mechanism === 'nsec3')
    outcome = proveWithNsec3(question, qname, qtype, zone, nsec3, ctx.budget);
  else if (mechanism === 'nsec') outcome = proveWithNsec(question, qname, qtype, nsec);
  else {
    const f = finding(
      'nsec-missing',
      `no NSEC or NSEC3 records of ${nameToText(zone)} deny ${nameToText(qname)}`,
    );
    outcome = { status: f.status, finding: f, used: [] };
  }
  // A proof that fails because one of its records did not verify is best explained by that record.
  if (outcome.status === 'bogus' && failures.length > 0) {
    const first = failures[0]!;
    outcome = { ...outcome, status: first.status, finding: first };
  }
  return {
    ...(outcome.kind === undefined ? {} : { kind: outcome.kind }),
    ...(mechanism === undefined ? {} : { mechanism }),
    status: outcome.status,
    findings: outcome.finding ? [outcome.finding] : [],
    rrsets,
    ...(outcome.closestEncloser ? { closestEncloser: nameToText(outcome.closestEncloser) } : {}),
    ...(outcome.nextCloser ? { nextCloser: nameToText(outcome.nextCloser) } : {}),
    outcome,
  };
}
