/**
 * The last rule: nothing else fits, so the verdict says so and why, never a guess. It
 * describes what was seen so that a person (or a later version) can still make sense of it.
 */

import { digCommand } from '../../dns/shell-command';
import { describeOutcome, exchangeOf, isAnswer, isFailure } from '../facts';
import { outcomeClaim, reproduceFix, type Rule } from '../rule';

export const inconclusiveRule: Rule = ({ facts, validation }) => {
  const everyFails = facts.resolvers.every((r) => isFailure(r.cd0) && isFailure(r.cd1));
  const seen = facts.resolvers.map(
    (r) => `${r.label}: CD=0 ${describeOutcome(r.cd0)}, CD=1 ${describeOutcome(r.cd1)}.`,
  );
  const proof = validation.proof;
  const why = everyFails
    ? 'Every resolver fails, with and without DNSSEC checking, but neither the parent zones’ answers nor the resolvers’ error codes show which zone breaks: the failure may lie in an alias (CNAME) target or higher up the tree.'
    : proof?.status === 'bogus' && facts.resolvers.some((r) => isAnswer(r.cd0) && r.cd0.ad)
      ? 'Our own DNSSEC check finds the answer bogus, yet a validating resolver accepted it (AD). The resolver may hold an older copy, or the clocks differ.'
      : 'The resolvers’ answers do not point to one cause.';
  return {
    verdict: 'inconclusive',
    reason: everyFails ? 'failure-unlocated' : 'mixed-evidence',
    headline: `The evidence does not tell why ${facts.qname} fails, so there is no verdict rather than a guess.`,
    whatToDo:
      'Run the check again in a few minutes; if it stays like this, send this page to the domain’s owner or ask in a DNS forum with the evidence link.',
    detail: [why, ...seen],
    fixes: [
      reproduceFix(
        facts.resolvers.slice(0, 1).flatMap((r) => [exchangeOf(r.cd0), exchangeOf(r.cd1)]),
        'Try it from a terminal; the last command (+trace) follows the delegation from the root and shows where it stops.',
        [digCommand({ name: facts.qname, type: facts.qtype, flags: ['+trace'] })],
      ),
    ],
    confidence: 'low',
    uncertainty: why,
    claims: facts.resolvers.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]),
    unknowns: proof
      ? []
      : [
          validation.problem ??
            'No answer could be validated, so the chain of trust was not checked.',
        ],
  };
};
