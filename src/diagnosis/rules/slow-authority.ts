/**
 * Rule: the resolvers work — they answered this check's other queries — but none of them
 * finished the question itself in time. Real resolvers take 1–5 s and more to give up on
 * dead or lame servers (facts.md), so a time-out here is a resolver still waiting on the
 * domain's servers, not a sign that the person is offline. Without a SERVFAIL or an EDE
 * there is no proof of which servers fail, so the verdict stays inconclusive and says so.
 */

import { digCommand } from '../../dns/shell-command';
import type { Claim } from '../diagnosis';
import { exchangeOf, isFailure, type TargetOutcome } from '../facts';
import { locateLameZone } from '../lame-analysis';
import { listText, outcomeClaim, reproduceFix, type Rule } from '../rule';

const slowOrStale = (o: TargetOutcome): boolean =>
  (o.kind === 'transport' && o.errorClass === 'timeout') || o.kind === 'stale';

export const slowAuthorityRule: Rule = ({ facts }) => {
  const outcomes = facts.resolvers.flatMap((r) => [r.cd0, r.cd1]);
  if (outcomes.length === 0 || !outcomes.every((o) => isFailure(o) || o.kind === 'missing')) {
    return null;
  }
  const timedOut = (o: TargetOutcome): boolean =>
    o.kind === 'transport' && o.errorClass === 'timeout';
  if (!outcomes.some(timedOut)) return null;
  if (outcomes.some((o) => isFailure(o) && !slowOrStale(o))) return null;
  const slow = facts.resolvers.filter((r) => r.standing === 'slow');
  const seconds = Math.round(
    Math.max(...outcomes.map((o) => (o.kind === 'transport' ? o.exchange.durationMs : 0))) / 1000,
  );
  const located = locateLameZone(facts);
  const where = located
    ? `the servers of ${located.zone}` +
      (located.parentAnswer ? `, which ${located.parentAnswer.parent} still delegates to,` : '')
    : 'the domain’s servers';
  const claims: Claim[] = facts.resolvers.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]);
  if (located) {
    claims.push({
      text: `${located.zone}’s own records (NS, DNSKEY) did not arrive either.`,
      exchanges: located.failed.map((x) => x.id),
      records: [],
      zone: located.zone,
    });
  }
  const who = slow.length > 0 ? listText(slow.map((r) => r.label)) : 'The resolvers';
  return {
    verdict: 'inconclusive',
    reason: 'authority-slow',
    headline: `No resolver finished ${facts.qname} within ${seconds} s, though they answered the rest of the check: ${where} are slow or do not answer.`,
    whatToDo:
      'This is not your connection: the resolvers are still trying the domain’s servers. Check again in a minute; if it stays like this, tell the domain’s owner.',
    detail: [
      `${who} answered this check’s other questions but not ${facts.qname} ${facts.qtype}: resolvers take several seconds to give up on servers that do not answer, and then say SERVFAIL.`,
      ...(located?.parentAnswer ? [located.parentAnswer.text] : []),
    ],
    fixes: [
      reproduceFix(
        facts.resolvers.slice(0, 1).flatMap((r) => [exchangeOf(r.cd0), exchangeOf(r.cd1)]),
        'From a terminal, the last command (+trace) shows which servers do not answer.',
        [digCommand({ name: facts.qname, type: facts.qtype, flags: ['+trace'] })],
      ),
    ],
    confidence: 'low',
    uncertainty:
      'The resolvers did not finish, so they gave no SERVFAIL or error code that says which servers fail and how.',
    claims,
    ...(located ? { zone: located.zone } : {}),
  };
};
