/**
 * The words for `resolver-specific`: some resolvers fail where others answer
 * (rules/resolver-specific.ts), or answer something else than the zone publishes
 * (rules/disagreement.ts). The domain is not the problem; the person can switch resolvers.
 */

import type { Fix } from '../diagnosis';
import { describeOutcome, exchangeOf, type ResolverFacts } from '../facts';
import type {
  DisagreementFinding,
  FailingResolver,
  OddAnswer,
  ResolverFailsFinding,
} from '../finding';
import type { Verdict } from '../rule';
import { outcomeClaim, outcomeClaims, reproduceFix } from './common';
import { listText, prose } from './prose';

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

const NOTHING_TO_CHANGE =
  'Nothing needs to change in the zone: the domain’s owner can only help by telling the resolver’s operator.';

/** The workaround: switch to a resolver that `does` the right thing. */
function useAnother(ok: readonly ResolverFacts[], does: [string, string], what: string): Fix {
  return {
    kind: 'workaround',
    title: 'Use a resolver that answers',
    text: prose`${listText(ok.map((r) => r.label))} ${ok.length === 1 ? does[0] : does[1]} ${what}. Change the DNS setting of your device, browser or router, or ask your network administrator.`,
    records: [],
    commands: [],
  };
}

function whatItDid({ resolver: r, reason }: FailingResolver): string {
  const meaning = [...r.cd0.ede, ...r.cd1.ede]
    .map((e) => EDE_MEANING[e.infoCode])
    .filter((m): m is string => m !== undefined);
  if (meaning.length > 0) return prose`${r.label}: ${[...new Set(meaning)].join('; ')}.`;
  if (r.standing === 'slow') {
    return prose`${r.label} answered this check’s other queries but did not resolve the name in time (${describeOutcome(r.cd0)}): it is still trying the domain’s servers, which the others reached.`;
  }
  switch (reason) {
    case 'resolver-refused':
      return prose`${r.label} answers REFUSED with no reason given: resolvers do that for names or clients their policy excludes.`;
    case 'resolver-dnssec':
      return prose`${r.label} rejects the answer as bogus (SERVFAIL with CD=0, an answer with CD=1) although it validates elsewhere and for us: its trust anchor or DNSSEC support may be out of date.`;
    case 'resolver-unreachable':
      return prose`${r.label} could not be reached from this browser (${describeOutcome(r.cd0)}).`;
    default:
      return prose`${r.label} answers ${describeOutcome(r.cd0)} with CD=0 and ${describeOutcome(r.cd1)} with CD=1, while others answer: it cannot resolve the name from where it is.`;
  }
}

function failsHeadline(f: ResolverFailsFinding): string {
  const who = listText(f.odd.map((o) => o.resolver.label));
  const one = f.odd.length === 1;
  const tail = 'other resolvers answer normally, so the domain is not the problem.';
  switch (f.reason) {
    case 'blocked':
    case 'censored':
    case 'filtered':
      return prose`${who} ${one ? 'blocks' : 'block'} ${f.qname} by policy (${f.reason}); ${tail}`;
    case 'prohibited':
    case 'resolver-refused':
      return prose`${who} ${one ? 'refuses' : 'refuse'} to answer for ${f.qname}; ${tail}`;
    case 'resolver-unreachable':
      return prose`${who} could not be reached from this browser; ${tail}`;
    default:
      return prose`${f.qname} works, but ${who} ${one ? 'fails' : 'fail'} to resolve it; ${tail}`;
  }
}

export function explainResolverFails(f: ResolverFailsFinding): Verdict {
  const { ok, odd } = f;
  const okLabels = ok.map((r) => r.label);
  const who = listText(odd.map((o) => o.resolver.label));
  const policy = f.reason === 'blocked' || f.reason === 'censored' || f.reason === 'filtered';
  const proven = f.proofStatus !== undefined;
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: failsHeadline(f),
    whatToDo: policy
      ? prose`Use another resolver (${okLabels[0]!} answered), or, if you think the block is a mistake, ask the operator of ${who} to lift it.`
      : prose`Use another resolver for now (${okLabels[0]!} answered), or tell the operator of ${who}.`,
    detail: [
      prose`${listText(okLabels)} ${ok.length === 1 ? 'answers' : 'answer'} ${f.qname} ${f.qtype}` +
        (f.proofStatus === 'secure'
          ? ', and our own DNSSEC validation of the answer succeeds.'
          : f.proofStatus === 'insecure'
            ? '; the zone is not signed, so there is no DNSSEC to fail.'
            : '.'),
      ...odd.map(whatItDid),
      NOTHING_TO_CHANGE,
    ],
    fixes: [
      useAnother(ok, ['resolves', 'resolve'], 'the name'),
      reproduceFix(
        [exchangeOf(odd[0]!.resolver.cd0), exchangeOf(ok[0]!.cd0)],
        'The first command asks the resolver that fails, the second one that answers.',
      ),
    ],
    confidence: proven ? 'high' : 'medium',
    ...(proven
      ? {}
      : {
          uncertainty:
            'Our own DNSSEC validation did not complete, so the answering resolvers’ answer is not independently confirmed.',
        }),
    claims: [...outcomeClaims(odd.map((o) => o.resolver)), ...ok.map((r) => outcomeClaim(r, 0))],
    oddResolvers: odd.map((o) => o.resolver.url),
  };
}

