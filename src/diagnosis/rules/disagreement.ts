/**
 * Rule: every resolver answers, but not the same thing — some say the name does not exist
 * (NXDOMAIN) or give another address where others return the zone's data. Filtering
 * resolvers do exactly that, often without any EDE: Quad9 and many ISP resolvers block with
 * a bare NXDOMAIN (no SOA), others hand out the address of a block page (facts.md).
 *
 * Each distinct answer was validated on its own (validate-evidence.ts), so the rule does not
 * count votes: in a signed zone, the answer that validates is what the zone says, and an
 * answer that does not validate beside it is that resolver's policy or a forgery. In an
 * unsigned zone nothing can be authenticated; different addresses are normal there (CDNs
 * answer by location), so only a different RCODE counts, and the validated chain's answer
 * (the zone is provably unsigned) is taken as the zone's.
 */

import type { ExtendedDnsError } from '../../dns/ede';
import { exchangeOf, isAnswer, isFailure, type ResolverFacts } from '../facts';
import type { DisagreementReason, OddAnswer } from '../finding';
import type { Rule, RuleContext } from '../rule';
import type { AnswerValidation } from '../validate-evidence';

/** RFC 8914 §4.5 Forged Answer, §4.16–4.19 Blocked, Censored, Filtered, Prohibited. */
const POLICY_EDE: Readonly<Record<number, DisagreementReason>> = {
  4: 'forged',
  15: 'blocked',
  16: 'censored',
  17: 'filtered',
  18: 'prohibited',
};

/** Why a resolver's answer differs from the zone's, as far as its answer shows. */
function reasonOf(
  answer: AnswerValidation,
  chosen: AnswerValidation,
  ede: readonly ExtendedDnsError[],
): DisagreementReason {
  for (const e of ede) {
    const policy = POLICY_EDE[e.infoCode];
    if (policy) return policy;
  }
  const denies = answer.rcode === 'NXDOMAIN' || answer.records.length === 0;
  const zoneHasData = chosen.rcode === 'NOERROR' && chosen.records.length > 0;
  if (denies && zoneHasData) return 'filtered';
  if (answer.rcode === 'NOERROR' && answer.records.length > 0) return 'forged';
  return 'resolver-disagrees';
}

const PRIORITY: readonly DisagreementReason[] = [
  'forged',
  'blocked',
  'censored',
  'filtered',
  'prohibited',
  'resolver-disagrees',
];

/**
 * The resolvers whose answer differs from the zone's (`odd`) and those that give it (`ok`).
 * In a signed zone a different answer that validates too is the zone's (several signed
 * addresses, answered by location); only one that fails validation is odd.
 */
function sortAnswers(context: RuleContext, chosen: AnswerValidation, signed: boolean) {
  const { facts, validation } = context;
  const answerOf = (r: ResolverFacts): AnswerValidation | undefined => {
    const id = exchangeOf(r.cd0)?.id;
    return id === undefined ? undefined : validation.answers.find((a) => a.exchanges.includes(id));
  };
  const odd: OddAnswer[] = [];
  const ok: ResolverFacts[] = [];
  for (const r of facts.resolvers) {
    if (!isAnswer(r.cd0)) continue;
    const answer = answerOf(r);
    if (answer === undefined) continue;
    const differs = signed
      ? answer !== chosen && answer.status !== 'secure'
      : answer.rcode !== chosen.rcode;
    if (differs) odd.push({ resolver: r, answer, reason: reasonOf(answer, chosen, r.cd0.ede) });
    else ok.push(r);
  }
  return { odd, ok };
}

export const disagreementRule: Rule = (context) => {
  const { facts, validation } = context;
  if (facts.resolvers.some((r) => isFailure(r.cd0))) return null;
  const proof = validation.proof;
  if (proof?.status !== 'secure' && proof?.status !== 'insecure') return null;
  const chosen = validation.answers.find((a) => a.chosen);
  if (!chosen) return null;
  const signed = proof.status === 'secure';
  const { odd, ok } = sortAnswers(context, chosen, signed);
  if (odd.length === 0 || ok.length === 0) return null;
  return {
    rule: 'disagreement',
    verdict: 'resolver-specific',
    reason: PRIORITY.find((p) => odd.some((o) => o.reason === p)) ?? 'resolver-disagrees',
    qname: facts.qname,
    qtype: facts.qtype,
    odd,
    ok,
    chosen,
    signed,
    targetExchange: validation.targetExchange,
  };
};
