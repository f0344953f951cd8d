/**
 * Differences between two results (diff/difference.ts) in words, one sentence each, at the
 * grain "DS 12345 for example.com. removed at com." and "KSK 54321 now signs the DNSKEY set
 * of example.com.". "Then" is the earlier result, "now" the later one. Quoted names, EDE
 * texts and registry fields go through `prose`, so they stay one line of visible text.
 */

import { keyTagPhrase } from '../../dnssec/anchors/anchor-identity';
import { REASONS } from '../ids';
import type {
  AnchorsFacts,
  DifferenceFinding,
  DnskeyDifference,
  ExpirationDifference,
  KeyRole,
  OutcomeFacts,
  RecordSetDifference,
  RegistryStateDifference,
  ResolverDifference,
  SignerDifference,
} from '../diff/difference';
import { listText, prose, utcText } from './prose';

/** `lab.` for `example.lab.`; the root for a TLD. */
function parentOf(zone: string): string {
  const dot = zone.indexOf('.');
  return dot < 0 || dot === zone.length - 1 ? '.' : zone.slice(dot + 1);
}

/** `KSK 54321`, `key 54321` when its role is unknown. */
function keyName(role: KeyRole | undefined, tag: number): string {
  return role === undefined || role === 'non-zone key' ? `key ${tag}` : `${role} ${tag}`;
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** `the DNSKEY set of example.com.`, `www.example.com. A` */
function rrsetName(owner: string, type: string): string {
  return type === 'DNSKEY' ? prose`the DNSKEY set of ${owner}` : prose`${owner} ${type}`;
}

function dnskeyText(d: DnskeyDifference): string {
  const key = keyName(d.role, d.keyTag);
  if (d.change === 'added')
    return prose`${key} (algorithm ${d.algorithm}) added to the DNSKEY set of ${d.zone}.`;
  if (d.change === 'removed')
    return prose`${key} (algorithm ${d.algorithm}) removed from the DNSKEY set of ${d.zone}.`;
  const was = d.previous!;
  const what = d.revoked && !was.revoked ? 'is revoked now' : 'changed its flags';
  return prose`${capital(keyName(was.role, was.keyTag))} of ${d.zone} ${what} (flags ${was.flags} → ${d.flags}); its key tag is ${d.keyTag} now.`;
}

function signerText(d: SignerDifference): string {
  const key = capital(keyName(d.role, d.keyTag));
  const what = rrsetName(d.owner, d.type);
  return d.change === 'added'
    ? prose`${key} now signs ${what}.`
    : prose`${key} no longer signs ${what}.`;
}

function expirationText(d: ExpirationDifference): string {
  const which = d.after > d.before ? 'later' : 'earlier';
  return prose`The signature of ${keyName(d.role, d.keyTag)} over ${rrsetName(d.owner, d.type)} expires at ${utcText(d.after)} now, ${which} than then (${utcText(d.before)}).`;
}

function recordSetText(d: RecordSetDifference): string {
  const plural = d.type === 'A' || d.type === 'AAAA';
  const set = plural ? `${d.type} records` : `${d.type} set`;
  const [it, is, was, held] = plural
    ? ['they', 'are', 'were', 'were']
    : ['it', 'is', 'was', 'held'];
  return d.change === 'readable'
    ? prose`The ${set} of ${d.owner} ${is} answered now (${listText(d.records)}); then ${it} ${was} not (${d.instead}).`
    : prose`The ${set} of ${d.owner} ${is} not answered now (${d.instead}); then ${it} ${held} ${listText(d.records)}.`;
}

function outcomeText(o: OutcomeFacts | null): string {
  return o === null ? 'not asked' : o.text;
}

function resolverText(d: ResolverDifference): string {
  const cd = d.cd.map((bit) => `CD=${bit}`).join(' and ');
  return prose`${d.label} with ${cd}: ${outcomeText(d.before)} then, ${outcomeText(d.after)} now.`;
}

function anchorsText(a: AnchorsFacts): string {
  if (a.kind === 'root') return 'the built-in root anchors';
  if (a.kind === 'unreadable') return 'anchors of its own that cannot be read';
  return `${keyTagPhrase(a.keyTags)}, ${a.partOfRoot ? 'only part of the root’s' : 'not the root’s'}`;
}

const REGISTRY_STATE: Readonly<Record<RegistryStateDifference['before'], string>> = {
  found: 'listed the domain',
  'not-found': 'did not find the domain (404)',
  failed: 'could not be asked',
  'not-asked': 'was not asked',
};

function registryText(d: RegistryStateDifference): string {
  return prose`The registry ${REGISTRY_STATE[d.before]} then and ${REGISTRY_STATE[d.after]} now (${d.domain}).`;
}

/** One difference as a sentence. */
export function differenceText(d: DifferenceFinding): string {
  switch (d.kind) {
    case 'verdict':
      return prose`The verdict went from ${d.before.verdict} (${d.before.reason}: ${REASONS[d.before.reason]}) to ${d.after.verdict} (${d.after.reason}: ${REASONS[d.after.reason]}).`;
    case 'trust-anchors':
      return prose`The two results are validated against different trust anchors: then ${anchorsText(d.before)}, now ${anchorsText(d.after)}. A chain of trust that differs may owe it to that, not to the zone.`;
    case 'ds':
      return d.change === 'added'
        ? prose`DS ${d.keyTag} for ${d.zone} added at ${parentOf(d.zone)} (algorithm ${d.algorithm}, digest type ${d.digestType}).`
        : prose`DS ${d.keyTag} for ${d.zone} removed at ${parentOf(d.zone)} (algorithm ${d.algorithm}, digest type ${d.digestType}).`;
    case 'dnskey':
      return dnskeyText(d);
    case 'signer':
      return signerText(d);
    case 'expiration':
      return expirationText(d);
    case 'ns':
      return d.change === 'added'
        ? prose`${d.host} added to the NS set of ${d.zone}.`
        : prose`${d.host} removed from the NS set of ${d.zone}.`;
    case 'address':
      return d.change === 'added'
        ? prose`${d.host} has the address ${d.address} now.`
        : prose`${d.host} no longer has the address ${d.address}.`;
    case 'record-set':
      return recordSetText(d);
    case 'resolver':
      return resolverText(d);
    case 'registry':
      return registryText(d);
    case 'registry-status':
      return d.change === 'added'
        ? prose`Status ${d.status} set at the registry for ${d.domain}.`
        : prose`Status ${d.status} lifted at the registry for ${d.domain}.`;
    case 'registry-ds':
      return d.change === 'added'
        ? prose`DS ${d.keyTag} added at the registry for ${d.domain} (algorithm ${d.algorithm}, digest type ${d.digestType}).`
        : prose`DS ${d.keyTag} removed at the registry for ${d.domain} (algorithm ${d.algorithm}, digest type ${d.digestType}).`;
    case 'registry-ns': {
      const glue = d.glue.length > 0 ? prose` (glue ${listText(d.glue)})` : '';
      return d.change === 'added'
        ? prose`The registry lists ${d.host}${glue} as a nameserver of ${d.domain} now.`
        : prose`The registry no longer lists ${d.host}${glue} as a nameserver of ${d.domain}.`;
    }
    case 'registry-glue':
      return d.change === 'added'
        ? prose`The registry holds the glue address ${d.address} for ${d.host} now.`
        : prose`The registry no longer holds the glue address ${d.address} for ${d.host}.`;
  }
}
