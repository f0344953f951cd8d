/**
 * Trust anchors (RFC 4033 §2, RFC 4035 §4.4): DS or DNSKEY records the person trusts
 * without proof. Each anchors the zone named by its owner.
 */

import { isSubdomainOf, nameToText, type Name } from '../../dns/wire/name';
import type { ResourceRecord } from '../../dns/wire/record';
import { fail, ok, type WireResult } from '../../dns/wire/result';
import { RRTYPE } from '../../dns/wire/types';
import { parseZoneText } from '../../dns/wire/zone-text';
import { ROOT_TRUST_ANCHORS_TEXT } from './root-anchors';

export interface TrustAnchor {
  readonly zone: Name;
  /** DS records for the zone's DNSKEYs. */
  readonly ds: readonly ResourceRecord[];
  /** DNSKEY RDATA trusted as is. */
  readonly dnskeys: readonly Uint8Array[];
}

export type TrustAnchors = readonly TrustAnchor[];

/**
 * Reads trust anchors from DS or DNSKEY records in presentation format, one or many.
 *
 * @example
 * const ta = parseTrustAnchors('. IN DS 20326 8 2 E06D44B8…');
 * if (!ta.ok) show(ta.error.message);
 */
export function parseTrustAnchors(text: string): WireResult<TrustAnchors> {
  const records = parseZoneText(text);
  if (!records.ok) return records;
  // One slot per zone, found by its lower-cased name (RFC 4034 §6.2 compares names without
  // ASCII case) and filled in place: a `ta=` link can carry thousands of records, and
  // copying each zone's list per record made that quadratic (minutes for 20,000 lines).
  const byZone = new Map<string, { zone: Name; ds: ResourceRecord[]; dnskeys: Uint8Array[] }>();
  for (const rr of records.value) {
    if (rr.type !== RRTYPE.DS && rr.type !== RRTYPE.DNSKEY) {
      return fail(
        'syntax',
        `a trust anchor must be a DS or DNSKEY record, not type ${rr.type} at ${nameToText(rr.owner)}`,
      );
    }
    const key = nameToText(rr.owner).toLowerCase();
    let anchor = byZone.get(key);
    if (!anchor) {
      anchor = { zone: rr.owner, ds: [], dnskeys: [] };
      byZone.set(key, anchor);
    }
    if (rr.type === RRTYPE.DS) anchor.ds.push(rr);
    else anchor.dnskeys.push(rr.rdata);
  }
  if (byZone.size === 0) return fail('syntax', 'no trust anchor records found');
  return ok([...byZone.values()]);
}

function builtIn(): TrustAnchors {
  const r = parseTrustAnchors(ROOT_TRUST_ANCHORS_TEXT.join('\n'));
  if (!r.ok) throw new Error(`built-in root anchors: ${r.error.message}`);
  return r.value;
}

/** The root KSK-2017 and KSK-2024 DS records. */
export const ROOT_TRUST_ANCHORS: TrustAnchors = builtIn();

/** The deepest anchor at or above `name` (RFC 4035 §4.4: the closest one applies). */
export function anchorFor(anchors: TrustAnchors, name: Name): TrustAnchor | undefined {
  let best: TrustAnchor | undefined;
  for (const a of anchors) {
    if (isSubdomainOf(name, a.zone) && (best === undefined || a.zone.length > best.zone.length))
      best = a;
  }
  return best;
}
