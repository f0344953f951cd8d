/**
 * When will each resolver follow a fix? For a failing name: the time after which every
 * resolver asked will have dropped the broken state once the fix is published, from the
 * TTLs actually seen in the evidence (issue 15). Pure, like `diagnose()`: the same
 * evidence gives the same ETA in the worker, in Node tests and in a permalink.
 *
 * What a resolver holds on to depends on the fix (eta-records.ts reads each TTL):
 * - a DS change: the old DS RRset at the parent, for its TTL;
 * - a key change: the zone's DNSKEY RRset;
 * - re-signing: the RRset whose signature fails;
 * - a denial that must go (a zone that must be signed, a nameserver name that must exist):
 *   the negative answer, for min(SOA TTL, SOA MINIMUM) (RFC 2308 §5);
 * - a change of nameservers: the NS RRset (the parent's referral is never shown by a
 *   resolver for a zone whose servers fail: that TTL is listed as unseen);
 * - and on top of any of these, the failure itself: RFC 9520 §3.2 lets a resolver keep it
 *   up to five minutes (resolver-caches.ts), counted from the last failure, which can come
 *   just before the old record runs out. Hence record TTL + failure caching.
 *
 * The worst case over the fixes the card offers: a resolver may fetch the old record just
 * before the fix is published and then keep it for the full TTL, so `seconds` uses the full
 * TTL (the RRSIG's Original TTL, RFC 4034 §3.1.4), never the remaining one. Per resolver,
 * the remaining TTL it reported says how soon that resolver follows a fix published at the
 * time of the check. Secondary servers that still serve the old zone (RFC 1996 NOTIFY,
 * the SOA refresh) come before "published" and are not counted.
 */

import { fqdn } from '../dns/name';
import type { Evidence } from '../evidence/evidence';
import type { Diagnosis } from './diagnosis';
import { denialBasis, reportedBy, rrsetBasis, type EtaBasis, type UnseenTtl } from './eta-records';
import { collectFacts, exchangeOf, isAnswer, isFailure, type Facts } from './facts';
import { FAILURE_CACHING, flushPageOf, type FailureCaching } from './resolver-caches';
import { brokenLink, parentOf } from './rules/dnssec';
import type { EvidenceValidation } from './validate-evidence';

export type { EtaBasis, EtaBasisKind, TtlSource, UnseenTtl } from './eta-records';
export type { FailureCaching } from './resolver-caches';
export { watchIntervalSeconds } from './watch-interval';

/** How one resolver stands, and when it follows. */
export interface ResolverLag {
  /** The resolver's DoH URL, as in the evidence. */
  readonly resolver: string;
  readonly label: string;
  /**
   * `failing`: it fails on the name (or answers only from an expired cache); `answering`:
   * it answers already (a non-validating resolver, say); `silent`: it gave no DNS answer.
   */
  readonly state: 'failing' | 'answering' | 'silent';
  /** It was asked the question the record that matters was read from. */
  readonly asked: boolean;
  /** The TTL it had left on that record when it handed it over; null: it did not. */
  readonly remaining: number | null;
  readonly exchange: string | null;
  /** That record as it handed it over, presentation text. */
  readonly record: string | null;
  readonly failureCache: FailureCaching;
  /**
   * Seconds after which it follows a fix published at the time of the check: what it had
   * left (else the full TTL) plus its failure caching; 0 when it answers already; null when
   * it gave no answer (nothing shows what it holds).
   */
  readonly seconds: number | null;
  /** Its service's public cache-flush page, when it has one (Google, Cloudflare). */
  readonly flush?: { readonly service: string; readonly url: string; readonly opens: string };
}

