/**
 * Rule: a broken DNSSEC chain of trust.
 *
 * RFC 4035 §3.2.2: with CD set, a validating resolver hands over the data it would otherwise
 * reject, so "SERVFAIL with CD=0, an answer with CD=1" is the resolvers' way of saying the
 * data is there but does not validate; EDE 1–12, 25 and 27 (RFC 8914) say so outright. Our
 * own validator then names the link that breaks. Resolvers that do not validate answer
 * either way: they neither confirm nor contradict the failure (issue 5), so it stays a
 * DNSSEC failure, seen by the validating ones.
 */

import type { ProofTree } from '../../dnssec/proof-tree';
import type { ExtendedDnsError } from '../../dns/ede';
import { readEdeText, type EdeText } from '../../dns/ede-text';
import type { DnsMessage } from '../../dns/message';
import { ancestorsAndSelf, fqdn } from '../../dns/name';
import { firstResponse, isAnswer, type ResolverFacts } from '../facts';
import type { BrokenLink, DnssecFinding, DnssecReason, RegistryDs } from '../finding';
import { DNSSEC_REASON } from '../ids';
import { KEY_FETCH_EDE, locateLameZone, reportsAuthorityFailure } from '../lame-analysis';
import { dsLine, publishedDs } from '../registry';
import type { Rule, RuleContext } from '../rule';

/** EDE info-codes that report a DNSSEC failure (RFC 8914 §4). */
const DNSSEC_EDE = new Set([1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 25, 27]);

const EDE_REASON: Readonly<Record<number, DnssecReason>> = {
  7: 'rrsig-expired',
  8: 'rrsig-not-yet-valid',
  10: 'rrsig-missing',
  12: 'nsec-proof-invalid',
  25: 'rrsig-expired',
};

/** The first bogus link from the trust anchor down: a zone's keys, else an answer step. */
export function brokenLink(proof: ProofTree): BrokenLink {
  const zoneProof = proof.zones.find((z) => z.status === 'bogus');
  if (zoneProof) {
    return {
      zone: zoneProof.zone,
      zoneProof,
      finding: zoneProof.findings.find((f) => f.status === 'bogus') ?? proof.findings[0],
      step: undefined,
    };
  }
  const step = proof.answer.find((s) => s.status === 'bogus');
  const zone = step?.zone;
  return {
    zone,
    zoneProof: proof.zones.find((z) => z.zone === zone),
    finding: step?.findings.find((f) => f.status === 'bogus') ?? proof.findings[0],
    step,
  };
}

/** What a resolver's EDE text names as the broken link, where it names one. */
const TEXT_REASON: Readonly<Partial<Record<EdeText['kind'], DnssecReason>>> = {
  'no-sep': 'ds-mismatch',
  'dnskey-missing': 'dnskey-missing',
  'rrsig-expired': 'rrsig-expired',
  'invalid-denial': 'nsec-proof-invalid',
};

/**
 * The EDEs of a CD=0 failure that speak of DNSSEC. An EDE 9 DNSKEY Missing or 10 RRSIGs
 * Missing beside an authority failure (EDE 20/22/23 or a per-server text), while the zone's
 * servers gave us no DNSKEY either (`keysUnfetched`), says the keys could not be fetched:
 * 1.1.1.1 sends 9 with 18 and 22 for a signed zone whose servers REFUSE. That is the lame
 * rule's to explain, not a DNSSEC verdict.
 */
function dnssecErrors(ede: readonly ExtendedDnsError[], keysUnfetched: boolean) {
  const masked = keysUnfetched && reportsAuthorityFailure(ede);
  return ede.filter(
    (e) => DNSSEC_EDE.has(e.infoCode) && !(masked && KEY_FETCH_EDE.has(e.infoCode)),
  );
}

/** Failing with CD=0 in a way only validation explains. */
function failsValidation(r: ResolverFacts, keysUnfetched: boolean): boolean {
  if (r.cd0.kind !== 'failure' || r.cd0.rcode !== 'SERVFAIL') return false;
  return isAnswer(r.cd1) || dnssecErrors(r.cd0.ede, keysUnfetched).length > 0;
}

