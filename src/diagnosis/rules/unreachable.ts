/**
 * Rule: no resolver gave a DNS answer at all (every exchange failed in transport). A browser
 * cannot tell a CORS refusal from a network failure (facts.md), so the verdict says what
 * was seen and what to try, never which of the two it was.
 */

import type { TransportOutcome } from '../facts';
import type { Rule } from '../rule';

export const unreachableRule: Rule = ({ facts }) => {
  // A resolver that gave no DNS answer tells nothing about the name (design): the verdict
  // comes from the others, and only when none is left is there nothing to say.
  if (facts.resolvers.length > 0 || facts.silent.length === 0) return null;
  const transport = facts.silent
    .flatMap((r) => [r.cd0, r.cd1])
    .filter((o): o is TransportOutcome => o.kind === 'transport');
  return {
    rule: 'unreachable',
    verdict: 'inconclusive',
    reason: 'all-unreachable',
    qname: facts.qname,
    qtype: facts.qtype,
    silent: facts.silent,
    classes: [...new Set(transport.map((o) => o.errorClass))].sort(),
  };
};
