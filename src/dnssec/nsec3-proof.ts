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
import { proveQuestion, type DenialOutcome, type DenialQuestion } from './denial-types';
import type { DenialKind, Finding } from './proof-tree';
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

/**
 * RFC 5155 §8.1/§8.2: ignore NSEC3 RRs with an unknown hash algorithm or unknown flags,
 * and those whose owner is not a hash label directly under the zone.
 */
function usableRecords(zone: Name, entries: readonly Nsec3Entry[]): Usable[] {
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
  return usable;
}

/**
 * Finds the NSEC3 that matches or covers a name, hashing within the budget. Once a hash is
 * refused, `spent` stays set for the rest of the proof: a proof that ran out of budget
 * must end as a work limit, not as a missing record.
 */
class Nsec3Lookup {
  readonly #hasher: Hasher;
  spent = false;
  constructor(
    readonly usable: readonly Usable[],
    budget: WorkBudget,
  ) {
    this.#hasher = new Hasher(budget);
  }
  /** The NSEC3 whose owner hash is the hash of `name`. */
  match(name: Name): Usable | undefined {
    return this.#find(name, (e, h) => bytesEqual(h, e.hash));
  }
  /** The NSEC3 whose span covers the hash of `name`. */
  cover(name: Name): Usable | undefined {
    return this.#find(name, covers);
  }
  #find(name: Name, fits: (e: Usable, h: Uint8Array) => boolean): Usable | undefined {
    for (const e of this.usable) {
      const h = this.#hasher.hash(name, e);
      if (h === undefined) {
        this.spent = true;
        return undefined;
      }
      if (fits(e, h)) return e;
    }
    return undefined;
  }
}

/** What one NSEC3 proof is about. */
interface Nsec3Proof {
  readonly qname: Name;
  readonly qtype: number;
  readonly zone: Name;
  readonly look: Nsec3Lookup;
  /** qname and qtype as text, for findings. */
  readonly q: string;
  readonly t: string;
}

/** A closest encloser proof (RFC 5155 §8.3): the encloser's matching NSEC3 and the next closer name's covering one. */
interface ClosestEncloser {
  readonly ce: Name;
  readonly ceEntry: Usable;
  readonly nextCloser: Name;
  readonly ncEntry: Usable;
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
  const usable = usableRecords(zone, entries);
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
  const p: Nsec3Proof = {
    qname,
    qtype,
    zone,
    look: new Nsec3Lookup(usable, budget),
    q: nameToText(qname),
    t: typeToText(qtype),
  };
  return proveQuestion(question, p, { noDs, nodata, nameError, wildcardAnswer });
}

/** RFC 5155 §8.3: the closest provable encloser, and an NSEC3 covering the next closer name. */
function closestEncloserProof(p: Nsec3Proof): ClosestEncloser | DenialOutcome {
  const { qname, zone, look } = p;
  for (let n = qname.length - 1; n >= zone.length; n--) {
    const candidate = ancestorWithLabels(qname, n);
    const ceEntry = look.match(candidate);
    if (look.spent) break;
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
    const ncEntry = look.cover(nextCloser);
    if (!ncEntry) break;
    return { ce: candidate, ceEntry, nextCloser, ncEntry };
  }
  if (look.spent) {
    const f = finding('work-limit', `NSEC3 hash budget spent proving ${p.q}`);
    return { status: f.status, finding: f, used: [] };
  }
  return fault('nsec-missing', `no NSEC3 closest encloser proof for ${p.q}`);
}

/** An outcome resting on a closest encloser proof, plus any further records in `more`. */
function withEncloser(
  cep: ClosestEncloser,
  status: DenialOutcome['status'],
  kind: DenialKind,
  more: readonly Name[] = [],
  f?: Finding,
): DenialOutcome {
  return {
    status,
    kind,
    ...(f ? { finding: f } : {}),
    used: [cep.ceEntry.owner, cep.ncEntry.owner, ...more],
    closestEncloser: cep.ce,
    nextCloser: cep.nextCloser,
  };
}

/**
 * A DS query at a possible cut (RFC 5155 §8.9, RFC 6840 §4.4): a matching NSEC3 with NS set
 * and DS and SOA clear is an unsigned delegation; without one, the closest encloser proof
 * shows there is no cut, or an opt-out span allows an unsigned delegation (§8.6).
 */
function noDs(p: Nsec3Proof): DenialOutcome {
  const exact = p.look.match(p.qname);
  if (exact) {
    const types = exact.nsec3.types;
    if (types.has(RRTYPE.DS) || types.has(RRTYPE.CNAME))
      return fault('nsec-proof-invalid', `NSEC3 for ${p.q} lists DS or CNAME`, [exact.owner]);
    // RFC 6840 §4.4 / RFC 5155 §8.9: NS set, DS and SOA clear.
    if (types.has(RRTYPE.SOA))
      return fault('nsec-proof-invalid', `NSEC3 for ${p.q} is the child's (SOA bit set)`, [
        exact.owner,
      ]);
    return {
      status: types.has(RRTYPE.NS) ? 'insecure' : 'secure',
      kind: types.has(RRTYPE.NS) ? 'no-ds' : 'not-a-cut',
      used: [exact.owner],
    };
  }
  const cep = closestEncloserProof(p);
  if (!('ce' in cep)) return cep;
  // RFC 5155 §8.6: no matching NSEC3, and the next closer name is covered by an opt-out NSEC3.
  return cep.ncEntry.nsec3.flags & NSEC3_FLAG_OPT_OUT
    ? withEncloser(cep, 'insecure', 'opt-out')
    : withEncloser(cep, 'secure', 'not-a-cut');
}

