/**
 * Rule: the resolvers work — they answered this check's other queries — but none of them
 * finished the question itself in time. Real resolvers take 1–5 s and more to give up on
 * dead or lame servers (facts.md), so a time-out here is a resolver still waiting on the
 * domain's servers, not a sign that the person is offline. Without a SERVFAIL or an EDE
 * there is no proof of which servers fail, so the verdict stays inconclusive and says so.
 */

import { isFailure, type TargetOutcome } from '../facts';
import { locateLameZone } from '../lame-analysis';
import type { Rule } from '../rule';

const timedOut = (o: TargetOutcome): boolean =>
  o.kind === 'transport' && o.errorClass === 'timeout';

const slowOrStale = (o: TargetOutcome): boolean => timedOut(o) || o.kind === 'stale';

export const slowAuthorityRule: Rule = ({ facts }) => {
  const outcomes = facts.resolvers.flatMap((r) => [r.cd0, r.cd1]);
  if (outcomes.length === 0 || !outcomes.every((o) => isFailure(o) || o.kind === 'missing')) {
    return null;
  }
  if (!outcomes.some(timedOut)) return null;
  if (outcomes.some((o) => isFailure(o) && !slowOrStale(o))) return null;
  const longestMs = Math.max(
    ...outcomes.map((o) => (o.kind === 'transport' ? o.exchange.durationMs : 0)),
  );
  return {
    rule: 'slow-authority',
    verdict: 'inconclusive',
    reason: 'authority-slow',
    qname: facts.qname,
    qtype: facts.qtype,
    resolvers: facts.resolvers,
    slow: facts.resolvers.filter((r) => r.standing === 'slow'),
    seconds: Math.round(longestMs / 1000),
    located: locateLameZone(facts),
  };
};
