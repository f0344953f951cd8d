/**
 * Which zone a verdict card offers to "test a DS before publishing" for: the zone where the
 * chain breaks when it does (the diagnosis names it), else the zone that holds the answer;
 * only a signed zone (keys, or a DS at its parent) below a parent (a trust anchor's zone has
 * no DS to publish). The link opens with the DS set the parent publishes today, for the
 * owner to edit.
 */

import { sameName } from '../../dns/name';
import { fromHex } from '../../dns/wire/encoding';
import type { ProofTree } from '../../dnssec/proof-tree';
import type { DsCheckProposal } from '../diagnosis';
import { dsLine } from './ds-line';

/**
 * @example dsCheckTarget(validation.proof, diagnosis.zone)
 * // { zone: 'ds-mismatch.lab.', records: ['ds-mismatch.lab. IN DS 38886 13 2 71BE…'] }
 */
export function dsCheckTarget(
  proof: ProofTree | null,
  brokenZone: string | undefined,
): DsCheckProposal | null {
  if (proof === null) return null;
  const answerZone = proof.answer.find((step) => step.zone !== undefined)?.zone;
  const wanted = brokenZone ?? answerZone ?? proof.zones[proof.zones.length - 1]?.zone;
  const zone = wanted === undefined ? undefined : proof.zones.find((z) => sameName(z.zone, wanted));
  if (zone === undefined || zone.zone === '.' || zone.anchoredBy === 'trust-anchor') return null;
  if (zone.dnskeys.length === 0 && zone.ds.length === 0) return null;
  return {
    zone: zone.zone,
    records: zone.ds.map((d) =>
      dsLine(zone.zone, {
        keyTag: d.keyTag,
        algorithm: d.algorithm,
        digestType: d.digestType,
        // The proof printed the digest from its octets: it reads back.
        digest: fromHex(d.digest) ?? new Uint8Array(),
      }),
    ),
  };
}