export interface FixEta {
  /**
   * Seconds after the fix is published by which every resolver asked has dropped the
   * broken state, worst case: `recordSeconds + failureSeconds`.
   */
  readonly seconds: number;
  /** The longest full TTL among the cached records a fix replaces (0: none seen). */
  readonly recordSeconds: number;
  /** The failure caching added on top (0 when no resolver fails). */
  readonly failureSeconds: number;
  /** What it rests on: the records (the most direct fix's first), then failure caching. */
  readonly basis: readonly EtaBasis[];
  /** TTLs that matter to some fix but are not in the evidence. */
  readonly unseen: readonly UnseenTtl[];
  /** Every resolver asked, in the evidence's order. */
  readonly perResolver: readonly ResolverLag[];
}

interface Plan {
  readonly basis: readonly (EtaBasis | undefined)[];
  readonly unseen: readonly UnseenTtl[];
}

/** The zone's DS at the parent and its DNSKEY RRset, read where the validator read them. */
function keyBasis(facts: Facts, validation: EvidenceValidation, zone: string) {
  const source = validation.sources.find((s) => s.zone === zone);
  return {
    ds: rrsetBasis('ds', facts, zone, 'DS', [source?.ds]),
    dnskey: rrsetBasis('dnskey', facts, zone, 'DNSKEY', [source?.dnskey]),
    dnskeyExchange: facts.evidence.exchanges.find((x) => x.id === source?.dnskey),
  };
}

/** A broken chain of trust: what each of the card's fixes replaces (explain/dnssec-fixes.ts). */
function dnssecPlan(facts: Facts, diagnosis: Diagnosis, validation: EvidenceValidation): Plan {
  const zone = fqdn(diagnosis.zone ?? facts.qname);
  const keys = keyBasis(facts, validation, zone);
  const target = facts.evidence.exchanges.filter((x) => x.id === validation.targetExchange);
  switch (diagnosis.reason) {
    case 'ds-mismatch': // publish the DS of the current key, or put the old key back
    case 'dnssec-failure':
      return { basis: [keys.ds, keys.dnskey], unseen: [] };
    case 'dnskey-missing': // remove the DS, or sign the zone (its "no DNSKEY" is cached)
      return {
        basis: [
          keys.ds,
          denialBasis(facts, keys.dnskeyExchange ? [keys.dnskeyExchange] : [], zone, 'DNSKEY'),
        ],
        unseen: [],
      };
    case 'nsec-proof-invalid': // re-sign the denial
      return { basis: [denialBasis(facts, target, facts.qname, facts.qtype)], unseen: [] };
    default: {
      // Re-signing: the RRset whose signature fails, as the validator names it.
      const finding = validation.proof ? brokenLink(validation.proof).finding : undefined;
      const owner = finding?.owner ?? facts.qname;
      const type = finding?.type ?? facts.qtype;
      const prefer = type === 'DNSKEY' ? keys.dnskeyExchange?.id : validation.targetExchange;
      return {
        basis: [rrsetBasis('rrset', facts, owner, type, [prefer ?? undefined])],
        unseen: [],
      };
    }
  }
}

/**
 * A lame delegation: the zone's NS RRset where some resolver handed it over, and the
 * parent's referral, which none does for a zone whose servers fail (lame-analysis.ts).
 * Nameservers whose names do not resolve: the denial of each name, cached until it exists.
 */
function lamePlan(facts: Facts, diagnosis: Diagnosis): Plan {
  const zone = diagnosis.zone;
  if (zone === undefined) return { basis: [], unseen: [] };
  const ns = rrsetBasis('delegation', facts, zone, 'NS', []);
  const hosts = diagnosis.suspects.flatMap((s) =>
    s.host !== undefined && s.problems.includes('no-address') ? [s.host] : [],
  );
  const denials = hosts.map((host) =>
    denialBasis(facts, facts.exchangesFor('address', host, 'A'), host, 'A'),
  );
  return {
    basis: [ns, ...denials],
    unseen: [{ kind: 'delegation', owner: fqdn(zone), type: 'NS', zone: parentOf(zone) }],
  };
}

/**
 * One resolver fails where the others answer: while a fix spreads, the laggard holds the
 * old keys or DS of the answer's zone (the deepest zone whose DNSKEY RRset was seen), or
 * its cached failure. Blocks and filters by policy are not the domain's: nothing to follow.
 */
