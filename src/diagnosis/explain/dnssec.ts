/**
 * The words for a broken DNSSEC chain of trust (rules/dnssec.ts decides it): what breaks
 * where, which resolvers show it, and what the owner of the zone has to change.
 */

import type { Claim, Fix } from '../diagnosis';
import { isAnswer } from '../facts';
import type { DnssecFinding, DnssecReason } from '../finding';
import type { Verdict } from '../rule';
import { outcomeClaim, reproduceFix } from './common';
import { dnssecFixes } from './dnssec-fixes';
import { listText, prose, utcText } from './prose';

/** `the DNSSEC signatures of x. expired on …`: the cause, to follow "fails because". */
function cause(f: DnssecFinding): string {
  const { zone, parent } = f;
  const reason: DnssecReason = f.reason;
  switch (reason) {
    case 'rrsig-expired':
      return f.link.finding?.time === undefined
        ? prose`the DNSSEC signatures of ${zone} have expired`
        : prose`the DNSSEC signatures of ${zone} expired on ${utcText(f.link.finding.time)}`;
    case 'rrsig-not-yet-valid':
      return prose`the DNSSEC signatures of ${zone} are not valid yet`;
    case 'ds-mismatch':
      return prose`the DS record for ${zone} in ${parent} matches none of the keys ${zone} publishes`;
    case 'dnskey-missing':
      return prose`${parent} says ${zone} is signed (it has a DS record), but ${zone} publishes no matching key`;
    case 'rrsig-missing':
      return prose`records in ${zone} are unsigned although the zone is signed`;
    case 'signature-invalid':
      return prose`a DNSSEC signature in ${zone} does not verify`;
    case 'nsec-proof-invalid':
      return prose`${zone}’s signed proof that the record does not exist does not hold`;
    case 'dnssec-failure':
      return prose`validating resolvers report a DNSSEC failure in ${zone}`;
  }
}

function headline(f: DnssecFinding): string {
  const because = cause(f);
  return f.aliasPath.length > 0
    ? prose`${f.qname} is an alias for ${f.aliasPath.join(' → ')}, and it breaks there: ${because}, so validating resolvers refuse to answer.`
    : prose`${f.qname} fails because ${because}, so validating resolvers refuse to answer.`;
}

function detail(f: DnssecFinding): string[] {
  const { validating, nonValidating } = f;
  const out: string[] = [];
  if (validating.length > 0) {
    out.push(
      prose`${listText(validating.map((r) => r.label))} ${validating.length === 1 ? 'fails' : 'fail'} with ` +
        'SERVFAIL when validating (CD=0)' +
        (validating.some((r) => isAnswer(r.cd1))
          ? ' but hand over the data with checking disabled (CD=1)'
          : '') +
        ': the records exist, but their DNSSEC chain does not hold.',
    );
  }
  if (nonValidating.length > 0) {
    out.push(
      prose`${listText(nonValidating.map((r) => r.label))} answered without the AD bit: ` +
        (nonValidating.length === 1
          ? 'it does not check DNSSEC, so its answer neither confirms nor contradicts the failure.'
          : 'they do not check DNSSEC, so their answers neither confirm nor contradict the failure.') +
        ' Every resolver that validates will fail.',
    );
  }
  if (f.link.finding) out.push(prose`Where it breaks: ${f.link.finding.message}.`);
  else if (!f.provenBogus)
    out.push(
      prose`Our own validation could not be completed (${f.validationProblem ?? 'material missing'}), so the broken link is named from the resolvers’ error codes only.`,
    );
  return out;
}

