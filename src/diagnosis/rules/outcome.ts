/**
 * Rule: every resolver answers, and they agree — the name works (`ok`), does not exist
 * (`nxdomain`) or has no record of that type (`nodata`). None of these is a SERVFAIL; the
 * reason says whether our own validation proved it (RFC 4035 §4.3 secure / insecure).
 */

import type { ProofTree } from '../../dnssec/proof-tree';
import type { Claim } from '../diagnosis';
import { fqdn } from '../../dns/name';
import { exchangeOf, isAnswer, isFailure, type AnswerOutcome } from '../facts';
import type { ReasonId, VerdictId } from '../ids';
import { normStatus, registrySentence } from '../registry';
import {
  listText,
  outcomeClaim,
  reproduceFix,
  type Rule,
  type RuleContext,
  type Verdict,
} from '../rule';
import { okWarnings } from '../warnings';

function reasonOf(proof: ProofTree | null): ReasonId {
  if (proof?.status === 'secure') return 'secure';
  if (proof?.status === 'insecure') return 'insecure';
  return 'not-validated';
}

function verdictOf(answer: AnswerOutcome, qtype: string): VerdictId {
  if (answer.rcode === 'NXDOMAIN') return 'nxdomain';
  const has = answer.message.answer.some(
    (rr) => rr.type === qtype || (qtype === 'ANY' && rr.type !== 'RRSIG'),
  );
  return has ? 'ok' : 'nodata';
}

function proofSentence(context: RuleContext, verdict: VerdictId): string {
  const { proof, problem } = context.validation;
  if (!proof)
    return `Our own DNSSEC validation could not run: ${problem ?? 'no answer to validate'}`;
  const last = proof.zones[proof.zones.length - 1]?.zone;
  const what = verdict === 'ok' ? 'The answer' : 'The denial';
  switch (proof.status) {
    case 'secure':
      return `${what} is validated by our own DNSSEC check, from the trust anchor down through ${listText(proof.zones.map((z) => z.zone))}.`;
    case 'insecure':
      return `The zone is not signed: ${proof.findings[0]?.message ?? `the chain of trust ends above ${last ?? 'it'}`}. Answers cannot be authenticated, but there is no DNSSEC to fail either.`;
    default:
      return `Our own DNSSEC check could not be completed (${proof.findings[0]?.message ?? proof.status}).`;
  }
}

const HEADLINE: Readonly<Record<'ok' | 'nxdomain' | 'nodata', Record<string, string>>> = {
  ok: {
    secure: '{q} resolves normally at every resolver asked, and its DNSSEC signatures check out.',
    insecure:
      '{q} resolves normally at every resolver asked (it is not signed with DNSSEC, so there is nothing to fail).',
    'not-validated':
      '{q} resolves normally at every resolver asked; our own DNSSEC check could not be completed.',
  },
  nxdomain: {
    secure:
      '{q} does not exist: every resolver answers NXDOMAIN, a proven “no such name” — not a SERVFAIL.',
    insecure: '{q} does not exist: every resolver answers NXDOMAIN (“no such name”), not SERVFAIL.',
    'not-validated':
      '{q} does not exist: every resolver answers NXDOMAIN (“no such name”), not SERVFAIL.',
  },
  nodata: {
    secure:
      '{q} exists but has no {t} record; every resolver says so, with a signed proof — not a SERVFAIL.',
    insecure: '{q} exists but has no {t} record; every resolver says so — not a SERVFAIL.',
    'not-validated': '{q} exists but has no {t} record; every resolver says so — not a SERVFAIL.',
  },
};

