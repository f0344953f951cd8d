/**
 * Rule: the person cancelled the check before every resolver had answered the question.
 * What did arrive is kept and shown, but a verdict on half the answers would be a guess.
 */

import type { Rule } from '../rule';

export const cancelledRule: Rule = ({ facts }) => {
  if (!facts.cancelled) return null;
  const everyone = [...facts.resolvers, ...facts.silent];
  const unanswered = everyone.filter((r) =>
    [r.cd0, r.cd1].some(
      (o) => o.kind === 'missing' || (o.kind === 'transport' && o.errorClass === 'aborted'),
    ),
  );
  if (unanswered.length === 0) return null; // only follow-up queries were cut short
  return {
    rule: 'cancelled',
    verdict: 'inconclusive',
    reason: 'cancelled',
    qname: facts.qname,
    qtype: facts.qtype,
    unanswered,
    asked: everyone.length,
  };
};
