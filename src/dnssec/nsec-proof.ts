/**
 * Denial of existence with NSEC (RFC 4035 §5.4, §3.1.3; RFC 4034 §4 and §6.1 ordering).
 * The records given here have already been verified; this file decides what they prove.
 */

import {
  commonAncestor,
  compareNames,
  isSubdomainOf,
  nameToText,
  namesEqual,
  ancestorWithLabels,
  wildcardOf,
  type Name,
} from '../dns/wire/name';
import { RRTYPE, typeToText } from '../dns/wire/types';
import { proveQuestion, type DenialOutcome, type DenialQuestion } from './denial-types';
import type { NsecRdata } from './rdata/nsec';
import { finding } from './verify-rrset';

export interface NsecEntry {
  readonly owner: Name;
  readonly nsec: NsecRdata;
}

/**
 * True when the NSEC proves `name` does not exist: owner < name < next in canonical order,
 * or, for the last NSEC of the zone (next is the apex), name after the owner.
 */
export function nsecCovers(e: NsecEntry, name: Name): boolean {
  const afterOwner = compareNames(e.owner, name) < 0;
  if (compareNames(e.owner, e.nsec.next) < 0)
    return afterOwner && compareNames(name, e.nsec.next) < 0;
  return afterOwner || compareNames(name, e.nsec.next) < 0;
}

/**
 * An NSEC at a delegation point (NS without SOA) or at a DNAME comes from above a point
 * where the zone stops being authoritative: it cannot deny names below it (RFC 4035 §2.3;
 * the same rule RFC 5155 §8.3 states for NSEC3).
 */
function isAncestorCut(e: NsecEntry, name: Name): boolean {
  if (namesEqual(e.owner, name) || !isSubdomainOf(name, e.owner)) return false;
  const t = e.nsec.types;
  return (t.has(RRTYPE.NS) && !t.has(RRTYPE.SOA)) || t.has(RRTYPE.DNAME);
}

function matching(entries: readonly NsecEntry[], name: Name): NsecEntry | undefined {
  return entries.find((e) => namesEqual(e.owner, name));
}

function covering(entries: readonly NsecEntry[], name: Name): NsecEntry | undefined {
  return entries.find((e) => nsecCovers(e, name) && !isAncestorCut(e, name));
}

/** The closest encloser a covering NSEC implies: the longest common ancestor with either end. */
function closestEncloserOf(e: NsecEntry, name: Name): Name {
  const a = commonAncestor(name, e.owner);
  const b = commonAncestor(name, e.nsec.next);
  return a.length >= b.length ? a : b;
}

function invalid(message: string, used: readonly Name[]): DenialOutcome {
  const f = finding('nsec-proof-invalid', message);
  return { status: f.status, finding: f, used };
}

function missing(message: string, used: readonly Name[] = []): DenialOutcome {
  const f = finding('nsec-missing', message);
  return { status: f.status, finding: f, used };
}

/** What one NSEC proof is about. */
interface NsecProof {
  readonly qname: Name;
  readonly qtype: number;
  readonly entries: readonly NsecEntry[];
  /** qname and qtype as text, for findings. */
  readonly q: string;
  readonly t: string;
}

/** Decides what verified NSEC records prove about (qname, qtype). */
export function proveWithNsec(
  question: DenialQuestion,
  qname: Name,
  qtype: number,
  entries: readonly NsecEntry[],
): DenialOutcome {
  const p: NsecProof = { qname, qtype, entries, q: nameToText(qname), t: typeToText(qtype) };
  return proveQuestion(question, p, { noDs, nodata, nameError, wildcardAnswer });
}

/**
 * A DS query at a possible cut: an NSEC at qname with NS set and DS and SOA clear is an
 * unsigned delegation (RFC 4035 §5.2, RFC 6840 §4.4); an NSEC covering qname shows no cut.
 */
function noDs({ qname, entries, q }: NsecProof): DenialOutcome {
  const exact = matching(entries, qname);
  if (exact) {
    const types = exact.nsec.types;
    // RFC 6840 §4.4: the NSEC must show NS (a delegation) and neither DS nor SOA (SOA
    // would mean the child's NSEC answered a question that belongs to the parent).
    if (types.has(RRTYPE.DS) || types.has(RRTYPE.CNAME))
      return invalid(`NSEC at ${q} lists DS or CNAME`, [exact.owner]);
    if (types.has(RRTYPE.SOA))
      return invalid(`NSEC at ${q} is the child's (SOA bit set), not the parent's`, [exact.owner]);
    return {
      status: types.has(RRTYPE.NS) ? 'insecure' : 'secure',
      kind: types.has(RRTYPE.NS) ? 'no-ds' : 'not-a-cut',
      used: [exact.owner],
    };
  }
  const c = covering(entries, qname);
  return c
    ? { status: 'secure', kind: 'not-a-cut', used: [c.owner] }
    : missing(`no NSEC denies a DS at ${q}`);
}

