/**
 * Rule: with the same CD setting some resolvers answer and others fail — the domain works,
 * and the odd ones out are the problem. Their EDE says why when they send one (RFC 8914
 * §4.16–4.19 Blocked, Censored, Filtered, Prohibited; §4.23–4.24 for a resolver that cannot
 * reach the servers). Runs after the DNSSEC and lame rules, so a chain that is really broken
 * never lands here because a non-validating resolver answered.
 */

import type { Claim } from '../diagnosis';
import {
  describeOutcome,
  exchangeOf,
  isAnswer,
  isFailure,
  type Facts,
  type ResolverFacts,
} from '../facts';
import type { ReasonId } from '../ids';
import { listText, outcomeClaim, reproduceFix, type Rule, type Verdict } from '../rule';

const POLICY_EDE: Readonly<Record<number, ReasonId>> = {
  15: 'blocked',
  16: 'censored',
  17: 'filtered',
  18: 'prohibited',
};

/** What each EDE means for the person, in plain words. */
const EDE_MEANING: Readonly<Record<number, string>> = {
  3: 'it served an old cached answer (Stale Answer)',
  15: 'its operator blocks this name (Blocked)',
  16: 'it blocks this name because someone outside requires it, such as a court or a regulator (Censored)',
  17: 'it filters this name, for example as part of a malware or family filter (Filtered)',
  18: 'it does not serve this client or this query (Prohibited)',
  19: 'it served an old cached "does not exist" (Stale NXDOMAIN Answer)',
  22: 'it could not reach the zone’s servers from where it is (No Reachable Authority)',
  23: 'a network error stopped it on its way to the zone’s servers (Network Error)',
};

/** Priority when odd resolvers fail differently: the most specific explanation first. */
const PRIORITY: readonly ReasonId[] = [
  'blocked',
  'censored',
  'filtered',
  'prohibited',
  'resolver-refused',
  'resolver-dnssec',
  'resolver-failure',
  'resolver-unreachable',
];

function reasonOf(r: ResolverFacts): ReasonId {
  for (const e of [...r.cd0.ede, ...r.cd1.ede]) {
    const policy = POLICY_EDE[e.infoCode];
    if (policy) return policy;
  }
  if (r.cd0.kind === 'failure' && r.cd0.rcode === 'REFUSED') return 'resolver-refused';
  if (r.cd0.kind === 'failure' && r.cd0.rcode === 'SERVFAIL' && isAnswer(r.cd1)) {
    return 'resolver-dnssec';
  }
  if (r.standing === 'slow') return 'resolver-failure';
  if (r.cd0.kind === 'transport' && (r.cd1.kind === 'transport' || r.cd1.kind === 'missing')) {
    return 'resolver-unreachable';
  }
  return 'resolver-failure';
}

function whatItDid(r: ResolverFacts, reason: ReasonId): string {
  const meaning = [...r.cd0.ede, ...r.cd1.ede]
    .map((e) => EDE_MEANING[e.infoCode])
    .filter((m): m is string => m !== undefined);
  if (meaning.length > 0) return `${r.label}: ${[...new Set(meaning)].join('; ')}.`;
  if (r.standing === 'slow') {
    return `${r.label} answered this check’s other queries but did not resolve the name in time (${describeOutcome(r.cd0)}): it is still trying the domain’s servers, which the others reached.`;
  }
  switch (reason) {
    case 'resolver-refused':
      return `${r.label} answers REFUSED with no reason given: resolvers do that for names or clients their policy excludes.`;
    case 'resolver-dnssec':
      return `${r.label} rejects the answer as bogus (SERVFAIL with CD=0, an answer with CD=1) although it validates elsewhere and for us: its trust anchor or DNSSEC support may be out of date.`;
    case 'resolver-unreachable':
      return `${r.label} could not be reached from this browser (${describeOutcome(r.cd0)}).`;
    default:
      return `${r.label} answers ${describeOutcome(r.cd0)} with CD=0 and ${describeOutcome(r.cd1)} with CD=1, while others answer: it cannot resolve the name from where it is.`;
  }
}

