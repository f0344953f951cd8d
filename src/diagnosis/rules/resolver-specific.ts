/**
 * Rule: with the same CD setting some resolvers answer and others fail — the domain works,
 * and the odd ones out are the problem. Their EDE says why when they send one (RFC 8914
 * §4.16–4.19 Blocked, Censored, Filtered, Prohibited; §4.23–4.24 for a resolver that cannot
 * reach the servers). Runs after the DNSSEC and lame rules, so a chain that is really broken
 * never lands here because a non-validating resolver answered.
 */

import { isAnswer, isFailure, type ResolverFacts } from '../facts';
import type { ResolverReason } from '../finding';
import type { Rule } from '../rule';

const POLICY_EDE: Readonly<Record<number, ResolverReason>> = {
  15: 'blocked',
  16: 'censored',
  17: 'filtered',
  18: 'prohibited',
};

const PRIORITY: readonly ResolverReason[] = [
  'blocked',
  'censored',
  'filtered',
  'prohibited',
  'resolver-refused',
  'resolver-dnssec',
  'resolver-failure',
  'resolver-unreachable',
];

function reasonOf(r: ResolverFacts): ResolverReason {
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

export const resolverSpecificRule: Rule = ({ facts, validation }) => {
  const ok = facts.resolvers.filter((r) => isAnswer(r.cd0));
  const failing = facts.resolvers.filter((r) => isFailure(r.cd0));
  if (ok.length === 0 || failing.length === 0) return null;
  const odd = failing.map((resolver) => ({ resolver, reason: reasonOf(resolver) }));
  const status = validation.proof?.status;
  return {
    rule: 'resolver-fails',
    verdict: 'resolver-specific',
    reason: PRIORITY.find((p) => odd.some((o) => o.reason === p)) ?? 'resolver-failure',
    qname: facts.qname,
    qtype: facts.qtype,
    odd,
    ok,
    proofStatus: status === 'secure' || status === 'insecure' ? status : undefined,
  };
};