/** `www.a.example. → www.b.example.` when the answer went through aliases. */
function aliasChain(proof: ProofTree | null): string[] {
  if (!proof) return [];
  return proof.answer
    .filter((s) => (s.kind === 'cname' || s.kind === 'dname') && s.target !== undefined)
    .map((s) => s.target!);
}

/** How the resolvers split on the target question, seen as a DNSSEC failure. */
interface Behaviour {
  readonly validating: readonly ResolverFacts[];
  readonly vouched: readonly ResolverFacts[];
  readonly keysUnfetched: boolean;
}

function behaviourOf(context: RuleContext): Behaviour {
  const { facts } = context;
  // A zone on the path whose own NS and DNSKEY queries all failed: its keys were never seen.
  const keysUnfetched = locateLameZone(facts) !== undefined;
  return {
    validating: facts.resolvers.filter((r) => failsValidation(r, keysUnfetched)),
    vouched: facts.resolvers.filter((r) => isAnswer(r.cd0) && r.cd0.ad),
    keysUnfetched,
  };
}

/**
 * Whether the evidence shows a DNSSEC failure: our own proof is bogus (and no validator
 * contradicts it), or, without a proof, every CD=0 failure looks like validation and no
 * resolver validated the answer.
 */
function showsFailure(context: RuleContext, seen: Behaviour): boolean {
  const { facts, validation } = context;
  const proof = validation.proof;
  if (proof?.status === 'bogus') return seen.validating.length > 0 || seen.vouched.length === 0;
  if (proof && proof.status !== 'indeterminate') return false;
  const failing = facts.resolvers.filter((r) => r.cd0.kind === 'failure');
  return (
    seen.validating.length > 0 &&
    seen.validating.length === failing.length &&
    seen.vouched.length === 0
  );
}

/** The validator's reason, else what the resolvers' EDE (text, then code) names. */
function reasonOf(context: RuleContext, seen: Behaviour): DnssecReason {
  const proof = context.validation.proof;
  if (proof?.status === 'bogus' && proof.reason) {
    return DNSSEC_REASON[proof.reason];
  }
  const ede = seen.validating.flatMap((r) => dnssecErrors(r.cd0.ede, seen.keysUnfetched))[0];
  return (
    (ede && (TEXT_REASON[readEdeText(ede).kind] ?? EDE_REASON[ede.infoCode])) ?? 'dnssec-failure'
  );
}

/** Exchange ids of a zone's DS and DNSKEY queries. */
function sourceIds(context: RuleContext, zone: string): string[] {
  const s = context.validation.sources.find((x) => x.zone === zone);
  return [s?.ds, s?.dnskey].filter((id): id is string => id !== undefined);
}

/** The last secure zone above the break, and the exchanges behind the broken link. */
function chainEvidence(
  context: RuleContext,
  link: BrokenLink,
): Pick<DnssecFinding, 'secureTo' | 'linkExchanges'> {
  const { validation } = context;
  const proof = validation.proof;
  if (!proof || !link.zone) return { secureTo: undefined, linkExchanges: [] };
  const above = proof.zones.filter((z) => z.status === 'secure');
  const last = above[above.length - 1];
  return {
    secureTo: last && {
      zone: last.zone,
      exchanges: above.flatMap((z) => sourceIds(context, z.zone)),
    },
    linkExchanges: [
      ...sourceIds(context, link.zone),
      ...(link.step && validation.targetExchange ? [validation.targetExchange] : []),
    ],
  };
}

