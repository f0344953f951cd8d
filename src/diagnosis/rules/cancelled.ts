/**
 * Rule: the person cancelled the check before every resolver had answered the question.
 * What did arrive is kept and shown, but a verdict on half the answers would be a guess.
 */

import { outcomeClaim, type Rule } from '../rule';

export const cancelledRule: Rule = ({ facts }) => {
  if (!facts.cancelled) return null;
  const everyone = [...facts.resolvers, ...facts.silent];
  const unanswered = everyone.filter((r) =>
    [r.cd0, r.cd1].some(
      (o) => o.kind === 'missing' || (o.kind === 'transport' && o.errorClass === 'aborted'),
    ),
  );
  if (unanswered.length === 0) return null; // only follow-up queries were cut short
  const name = facts.qname;
  return {
    verdict: 'inconclusive',
    reason: 'cancelled',
    headline: `The check of ${name} was cancelled before every resolver had answered, so there is no verdict.`,
    whatToDo: 'Run the check again and let it finish; it usually takes a few seconds.',
    detail: [
      `${unanswered.length} of ${everyone.length} resolvers had not answered ${name} ${facts.qtype} ` +
        'with both CD=0 and CD=1 when the check was cancelled. The answers that did arrive are in the grid.',
    ],
    fixes: [],
    confidence: 'low',
    uncertainty: 'The check was cancelled: the missing answers could change the verdict.',
    claims: unanswered.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]),
  };
};
