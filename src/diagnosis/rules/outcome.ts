/**
 * Rule: every resolver answers, and they agree — the name works (`ok`), does not exist
 * (`nxdomain`) or has no record of that type (`nodata`). None of these is a SERVFAIL; the
 * reason says whether our own validation proved it (RFC 4035 §4.3 secure / insecure).
 */

import type { ProofTree } from '../../dnssec/proof-tree';
import { fqdn } from '../../dns/name';
import { isAnswer, isFailure, type AnswerOutcome } from '../facts';
import type { OutcomeFinding, RegistryExplanation } from '../finding';
import type { Rule, RuleContext } from '../rule';
import { okWarnings } from '../warnings';

function reasonOf(proof: ProofTree | null): OutcomeFinding['reason'] {
  if (proof?.status === 'secure') return 'secure';
  if (proof?.status === 'insecure') return 'insecure';
  return 'not-validated';
}

function verdictOf(answer: AnswerOutcome, qtype: string): OutcomeFinding['verdict'] {
  if (answer.rcode === 'NXDOMAIN') return 'nxdomain';
  const has = answer.message.answer.some(
    (rr) => rr.type === qtype || (qtype === 'ANY' && rr.type !== 'RRSIG'),
  );
  return has ? 'ok' : 'nodata';
}

/**
 * An NXDOMAIN the registry explains: the domain is held, expired or not registered. Only
 * when the denial comes from above the domain (its parent's SOA in the answer): a name
 * denied by the domain's own zone shows the delegation works, whatever the status says.
 */
function registryExplains(
  context: RuleContext,
  answer: AnswerOutcome,
): RegistryExplanation | undefined {
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
    return { kind: 'held', domain: registry.domain, holds: registry.holds };
  }
  if (registry.state === 'not-found' && facts.qname.split('.').length > 2) {
    return { kind: 'not-registered', domain: registry.domain };
  }
  return undefined;
}

export const outcomeRule: Rule = (context) => {
  const { facts, validation } = context;
  if (facts.resolvers.some((r) => isFailure(r.cd0))) return null;
  const answers = facts.resolvers.map((r) => r.cd0).filter(isAnswer);
  if (answers.length === 0) return null;
  if (new Set(answers.map((a) => a.rcode)).size !== 1) return null;
  if (validation.proof?.status === 'bogus') return null;
  const first = answers.find((a) => a.ad) ?? answers[0]!;
  const verdict = verdictOf(first, facts.qtype);
  const chainExchanges = validation.sources.flatMap((s) =>
    [s.ds, s.dnskey].filter((id): id is string => id !== undefined),
  );
  return {
    rule: 'outcome',
    verdict,
    reason: reasonOf(validation.proof),
    qname: facts.qname,
    qtype: facts.qtype,
    resolvers: facts.resolvers,
    answer: first,
    answers: answers.length,
    nonValidating: facts.resolvers.filter((r) => r.validates === false),
    validation,
    chainExchanges,
    registryExplains: verdict === 'nxdomain' ? registryExplains(context, first) : undefined,
    registry: context.registry,
    warnings: okWarnings(facts, validation.proof, context.now, chainExchanges),
  };
};
