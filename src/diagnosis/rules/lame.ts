/**
 * Rule: a lame (or dead) delegation. Every resolver fails, with CD=0 and with CD=1 — so it
 * is not DNSSEC, which CD=1 bypasses — while the parent still answers for the child (its DS
 * or a signed denial naming the cut), and/or resolvers report EDE 20 Not Authoritative, 22
 * No Reachable Authority, 23 Network Error or per-server texts such as "[ip] Lame
 * delegation at …" (read by dns/ede-text.ts).
 */

import type { ExtendedDnsError } from '../../dns/ede';
import { digCommand, type DigServer } from '../../dns/shell-command';
import type { Exchange } from '../../evidence/evidence';
import type { Claim, Fix, NameserverSuspect } from '../diagnosis';
import { exchangeOf, isFailure, type Facts } from '../facts';
import type { ReasonId } from '../ids';
import {
  KEY_FETCH_EDE,
  authorityErrors,
  locateLameZone,
  nameserverSuspects,
  parentServers,
  serverFailures,
  zoneFromText,
} from '../lame-analysis';
import { digCommands, listText, outcomeClaim, type Rule } from '../rule';

/**
 * What the evidence says about how the servers fail. A per-server text ("[ip] rcode=REFUSED
 * for …", "ip:53 rcode=REFUSED for …") outranks a bare EDE 22: RFC 8914 §4.23 defines No
 * Reachable Authority as "The resolver could not reach any of the authoritative name servers
 * (or they potentially refused to reply)", so on its own it cannot tell refusal from
 * silence and gives `ns-failure` (1.1.1.1 sends it for servers that REFUSE). Between
 * servers, a refusal outranks silence: a server that answers REFUSED is the one to fix.
 */
function reasonOf(
  suspects: readonly NameserverSuspect[],
  ede: readonly ExtendedDnsError[],
): ReasonId {
  const problems = new Set(suspects.flatMap((s) => s.problems));
  if (problems.has('refused')) return 'ns-refused';
  if (problems.has('unreachable')) return 'ns-unreachable';
  // RFC 8914 §4.21: an authority puts EDE 20 Not Authoritative in its REFUSED.
  if (ede.some((e) => e.infoCode === 20)) return 'ns-refused';
  const hosts = suspects.filter((s) => s.host !== undefined);
  if (hosts.length > 0 && hosts.every((s) => s.problems.includes('no-address'))) {
    return 'ns-no-address';
  }
  return 'ns-failure';
}

const HOW: Readonly<Partial<Record<ReasonId, string>>> = {
  'ns-refused': 'refuse to answer for it',
  'ns-unreachable': 'cannot be reached',
  'ns-no-address': 'have names that do not resolve to an address',
  'ns-failure': 'do not answer for it',
};

