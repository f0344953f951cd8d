/**
 * The words for a lame or dead delegation (rules/lame.ts decides it): which servers fail and
 * how, as far as the evidence shows, what stays unknown, and how to check from a terminal.
 * Also the claim that a zone's own records did not arrive, which the slow-authority
 * explanation shares.
 */

import type { ExtendedDnsError } from '../../dns/ede';
import { digCommand, type DigServer, type ShellCommand } from '../../dns/shell-command';
import type { Claim, Fix, NameserverSuspect } from '../diagnosis';
import type { LameFinding, LameReason } from '../finding';
import type { LameZone } from '../lame-analysis';
import type { Verdict } from '../rule';
import { digCommands, outcomeClaims } from './common';
import { listText, prose } from './prose';
import { explainSuspects, parentAnswerText } from './suspects';

/** The finding with its suspects worded, as the helpers below read it. */
type Worded = Omit<LameFinding, 'suspects'> & { readonly suspects: readonly NameserverSuspect[] };

const HOW: Readonly<Record<LameReason, string>> = {
  'ns-refused': 'refuse to answer for it',
  'ns-unreachable': 'cannot be reached',
  'ns-no-address': 'have names that do not resolve to an address',
  'ns-failure': 'do not answer for it',
};

/** The claim that a zone's own NS and DNSKEY queries failed, `how` (`did not arrive either`). */
export function lameZoneClaim(located: LameZone, how: string): Claim {
  return {
    text: prose`${located.zone}’s own records (NS, DNSKEY) ${how}.`,
    exchanges: located.failed.map((x) => x.id),
    records: [],
    zone: located.zone,
  };
}

/** The parent still answers for the zone, and the zone's own queries failed. */
function locatedClaims(f: Worded): Claim[] {
  const { located, zone } = f;
  if (!located) return [];
  const parent = located.parentAnswer;
  return [
    ...(parent
      ? [
          {
            text: parentAnswerText(parent),
            exchanges: [parent.exchange.id],
            records: parent.records,
            zone,
          },
        ]
      : []),
    lameZoneClaim(located, prose`cannot be fetched: ${listText(f.zoneFailures)}`),
  ];
}

/** `EDE 22 No Reachable Authority “…”; EDE 20 Not Authoritative` */
function edeList(codes: readonly ExtendedDnsError[], texts: boolean): string[] {
  return [
    ...new Set(
      codes.map(
        (e) =>
          prose`EDE ${e.infoCode} ${e.name}${texts && e.extraText ? prose` “${e.extraText}”` : ''}`,
      ),
    ),
  ];
}

function detail(f: Worded): string[] {
  const { zone, codes } = f;
  const stale =
    f.stale.length > 0
      ? prose` or answers only from an expired cache (${listText(f.stale.map((r) => r.label))})`
      : '';
  const out = [
    prose`Every resolver (${f.resolvers.length}) fails for ${f.qname} ${f.qtype}${stale}, with DNSSEC checking on (CD=0) and off (CD=1). A DNSSEC problem would clear with CD=1; this does not, so the zone’s servers themselves do not deliver answers.`,
  ];
  if (f.located?.parentAnswer) out.push(parentAnswerText(f.located.parentAnswer));
  if (codes.length > 0) out.push(`Resolvers say: ${edeList(codes, true).join('; ')}.`);
  if (f.perServer && codes.some((e) => e.infoCode === 22)) {
    out.push(
      'EDE 22 No Reachable Authority also covers servers that refused (RFC 8914 §4.23); the per-server texts say how each one failed.',
    );
  }
  if (f.keyFetch.length > 0) {
    out.push(
      prose`The ${listText(edeList(f.keyFetch, false))} beside it follows from the same failure: ${zone}’s keys cannot be fetched from servers that do not answer, so it is no DNSSEC verdict.`,
    );
  }
  // Named suspects are listed on their own (Diagnosis.suspects); only their absence is said here.
  if (f.suspects.length === 0) {
    out.push(
      prose`The evidence does not name ${zone}’s nameservers: a recursive resolver does not pass on the parent’s delegation for a zone that fails.`,
    );
  }
  return out;
}

/** What stays unknown when the reason is only `ns-failure`. */
function howUnknown(f: Worded): string {
  if (f.perServer) {
    return 'How exactly the servers answer (REFUSED, SERVFAIL or a referral elsewhere): the resolvers’ texts call them lame or failing without more, and a browser cannot query the servers itself.';
  }
  if (f.codes.length > 0) {
    return prose`Whether the servers refuse, time out or do not exist: the resolvers’ codes (${listText(edeList(f.codes, false))}) cover all three (RFC 8914 §4.23, §4.24), and a browser cannot query the servers itself.`;
  }
  return 'Whether the servers refuse, time out or do not exist: these resolvers report only SERVFAIL, with no error code or text that says which, and a browser cannot query the servers itself.';
}

function unknowns(f: Worded): string[] {
  const { zone, parent } = f;
  return [
    f.registryKnows
      ? prose`Whether ${parent}’s servers publish exactly the registry’s list for ${zone}: resolvers do not hand over a failing delegation (a direct query to ${parent}’s servers shows it).`
      : prose`Which servers ${parent} lists for ${zone}, with their glue: resolvers do not hand over a failing delegation. The registry’s RDAP or whois shows them, and so does a direct query to ${parent}’s servers.`,
    ...(f.reason === 'ns-failure' ? [howUnknown(f)] : []),
  ];
}

