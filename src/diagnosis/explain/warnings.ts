/**
 * Warning findings (warning-finding.ts) in words, for the card, the report and the saved
 * history: each keeps its id and exchanges, and gains its sentence here.
 */

import type { DiagnosisWarning } from '../diagnosis';
import type {
  ExpiringWarning,
  OneNetworkWarning,
  SingleNameserverWarning,
  SlowResolverWarning,
  StaleResolverWarning,
  UnreachableResolverWarning,
  WarningFinding,
} from '../warning-finding';
import {
  algorithmDeprecatedText,
  dsSha1OnlyText,
  dsUnusedText,
  cdsMismatchText,
  nsec3IterationsText,
} from './chain-warnings';
import { listText, prose, spanText, utcText } from './prose';
import { registryDsText, registryNsText } from './registry';
import { advice } from './transport-advice';

function expiringText(w: ExpiringWarning): string {
  return (
    prose`The signature over ${w.owner} ${w.type} expires at ${utcText(w.expiration)}, ` +
    prose`${spanText(w.expiration - w.now)} from now. If the zone is not re-signed by then, ` +
    'validating resolvers will answer SERVFAIL.' +
    (w.ttl === undefined
      ? ''
      : prose` That is less than the RRset's TTL (${spanText(w.ttl)}): the signer renews late or has stopped. ` +
        'Signers renew well before the end (BIND when a quarter of the validity is left), so that every cached copy ' +
        'expires before its signature does; validators already cache this one for less than its TTL (RFC 4035 §5.3.3). ' +
        'Check that the signer runs and that its zone reaches every nameserver, or lower the TTL below the time left.')
  );
}

function singleText(w: SingleNameserverWarning): string {
  return prose`${w.zone} has one nameserver only (${w.host}): when it is down, the name fails. RFC 2182 asks for at least two, in different networks.`;
}

function oneNetworkText(w: OneNetworkWarning): string {
  return prose`All ${w.hosts} nameservers of ${w.zone} are in one network (${listText(w.networks)}): one outage or routing problem there takes the whole zone down.`;
}

function unreachableText(w: UnreachableResolverWarning): string {
  const said = [...new Set(w.failures.map((f) => prose`${f.cls}: ${f.message}`))];
  const tip = advice([...new Set(w.failures.map((f) => f.cls))]);
  return (
    prose`${w.resolver} gave no DNS answer (${said.join('; ') || 'not asked'}), so it tells nothing ` +
    prose`about the domain: the verdict rests on the other ${w.others} ${w.others === 1 ? 'resolver' : 'resolvers'}.` +
    (tip ? ` ${tip}` : '')
  );
}

function slowText(w: SlowResolverWarning): string {
  return (
    prose`${w.resolver} answered this check’s other queries but not the name itself within ` +
    prose`${w.seconds} s: it is still waiting on the domain’s servers, which are slow ` +
    'or do not answer. This is not your connection.'
  );
}

function staleText(w: StaleResolverWarning): string {
  const one = w.resolvers.length === 1;
  return (
    prose`${listText(w.resolvers)} still ${one ? 'answers' : 'answer'} from ${one ? 'its' : 'their'} cache ` +
    '(EDE 3 Stale Answer or 19 Stale NXDOMAIN, RFC 8767): the data has expired and the ' +
    'domain’s servers are failing. The answer will stop working when the cache lets go of it.'
  );
}

function warningText(w: WarningFinding): string {
  switch (w.id) {
    case 'signatures-expiring':
      return expiringText(w);
    case 'nsec3-iterations':
      return nsec3IterationsText(w);
    case 'algorithm-deprecated':
      return algorithmDeprecatedText(w);
    case 'ds-sha1-only':
      return dsSha1OnlyText(w);
    case 'ds-unused':
      return dsUnusedText(w);
    case 'cds-mismatch':
      return cdsMismatchText(w);
    case 'single-nameserver':
      return singleText(w);
    case 'one-network':
      return oneNetworkText(w);
    case 'resolver-unreachable':
      return unreachableText(w);
    case 'resolver-slow':
      return slowText(w);
    case 'resolver-stale':
      return staleText(w);
    case 'registry-ns-mismatch':
      return registryNsText(w);
    case 'registry-ds-mismatch':
      return registryDsText(w);
  }
}

/** The warning as the Diagnosis carries it: its id, its sentence, its exchanges. */
export function explainWarning(w: WarningFinding): DiagnosisWarning {
  return { id: w.id, text: warningText(w), exchanges: w.exchanges };
}