function lameFixes(
  facts: Facts,
  zone: string,
  parent: string,
  suspects: readonly NameserverSuspect[],
  evidenceX: (Exchange | undefined)[],
): Fix[] {
  const servers = parentServers(facts, parent);
  // Names and addresses here come from the parent's NS set, the registry and resolvers'
  // texts, i.e. from whoever runs those zones: the commands are built, and quoted, by
  // dns/shell-command.ts.
  const askParent = servers.length
    ? servers.slice(0, 2).map((ns) =>
        digCommand({
          server: { kind: 'host', host: ns },
          name: zone,
          type: 'NS',
          flags: ['+norec'],
        }),
      )
    : [digCommand({ name: facts.qname, type: facts.qtype, flags: ['+trace'] })];
  // Each nameserver by the address the registry or DNS gave for it; else by name.
  const serverOf = (s: NameserverSuspect): DigServer =>
    s.address !== undefined
      ? { kind: 'address', address: s.address }
      : { kind: 'host', host: s.host ?? '.' };
  const askEach = suspects
    .filter((s) => s.host !== undefined && !s.problems.includes('no-address'))
    .map((s) => digCommand({ server: serverOf(s), name: zone, type: 'SOA', flags: ['+norec'] }));
  const nameless = suspects.filter(
    (s) => s.host !== undefined && s.problems.includes('no-address'),
  );
  const unnamed = askEach.length === 0 && !suspects.some((s) => s.host !== undefined);
  const addressFix: Fix[] = nameless.length
    ? [
        {
          kind: 'fix',
          title: `Give ${zone} nameservers that can be found`,
          text:
            `No resolver can find an address for ${listText(nameless.map((s) => s.host!))}. ` +
            'For a name outside the zone, create its A/AAAA records (if its own domain expired, ' +
            'renew it); for a name inside the zone, give the registrar its address (glue). Or ' +
            `change the nameservers of ${zone} at the registrar to servers that exist and serve the zone.`,
          records: [],
          commands: nameless.map((s) => digCommand({ name: s.host!, type: 'A' })),
        },
      ]
    : [];
  return [
    ...addressFix,
    {
      kind: 'fix',
      title: `Make every nameserver of ${zone} answer for it`,
      text:
        `Each server that ${parent} lists for ${zone} must be authoritative for the zone. Either ` +
        'add the zone on those servers (or in your DNS host’s account), or change the delegation ' +
        `at the registrar to the servers that do serve ${zone}. After a move to a new DNS host the ` +
        'old servers typically answer REFUSED once the account is gone; if a nameserver’s name lies ' +
        `inside ${zone} (for example ns.${zone}), the registrar also needs its address (glue).`,
      records: [],
      commands: [],
    },
    {
      kind: 'check',
      title: 'Ask the servers directly (from a terminal)',
      text:
        `First ask ${parent} which servers it delegates ${zone} to, then ask each of them for the ` +
        'zone’s SOA without recursion: a healthy server answers with the aa flag; a lame one ' +
        'answers REFUSED, SERVFAIL or not at all. A browser cannot send these plain DNS queries.' +
        (unnamed ? ' Replace NAMESERVER with each server the first answer names.' : ''),
      records: [],
      commands: [
        ...askParent,
        ...(askEach.length > 0
          ? askEach
          : unnamed
            ? [
                digCommand({
                  server: { kind: 'placeholder' },
                  name: zone,
                  type: 'SOA',
                  flags: ['+norec'],
                }),
              ]
            : []), // every named server lacks an address: there is nobody to ask
      ],
    },
    {
      kind: 'check',
      title: 'See it for yourself',
      text: 'The resolvers fail with and without checking disabled (+cd); the parent still answers the DS question.',
      records: [],
      commands: digCommands(evidenceX),
    },
  ];
}