/**
 * NODATA (RFC 4035 §5.4, §3.1.3.1): an NSEC at qname without the type; or qname is an empty
 * non-terminal (§3.1.3.2); or a wildcard NODATA (§3.1.3.4).
 */
function nodata(p: NsecProof): DenialOutcome {
  const { qname, qtype, entries, q, t } = p;
  const exact = matching(entries, qname);
  if (exact) {
    const types = exact.nsec.types;
    if (types.has(qtype) || types.has(RRTYPE.CNAME))
      return invalid(`NSEC at ${q} lists ${types.has(qtype) ? t : 'CNAME'}`, [exact.owner]);
    if (qtype !== RRTYPE.DS && types.has(RRTYPE.NS) && !types.has(RRTYPE.SOA)) {
      return invalid(
        `NSEC at ${q} is from the parent side of a delegation: it cannot deny ${t} in the child zone`,
        [exact.owner],
      );
    }
    return { status: 'secure', kind: 'nodata', used: [exact.owner] };
  }
  const c = covering(entries, qname);
  if (!c) return missing(`no NSEC matches or covers ${q}`);
  // RFC 4035 §3.1.3.2 (empty non-terminal): the next name lies below qname, so qname exists.
  if (isSubdomainOf(c.nsec.next, qname) && !namesEqual(c.nsec.next, qname)) {
    return { status: 'secure', kind: 'nodata', used: [c.owner] };
  }
  return wildcardNodata(p, c);
}

/** RFC 4035 §3.1.3.4: wildcard NODATA — qname is covered and *.closest-encloser lacks the type. */
function wildcardNodata({ qname, qtype, entries, q, t }: NsecProof, c: NsecEntry): DenialOutcome {
  const ce = closestEncloserOf(c, qname);
  const w = matching(entries, wildcardOf(ce));
  if (!w)
    return missing(`no NSEC matches ${q} or the wildcard ${nameToText(wildcardOf(ce))}`, [c.owner]);
  if (w.nsec.types.has(qtype) || w.nsec.types.has(RRTYPE.CNAME))
    return invalid(`wildcard NSEC ${nameToText(w.owner)} lists ${t}`, [c.owner, w.owner]);
  return {
    status: 'secure',
    kind: 'wildcard-nodata',
    used: [c.owner, w.owner],
    closestEncloser: ce,
  };
}

/** Name error (RFC 4035 §5.4, §3.1.3.2): an NSEC covers qname, and one covers the wildcard. */
function nameError({ qname, entries, q }: NsecProof): DenialOutcome {
  const exact = matching(entries, qname);
  if (exact) return invalid(`NSEC at ${q} shows that the name exists`, [exact.owner]);
  const c = covering(entries, qname);
  if (!c) return missing(`no NSEC covers ${q}`);
  if (isSubdomainOf(c.nsec.next, qname))
    return invalid(`${q} is an empty non-terminal: it exists`, [c.owner]);
  // RFC 4035 §5.4: also prove that no wildcard at the closest encloser could have matched.
  const ce = closestEncloserOf(c, qname);
  const star = wildcardOf(ce);
  if (matching(entries, star)) return invalid(`the wildcard ${nameToText(star)} exists`, [c.owner]);
  const cw = covering(entries, star);
  if (!cw) return missing(`no NSEC covers the wildcard ${nameToText(star)}`, [c.owner]);
  return { status: 'secure', kind: 'nxdomain', used: [c.owner, cw.owner], closestEncloser: ce };
}

/** RFC 4035 §5.3.4: the NSEC must prove that qname does not exist and that no closer match exists. */
function wildcardAnswer({ qname, entries, q }: NsecProof, labels: number): DenialOutcome {
  const ce = ancestorWithLabels(qname, labels);
  const c = covering(entries, qname);
  if (!c) return missing(`no NSEC proves that ${q} itself does not exist (wildcard answer)`);
  if (closestEncloserOf(c, qname).length !== ce.length)
    return invalid(`a name closer to ${q} than ${nameToText(ce)} exists`, [c.owner]);
  return { status: 'secure', kind: 'wildcard-expansion', used: [c.owner], closestEncloser: ce };
}
