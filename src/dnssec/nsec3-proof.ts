/**
 * Denial of existence with NSEC3 (RFC 5155 §8). The records given here have already been
 * verified; this file hashes names and decides what the records prove.
 */

import { bytesEqual, compareBytes, fromBase32Hex, toHex } from '../dns/wire/encoding';
import {
  ancestorWithLabels,
  isSubdomainOf,
  nameToText,
  wildcardOf,
  type Name,
} from '../dns/wire/name';
import { RRTYPE, typeToText } from '../dns/wire/types';
import type { WorkBudget } from './budget';
import type { DenialOutcome, DenialQuestion } from './denial-types';
import { nsec3Hash, NSEC3_HASH_SHA1 } from './nsec3-hash';
import { NSEC3_FLAG_OPT_OUT, type Nsec3Rdata } from './rdata/nsec3';
import { finding } from './verify-rrset';

/**
 * RFC 9276 §3.2 lets validators treat NSEC3 with too many iterations as insecure; 150 is
 * the limit Unbound and BIND apply by default (Unbound's val-nsec3-keysize-iterations,
 * BIND 9.18's max NSEC3 iterations).
 */
export const MAX_NSEC3_ITERATIONS = 150;

export interface Nsec3Entry {
  readonly owner: Name;
  readonly nsec3: Nsec3Rdata;
}

interface Usable {
  readonly owner: Name;
  readonly hash: Uint8Array;
  readonly nsec3: Nsec3Rdata;
}

class Hasher {
  readonly #cache = new Map<string, Uint8Array | undefined>();
  constructor(readonly budget: WorkBudget) {}
  hash(name: Name, e: Usable): Uint8Array | undefined {
    const k = `${nameToText(name).toLowerCase()}|${toHex(e.nsec3.salt)}|${e.nsec3.iterations}`;
    if (!this.#cache.has(k)) {
      this.#cache.set(
        k,
        this.budget.takeHash() ? nsec3Hash(name, e.nsec3.salt, e.nsec3.iterations) : undefined,
      );
    }
    return this.#cache.get(k);
  }
}

function covers(e: Usable, h: Uint8Array): boolean {
  const afterOwner = compareBytes(e.hash, h) < 0;
  if (compareBytes(e.hash, e.nsec3.nextHashed) < 0)
    return afterOwner && compareBytes(h, e.nsec3.nextHashed) < 0;
  return afterOwner || compareBytes(h, e.nsec3.nextHashed) < 0;
}

function fault(
  reason: 'nsec-missing' | 'nsec-proof-invalid',
  message: string,
  used: readonly Name[] = [],
): DenialOutcome {
  const f = finding(reason, message);
  return { status: f.status, finding: f, used };
}