export const lameRule: Rule = (context) => {
  const { facts, registry } = context;
  const outcomes = facts.resolvers.flatMap((r) => [r.cd0, r.cd1]);
  if (outcomes.length === 0 || outcomes.some((o) => !isFailure(o))) return null;
  if (!outcomes.some((o) => o.kind === 'failure' && o.rcode === 'SERVFAIL')) return null;
  // RFC 8767 serve-stale: an expired copy hides the servers' failure, it does not deny it.
  const stale = facts.resolvers.filter((r) => r.cd0.kind === 'stale' || r.cd1.kind === 'stale');

  const ede = outcomes.flatMap((o) =>
    authorityErrors(o.ede).map((e) => ({ e, exchange: exchangeOf(o)! })),
  );
  const located = locateLameZone(facts);
  const textZone = zoneFromText(ede.map((x) => x.e));
  if (!located?.parentAnswer && ede.length === 0) return null;
  const zone = located?.zone ?? textZone;
  if (zone === undefined) return null;
  const parent = located?.parentAnswer?.parent ?? (zone.split('.').slice(1).join('.') || '.');

  const suspects = nameserverSuspects(facts, zone, ede, context.registry);
  const reason = reasonOf(
    suspects,
    ede.map((x) => x.e),
  );
  const first = facts.resolvers[0];
  const claims: Claim[] = facts.resolvers.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]);
  if (located?.parentAnswer) {
    claims.push({
      text: located.parentAnswer.text,
      exchanges: [located.parentAnswer.exchange.id],
      records: located.parentAnswer.records,
      zone,
    });
  }
  if (located) {
    claims.push({
      text: `${zone}’s own records (NS, DNSKEY) cannot be fetched: ${listText([
        ...new Set(
          located.failed.map((x) => facts.message(x)?.rcodeName ?? x.error?.class ?? 'no answer'),
        ),
      ])}.`,
      exchanges: located.failed.map((x) => x.id),
      records: [],
      zone,
    });
  }
  for (const s of suspects) claims.push({ text: s.text, exchanges: s.exchanges, records: [] });

  const detail = [
    `Every resolver (${facts.resolvers.length}) fails for ${facts.qname} ${facts.qtype}${stale.length > 0 ? ` or answers only from an expired cache (${listText(stale.map((r) => r.label))})` : ''}, with DNSSEC checking on (CD=0) and off (CD=1). A DNSSEC problem would clear with CD=1; this does not, so the zone’s servers themselves do not deliver answers.`,
  ];
  if (located?.parentAnswer) detail.push(located.parentAnswer.text);
  if (ede.length > 0) {
    detail.push(
      `Resolvers say: ${[...new Set(ede.map(({ e }) => `EDE ${e.infoCode} ${e.name}${e.extraText ? ` “${e.extraText}”` : ''}`))].join('; ')}.`,
    );
  }
  const codes = ede.map((x) => x.e);
  const perServer = serverFailures(codes);
  if (perServer.length > 0 && codes.some((e) => e.infoCode === 22)) {
    detail.push(
      'EDE 22 No Reachable Authority also covers servers that refused (RFC 8914 §4.23); the per-server texts say how each one failed.',
    );
  }
  const keyFetch = outcomes.flatMap((o) => o.ede).filter((e) => KEY_FETCH_EDE.has(e.infoCode));
  if (keyFetch.length > 0) {
    detail.push(
      `The ${listText([...new Set(keyFetch.map((e) => `EDE ${e.infoCode} ${e.name}`))])} beside it follows from the same failure: ${zone}’s keys cannot be fetched from servers that do not answer, so it is no DNSSEC verdict.`,
    );
  }
  // Named suspects are listed on their own (Diagnosis.suspects); only their absence is said here.
  if (suspects.length === 0) {
    detail.push(
      `The evidence does not name ${zone}’s nameservers: a recursive resolver does not pass on the parent’s delegation for a zone that fails.`,
    );
  }
  const registryKnows = registry.state === 'found' && registry.domain === zone;
  const unknowns = [
    registryKnows
      ? `Whether ${parent}’s servers publish exactly the registry’s list for ${zone}: resolvers do not hand over a failing delegation (a direct query to ${parent}’s servers shows it).`
      : `Which servers ${parent} lists for ${zone}, with their glue: resolvers do not hand over a failing delegation. The registry’s RDAP or whois shows them, and so does a direct query to ${parent}’s servers.`,
    ...(reason === 'ns-failure' ? [howUnknown(codes, perServer.length > 0)] : []),
  ];
  const dsX = located?.parentAnswer?.exchange;
  // Why the servers fail is shown, not inferred: a resolver said how a server failed (a
  // per-server text, or EDE 20 from the authority itself), or the registry's nameservers
  // have no address at all. A bare EDE 22/23 says that they fail, not how.
  const explained =
    perServer.length > 0 || codes.some((e) => e.infoCode === 20) || reason === 'ns-no-address';
  return {
    verdict: 'lame-delegation',
    reason,
    headline: `${facts.qname} fails because the nameservers of ${zone} ${HOW[reason] ?? 'do not answer for it'}: ${stale.length > 0 ? 'resolvers get SERVFAIL or serve an expired copy from their cache' : 'every resolver gets SERVFAIL'}, even with DNSSEC checking off.`,
    whatToDo: `This is not your device or network, and no resolver will do better: the owner of ${zone} (or their DNS host) has to fix it. Send them this page.`,
    detail,
    fixes: lameFixes(facts, zone, parent, suspects, [
      first ? exchangeOf(first.cd0) : undefined,
      first ? exchangeOf(first.cd1) : undefined,
      dsX,
    ]),
    confidence: located?.parentAnswer && explained ? 'high' : 'medium',
    ...(located?.parentAnswer && explained
      ? {}
      : {
          uncertainty: located?.parentAnswer
            ? codes.length > 0
              ? `The resolvers’ codes (${listText([...new Set(codes.map((e) => `EDE ${e.infoCode}`))])}) say that the zone’s servers fail, not how: RFC 8914 §4.23 uses No Reachable Authority for servers that refused as well as for silent ones. The verdict rests on that and on the parent still answering while the zone does not.`
              : 'The resolvers give no reason for their SERVFAIL; the verdict rests on the parent still answering while the zone does not.'
            : 'Only the resolvers’ error texts point at the nameservers; the parent’s answer for the zone was not seen.',
        }),
    claims,
    zone,
    suspects,
    unknowns,
  };
};

/** What stays unknown when the reason is only `ns-failure`. */
function howUnknown(codes: readonly ExtendedDnsError[], perServer: boolean): string {
  if (perServer) {
    return 'How exactly the servers answer (REFUSED, SERVFAIL or a referral elsewhere): the resolvers’ texts call them lame or failing without more, and a browser cannot query the servers itself.';
  }
  if (codes.length > 0) {
    return `Whether the servers refuse, time out or do not exist: the resolvers’ codes (${listText([...new Set(codes.map((e) => `EDE ${e.infoCode} ${e.name}`))])}) cover all three (RFC 8914 §4.23, §4.24), and a browser cannot query the servers itself.`;
  }
  return 'Whether the servers refuse, time out or do not exist: these resolvers report only SERVFAIL, with no error code or text that says which, and a browser cannot query the servers itself.';
}
