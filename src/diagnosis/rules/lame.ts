/**
 * Rule: a lame (or dead) delegation. Every resolver fails, with CD=0 and with CD=1 — so it
 * is not DNSSEC, which CD=1 bypasses — while the parent still answers for the child (its DS
 * or a signed denial naming the cut), and/or resolvers report EDE 20 Not Authoritative, 22
 * No Reachable Authority, 23 Network Error or per-server texts such as "[ip] Lame
 * delegation at …" (read by dns/ede-text.ts).
 */

import type { ExtendedDnsError } from '../../dns/ede';
import { exchangeOf, isFailure, type TargetOutcome } from '../facts';
import type { LameFinding, LameReason } from '../finding';
import {
  KEY_FETCH_EDE,
  authorityErrors,
  locateLameZone,
  parentServers,
  serverFailures,
  suspectFindings,
  zoneFromText,
} from '../lame-analysis';
import type { Rule, RuleContext } from '../rule';
import type { SuspectFinding } from '../suspect-finding';

/**
 * What the evidence says about how the servers fail. A per-server text ("[ip] rcode=REFUSED
 * for …", "ip:53 rcode=REFUSED for …") outranks a bare EDE 22: RFC 8914 §4.23 defines No
 * Reachable Authority as "The resolver could not reach any of the authoritative name servers
 * (or they potentially refused to reply)", so on its own it cannot tell refusal from
 * silence and gives `ns-failure` (1.1.1.1 sends it for servers that REFUSE). Between
 * servers, a refusal outranks silence: a server that answers REFUSED is the one to fix.
 */
function reasonOf(
  suspects: readonly SuspectFinding[],
  ede: readonly ExtendedDnsError[],
): LameReason {
  const problems = new Set(suspects.flatMap((s) => s.problems));
  if (problems.has('refused')) return 'ns-refused';
  if (problems.has('unreachable')) return 'ns-unreachable';
  // RFC 8914 §4.21: an authority puts EDE 20 Not Authoritative in its REFUSED.
  if (ede.some((e) => e.infoCode === 20)) return 'ns-refused';
  const hosts = suspects.filter((s) => s.kind === 'host');
  if (hosts.length > 0 && hosts.every((s) => s.problems.includes('no-address'))) {
    return 'ns-no-address';
  }
  return 'ns-failure';
}

/** Every resolver fails with CD=0 and CD=1, at least one with SERVFAIL. */
function everyResolverFails(outcomes: readonly TargetOutcome[]): boolean {
  if (outcomes.length === 0 || outcomes.some((o) => !isFailure(o))) return false;
  return outcomes.some((o) => o.kind === 'failure' && o.rcode === 'SERVFAIL');
}

/** Where the delegation breaks: the zone whose servers fail while its parent answers. */
function whereItBreaks(context: RuleContext, codes: readonly ExtendedDnsError[]) {
  const located = locateLameZone(context.facts);
  if (!located?.parentAnswer && codes.length === 0) return undefined;
  const zone = located?.zone ?? zoneFromText(codes);
  if (zone === undefined) return undefined;
  const parent = located?.parentAnswer?.parent ?? (zone.split('.').slice(1).join('.') || '.');
  return { located, zone, parent };
}

export const lameRule: Rule = (context) => {
  const { facts, registry } = context;
  const outcomes = facts.resolvers.flatMap((r) => [r.cd0, r.cd1]);
  if (!everyResolverFails(outcomes)) return null;
  const withExchange = outcomes.flatMap((o) =>
    authorityErrors(o.ede).map((e) => ({ e, exchange: exchangeOf(o)! })),
  );
  const codes = withExchange.map((x) => x.e);
  const where = whereItBreaks(context, codes);
  if (!where) return null;
  const { located, zone, parent } = where;
  const suspects = suspectFindings(facts, zone, withExchange, registry);
  const reason = reasonOf(suspects, codes);
  const perServer = serverFailures(codes).length > 0;
  // Why the servers fail is shown, not inferred: a resolver said how a server failed (a
  // per-server text, or EDE 20 from the authority itself), or the registry's nameservers
  // have no address at all. A bare EDE 22/23 says that they fail, not how.
  const explained = perServer || codes.some((e) => e.infoCode === 20) || reason === 'ns-no-address';
  const first = facts.resolvers[0];
  const finding: LameFinding = {
    rule: 'lame',
    verdict: 'lame-delegation',
    reason,
    qname: facts.qname,
    qtype: facts.qtype,
    zone,
    parent,
    resolvers: facts.resolvers,
    // RFC 8767 serve-stale: an expired copy hides the servers' failure, it does not deny it.
    stale: facts.resolvers.filter((r) => r.cd0.kind === 'stale' || r.cd1.kind === 'stale'),
    located,
    zoneFailures: [
      ...new Set(
        (located?.failed ?? []).map(
          (x) => facts.message(x)?.rcodeName ?? x.error?.class ?? 'no answer',
        ),
      ),
    ],
    codes,
    perServer,
    keyFetch: outcomes.flatMap((o) => o.ede).filter((e) => KEY_FETCH_EDE.has(e.infoCode)),
    suspects,
    registryKnows: registry.state === 'found' && registry.domain === zone,
    explained,
    parentServers: parentServers(facts, parent),
    reproduce: [
      first ? exchangeOf(first.cd0) : undefined,
      first ? exchangeOf(first.cd1) : undefined,
      located?.parentAnswer?.exchange,
    ],
  };
  return finding;
};
