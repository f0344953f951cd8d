/**
 * Rule: every resolver answers, but not the same thing — some say the name does not exist
 * (NXDOMAIN) where others return it. Some resolvers block that way (Quad9 answers NXDOMAIN
 * without an SOA, facts.md). Our own validation decides which answer is right; without it,
 * the evidence cannot, and the rule stays silent.
 */

import { exchangeOf, isAnswer, isFailure, type ResolverFacts } from '../facts';
import { listText, outcomeClaim, reproduceFix, type Rule } from '../rule';

export const disagreementRule: Rule = ({ facts, validation }) => {
  if (facts.resolvers.some((r) => isFailure(r.cd0))) return null;
  const answering = facts.resolvers.filter((r) => isAnswer(r.cd0));
  const rcodeOf = (r: ResolverFacts) => (isAnswer(r.cd0) ? r.cd0.rcode : undefined);
  if (new Set(answering.map(rcodeOf)).size < 2) return null;
  const proof = validation.proof;
  if (proof?.status !== 'secure' && proof?.status !== 'insecure') return null;
  const right = proof.kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR';
  const odd = answering.filter((r) => rcodeOf(r) !== right);
  const ok = answering.filter((r) => rcodeOf(r) === right);
  if (odd.length === 0 || ok.length === 0) return null;
  const who = listText(odd.map((r) => r.label));
  return {
    verdict: 'resolver-specific',
    reason: 'resolver-disagrees',
    headline: `${who} ${odd.length === 1 ? 'answers' : 'answer'} ${facts.qname} differently from the other resolvers, whose ${right} answer our own check confirms: the domain is not the problem.`,
    whatToDo: `Use another resolver (${ok[0]!.label} answered), or ask the operator of ${who} why it answers this way.`,
    detail: [
      `${listText(ok.map((r) => r.label))} answer ${right}; ${who} ${odd.length === 1 ? 'answers' : 'answer'} ${odd.map((r) => rcodeOf(r)).join(', ')}.`,
      proof.status === 'secure'
        ? 'Our own DNSSEC validation proves the first answer, so the other is not what the zone says: a block or a filter is the usual cause.'
        : 'The zone is not signed, so the answers cannot be authenticated; the majority and our own chain check agree on the first.',
    ],
    fixes: [
      reproduceFix(
        [exchangeOf(odd[0]!.cd0), exchangeOf(ok[0]!.cd0)],
        'The first command asks the resolver that differs, the second one that agrees with the zone.',
      ),
    ],
    confidence: proof.status === 'secure' ? 'high' : 'medium',
    claims: [...odd, ...ok].map((r) => outcomeClaim(r, 0)),
    oddResolvers: odd.map((r) => r.url),
  };
};
