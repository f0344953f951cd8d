/**
 * What the owner of a zone with a broken DNSSEC chain should change, as records to paste,
 * and the emergency step (removing the DS) with its cost spelled out.
 */

import type { DnsMessage } from '../../dns/message';
import type { DsInfo, Finding, ZoneProof } from '../../dnssec/proof-tree';
import type { Fix } from '../diagnosis';
import type { ReasonId } from '../ids';
import { dsCheckProposal, dsForZoneKeys } from '../remediation/ds-records';
import { prose, spanText, utcText } from './prose';

export interface DnssecFixInput {
  readonly reason: ReasonId;
  /** The zone whose link is broken, and its parent (where the DS lives). */
  readonly zone: string;
  readonly parent: string | undefined;
  readonly zoneProof: ZoneProof | undefined;
  readonly finding: Finding | undefined;
  /** The zone's DNSKEY response (CD=1), when collected. */
  readonly dnskeyResponse: DnsMessage | null;
  /** TTL left on the DS RRset as a resolver handed it over, when seen. */
  readonly dsTtl: number | undefined;
  readonly now: number;
}

const dsLine = (zone: string, d: DsInfo): string =>
  `${zone} IN DS ${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest}`;

function atParent(zone: string, parent: string | undefined): string {
  return parent === undefined || parent === '.'
    ? prose`at the registrar of ${zone}`
    : prose`at the registrar of ${zone} (or in ${parent}, if you run that zone)`;
}

/** The DS for the zone's current KSK, and the stale DS to remove. */
function dsMismatchFixes(input: DnssecFixInput): Fix[] {
  const { zone, parent, zoneProof } = input;
  const keys = input.dnskeyResponse ? dsForZoneKeys(zone, input.dnskeyResponse) : [];
  const stale = (zoneProof?.ds ?? []).filter((d) => d.matchesKeyTag === undefined);
  const fixes: Fix[] = [];
  if (keys.length > 0) {
    const tags = keys.map((k) => `${k.keyTag} (algorithm ${k.algorithm})`).join(', ');
    fixes.push({
      kind: 'fix',
      title: prose`Publish the DS of ${zone}’s current key`,
      text:
        prose`Enter these DS records ${atParent(zone, parent)}. They are computed from the key ${zone} ` +
        prose`serves now, key tag ${tags}: SHA-256 (digest type 2) and SHA-384 (digest type 4); most ` +
        'registrars take type 2. The last line is the key itself, for registrars that ask for the ' +
        'DNSKEY instead. If the DS at the parent is the one you meant (a key rollover went wrong), ' +
        'put that key back into the zone instead.',
      records: [...keys.flatMap((k) => k.ds), ...keys.map((k) => k.dnskey)],
      commands: [],
      dsCheck: dsCheckProposal(zone, keys),
    });
  }
  if (stale.length > 0) {
    fixes.push({
      kind: 'fix',
      title: 'Remove the DS that matches no key',
      text:
        prose`These DS records for ${zone} point to a key the zone does not publish (key tag ` +
        prose`${[...new Set(stale.map((d) => d.keyTag))].join(', ')}). Delete them ${atParent(zone, parent)} ` +
        'once the new DS is in place.',
      records: stale.map((d) => dsLine(zone, d)),
      commands: [],
    });
  }
  return fixes;
}

/** A DS at the parent but no DNSKEY in the zone: sign the zone, or drop the DS. */
function dnskeyMissingFixes(input: DnssecFixInput): Fix[] {
  const { zone, parent, zoneProof } = input;
  const ds = zoneProof?.ds ?? [];
  const tags = [...new Set(ds.map((d) => `${d.keyTag} (algorithm ${d.algorithm})`))].join(', ');
  return [
    {
      kind: 'fix',
      title: prose`If ${zone} should be signed: sign it`,
      text:
        prose`The parent announces a key with tag ${tags || 'unknown'} for ${zone}, but the zone serves no ` +
        'matching DNSKEY. Turn DNSSEC signing on at your DNS host (or in your signer) with that key; ' +
        'or sign with a new key and replace the DS at the parent with the new key’s DS.',
      records: [],
      commands: [],
      // The new key's DS is not known yet: the check opens on the zone for the owner to paste it.
      dsCheck: { zone, records: [] },
    },
    {
      kind: 'fix',
      title: prose`If ${zone} should not be signed: remove its DS`,
      text:
        prose`Delete these DS records ${atParent(zone, parent)}. The zone is unsigned already, so this ` +
        'costs nothing: resolvers then treat it as an ordinary unsigned zone.',
      records: ds.map((d) => dsLine(zone, d)),
      commands: [],
    },
  ];
}