function headlineOf(facts: Facts, odd: readonly ResolverFacts[], reason: ReasonId): string {
  const who = listText(odd.map((r) => r.label));
  const tail = 'other resolvers answer normally, so the domain is not the problem.';
  switch (reason) {
    case 'blocked':
    case 'censored':
    case 'filtered':
      return `${who} ${odd.length === 1 ? 'blocks' : 'block'} ${facts.qname} by policy (${reason}); ${tail}`;
    case 'prohibited':
    case 'resolver-refused':
      return `${who} ${odd.length === 1 ? 'refuses' : 'refuse'} to answer for ${facts.qname}; ${tail}`;
    case 'resolver-unreachable':
      return `${who} could not be reached from this browser; ${tail}`;
    default:
      return `${facts.qname} works, but ${who} ${odd.length === 1 ? 'fails' : 'fail'} to resolve it; ${tail}`;
  }
}

/** The resolvers that answer with CD=0, and those that fail. */
function split(facts: Facts): { ok: ResolverFacts[]; odd: ResolverFacts[] } {
  return {
    ok: facts.resolvers.filter((r) => isAnswer(r.cd0)),
    odd: facts.resolvers.filter((r) => isFailure(r.cd0)),
  };
}

export const resolverSpecificRule: Rule = ({ facts, validation }) => {
  const { ok, odd } = split(facts);
  if (ok.length === 0 || odd.length === 0) return null;
  const reasons = odd.map(reasonOf);
  const reason = PRIORITY.find((p) => reasons.includes(p)) ?? 'resolver-failure';
  const status = validation.proof?.status;
  const okLabels = ok.map((r) => r.label);
  const claims: Claim[] = [
    ...odd.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]),
    ...ok.map((r) => outcomeClaim(r, 0)),
  ];
  const policy = reason === 'blocked' || reason === 'censored' || reason === 'filtered';
  const verdict: Verdict = {
    verdict: 'resolver-specific',
    reason,
    headline: headlineOf(facts, odd, reason),
    whatToDo: policy
      ? `Use another resolver (${okLabels[0]} answered), or, if you think the block is a mistake, ask the operator of ${listText(odd.map((r) => r.label))} to lift it.`
      : `Use another resolver for now (${okLabels[0]} answered), or tell the operator of ${listText(odd.map((r) => r.label))}.`,
    detail: [
      `${listText(okLabels)} ${ok.length === 1 ? 'answers' : 'answer'} ${facts.qname} ${facts.qtype}` +
        (status === 'secure'
          ? ', and our own DNSSEC validation of the answer succeeds.'
          : status === 'insecure'
            ? '; the zone is not signed, so there is no DNSSEC to fail.'
            : '.'),
      ...odd.map((r, i) => whatItDid(r, reasons[i]!)),
      'Nothing needs to change in the zone: the domain’s owner can only help by telling the resolver’s operator.',
    ],
    fixes: [
      {
        kind: 'workaround',
        title: 'Use a resolver that answers',
        text: `${listText(okLabels)} ${ok.length === 1 ? 'resolves' : 'resolve'} the name. Change the DNS setting of your device, browser or router, or ask your network administrator.`,
        records: [],
        commands: [],
      },
      reproduceFix(
        [exchangeOf(odd[0]!.cd0), exchangeOf(ok[0]!.cd0)],
        'The first command asks the resolver that fails, the second one that answers.',
      ),
    ],
    confidence: status === 'secure' || status === 'insecure' ? 'high' : 'medium',
    ...(status === 'secure' || status === 'insecure'
      ? {}
      : {
          uncertainty:
            'Our own DNSSEC validation did not complete, so the answering resolvers’ answer is not independently confirmed.',
        }),
    claims,
    oddResolvers: odd.map((r) => r.url),
  };
  return verdict;
};
