/**
 * The words for `ok`, `nxdomain` and `nodata` (rules/outcome.ts): the resolvers agree, and
 * whether our own validation proved it (RFC 4035 §4.3 secure / insecure).
 */

import type { Claim } from '../diagnosis';
import { exchangeOf, isAnswer } from '../facts';
import type { OutcomeFinding, RegistryExplanation } from '../finding';
import { normStatus } from '../registry';
import type { Verdict } from '../rule';
import { outcomeClaim, reproduceFix } from './common';
import { listText, prose } from './prose';
import { registrySentence } from './registry';
import { explainWarning } from './warnings';

type Answered = OutcomeFinding['verdict'];

function proofSentence(f: OutcomeFinding): string {
  const { proof, problem } = f.validation;
  if (!proof)
    return prose`Our own DNSSEC validation could not run: ${problem ?? 'no answer to validate'}`;
  const last = proof.zones[proof.zones.length - 1]?.zone;
  const what = f.verdict === 'ok' ? 'The answer' : 'The denial';
  switch (proof.status) {
    case 'secure':
      return prose`${what} is validated by our own DNSSEC check, from the trust anchor down through ${listText(proof.zones.map((z) => z.zone))}.`;
    case 'insecure':
      return prose`The zone is not signed: ${proof.findings[0]?.message ?? prose`the chain of trust ends above ${last ?? 'it'}`}. Answers cannot be authenticated, but there is no DNSSEC to fail either.`;
    default:
      return prose`Our own DNSSEC check could not be completed (${proof.findings[0]?.message ?? proof.status}).`;
  }
}

type Words = (q: string, t: string) => string;

const HEADLINE: Readonly<Record<Answered, Readonly<Record<OutcomeFinding['reason'], Words>>>> = {
  ok: {
    secure: (q) =>
      prose`${q} resolves normally at every resolver asked, and its DNSSEC signatures check out.`,
    insecure: (q) =>
      prose`${q} resolves normally at every resolver asked (it is not signed with DNSSEC, so there is nothing to fail).`,
    'not-validated': (q) =>
      prose`${q} resolves normally at every resolver asked; our own DNSSEC check could not be completed.`,
  },
  nxdomain: {
    secure: (q) =>
      prose`${q} does not exist: every resolver answers NXDOMAIN, a proven “no such name” — not a SERVFAIL.`,
    insecure: (q) =>
      prose`${q} does not exist: every resolver answers NXDOMAIN (“no such name”), not SERVFAIL.`,
    'not-validated': (q) =>
      prose`${q} does not exist: every resolver answers NXDOMAIN (“no such name”), not SERVFAIL.`,
  },
  nodata: {
    secure: (q, t) =>
      prose`${q} exists but has no ${t} record; every resolver says so, with a signed proof — not a SERVFAIL.`,
    insecure: (q, t) =>
      prose`${q} exists but has no ${t} record; every resolver says so — not a SERVFAIL.`,
    'not-validated': (q, t) =>
      prose`${q} exists but has no ${t} record; every resolver says so — not a SERVFAIL.`,
  },
};

const WHAT_TO_DO: Readonly<Record<Answered, Words>> = {
  ok: () =>
    'If you saw SERVFAIL, it came from your own resolver or from an earlier moment: try again, or switch to one of these resolvers; if it keeps failing, run this check on the network where it fails.',
  nxdomain: () =>
    'Check the spelling. If the name should exist, its owner has to add it to the zone (or renew the domain).',
  nodata: (_q, t) =>
    prose`If a ${t} record should exist, the zone’s owner has to add it; the name itself exists and may have other record types.`,
};

/** The holds and expiries that explain an NXDOMAIN, in the words of RFC 5731 §2.3. */
function holdMeaning(status: string): string {
  const s = normStatus(status);
  if (s.includes('client hold'))
    return 'the registrar has suspended it (client hold: often an unpaid renewal, an unverified contact or an abuse complaint)';
  if (s.includes('server hold'))
    return 'the registry has suspended it (server hold: a legal or policy action)';
  if (s.includes('redemption') || s.includes('pending delete'))
    return 'it has expired and is being deleted (it can often still be restored through the registrar)';
  return 'it has no delegation (inactive: no nameservers)';
}

