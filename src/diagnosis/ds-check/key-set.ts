/**
 * The zone's DNSKEY RRset as the DS check sees it: each key's role, and whether it signs the
 * DNSKEY RRset with a signature that verifies now. RFC 4035 §5.2: a DS authenticates the
 * zone only through a DNSKEY that it matches *and* that signs the DNSKEY RRset; a DS of a
 * key that signs nothing there (a ZSK) leads a validator nowhere.
 *
 * The signatures are checked by the validator's own code (verify-rrset.ts), one key at a
 * time, under one work budget (the KeyTrap bounds of budget.ts), and only for the keys a DS
 * points to.
 */

import { nameFromText, ROOT, type Name } from '../../dns/wire/name';
import type { ResourceRecord } from '../../dns/wire/record';
import { RRTYPE } from '../../dns/wire/types';
import { WorkBudget } from '../../dnssec/budget';
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from '../../dnssec/rdata/dnskey';
import { RrsetIndex, type Rrset } from '../../dnssec/rrset-index';
import { verifyRrset, type ValidationContext } from '../../dnssec/verify-rrset';
import { zoneKeysOf, type ZoneKey } from '../../dnssec/zone-key';

/** RFC 4034 §2.1.1 and RFC 5011 §2.1, in the words owners use. */
export type KeyRole = 'KSK' | 'ZSK' | 'revoked' | 'not-zone-key';

/** Whether a key signs the zone's DNSKEY RRset, as of the check. */
export type SigningState =
  | { readonly state: 'valid'; readonly expiration: number }
  | { readonly state: 'expired'; readonly expiration: number }
  | { readonly state: 'not-yet-valid'; readonly inception: number }
  | { readonly state: 'invalid' }
  | { readonly state: 'unsupported' }
  /** No RRSIG over the DNSKEY RRset carries this key's tag and algorithm. */
  | { readonly state: 'none' };

export interface KeyView {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly flags: number;
  readonly role: KeyRole;
  /** The DNSKEY record, one line. */
  readonly text: string;
}

export function roleOf(key: ZoneKey): KeyRole {
  const flags = key.dnskey.flags;
  if ((flags & DNSKEY_FLAG_ZONE) === 0 || key.dnskey.protocol !== 3) return 'not-zone-key';
  if ((flags & DNSKEY_FLAG_REVOKE) !== 0) return 'revoked';
  return (flags & DNSKEY_FLAG_SEP) !== 0 ? 'KSK' : 'ZSK';
}

export function keyView(key: ZoneKey): KeyView {
  return {
    keyTag: key.keyTag,
    algorithm: key.dnskey.algorithm,
    flags: key.dnskey.flags,
    role: roleOf(key),
    text: key.text,
  };
}

export interface ZoneKeySet {
  /** The zone's keys (every DNSKEY record of its apex RRset that could be read). */
  readonly keys: readonly ZoneKey[];
  /** Whether `key` signs the DNSKEY RRset now; each key is verified once. */
  signing(key: ZoneKey): Promise<SigningState>;
}

/** What the RRSIGs by `key` over the DNSKEY RRset came to, best first. */
function stateFrom(
  outcomes: readonly { outcome: string; expiration: number; inception: number }[],
): SigningState {
  const find = (o: string) => outcomes.find((s) => s.outcome === o);
  const valid = find('valid');
  if (valid) return { state: 'valid', expiration: valid.expiration };
  const expired = find('expired');
  if (expired) return { state: 'expired', expiration: expired.expiration };
  const early = find('not-yet-valid');
  if (early) return { state: 'not-yet-valid', inception: early.inception };
  if (find('unsupported')) return { state: 'unsupported' };
  return outcomes.length > 0 ? { state: 'invalid' } : { state: 'none' };
}

/**
 * The key set of `zone` from the DNSKEY response's answer records (DNSKEY and RRSIG), for
 * signatures judged at `now` (seconds since the epoch).
 */
export function zoneKeySet(
  zone: string,
  records: readonly ResourceRecord[],
  now: number,
): ZoneKeySet {
  const parsed = nameFromText(zone);
  const owner: Name = parsed.ok ? parsed.value : ROOT;
  const rrset: Rrset | undefined = new RrsetIndex(records).get(owner, RRTYPE.DNSKEY);
  const keys = rrset ? zoneKeysOf(rrset.records) : [];
  const ctx: ValidationContext = { now, budget: new WorkBudget() };
  const known = new Map<ZoneKey, Promise<SigningState>>();
  const verify = async (key: ZoneKey): Promise<SigningState> => {
    if (rrset === undefined) return { state: 'none' };
    const proof = await verifyRrset(rrset, [key], owner, ctx);
    const mine = proof.signatures.filter(
      (s) =>
        s.keyTag === key.keyTag && s.algorithm === key.dnskey.algorithm && s.outcome !== 'no-key',
    );
    return stateFrom(mine);
  };
  return {
    keys,
    signing(key) {
      let state = known.get(key);
      if (state === undefined) {
        state = verify(key);
        known.set(key, state);
      }
      return state;
    },
  };
}
