/**
 * Suspect nameservers (suspect-finding.ts) and the parent's answer for a lame zone
 * (lame-analysis.ts) in words: what each host or address shows, as the card lists it under
 * the lame-delegation verdict.
 */

import { ancestorsAndSelf, fqdn } from '../../dns/name';
import type { NameserverSuspect, SuspectProblem } from '../diagnosis';
import type { ParentAnswer } from '../lame-analysis';
import type { HostSuspect, SuspectFinding, SuspectNote, TextFailure } from '../suspect-finding';
import { listText, prose } from './prose';

function problemText(p: SuspectProblem): string {
  switch (p) {
    case 'refused':
      return 'refuses to answer for the zone';
    case 'unreachable':
      return 'cannot be reached';
    case 'no-address':
      return 'its name has no address';
    case 'needs-glue':
      return 'lies inside the zone, so the parent must hold its address (glue)';
    case 'failing':
      return 'fails to answer';
    case 'lame':
      return 'answers, but not with authority for the zone (lame)';
    case 'not-in-registry':
      return 'the registry does not list it, so resolvers are never sent to it';
  }
}

/** `refuses to answer for the zone (REFUSED)`, `cannot be reached (timeout)`. */
function failureText(t: TextFailure): string {
  const how = problemText(t.problem);
  return t.detail === undefined ? how : prose`${how} (${t.detail})`;
}

/** What resolvers' texts say about one address, each failure once, sorted. */
function failuresText(failures: readonly TextFailure[]): string {
  return [...new Set(failures.map(failureText))].sort().join(', ');
}

/**
 * Why a nameserver's name does not exist, from the zone that denied it (its SOA in the
 * NXDOMAIN answer): when that zone is above the host's own domain, the domain itself is
 * gone — typically a DNS provider's or a vanity nameserver domain that lapsed.
 *
 * @example missingName('ns1.gone.lab.', 'lab.')
 * // 'its domain gone.lab. does not exist (NXDOMAIN from lab.): unregistered or expired'
 */
export function missingName(host: string, denier: string): string {
  if (denier === '') return 'its name does not exist (NXDOMAIN)';
  const path = ancestorsAndSelf(fqdn(host));
  const below = path[path.indexOf(fqdn(denier)) + 1];
  if (path.includes(fqdn(denier)) && below !== undefined && below !== fqdn(host)) {
    return prose`its domain ${below} does not exist (NXDOMAIN from ${denier}): unregistered or expired`;
  }
  return prose`its name does not exist in ${denier} (NXDOMAIN)`;
}

function noteText(n: SuspectNote): string {
  switch (n.kind) {
    case 'problem':
      return problemText(n.problem);
    case 'glue':
      return prose`the registry holds its glue ${listText(n.addresses)}`;
    case 'missing-name':
      return missingName(n.host, n.denier);
    case 'lookup-fails':
      return prose`its own address lookup fails along with ${n.zone}`;
    case 'resolves':
      return prose`resolves to ${listText(n.addresses)}`;
    case 'resolver-text':
      return prose`a resolver’s error text says ${n.address} ${failuresText(n.failures)}`;
  }
}

const SOURCE: Readonly<Record<HostSuspect['source'], string>> = {
  'registry-and-zone': 'listed by the registry and by the zone',
  registry: 'listed by the registry',
  zone: 'in the zone’s NS set',
};

function hostText(s: HostSuspect): string {
  const said = s.notes.map(noteText);
  return prose`${s.host} (${SOURCE[s.source]}): ${said.length ? said.join('; ') : 'its name resolves'}${s.problems.length === 0 ? `; whether it serves ${s.zone} cannot be asked from a browser` : ''}.`;
}

/** A suspect as the Diagnosis carries it: host or address, problems, its sentence, exchanges. */
export function explainSuspect(s: SuspectFinding): NameserverSuspect {
  if (s.kind === 'address') {
    return {
      address: s.address,
      problems: s.problems,
      text: prose`${s.address}: ${failuresText(s.failures)}, according to a resolver’s error text.`,
      exchanges: s.exchanges,
    };
  }
  return {
    host: s.host,
    ...(s.address !== undefined ? { address: s.address } : {}),
    problems: s.problems,
    text: hostText(s),
    exchanges: s.exchanges,
  };
}

export function explainSuspects(suspects: readonly SuspectFinding[]): NameserverSuspect[] {
  return suspects.map(explainSuspect);
}

/** What the parent's answer to the DS question shows about the delegation. */
export function parentAnswerText(p: ParentAnswer): string {
  switch (p.shows) {
    case 'ds':
      return prose`${p.parent} still answers for ${p.zone}: it publishes its DS record, so the delegation exists.`;
    case 'nsec':
      return prose`${p.parent} still answers for ${p.zone}: its signed NSEC record shows the delegation (NS) without a DS.`;
    case 'no-ds':
      return prose`${p.parent} still answers the DS question for ${p.zone} (NOERROR, no DS).`;
  }
}