/**
 * NODATA: an NSEC3 matching qname without the type (RFC 5155 §8.5, §8.6 for DS), or else a
 * closest encloser proof with an opt-out span for DS (§8.6) or a wildcard without the type (§8.7).
 */
function nodata(p: Nsec3Proof): DenialOutcome {
  const exact = p.look.match(p.qname);
  if (exact) return nodataAtMatch(p, exact);
  const cep = closestEncloserProof(p);
  if (!('ce' in cep)) return cep;
  if (p.qtype === RRTYPE.DS && cep.ncEntry.nsec3.flags & NSEC3_FLAG_OPT_OUT) {
    const f = finding(
      'nsec3-opt-out',
      `no DS at ${p.q}: covered by an opt-out NSEC3, the delegation is unsigned`,
    );
    return withEncloser(cep, 'insecure', 'opt-out', [], f);
  }
  return wildcardNodata(p, cep);
}

/** RFC 5155 §8.5: the NSEC3 matching qname must have the type and CNAME bits clear. */
function nodataAtMatch(p: Nsec3Proof, exact: Usable): DenialOutcome {
  const { qtype, q, t } = p;
  const types = exact.nsec3.types;
  if (types.has(qtype) || types.has(RRTYPE.CNAME))
    return fault('nsec-proof-invalid', `NSEC3 for ${q} lists ${types.has(qtype) ? t : 'CNAME'}`, [
      exact.owner,
    ]);
  if (qtype !== RRTYPE.DS && types.has(RRTYPE.NS) && !types.has(RRTYPE.SOA)) {
    return fault(
      'nsec-proof-invalid',
      `NSEC3 for ${q} is from the parent side of a delegation: it cannot deny ${t}`,
      [exact.owner],
    );
  }
  return { status: 'secure', kind: 'nodata', used: [exact.owner] };
}

/** RFC 5155 §8.7: wildcard NODATA — an NSEC3 matches *.closest-encloser without the type. */
function wildcardNodata(p: Nsec3Proof, cep: ClosestEncloser): DenialOutcome {
  const star = wildcardOf(cep.ce);
  const w = p.look.match(star);
  if (!w)
    return fault('nsec-missing', `no NSEC3 matches ${p.q} or the wildcard ${nameToText(star)}`, [
      cep.ceEntry.owner,
      cep.ncEntry.owner,
    ]);
  if (w.nsec3.types.has(p.qtype) || w.nsec3.types.has(RRTYPE.CNAME))
    return fault('nsec-proof-invalid', `NSEC3 for ${nameToText(star)} lists ${p.t}`, [w.owner]);
  return withEncloser(cep, 'secure', 'wildcard-nodata', [w.owner]);
}

/** RFC 5155 §8.4: a closest encloser proof, and an NSEC3 covering the wildcard at the closest encloser. */
function nameError(p: Nsec3Proof): DenialOutcome {
  const exact = p.look.match(p.qname);
  if (exact)
    return fault('nsec-proof-invalid', `an NSEC3 matches ${p.q}: the name exists`, [exact.owner]);
  const cep = closestEncloserProof(p);
  if (!('ce' in cep)) return cep;
  const star = wildcardOf(cep.ce);
  const w = p.look.cover(star);
  if (!w)
    return fault('nsec-missing', `no NSEC3 covers the wildcard ${nameToText(star)}`, [
      cep.ceEntry.owner,
      cep.ncEntry.owner,
    ]);
  // An opt-out NSEC3 covering the next closer name still proves the name error, as in
  // Unbound (its RFC 5155 B.1 test expects AD with opt-out set); BIND is stricter.
  return withEncloser(cep, 'secure', 'nxdomain', [w.owner]);
}

/** RFC 5155 §8.8: an NSEC3 must cover the next closer name of the wildcard's closest encloser. */
function wildcardAnswer(p: Nsec3Proof, labels: number): DenialOutcome {
  const ce = ancestorWithLabels(p.qname, labels);
  const nextCloser = ancestorWithLabels(p.qname, labels + 1);
  const c = p.look.cover(nextCloser);
  if (!c)
    return fault(
      'nsec-missing',
      `no NSEC3 covers ${nameToText(nextCloser)} (wildcard answer for ${p.q})`,
    );
  return {
    status: 'secure',
    kind: 'wildcard-expansion',
    used: [c.owner],
    closestEncloser: ce,
    nextCloser,
  };
}