/** What one resolver answered instead, and whether that validates. */
function answeredInstead(odd: OddAnswer, signed: boolean): string {
  const { resolver, answer } = odd;
  const said =
    answer.records.length > 0
      ? prose`${answer.rcode} with ${listText(answer.records.slice(0, 3))}`
      : prose`${answer.rcode} with no records`;
  const proof = signed
    ? answer.status === 'secure'
      ? 'and it validates'
      : prose`which does not validate (${answer.finding ?? answer.problem ?? 'no valid signature'})`
    : 'in an unsigned zone, where nothing can be authenticated';
  switch (odd.reason) {
    case 'filtered':
      return prose`${resolver.label} answers ${said}, ${proof}: it filters the name, as blocking resolvers do, without saying so.`;
    case 'forged':
      return prose`${resolver.label} answers ${said}, ${proof}: that address is not what the zone publishes (a block page or a redirect).`;
    case 'blocked':
    case 'censored':
    case 'prohibited':
      return prose`${resolver.label} answers ${said}, ${proof}, and says it blocks the name (${odd.reason}).`;
    default:
      return prose`${resolver.label} answers ${said}, ${proof}.`;
  }
}

/** `hands out a forged answer for`, `answer differently for`, `blocks` … */
function verbOf(f: DisagreementFinding): string {
  const many = f.odd.length > 1;
  if (f.reason === 'forged') {
    return many ? 'hand out a forged answer for' : 'hands out a forged answer for';
  }
  if (f.reason === 'resolver-disagrees')
    return many ? 'answer differently for' : 'answers differently for';
  return many ? 'block' : 'blocks';
}

function disagreementDetail(f: DisagreementFinding): string[] {
  const { ok, chosen } = f;
  const records =
    chosen.records.length > 0 ? prose` with ${listText(chosen.records.slice(0, 3))}` : '';
  return [
    prose`${listText(ok.map((r) => r.label))} ${ok.length === 1 ? 'answers' : 'answer'} ${chosen.rcode}${records}` +
      (f.signed
        ? ', and our own DNSSEC validation of that answer succeeds from the trust anchor down.'
        : '; the zone is not signed, so no answer can be authenticated.'),
    ...f.odd.map((o) => answeredInstead(o, f.signed)),
    NOTHING_TO_CHANGE,
  ];
}

export function explainDisagreement(f: DisagreementFinding): Verdict {
  const { ok, odd, chosen, signed } = f;
  const who = listText(odd.map((o) => o.resolver.label));
  const confirmed = signed
    ? 'whose answer our own DNSSEC validation proves'
    : 'whose answer the zone’s provably unsigned chain and the other resolvers support';
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: prose`${who} ${verbOf(f)} ${f.qname}, unlike ${listText(ok.map((r) => r.label))}, ${confirmed}: the domain is not the problem.`,
    whatToDo:
      f.reason === 'resolver-disagrees'
        ? prose`Use another resolver (${ok[0]!.label} answered), or ask the operator of ${who} why it answers this way.`
        : prose`Use another resolver (${ok[0]!.label} answered), or, if you think the block is a mistake, ask the operator of ${who} to lift it.`,
    detail: disagreementDetail(f),
    fixes: [
      useAnother(ok, ['gives', 'give'], 'the zone’s answer'),
      reproduceFix(
        [exchangeOf(odd[0]!.resolver.cd0), exchangeOf(ok[0]!.cd0)],
        'The first command asks the resolver that differs, the second one that gives the zone’s answer.',
      ),
    ],
    confidence: signed ? 'high' : 'medium',
    ...(signed
      ? {}
      : {
          uncertainty:
            'The zone is not signed, so which answer is right rests on the other resolvers, not on a signature.',
        }),
    claims: [
      ...odd.map((o) => ({ ...outcomeClaim(o.resolver, 0), text: answeredInstead(o, signed) })),
      ...ok.map((r) => outcomeClaim(r, 0)),
      ...(f.targetExchange
        ? [
            {
              text: signed
                ? prose`Our validator: the answer ${listText(chosen.records.slice(0, 3)) || chosen.rcode} is secure.`
                : 'Our validator: the zone is unsigned (insecure), so the answer cannot be authenticated.',
              exchanges: [f.targetExchange],
              records: chosen.records.slice(0, 6),
            },
          ]
        : []),
    ],
    oddResolvers: odd.map((o) => o.resolver.url),
  };
}