/** Decides what verified NSEC3 records of `zone` prove about (qname, qtype). */
export function proveWithNsec3(
  question: DenialQuestion,
  qname: Name,
  qtype: number,
  zone: Name,
  entries: readonly Nsec3Entry[],
  budget: WorkBudget,
): DenialOutcome {
  // RFC 5155 §8.1/§8.2: ignore NSEC3 RRs with an unknown hash algorithm or unknown flags,
  // and those whose owner is not a hash label directly under the zone.
  const usable: Usable[] = [];
  for (const e of entries) {
    const hash =
      e.owner.length === zone.length + 1 && isSubdomainOf(e.owner, zone)
        ? fromBase32Hex(new TextDecoder().decode(e.owner[0]))
        : undefined;
    if (
      hash === undefined ||
      e.nsec3.hashAlgorithm !== NSEC3_HASH_SHA1 ||
      (e.nsec3.flags & ~NSEC3_FLAG_OPT_OUT) !== 0
    )
      continue;
    usable.push({ owner: e.owner, hash, nsec3: e.nsec3 });
  }
  if (usable.length === 0)
    return fault('nsec-missing', `no usable NSEC3 record for ${nameToText(qname)}`);
  const heavy = usable.find((e) => e.nsec3.iterations > MAX_NSEC3_ITERATIONS);
  if (heavy) {
    const f = finding(
      'nsec3-iterations',
      `NSEC3 ${nameToText(heavy.owner)} uses ${heavy.nsec3.iterations} iterations (limit ${MAX_NSEC3_ITERATIONS}, RFC 9276 §3.2)`,
    );
    return { status: f.status, finding: f, used: [heavy.owner] };
  }
  const hasher = new Hasher(budget);
  let spent = false;
  const find = (name: Name, mode: 'match' | 'cover'): Usable | undefined => {
    for (const e of usable) {
      const h = hasher.hash(name, e);
      if (h === undefined) {
        spent = true;
        return undefined;
      }
      if (mode === 'match' ? bytesEqual(h, e.hash) : covers(e, h)) return e;
    }
    return undefined;
  };
  const q = nameToText(qname);
  const t = typeToText(qtype);

  /** RFC 5155 §8.3: the closest provable encloser, and an NSEC3 covering the next closer name. */
  const closestEncloserProof = ():
    { ce: Name; ceEntry: Usable; nextCloser: Name; ncEntry: Usable } | DenialOutcome => {
    for (let n = qname.length - 1; n >= zone.length; n--) {
      const candidate = ancestorWithLabels(qname, n);
      const ceEntry = find(candidate, 'match');
      if (spent) break;
      if (!ceEntry) continue;
      const types = ceEntry.nsec3.types;
      // "The DNAME type bit must not be set and the NS type bit may only be set if the SOA type bit is set."
      if (types.has(RRTYPE.DNAME) || (types.has(RRTYPE.NS) && !types.has(RRTYPE.SOA))) {
        return fault(
          'nsec-proof-invalid',
          `closest encloser ${nameToText(candidate)} is a delegation or DNAME: its NSEC3 cannot deny names below it`,
          [ceEntry.owner],
        );
      }
      const nextCloser = ancestorWithLabels(qname, n + 1);
      const ncEntry = find(nextCloser, 'cover');
      if (!ncEntry) break;
      return { ce: candidate, ceEntry, nextCloser, ncEntry };
    }
    if (spent) {
      const f = finding('work-limit', `NSEC3 hash budget spent proving ${q}`);
      return { status: f.status, finding: f, used: [] };
    }
    return fault('nsec-missing', `no NSEC3 closest encloser proof for ${q}`);
  };

  const exact = question.kind === 'wildcard-expansion' ? undefined : find(qname, 'match');
  switch (question.kind) {
    case 'no-ds': {
      if (exact) {
        const types = exact.nsec3.types;
        if (types.has(RRTYPE.DS) || types.has(RRTYPE.CNAME))
          return fault('nsec-proof-invalid', `NSEC3 for ${q} lists DS or CNAME`, [exact.owner]);
        // RFC 6840 §4.4 / RFC 5155 §8.9: NS set, DS and SOA clear.
        if (types.has(RRTYPE.SOA))
          return fault('nsec-proof-invalid', `NSEC3 for ${q} is the child's (SOA bit set)`, [
            exact.owner,
          ]);
        return {
          status: types.has(RRTYPE.NS) ? 'insecure' : 'secure',
          kind: types.has(RRTYPE.NS) ? 'no-ds' : 'not-a-cut',
          used: [exact.owner],
        };
      }
      const cep = closestEncloserProof();
      if (!('ce' in cep)) return cep;
      // RFC 5155 §8.6: no matching NSEC3, and the next closer name is covered by an opt-out NSEC3.
      if (cep.ncEntry.nsec3.flags & NSEC3_FLAG_OPT_OUT) {
        return {
          status: 'insecure',
          kind: 'opt-out',
          used: [cep.ceEntry.owner, cep.ncEntry.owner],
          closestEncloser: cep.ce,
          nextCloser: cep.nextCloser,
        };
      }
      return {
        status: 'secure',
        kind: 'not-a-cut',
        used: [cep.ceEntry.owner, cep.ncEntry.owner],
        closestEncloser: cep.ce,
        nextCloser: cep.nextCloser,
      };
    }
    case 'nodata': {
      if (exact) {
        const types = exact.nsec3.types;
        // RFC 5155 §8.5: the type and CNAME bits must be clear.
        if (types.has(qtype) || types.has(RRTYPE.CNAME))
          return fault(
            'nsec-proof-invalid',
            `NSEC3 for ${q} lists ${types.has(qtype) ? t : 'CNAME'}`,
            [exact.owner],
          );
        if (qtype !== RRTYPE.DS && types.has(RRTYPE.NS) && !types.has(RRTYPE.SOA)) {
          return fault(
            'nsec-proof-invalid',
            `NSEC3 for ${q} is from the parent side of a delegation: it cannot deny ${t}`,
            [exact.owner],
          );
        }
        return { status: 'secure', kind: 'nodata', used: [exact.owner] };
      }
      const cep = closestEncloserProof();
      if (!('ce' in cep)) return cep;
      if (qtype === RRTYPE.DS && cep.ncEntry.nsec3.flags & NSEC3_FLAG_OPT_OUT) {
        const f = finding(
          'nsec3-opt-out',
          `no DS at ${q}: covered by an opt-out NSEC3, the delegation is unsigned`,
        );
        return {
          status: 'insecure',
          kind: 'opt-out',
          finding: f,
          used: [cep.ceEntry.owner, cep.ncEntry.owner],
          closestEncloser: cep.ce,
          nextCloser: cep.nextCloser,
        };
      }
      // RFC 5155 §8.7: wildcard NODATA — an NSEC3 matches *.closest-encloser without the type.
      const star = wildcardOf(cep.ce);
      const w = find(star, 'match');
      if (!w)
        return fault('nsec-missing', `no NSEC3 matches ${q} or the wildcard ${nameToText(star)}`, [
          cep.ceEntry.owner,
          cep.ncEntry.owner,
        ]);
      if (w.nsec3.types.has(qtype) || w.nsec3.types.has(RRTYPE.CNAME))
        return fault('nsec-proof-invalid', `NSEC3 for ${nameToText(star)} lists ${t}`, [w.owner]);
      return {
        status: 'secure',
        kind: 'wildcard-nodata',
        used: [cep.ceEntry.owner, cep.ncEntry.owner, w.owner],
        closestEncloser: cep.ce,
        nextCloser: cep.nextCloser,
      };
    }
    case 'nxdomain': {
      if (exact)
        return fault('nsec-proof-invalid', `an NSEC3 matches ${q}: the name exists`, [exact.owner]);
      const cep = closestEncloserProof();
      if (!('ce' in cep)) return cep;
      // RFC 5155 §8.4: and an NSEC3 covering the wildcard at the closest encloser.
      const star = wildcardOf(cep.ce);
      const w = find(star, 'cover');
      if (!w)
        return fault('nsec-missing', `no NSEC3 covers the wildcard ${nameToText(star)}`, [
          cep.ceEntry.owner,
          cep.ncEntry.owner,
        ]);
      // An opt-out NSEC3 covering the next closer name still proves the name error, as in
      // Unbound (its RFC 5155 B.1 test expects AD with opt-out set); BIND is stricter.
      const used = [cep.ceEntry.owner, cep.ncEntry.owner, w.owner];
      return {
        status: 'secure',
        kind: 'nxdomain',
        used,
        closestEncloser: cep.ce,
        nextCloser: cep.nextCloser,
      };
    }
    case 'wildcard-expansion': {
      // RFC 5155 §8.8: an NSEC3 must cover the next closer name of the wildcard's closest encloser.
      const ce = ancestorWithLabels(qname, question.labels);
      const nextCloser = ancestorWithLabels(qname, question.labels + 1);
      const c = find(nextCloser, 'cover');
      if (!c)
        return fault(
          'nsec-missing',
          `no NSEC3 covers ${nameToText(nextCloser)} (wildcard answer for ${q})`,
        );
      return {
        status: 'secure',
        kind: 'wildcard-expansion',
        used: [c.owner],
        closestEncloser: ce,
        nextCloser,
      };
    }
  }
}