function resignFix(input: DnssecFixInput): Fix {
  const { zone, finding, now } = input;
  const rrsig = finding?.rrsig;
  if (input.reason === 'rrsig-expired' && finding?.time !== undefined) {
    return {
      kind: 'fix',
      title: prose`Re-sign ${zone}`,
      text:
        prose`The signature${rrsig ? prose` over ${rrsig.owner} ${rrsig.typeCovered} (key tag ${rrsig.keyTag})` : ''} ` +
        prose`expired at ${utcText(finding.time)}, ${spanText(now - finding.time)} before this check. ` +
        prose`Re-sign ${zone} now, then find out why automatic re-signing stopped: a stopped signer or ` +
        'cron job, an expired key, or a hidden primary whose signed zone no longer reaches the ' +
        'public servers. Signatures should be refreshed well before they expire.',
      records: finding.records ?? [],
      commands: [],
    };
  }
  if (input.reason === 'rrsig-not-yet-valid' && finding?.time !== undefined) {
    return {
      kind: 'fix',
      title: prose`Fix the signer’s clock and re-sign ${zone}`,
      text:
        prose`A signature is valid only from ${utcText(finding.time)}, ${spanText(finding.time - now)} ` +
        'after this check: the signer’s clock runs ahead, or the inception was set in the future. ' +
        prose`Correct it and re-sign ${zone}.`,
      records: finding.records ?? [],
      commands: [],
    };
  }
  return {
    kind: 'fix',
    title: prose`Re-sign ${zone} and check every nameserver`,
    text:
      prose`${finding?.message ?? 'A DNSSEC check fails'}. Re-sign ${zone}, and check that every one of ` +
      'its nameservers serves the same, current signed copy (a server with an old or unsigned ' +
      'copy causes exactly this).',
    records: finding?.records ?? [],
    commands: [],
  };
}

/** Removing the DS: the zone becomes insecure, and that has a price. */
function removeDsFix(input: DnssecFixInput): Fix | null {
  const { zone, parent, zoneProof, dsTtl } = input;
  const ds = zoneProof?.ds ?? [];
  if (ds.length === 0 || zoneProof?.anchoredBy !== 'parent-ds') return null;
  const wait =
    dsTtl === undefined
      ? 'Resolvers keep the old DS for up to its TTL before they notice.'
      : prose`Resolvers keep the old DS for up to its TTL before they notice (a resolver handed it over with ${dsTtl} s left).`;
  return {
    kind: 'emergency',
    title: 'Emergency only: remove the DS',
    text: prose`Deleting every DS record for ${zone} ${atParent(zone, parent)} makes the zone insecure, and validating resolvers answer again. ${wait}`,
    records: ds.map((d) => dsLine(zone, d)),
    commands: [],
    cost:
      prose`${zone} loses DNSSEC: its answers can be forged without anyone noticing, and DANE/TLSA, ` +
      'SSHFP and anything else that relies on signed records stops working. To turn DNSSEC back ' +
      'on you must fix the zone and publish a DS again. Prefer the fix above if it can be done ' +
      'within the DS TTL.',
  };
}

/** The fixes for a broken chain of trust, most direct first. */
export function dnssecFixes(input: DnssecFixInput): Fix[] {
  const fixes: Fix[] = [];
  if (input.reason === 'ds-mismatch') fixes.push(...dsMismatchFixes(input));
  else if (input.reason === 'dnskey-missing') return dnskeyMissingFixes(input);
  else fixes.push(resignFix(input));
  const emergency = removeDsFix(input);
  if (emergency) fixes.push(emergency);
  return fixes;
}
