/**
 * DS records to publish at the parent, computed from the keys a zone serves now
 * (RFC 4034 §5.1.4), with the digest types RFC 8624 §3.3 recommends: SHA-256 (2, MUST)
 * and SHA-384 (4, MAY). Which one the registrar accepts varies, so both are offered.
 */

import type { DnsMessage } from '../../dns/message';
import { toBase64, toHex } from '../../dns/wire/encoding';
import { dsDigest } from '../../dnssec/ds-digest';
import { keyTag } from '../../dnssec/key-tag';
import type { DsCheckProposal } from '../diagnosis';
import { answerRecords } from '../facts';

export const DS_DIGEST_TYPES = [2, 4] as const;

export interface KeyDs {
  readonly keyTag: number;
  readonly algorithm: number;
  /** The DNSKEY line, for registrars that ask for the key rather than the digest. */
  readonly dnskey: string;
  /** One DS line per digest type. */
  readonly ds: readonly string[];
}

/**
 * The DS records for the zone's entry-point keys: those with the SEP flag (KSKs), or every
 * zone key when none has it (a single-key zone may have SEP clear; RFC 4034 §2.1.1 says
 * validators must ignore the flag). Revoked keys (RFC 5011) are skipped.
 *
 * @example dsForZoneKeys('example.com.', dnskeyResponse)[0]?.ds[0]
 * // 'example.com. IN DS 3613 15 2 3AA5AB37…'
 */
export function dsForZoneKeys(zone: string, dnskeyResponse: DnsMessage): KeyDs[] {
  const keys = answerRecords(dnskeyResponse, zone, 'DNSKEY').filter(
    (rr) => rr.data.kind === 'DNSKEY' && rr.data.zoneKey && !rr.data.revoked,
  );
  const sep = keys.filter((rr) => rr.data.kind === 'DNSKEY' && rr.data.secureEntryPoint);
  const chosen = sep.length > 0 ? sep : keys;
  const out: KeyDs[] = [];
  for (const rr of chosen) {
    if (rr.data.kind !== 'DNSKEY') continue;
    const tag = keyTag(rr.wire.rdata);
    const ds: string[] = [];
    for (const digestType of DS_DIGEST_TYPES) {
      const digest = dsDigest(rr.wire.owner, rr.wire.rdata, digestType);
      if (digest === undefined) continue;
      ds.push(
        `${zone} IN DS ${tag} ${rr.data.algorithm} ${digestType} ${toHex(digest).toUpperCase()}`,
      );
    }
    out.push({
      keyTag: tag,
      algorithm: rr.data.algorithm,
      dnskey: `${zone} IN DNSKEY ${rr.data.flags} ${rr.data.protocol} ${rr.data.algorithm} ${toBase64(rr.data.publicKey)}`,
      ds,
    });
  }
  return out.sort((a, b) => a.keyTag - b.keyTag);
}

/**
 * What a DS fix hands the DS check before publishing: the DS lines it proposes for the
 * zone's entry-point keys, every digest type offered, so the owner tests exactly the set
 * they are about to enter at the registrar.
 *
 * @example dsCheckProposal('example.com.', dsForZoneKeys('example.com.', dnskeyResponse))
 * // { zone: 'example.com.', records: ['example.com. IN DS 3613 15 2 3AA5…', 'example.com. IN DS 3613 15 4 …'] }
 */
export function dsCheckProposal(zone: string, keys: readonly KeyDs[]): DsCheckProposal {
  return { zone, records: keys.flatMap((k) => k.ds) };
}
