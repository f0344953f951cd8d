/**
 * The last rule: nothing else fits, so the verdict says so and why, never a guess. It
 * describes what was seen so that a person (or a later version) can still make sense of it.
 */

import { isAnswer, isFailure } from '../facts';
import type { Rule } from '../rule';

export const inconclusiveRule: Rule = ({ facts, validation }) => {
  const everyFails = facts.resolvers.every((r) => isFailure(r.cd0) && isFailure(r.cd1));
  const proof = validation.proof;
  const vouched = facts.resolvers.some((r) => isAnswer(r.cd0) && r.cd0.ad);
  return {
    rule: 'inconclusive',
    verdict: 'inconclusive',
    reason: everyFails ? 'failure-unlocated' : 'mixed-evidence',
    why: everyFails
      ? 'unlocated'
      : proof?.status === 'bogus' && vouched
        ? 'bogus-but-vouched'
        : 'mixed',
    qname: facts.qname,
    qtype: facts.qtype,
    resolvers: facts.resolvers,
    notValidated: proof ? undefined : { problem: validation.problem },
  };
};