function certainty(f: Worded): Pick<Verdict, 'confidence' | 'uncertainty'> {
  const parentSeen = f.located?.parentAnswer !== undefined;
  if (parentSeen && f.explained) return { confidence: 'high' };
  const codes = listText([...new Set(f.codes.map((e) => `EDE ${e.infoCode}`))]);
  return {
    confidence: 'medium',
    uncertainty: !parentSeen
      ? 'Only the resolvers’ error texts point at the nameservers; the parent’s answer for the zone was not seen.'
      : f.codes.length > 0
        ? `The resolvers’ codes (${codes}) say that the zone’s servers fail, not how: RFC 8914 §4.23 uses No Reachable Authority for servers that refused as well as for silent ones. The verdict rests on that and on the parent still answering while the zone does not.`
        : 'The resolvers give no reason for their SERVFAIL; the verdict rests on the parent still answering while the zone does not.',
  };
}

/** Nameservers without an address: give them one, or delegate elsewhere. */
function addressFix(f: Worded, nameless: readonly NameserverSuspect[]): Fix[] {
  if (nameless.length === 0) return [];
  const { zone } = f;
  return [
    {
      kind: 'fix',
      title: prose`Give ${zone} nameservers that can be found`,
      text:
        prose`No resolver can find an address for ${listText(nameless.map((s) => s.host!))}. ` +
        'For a name outside the zone, create its A/AAAA records (if its own domain expired, ' +
        'renew it); for a name inside the zone, give the registrar its address (glue). Or ' +
        prose`change the nameservers of ${zone} at the registrar to servers that exist and serve the zone.`,
      records: [],
      commands: nameless.map((s) => digCommand({ name: s.host!, type: 'A' })),
    },
  ];
}

/**
 * dig commands that ask the parent for the delegation, then each server for the zone's SOA.
 * Names and addresses here come from the parent's NS set, the registry and resolvers'
 * texts, i.e. from whoever runs those zones: the commands are built, and quoted, by
 * dns/shell-command.ts.
 */
function directQueries(f: Worded): { commands: ShellCommand[]; unnamed: boolean } {
  const { zone, suspects } = f;
  const askParent = f.parentServers.length
    ? f.parentServers.slice(0, 2).map((ns) =>
        digCommand({
          server: { kind: 'host', host: ns },
          name: zone,
          type: 'NS',
          flags: ['+norec'],
        }),
      )
    : [digCommand({ name: f.qname, type: f.qtype, flags: ['+trace'] })];
  // Each nameserver by the address the registry or DNS gave for it; else by name.
  const serverOf = (s: NameserverSuspect): DigServer =>
    s.address !== undefined
      ? { kind: 'address', address: s.address }
      : { kind: 'host', host: s.host ?? '.' };
  const askSoa = (server: DigServer) =>
    digCommand({ server, name: zone, type: 'SOA', flags: ['+norec'] });
  const askEach = suspects
    .filter((s) => s.host !== undefined && !s.problems.includes('no-address'))
    .map((s) => askSoa(serverOf(s)));
  const unnamed = askEach.length === 0 && !suspects.some((s) => s.host !== undefined);
  // Every named server lacking an address leaves nobody to ask.
  const each = askEach.length > 0 ? askEach : unnamed ? [askSoa({ kind: 'placeholder' })] : [];
  return { commands: [...askParent, ...each], unnamed };
}

function fixes(f: Worded): Fix[] {
  const { zone, parent } = f;
  const nameless = f.suspects.filter(
    (s) => s.host !== undefined && s.problems.includes('no-address'),
  );
  const direct = directQueries(f);
  return [
    ...addressFix(f, nameless),
    {
      kind: 'fix',
      title: prose`Make every nameserver of ${zone} answer for it`,
      text:
        prose`Each server that ${parent} lists for ${zone} must be authoritative for the zone. Either ` +
        'add the zone on those servers (or in your DNS host’s account), or change the delegation ' +
        prose`at the registrar to the servers that do serve ${zone}. After a move to a new DNS host the ` +
        'old servers typically answer REFUSED once the account is gone; if a nameserver’s name lies ' +
        prose`inside ${zone} (for example ns.${zone}), the registrar also needs its address (glue).`,
      records: [],
      commands: [],
    },
    {
      kind: 'check',
      title: 'Ask the servers directly (from a terminal)',
      text:
        prose`First ask ${parent} which servers it delegates ${zone} to, then ask each of them for the ` +
        'zone’s SOA without recursion: a healthy server answers with the aa flag; a lame one ' +
        'answers REFUSED, SERVFAIL or not at all. A browser cannot send these plain DNS queries.' +
        (direct.unnamed ? ' Replace NAMESERVER with each server the first answer names.' : ''),
      records: [],
      commands: direct.commands,
    },
    {
      kind: 'check',
      title: 'See it for yourself',
      text: 'The resolvers fail with and without checking disabled (+cd); the parent still answers the DS question.',
      records: [],
      commands: digCommands(f.reproduce),
    },
  ];
}

export function explainLame(finding: LameFinding): Verdict {
  const f: Worded = { ...finding, suspects: explainSuspects(finding.suspects) };
  const { zone } = f;
  return {
    verdict: f.verdict,
    reason: f.reason,
    headline: prose`${f.qname} fails because the nameservers of ${zone} ${HOW[f.reason]}: ${f.stale.length > 0 ? 'resolvers get SERVFAIL or serve an expired copy from their cache' : 'every resolver gets SERVFAIL'}, even with DNSSEC checking off.`,
    whatToDo: prose`This is not your device or network, and no resolver will do better: the owner of ${zone} (or their DNS host) has to fix it. Send them this page.`,
    detail: detail(f),
    fixes: fixes(f),
    ...certainty(f),
    claims: [
      ...outcomeClaims(f.resolvers),
      ...locatedClaims(f),
      ...f.suspects.map((s) => ({ text: s.text, exchanges: s.exchanges, records: [] })),
    ],
    zone,
    suspects: f.suspects,
    unknowns: unknowns(f),
  };
}
