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

import type { AnswerStep, Finding, ProofTree, ZoneProof } from '../../dnssec/proof-tree';
import type { ExtendedDnsError } from '../../dns/ede';
import { readEdeText, type EdeText } from '../../dns/ede-text';
import type { DnsMessage } from '../../dns/message';
import type { Claim } from '../diagnosis';
import { ancestorsAndSelf, fqdn } from '../../dns/name';
import { firstResponse, isAnswer, type Facts, type ResolverFacts } from '../facts';
import { DNSSEC_REASON, type ReasonId } from '../ids';
import { KEY_FETCH_EDE, locateLameZone, reportsAuthorityFailure } from '../lame-analysis';
import { dnssecFixes } from '../remediation/dnssec-fixes';
import { dsLine, publishedDs } from '../registry';
import {
  listText,
  outcomeClaim,
  reproduceFix,
  utcText,
  type Rule,
  type RuleContext,
  type Verdict,
} from '../rule';

/** EDE info-codes that report a DNSSEC failure (RFC 8914 §4). */
const DNSSEC_EDE = new Set([1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 25, 27]);

const EDE_REASON: Readonly<Record<number, ReasonId>> = {
  7: 'rrsig-expired',
  8: 'rrsig-not-yet-valid',
  10: 'rrsig-missing',
  12: 'nsec-proof-invalid',
  25: 'rrsig-expired',
};

interface BrokenLink {
  readonly zone: string | undefined;
  readonly zoneProof: ZoneProof | undefined;
  readonly finding: Finding | undefined;
  readonly step: AnswerStep | undefined;
}

