/**
 * Rule: every resolver answers, but not the same thing — some say the name does not exist
 * (NXDOMAIN) or give another address where others return the zone's data. Filtering
 * resolvers do exactly that, often without any EDE: Quad9 and many ISP resolvers block with
 * a bare NXDOMAIN (no SOA), others hand out the address of a block page (facts.md).
 *
 * Each distinct answer was validated on its own (validate-evidence.ts), so the rule does not
 * count votes: in a signed zone, the answer that validates is what the zone says, and an
 * answer that does not validate beside it is that resolver's policy or a forgery. In an
 * unsigned zone nothing can be authenticated; different addresses are normal there (CDNs
 * answer by location), so only a different RCODE counts, and the validated chain's answer
 * (the zone is provably unsigned) is taken as the zone's.
 */

import type { ExtendedDnsError } from '../../dns/ede';
import type { AnswerValidation } from '../validate-evidence';
import { exchangeOf, isAnswer, isFailure, type ResolverFacts } from '../facts';
import type { ReasonId } from '../ids';
import { listText, outcomeClaim, reproduceFix, type Rule } from '../rule';

/** RFC 8914 §4.5 Forged Answer, §4.16–4.19 Blocked, Censored, Filtered, Prohibited. */
const POLICY_EDE: Readonly<Record<number, ReasonId>> = {
  4: 'forged',
  15: 'blocked',
  16: 'censored',
  17: 'filtered',
  18: 'prohibited',
};

interface OddAnswer {
  readonly resolver: ResolverFacts;
  readonly answer: AnswerValidation;
  readonly reason: ReasonId;
}

/** Why a resolver's answer differs from the zone's, as far as its answer shows. */
function reasonOf(
  answer: AnswerValidation,
  chosen: AnswerValidation,
  ede: readonly ExtendedDnsError[],
): ReasonId {
  for (const e of ede) {
    const policy = POLICY_EDE[e.infoCode];
    if (policy) return policy;
  }
  const denies = answer.rcode === 'NXDOMAIN' || answer.records.length === 0;
  const zoneHasData = chosen.rcode === 'NOERROR' && chosen.records.length > 0;
  if (denies && zoneHasData) return 'filtered';
  if (answer.rcode === 'NOERROR' && answer.records.length > 0) return 'forged';
  return 'resolver-disagrees';
}

function whatItDid(odd: OddAnswer, signed: boolean): string {
  const { resolver, answer } = odd;
  const said =
    answer.records.length > 0
      ? `${answer.rcode} with ${listText(answer.records.slice(0, 3))}`
      : `${answer.rcode} with no records`;
  const proof = signed
    ? answer.status === 'secure'
      ? 'and it validates'
      : `which does not validate (${answer.finding ?? answer.problem ?? 'no valid signature'})`
    : 'in an unsigned zone, where nothing can be authenticated';
  switch (odd.reason) {
    case 'filtered':
      return `${resolver.label} answers ${said}, ${proof}: it filters the name, as blocking resolvers do, without saying so.`;
    case 'forged':
      return `${resolver.label} answers ${said}, ${proof}: that address is not what the zone publishes (a block page or a redirect).`;
    case 'blocked':
    case 'censored':
    case 'prohibited':
      return `${resolver.label} answers ${said}, ${proof}, and says it blocks the name (${odd.reason}).`;
    default:
      return `${resolver.label} answers ${said}, ${proof}.`;
  }
}

const PRIORITY: readonly ReasonId[] = [
  'forged',
  'blocked',
  'censored',
  'filtered',
  'prohibited',
  'resolver-disagrees',
];