function laggardPlan(facts: Facts, validation: EvidenceValidation): Plan {
  const zones = [...validation.sources].reverse().map((s) => s.zone);
  for (const zone of zones) {
    const keys = keyBasis(facts, validation, zone);
    if (keys.dnskey) return { basis: [keys.ds, keys.dnskey], unseen: [] };
  }
  return { basis: [], unseen: [] };
}

function planFor(facts: Facts, diagnosis: Diagnosis, validation: EvidenceValidation): Plan | null {
  switch (diagnosis.verdict) {
    case 'dnssec-bogus':
      return dnssecPlan(facts, diagnosis, validation);
    case 'lame-delegation':
      return lamePlan(facts, diagnosis);
    case 'resolver-specific':
      return diagnosis.reason === 'resolver-dnssec' || diagnosis.reason === 'resolver-failure'
        ? laggardPlan(facts, validation)
        : null;
    default:
      // ok, nxdomain and nodata are answers; inconclusive locates nothing to fix.
      return null;
  }
}

function stateOf(facts: Facts, url: string): ResolverLag['state'] {
  const r = facts.resolvers.find((x) => x.url === url);
  if (!r) return 'silent';
  if (isFailure(r.cd0) || (r.cd0.kind === 'missing' && isFailure(r.cd1))) return 'failing';
  return isAnswer(r.cd0) ? 'answering' : 'silent';
}

function lagOf(facts: Facts, url: string, label: string, primary: EtaBasis | undefined) {
  const state = stateOf(facts, url);
  const reported = primary
    ? reportedBy(facts, url, primary)
    : { asked: false, remaining: null, exchange: null, record: null };
  const held = reported.remaining ?? primary?.ttl ?? 0;
  const flush = flushPageOf(url);
  const lag: ResolverLag = {
    resolver: url,
    label,
    state,
    ...reported,
    failureCache: FAILURE_CACHING,
    seconds:
      state === 'failing' ? held + FAILURE_CACHING.seconds : state === 'answering' ? 0 : null,
    ...(flush ? { flush } : {}),
  };
  return lag;
}

/** Failure caching as a basis: how long the failing answers may be kept. */
function failureBasis(facts: Facts): EtaBasis | undefined {
  const failing = facts.resolvers.filter((r) => isFailure(r.cd0) || isFailure(r.cd1));
  if (failing.length === 0) return undefined;
  const exchanges = failing.flatMap((r) => {
    const x = exchangeOf(isFailure(r.cd0) ? r.cd0 : r.cd1);
    return x ? [x.id] : [];
  });
  return {
    kind: 'failure-cache',
    owner: facts.qname,
    type: facts.qtype,
    exchanges,
    records: [],
    ttl: FAILURE_CACHING.seconds,
    ttlFrom: FAILURE_CACHING.from,
  };
}

/**
 * The fix ETA of a diagnosis; null for a verdict with nothing to fix (ok, nxdomain, nodata,
 * inconclusive) or a resolver's own policy.
 *
 * @example
 * const eta = fixEta(evidence, diagnosis, validation);
 * eta?.seconds; // 600: the DS's TTL at the parent (300 s) + five minutes of cached failure
 */
export function fixEta(
  evidence: Evidence,
  diagnosis: Diagnosis,
  validation: EvidenceValidation,
): FixEta | null {
  const facts = collectFacts(evidence);
  const plan = planFor(facts, diagnosis, validation);
  if (plan === null) return null;
  const records = plan.basis.filter((b): b is EtaBasis => b !== undefined);
  const failure = failureBasis(facts);
  const recordSeconds = Math.max(0, ...records.map((b) => b.ttl));
  const failureSeconds = failure?.ttl ?? 0;
  return {
    seconds: recordSeconds + failureSeconds,
    recordSeconds,
    failureSeconds,
    basis: failure ? [...records, failure] : records,
    unseen: plan.unseen,
    perResolver: evidence.resolvers.map((r) => lagOf(facts, r.url, r.label, records[0])),
  };
}