/** The headline and what to do when the registry explains the NXDOMAIN. */
function registryWords(
  f: OutcomeFinding,
  why: RegistryExplanation,
): Partial<Pick<Verdict, 'headline' | 'whatToDo'>> {
  if (why.kind === 'not-registered') {
    return {
      whatToDo: prose`Check the spelling: the registry has no domain ${why.domain}. If it should exist, it has to be registered (or it expired and was deleted).`,
    };
  }
  const status = why.holds.join(', ');
  return {
    headline: prose`${f.qname} does not exist in DNS because ${why.domain} is on ${status} at the registry: ${holdMeaning(why.holds[0]!)}. Every resolver answers NXDOMAIN — not a SERVFAIL.`,
    whatToDo: prose`Nothing on your side will help. The owner of ${why.domain} has to contact their registrar to lift the ${status}; the name returns once the registry puts the delegation back.`,
  };
}

function claims(f: OutcomeFinding): Claim[] {
  const { validation } = f;
  const out: Claim[] = f.resolvers.filter((r) => isAnswer(r.cd0)).map((r) => outcomeClaim(r, 0));
  if (validation.proof) {
    out.push({
      text: proofSentence(f),
      exchanges: [
        ...(validation.targetExchange ? [validation.targetExchange] : []),
        ...f.chainExchanges,
      ],
      records: [],
      zone: validation.proof.zones[validation.proof.zones.length - 1]?.zone ?? '.',
    });
  }
  if (f.registryExplains && f.registry.lookup) {
    out.push({
      text: registrySentence(f.registry) ?? '',
      exchanges: f.registry.ids,
      records: [],
    });
  }
  return out;
}

export function explainOutcome(f: OutcomeFinding): Verdict {
  const explained = f.registryExplains ? registryWords(f, f.registryExplains) : {};
  const { nonValidating } = f;
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: explained.headline ?? HEADLINE[f.verdict][f.reason](f.qname, f.qtype),
    whatToDo: explained.whatToDo ?? WHAT_TO_DO[f.verdict](f.qname, f.qtype),
    detail: [
      prose`All ${f.answers} resolvers that were asked answer ${f.answer.rcode} with DNSSEC checking on (CD=0).`,
      proofSentence(f),
      ...(nonValidating.length > 0
        ? [
            prose`${listText(nonValidating.map((r) => r.label))} set no AD bit where others did: ${nonValidating.length === 1 ? 'it does' : 'they do'} not validate DNSSEC.`,
          ]
        : []),
    ],
    fixes: [
      reproduceFix(
        [exchangeOf(f.resolvers[0]!.cd0)],
        'Ask the first resolver yourself; a validated answer carries the ad flag.',
      ),
    ],
    confidence: f.reason === 'not-validated' ? 'medium' : 'high',
    ...(f.reason === 'not-validated'
      ? {
          uncertainty:
            'The resolvers agree, but our own DNSSEC check could not confirm the answer.',
        }
      : {}),
    claims: claims(f),
    warnings: f.warnings.map(explainWarning),
  };
}

/**
 * The warnings that announce how a working zone will break (issue 16): a signature running
 * out, a CDS the parent may act on, an algorithm, digest or NSEC3 setting validators are
 * dropping, a DS left behind.
 */
const BREAKS_LATER: ReadonlySet<string> = new Set([
  'signatures-expiring',
  'nsec3-iterations',
  'algorithm-deprecated',
  'ds-sha1-only',
  'ds-unused',
  'cds-mismatch',
]);

/** "ok, but …": the headline of a working name whose zones announce a later failure. */
export function okButHeadline(headline: string, warnings: readonly { id: string }[]): string {
  const n = warnings.filter((w) => BREAKS_LATER.has(w.id)).length;
  if (n === 0) return headline;
  return `${headline} But ${n === 1 ? 'one warning below says' : `${n} warnings below say`} how it can break later.`;
}