export const disagreementRule: Rule = ({ facts, validation }) => {
  if (facts.resolvers.some((r) => isFailure(r.cd0))) return null;
  const proof = validation.proof;
  if (proof?.status !== 'secure' && proof?.status !== 'insecure') return null;
  const chosen = validation.answers.find((a) => a.chosen);
  if (!chosen) return null;
  const signed = proof.status === 'secure';
  const answerOf = (r: ResolverFacts): AnswerValidation | undefined => {
    const id = exchangeOf(r.cd0)?.id;
    return id === undefined ? undefined : validation.answers.find((a) => a.exchanges.includes(id));
  };
  const odd: OddAnswer[] = [];
  const ok: ResolverFacts[] = [];
  for (const r of facts.resolvers) {
    if (!isAnswer(r.cd0)) continue;
    const answer = answerOf(r);
    if (answer === undefined) continue;
    // In a signed zone a different answer that validates too is the zone's (several
    // signed addresses, answered by location); only one that fails validation is odd.
    const differs = signed
      ? answer !== chosen && answer.status !== 'secure'
      : answer.rcode !== chosen.rcode;
    if (differs) odd.push({ resolver: r, answer, reason: reasonOf(answer, chosen, r.cd0.ede) });
    else ok.push(r);
  }
  if (odd.length === 0 || ok.length === 0) return null;
  const reason = PRIORITY.find((p) => odd.some((o) => o.reason === p)) ?? 'resolver-disagrees';
  const who = listText(odd.map((o) => o.resolver.label));
  const many = odd.length > 1;
  const verb =
    reason === 'forged'
      ? many
        ? 'hand out a forged answer for'
        : 'hands out a forged answer for'
      : reason === 'resolver-disagrees'
        ? many
          ? 'answer differently for'
          : 'answers differently for'
        : many
          ? 'block'
          : 'blocks';
  const confirmed = signed
    ? 'whose answer our own DNSSEC validation proves'
    : 'whose answer the zone’s provably unsigned chain and the other resolvers support';
  return {
    verdict: 'resolver-specific',
    reason,
    headline: `${who} ${verb} ${facts.qname}, unlike ${listText(ok.map((r) => r.label))}, ${confirmed}: the domain is not the problem.`,
    whatToDo:
      reason === 'resolver-disagrees'
        ? `Use another resolver (${ok[0]!.label} answered), or ask the operator of ${who} why it answers this way.`
        : `Use another resolver (${ok[0]!.label} answered), or, if you think the block is a mistake, ask the operator of ${who} to lift it.`,
    detail: [
      `${listText(ok.map((r) => r.label))} ${ok.length === 1 ? 'answers' : 'answer'} ${chosen.rcode}${chosen.records.length > 0 ? ` with ${listText(chosen.records.slice(0, 3))}` : ''}` +
        (signed
          ? ', and our own DNSSEC validation of that answer succeeds from the trust anchor down.'
          : '; the zone is not signed, so no answer can be authenticated.'),
      ...odd.map((o) => whatItDid(o, signed)),
      'Nothing needs to change in the zone: the domain’s owner can only help by telling the resolver’s operator.',
    ],
    fixes: [
      {
        kind: 'workaround',
        title: 'Use a resolver that answers',
        text: `${listText(ok.map((r) => r.label))} ${ok.length === 1 ? 'gives' : 'give'} the zone’s answer. Change the DNS setting of your device, browser or router, or ask your network administrator.`,
        records: [],
        commands: [],
      },
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
      ...odd.map((o) => ({
        ...outcomeClaim(o.resolver, 0),
        text: whatItDid(o, signed),
      })),
      ...ok.map((r) => outcomeClaim(r, 0)),
      ...(validation.targetExchange
        ? [
            {
              text: signed
                ? `Our validator: the answer ${listText(chosen.records.slice(0, 3)) || chosen.rcode} is secure.`
                : 'Our validator: the zone is unsigned (insecure), so the answer cannot be authenticated.',
              exchanges: [validation.targetExchange],
              records: chosen.records.slice(0, 6),
            },
          ]
        : []),
    ],
    oddResolvers: odd.map((o) => o.resolver.url),
  };
};