const WHAT_TO_DO: Readonly<Record<'ok' | 'nxdomain' | 'nodata', string>> = {
  ok: 'If you saw SERVFAIL, it came from your own resolver or from an earlier moment: try again, or switch to one of these resolvers; if it keeps failing, run this check on the network where it fails.',
  nxdomain:
    'Check the spelling. If the name should exist, its owner has to add it to the zone (or renew the domain).',
  nodata:
    'If a {t} record should exist, the zone’s owner has to add it; the name itself exists and may have other record types.',
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

/**
 * An NXDOMAIN the registry explains: the domain is held, expired or not registered. Only
 * when the denial comes from above the domain (its parent's SOA in the answer): a name
 * denied by the domain's own zone shows the delegation works, whatever the status says.
 */
function registryExplains(
  context: RuleContext,
  answer: AnswerOutcome,
): Partial<Verdict> | undefined {
  const { registry, facts } = context;
  const covers =
    registry.domain !== '' &&
    (facts.qname === registry.domain || facts.qname.endsWith(`.${registry.domain}`));
  if (!covers) return undefined;
  const soa = answer.message.authority.find((rr) => rr.type === 'SOA');
  const denier = soa ? fqdn(soa.name) : undefined;
  const fromAbove =
    denier !== undefined &&
    denier !== registry.domain &&
    (denier === '.' || registry.domain.endsWith(`.${denier}`));
  if (!fromAbove) return undefined;
  if (registry.state === 'found' && registry.holds.length > 0) {
    const status = registry.holds.join(', ');
    return {
      headline: `${facts.qname} does not exist in DNS because ${registry.domain} is on ${status} at the registry: ${holdMeaning(registry.holds[0]!)}. Every resolver answers NXDOMAIN — not a SERVFAIL.`,
      whatToDo: `Nothing on your side will help. The owner of ${registry.domain} has to contact their registrar to lift the ${status}; the name returns once the registry puts the delegation back.`,
    };
  }
  if (registry.state === 'not-found' && facts.qname.split('.').length > 2) {
    return {
      whatToDo: `Check the spelling: the registry has no domain ${registry.domain}. If it should exist, it has to be registered (or it expired and was deleted).`,
    };
  }
  return undefined;
}

export const outcomeRule: Rule = (context) => {
  const { facts, validation } = context;
  if (facts.resolvers.some((r) => isFailure(r.cd0))) return null;
  const answers = facts.resolvers.map((r) => r.cd0).filter(isAnswer);
  if (answers.length === 0) return null;
  const rcodes = new Set(answers.map((a) => a.rcode));
  if (rcodes.size !== 1) return null;
  if (validation.proof?.status === 'bogus') return null;
  const first = answers.find((a) => a.ad) ?? answers[0]!;
  const verdict = verdictOf(first, facts.qtype);
  if (verdict !== 'ok' && verdict !== 'nxdomain' && verdict !== 'nodata') return null;
  const reason = reasonOf(validation.proof);
  const fill = (s: string) => s.replaceAll('{q}', facts.qname).replaceAll('{t}', facts.qtype);
  const chainIds = validation.sources.flatMap((s) =>
    [s.ds, s.dnskey].filter((id): id is string => id !== undefined),
  );
  const nonValidating = facts.resolvers.filter((r) => r.validates === false);
  const claims: Claim[] = facts.resolvers
    .filter((r) => isAnswer(r.cd0))
    .map((r) => outcomeClaim(r, 0));
  if (validation.proof) {
    claims.push({
      text: proofSentence(context, verdict),
      exchanges: [...(validation.targetExchange ? [validation.targetExchange] : []), ...chainIds],
      records: [],
      zone: validation.proof.zones[validation.proof.zones.length - 1]?.zone ?? '.',
    });
  }
  const explained = verdict === 'nxdomain' ? registryExplains(context, first) : undefined;
  if (explained && context.registry.lookup) {
    claims.push({
      text: registrySentence(context.registry) ?? '',
      exchanges: context.registry.ids,
      records: [],
    });
  }
  return {
    verdict,
    reason,
    headline: explained?.headline ?? fill(HEADLINE[verdict][reason]!),
    whatToDo: explained?.whatToDo ?? fill(WHAT_TO_DO[verdict]),
    detail: [
      `All ${answers.length} resolvers that were asked answer ${first.rcode} with DNSSEC checking on (CD=0).`,
      proofSentence(context, verdict),
      ...(nonValidating.length > 0
        ? [
            `${listText(nonValidating.map((r) => r.label))} set no AD bit where others did: ${nonValidating.length === 1 ? 'it does' : 'they do'} not validate DNSSEC.`,
          ]
        : []),
    ],
    fixes: [
      reproduceFix(
        [exchangeOf(facts.resolvers[0]!.cd0)],
        'Ask the first resolver yourself; a validated answer carries the ad flag.',
      ),
    ],
    confidence: reason === 'not-validated' ? 'medium' : 'high',
    ...(reason === 'not-validated'
      ? {
          uncertainty:
            'The resolvers agree, but our own DNSSEC check could not confirm the answer.',
        }
      : {}),
    claims,
    warnings: okWarnings(facts, validation.proof, context.now, chainIds),
  };
};