/** The first bogus link from the trust anchor down: a zone's keys, else an answer step. */
function brokenLink(proof: ProofTree): BrokenLink {
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
const TEXT_REASON: Readonly<Partial<Record<EdeText['kind'], ReasonId>>> = {
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

function cause(reason: ReasonId, zone: string, parent: string, finding?: Finding): string {
  switch (reason) {
    case 'rrsig-expired':
      return finding?.time === undefined
        ? `the DNSSEC signatures of ${zone} have expired`
        : `the DNSSEC signatures of ${zone} expired on ${utcText(finding.time)}`;
    case 'rrsig-not-yet-valid':
      return `the DNSSEC signatures of ${zone} are not valid yet`;
    case 'ds-mismatch':
      return `the DS record for ${zone} in ${parent} matches none of the keys ${zone} publishes`;
    case 'dnskey-missing':
      return `${parent} says ${zone} is signed (it has a DS record), but ${zone} publishes no matching key`;
    case 'rrsig-missing':
      return `records in ${zone} are unsigned although the zone is signed`;
    case 'signature-invalid':
      return `a DNSSEC signature in ${zone} does not verify`;
    case 'nsec-proof-invalid':
      return `${zone}’s signed proof that the record does not exist does not hold`;
    default:
      return `validating resolvers report a DNSSEC failure in ${zone}`;
  }
}

/** `www.a.example. → www.b.example.` when the answer went through aliases. */
function aliasChain(proof: ProofTree | null): string[] {
  if (!proof) return [];
  return proof.answer
    .filter((s) => (s.kind === 'cname' || s.kind === 'dname') && s.target !== undefined)
    .map((s) => s.target!);
}

function chainClaims(facts: Facts, context: RuleContext, link: BrokenLink): Claim[] {
  const { validation } = context;
  const claims: Claim[] = [];
  const sourceIds = (zone: string) => {
    const s = validation.sources.find((x) => x.zone === zone);
    return [s?.ds, s?.dnskey].filter((id): id is string => id !== undefined);
  };
  const proof = validation.proof;
  if (proof && link.zone) {
    const above = proof.zones.filter((z) => z.status === 'secure');
    if (above.length > 0) {
      const last = above[above.length - 1]!;
      claims.push({
        text: `Our validator: the chain of trust holds from the trust anchor down to ${last.zone}.`,
        exchanges: above.flatMap((z) => sourceIds(z.zone)),
        records: [],
        zone: last.zone,
      });
    }
    const f = link.finding;
    claims.push({
      text: `Our validator: ${f?.message ?? `the link to ${link.zone} is bogus`}.`,
      exchanges: [
        ...sourceIds(link.zone),
        ...(link.step && validation.targetExchange ? [validation.targetExchange] : []),
      ],
      records: f?.records ?? (f?.rrsig ? [f.rrsig.text] : f?.ds ? [f.ds.text] : []),
      zone: link.zone,
    });
  }
  return claims;
}

export const dnssecRule: Rule = (context) => {
  const { facts, validation } = context;
  const proof = validation.proof;
  // A zone on the path whose own NS and DNSKEY queries all failed: its keys were never seen.
  const keysUnfetched = locateLameZone(facts) !== undefined;
  const validating = facts.resolvers.filter((r) => failsValidation(r, keysUnfetched));
  const vouched = facts.resolvers.filter((r) => isAnswer(r.cd0) && r.cd0.ad);
  const bogus = proof?.status === 'bogus';
  if (proof && !bogus && proof.status !== 'indeterminate') return null;
  if (!bogus) {
    // Without our own proof, only the resolvers speak: every CD=0 failure must look like
    // validation, and no resolver may have validated the answer.
    const failing = facts.resolvers.filter((r) => r.cd0.kind === 'failure');
    if (validating.length === 0 || validating.length !== failing.length || vouched.length > 0) {
      return null;
    }
  } else if (validating.length === 0 && vouched.length > 0) {
    return null;
  }

  const link: BrokenLink = proof && bogus ? brokenLink(proof) : emptyLink();
  const ede = validating.flatMap((r) => dnssecErrors(r.cd0.ede, keysUnfetched))[0];
  const reason: ReasonId =
    proof && bogus && proof.reason
      ? DNSSEC_REASON[proof.reason]
      : ((ede && (TEXT_REASON[readEdeText(ede).kind] ?? EDE_REASON[ede.infoCode])) ??
        'dnssec-failure');
  const zone = link.zone ?? edeZone(validating) ?? facts.qname;
  const parent = link.zoneProof?.parent ?? parentOf(zone);
  const aliases = aliasChain(proof);
  const onPath = ancestorsAndSelf(fqdn(facts.qname)).includes(zone);
  const because = cause(reason, zone, parent, link.finding);
  const headline =
    !onPath && aliases.length > 0
      ? `${facts.qname} is an alias for ${aliases.join(' → ')}, and it breaks there: ${because}, so validating resolvers refuse to answer.`
      : `${facts.qname} fails because ${because}, so validating resolvers refuse to answer.`;

  const nonValidating = facts.resolvers.filter(
    (r) => isAnswer(r.cd0) && !r.cd0.ad && !validating.includes(r),
  );
  const detail: string[] = [];
  if (validating.length > 0) {
    detail.push(
      `${listText(validating.map((r) => r.label))} ${validating.length === 1 ? 'fails' : 'fail'} with ` +
        'SERVFAIL when validating (CD=0)' +
        (validating.some((r) => isAnswer(r.cd1))
          ? ' but hand over the data with checking disabled (CD=1)'
          : '') +
        ': the records exist, but their DNSSEC chain does not hold.',
    );
  }
  if (nonValidating.length > 0) {
    detail.push(
      `${listText(nonValidating.map((r) => r.label))} answered without the AD bit: ` +
        (nonValidating.length === 1
          ? 'it does not check DNSSEC, so its answer neither confirms nor contradicts the failure.'
          : 'they do not check DNSSEC, so their answers neither confirm nor contradict the failure.') +
        ' Every resolver that validates will fail.',
    );
  }
  if (link.finding) detail.push(`Where it breaks: ${link.finding.message}.`);
  else if (!bogus)
    detail.push(
      `Our own validation could not be completed (${validation.problem ?? proof?.findings[0]?.message ?? 'material missing'}), so the broken link is named from the resolvers’ error codes only.`,
    );

  const dnskeyId = validation.sources.find((s) => s.zone === zone)?.dnskey;
  const dsId = validation.sources.find((s) => s.zone === zone)?.ds;
  const byId = (id: string | undefined) => facts.evidence.exchanges.find((x) => x.id === id);
  const dnskeyX = byId(dnskeyId);
  const dsX = byId(dsId);
  const dsResponse = dsX ? firstResponse(facts, [dsX]) : undefined;
  const dsTtl = dsResponse?.message.answer.find((rr) => rr.type === 'DS')?.ttl;
  const fixes = dnssecFixes({
    reason,
    zone,
    parent,
    zoneProof: link.zoneProof,
    finding: link.finding,
    dnskeyResponse: dnskeyX ? facts.message(dnskeyX) : null,
    dsTtl,
    now: context.now,
  });
  if (!onPath && aliases.length > 0) {
    fixes.push({
      kind: 'workaround',
      title: `If you own ${facts.qname} but not ${zone}`,
      text: `Your own zone is fine; the alias leads into ${zone}, which fails. Ask its owner to fix it (send them this page), or point the alias at a name that validates until they do.`,
      records: [],
      commands: [],
    });
  }
  const sample = validating[0];
  fixes.push(
    reproduceFix(
      [
        sample && sample.cd0.kind !== 'missing' ? sample.cd0.exchange : undefined,
        sample && sample.cd1.kind !== 'missing' ? sample.cd1.exchange : undefined,
        dsX,
        dnskeyX,
      ],
      `The first command fails (SERVFAIL) and the second, with +cd, shows the data; the others fetch the DS and DNSKEY records of ${zone}.`,
    ),
  );

  const registryClaim = registryDsClaim(context, zone, reason, dsResponse?.message);
  const claims: Claim[] = [
    ...validating.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]),
    ...nonValidating.map((r) => ({
      ...outcomeClaim(r, 0),
      text: `${r.label} with CD=0 answers without AD: it does not validate, so this does not count against the verdict.`,
    })),
    ...chainClaims(facts, context, link),
    ...(registryClaim ? [registryClaim] : []),
  ];
  const agree = bogus && validating.length > 0;
  const verdict: Verdict = {
    verdict: 'dnssec-bogus',
    reason,
    headline,
    whatToDo: `Nothing on your side fixes this safely: the owner of ${zone} has to. Send them this page; it lists the exact change.`,
    detail,
    fixes,
    confidence: agree ? (vouched.length > 0 ? 'medium' : 'high') : 'medium',
    ...(agree
      ? vouched.length > 0
        ? {
            uncertainty: `${listText(vouched.map((r) => r.label))} nevertheless validated the answer (AD), perhaps from an older cached copy.`,
          }
        : {}
      : {
          uncertainty: bogus
            ? 'No resolver asked here validates DNSSEC, so only our own validation shows the failure.'
            : 'Our own validation could not confirm it; the resolvers’ behaviour alone points to DNSSEC.',
        }),
    claims,
    zone,
  };
  return verdict;
};