function fixes(f: DnssecFinding): Fix[] {
  const { zone } = f;
  const out = dnssecFixes({
    reason: f.reason,
    zone,
    parent: f.parent,
    zoneProof: f.link.zoneProof,
    finding: f.link.finding,
    dnskeyResponse: f.dnskeyResponse,
    dsTtl: f.dsTtl,
    now: f.now,
  });
  if (f.aliasPath.length > 0) {
    out.push({
      kind: 'workaround',
      title: prose`If you own ${f.qname} but not ${zone}`,
      text: prose`Your own zone is fine; the alias leads into ${zone}, which fails. Ask its owner to fix it (send them this page), or point the alias at a name that validates until they do.`,
      records: [],
      commands: [],
    });
  }
  out.push(
    reproduceFix(
      f.reproduce,
      prose`The first command fails (SERVFAIL) and the second, with +cd, shows the data; the others fetch the DS and DNSKEY records of ${zone}.`,
    ),
  );
  return out;
}

/** What our own validator found: secure down to a zone, then the broken link. */
function chainClaims(f: DnssecFinding): Claim[] {
  const { link } = f;
  if (!f.provenBogus || !link.zone) return [];
  const claims: Claim[] = [];
  if (f.secureTo) {
    claims.push({
      text: prose`Our validator: the chain of trust holds from the trust anchor down to ${f.secureTo.zone}.`,
      exchanges: f.secureTo.exchanges,
      records: [],
      zone: f.secureTo.zone,
    });
  }
  const p = link.finding;
  claims.push({
    text: prose`Our validator: ${p?.message ?? prose`the link to ${link.zone} is bogus`}.`,
    exchanges: f.linkExchanges,
    records: p?.records ?? (p?.rrsig ? [p.rrsig.text] : p?.ds ? [p.ds.text] : []),
    zone: link.zone,
  });
  return claims;
}

/** Whether the registry holds the parent's DS (the stale record sits at the registrar). */
function registryClaim(f: DnssecFinding): Claim[] {
  const held = f.registryDs;
  if (!held) return [];
  const { zone, parent } = f;
  const tags = listText(held.heldTags.map(String));
  const text =
    held.heldTags.length === 0
      ? prose`The registry holds no DS record for ${zone} any more: the parent will drop its DS at its next update, and the zone becomes insecure (unsigned) instead of failing.`
      : held.same
        ? prose`The registry holds the same DS record${held.heldTags.length === 1 ? '' : 's'} (key tag ${tags}) that ${parent} publishes: the stale DS is at the registrar, so the change has to be made there.`
        : prose`The registry already holds different DS records (key tag ${tags}) than ${parent} publishes: a change was made and is waiting to be published.`;
  return [{ text, exchanges: held.lookups, records: [], zone }];
}

function claims(f: DnssecFinding): Claim[] {
  return [
    ...f.validating.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]),
    ...f.nonValidating.map((r) => ({
      ...outcomeClaim(r, 0),
      text: prose`${r.label} with CD=0 answers without AD: it does not validate, so this does not count against the verdict.`,
    })),
    ...chainClaims(f),
    ...registryClaim(f),
  ];
}

/** How sure, and why not surer. */
function certainty(f: DnssecFinding): Pick<Verdict, 'confidence' | 'uncertainty'> {
  const agree = f.provenBogus && f.validating.length > 0;
  if (!agree) {
    return {
      confidence: 'medium',
      uncertainty: f.provenBogus
        ? 'No resolver asked here validates DNSSEC, so only our own validation shows the failure.'
        : 'Our own validation could not confirm it; the resolvers’ behaviour alone points to DNSSEC.',
    };
  }
  if (f.vouched.length === 0) return { confidence: 'high' };
  return {
    confidence: 'medium',
    uncertainty: prose`${listText(f.vouched.map((r) => r.label))} nevertheless validated the answer (AD), perhaps from an older cached copy.`,
  };
}

export function explainDnssec(f: DnssecFinding): Verdict {
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: headline(f),
    whatToDo: prose`Nothing on your side fixes this safely: the owner of ${f.zone} has to. Send them this page; it lists the exact change.`,
    detail: detail(f),
    fixes: fixes(f),
    ...certainty(f),
    claims: claims(f),
    zone: f.zone,
  };
}