/** The zone's DS and DNSKEY exchanges, and what the fixes need from them. */
function keyExchanges(context: RuleContext, zone: string) {
  const { facts, validation } = context;
  const source = validation.sources.find((s) => s.zone === zone);
  const byId = (id: string | undefined) => facts.evidence.exchanges.find((x) => x.id === id);
  const dnskeyX = byId(source?.dnskey);
  const dsX = byId(source?.ds);
  const dsResponse = dsX ? firstResponse(facts, [dsX]) : undefined;
  return {
    dsX,
    dnskeyX,
    dsMessage: dsResponse?.message,
    dsTtl: dsResponse?.message.answer.find((rr) => rr.type === 'DS')?.ttl,
    dnskeyResponse: dnskeyX ? facts.message(dnskeyX) : null,
  };
}

export const dnssecRule: Rule = (context) => {
  const { facts, validation } = context;
  const proof = validation.proof;
  const seen = behaviourOf(context);
  if (!showsFailure(context, seen)) return null;
  const bogus = proof?.status === 'bogus';
  const link: BrokenLink = proof && bogus ? brokenLink(proof) : emptyLink();
  const reason = reasonOf(context, seen);
  const zone = link.zone ?? edeZone(seen.validating) ?? facts.qname;
  const onPath = ancestorsAndSelf(fqdn(facts.qname)).includes(zone);
  const keys = keyExchanges(context, zone);
  const sample = seen.validating[0];
  const finding: DnssecFinding = {
    rule: 'dnssec',
    verdict: 'dnssec-bogus',
    reason,
    qname: facts.qname,
    qtype: facts.qtype,
    zone,
    parent: link.zoneProof?.parent ?? parentOf(zone),
    aliasPath: onPath ? [] : aliasChain(proof),
    validating: seen.validating,
    nonValidating: facts.resolvers.filter(
      (r) => isAnswer(r.cd0) && !r.cd0.ad && !seen.validating.includes(r),
    ),
    vouched: seen.vouched,
    provenBogus: bogus,
    link,
    validationProblem: validation.problem ?? proof?.findings[0]?.message,
    ...chainEvidence(context, link),
    reproduce: [
      sample && sample.cd0.kind !== 'missing' ? sample.cd0.exchange : undefined,
      sample && sample.cd1.kind !== 'missing' ? sample.cd1.exchange : undefined,
      keys.dsX,
      keys.dnskeyX,
    ],
    dnskeyResponse: keys.dnskeyResponse,
    dsTtl: keys.dsTtl,
    registryDs: registryDs(context, zone, reason, keys.dsMessage),
    now: context.now,
  };
  return finding;
};

/**
 * For a broken DS link: whether the registry holds the same DS as the parent publishes (the
 * stale record sits at the registrar) or already a different one (waiting for publication).
 */
function registryDs(
  context: RuleContext,
  zone: string,
  reason: DnssecReason,
  dsMessage: DnsMessage | undefined,
): RegistryDs | undefined {
  const { registry } = context;
  if (registry.state !== 'found' || registry.domain !== zone || !registry.record) return undefined;
  if (reason !== 'ds-mismatch' && reason !== 'dnskey-missing') return undefined;
  // A registry that does not say which DS it holds allows no conclusion either way.
  if (!registry.dsKnown || !dsMessage) return undefined;
  const held = registry.record.dsData;
  // The whole record, digest included: a corrected digest under the same key tag is new.
  const published = new Set(publishedDs(dsMessage, zone));
  return {
    heldTags: held.map((d) => d.keyTag),
    same: held.length === published.size && held.every((d) => published.has(dsLine(d))),
    lookups: registry.ids,
  };
}

function emptyLink(): BrokenLink {
  return { zone: undefined, zoneProof: undefined, finding: undefined, step: undefined };
}

export function parentOf(zone: string): string {
  const path = ancestorsAndSelf(fqdn(zone));
  return path[path.length - 2] ?? '.';
}

/** A zone named in a resolver's EDE text (`no SEP … found for x.`, `for DNSKEY x., …`). */
function edeZone(resolvers: readonly ResolverFacts[]): string | undefined {
  for (const r of resolvers) {
    for (const e of r.cd0.ede) {
      const said = readEdeText(e);
      if ('zone' in said && said.zone !== undefined) return said.zone;
    }
  }
  return undefined;
}