/**
 * For a broken DS link: whether the registry holds the same DS as the parent publishes (the
 * stale record sits at the registrar) or already a different one (waiting for publication).
 */
function registryDsClaim(
  context: RuleContext,
  zone: string,
  reason: ReasonId,
  dsMessage: DnsMessage | undefined,
): Claim | undefined {
  const { registry } = context;
  if (registry.state !== 'found' || registry.domain !== zone || !registry.record) return undefined;
  if (reason !== 'ds-mismatch' && reason !== 'dnskey-missing') return undefined;
  // A registry that does not say which DS it holds allows no conclusion either way.
  if (!registry.dsKnown || !dsMessage) return undefined;
  const held = registry.record.dsData;
  // The whole record, digest included: a corrected digest under the same key tag is new.
  const published = new Set(publishedDs(dsMessage, zone));
  const tags = listText(held.map((d) => String(d.keyTag)));
  const same = held.length === published.size && held.every((d) => published.has(dsLine(d)));
  const text =
    held.length === 0
      ? `The registry holds no DS record for ${zone} any more: the parent will drop its DS at its next update, and the zone becomes insecure (unsigned) instead of failing.`
      : same
        ? `The registry holds the same DS record${held.length === 1 ? '' : 's'} (key tag ${tags}) that ${parentOf(zone)} publishes: the stale DS is at the registrar, so the change has to be made there.`
        : `The registry already holds different DS records (key tag ${tags}) than ${parentOf(zone)} publishes: a change was made and is waiting to be published.`;
  return { text, exchanges: registry.ids, records: [], zone };
}

function emptyLink(): BrokenLink {
  return { zone: undefined, zoneProof: undefined, finding: undefined, step: undefined };
}

function parentOf(zone: string): string {
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
