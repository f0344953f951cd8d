/**
 * The DS check (ds-check/check.ts) in words: one headline, one plain sentence per pasted
 * record, the zone's keys, and what the old DS set does meanwhile. Quoted values (names,
 * pasted text, parser messages) go through `prose`, so they stay one line of visible text;
 * nothing here is HTML.
 */

import { ALGORITHM_NAMES } from '../../dnssec/algorithms';
import type { DsItem, DsSetCheck, ZoneKeyRow } from '../ds-check/check';
import type { KeyView, SigningState } from '../ds-check/key-set';
import type { MaterialProblem } from '../ds-check/material';
import { MAX_PASTED_RECORDS } from '../ds-check/pasted-records';
import { listText, plural, prose, spanText, utcText } from './prose';

/** IANA "Delegation Signer (DS) Resource Record (RR) Type Digest Algorithms". */
const DIGEST_NAMES: Readonly<Record<number, string>> = {
  1: 'SHA-1',
  2: 'SHA-256',
  3: 'GOST R 34.11-94',
  4: 'SHA-384',
};

export const algorithmName = (n: number): string => ALGORITHM_NAMES[n] ?? 'unknown';
const digestName = (n: number): string => DIGEST_NAMES[n] ?? 'unknown';

/** `the KSK 14719 (ECDSAP256SHA256)` */
function keyPhrase(key: KeyView): string {
  const role =
    key.role === 'KSK' || key.role === 'ZSK'
      ? `the ${key.role}`
      : key.role === 'revoked'
        ? 'the revoked key'
        : 'the key';
  return `${role} ${key.keyTag} (${algorithmName(key.algorithm)})`;
}

/** Why a key's signature over the DNSKEY RRset does not count now. */
function signingFailure(signing: SigningState | undefined): string {
  switch (signing?.state) {
    case 'expired':
      return prose`its signature over the DNSKEY set expired at ${utcText(signing.expiration)}`;
    case 'not-yet-valid':
      return prose`its signature over the DNSKEY set is valid only from ${utcText(signing.inception)}`;
    case 'unsupported':
      return 'its signature over the DNSKEY set cannot be verified (its key size or algorithm is not supported)';
    default:
      return 'its signature over the DNSKEY set does not verify';
  }
}

function keysPresent(keys: readonly ZoneKeyRow[]): string {
  const shown = keys.slice(0, 6).map((k) => `${k.keyTag} ${k.role}`);
  return listText(keys.length > 6 ? [...shown, `${keys.length - 6} more`] : shown);
}

/** The sentence for a DS that names a key the zone has. */
function matchedSentence(item: Extract<DsItem, { kind: 'ds' }>, zone: string): string {
  const key = item.key!;
  const k = keyPhrase(key);
  switch (item.status) {
    case 'valid':
    case 'valid-sha1': {
      const until =
        item.signing?.state === 'valid' ? prose` until ${utcText(item.signing.expiration)}` : '';
      const base = prose`Matches ${k}, which signs the DNSKEY set of ${zone} with a signature valid${until}: validators can follow this DS into the zone.`;
      return item.status === 'valid'
        ? base
        : `${base} But its digest is SHA-1 (digest type 1), which RFC 8624 §3.3 says must not be used for a delegation: publish the SHA-256 DS of the same key, shown below, instead.`;
    }
    case 'sha1-ignored':
      return prose`Matches ${k}, but it is a SHA-1 DS in a set that also holds a SHA-256 DS, and validators then ignore the SHA-1 ones (RFC 4509 §3): it adds nothing. Leave it out.`;
    case 'key-not-signing':
      return key.role === 'ZSK'
        ? prose`Matches ${k}, but that key does not sign the DNSKEY set of ${zone}: a DS must point to a key that signs it (the KSK, flags 257, or a key that signs everything), so validators stop here.`
        : prose`Matches ${k}, which is in the DNSKEY set of ${zone} but does not sign it (yet): validators stop here until it does.`;
    case 'signature-failed':
      return prose`Matches ${k}, but ${signingFailure(item.signing)}: validators stop here.`;
    case 'revoked':
      return prose`Matches ${k}, which carries the REVOKE flag (RFC 5011 §2.1): validators must not use a revoked key, so this DS leads nowhere.`;
    default:
      return prose`Matches ${k}, which lacks the Zone Key flag (RFC 4034 §2.1.1): validators cannot use it, so this DS leads nowhere.`;
  }
}

/**
 * One plain sentence per pasted record.
 *
 * @example dsItemSentence(item, check) // 'Matches the KSK 14719 (ECDSAP256SHA256), which signs…'
 */
export function dsItemSentence(item: DsItem, check: DsSetCheck): string {
  if (item.kind === 'malformed') {
    return prose`This record could not be read: ${item.message}. The other records are checked without it.`;
  }
  const zone = check.zone;
  const lead = item.fromDnskey ? 'Read as the SHA-256 DS of this key. ' : '';
  switch (item.status) {
    case 'unsupported-algorithm':
      return `${lead}${prose`Algorithm ${item.algorithm} (${algorithmName(item.algorithm)}) is one validators do not support (RFC 8624 §3.1): they skip this DS as if it were not there.`}`;
    case 'unsupported-digest':
      return `${lead}${prose`Digest type ${item.digestType} (${digestName(item.digestType)}) is one validators do not support (RFC 8624 §3.3): they skip this DS as if it were not there.`}`;
    case 'no-key':
      if (check.keys.length === 0) {
        return `${lead}${prose`${zone} serves no DNSKEY at all (it is not signed): with a DS at the parent, validators would reject every answer until the zone is signed with this key.`}`;
      }
      return item.fromDnskey
        ? `${lead}${prose`This key is not in the DNSKEY set of ${zone} (its keys: ${keysPresent(check.keys)}): validators would find no key for this DS.`}`
        : prose`${zone} publishes no DNSKEY with key tag ${item.keyTag} and algorithm ${item.algorithm} (its keys: ${keysPresent(check.keys)}): validators would find no key for this DS.`;
    case 'digest-mismatch':
      return prose`Key tag ${item.keyTag} and algorithm ${item.algorithm} are those of ${keyPhrase(item.sameTag[0]!)}, but the digest is not that key's: a typing error, or the DS of another key with the same tag. The right DS of that key is shown below.`;
    default:
      return `${lead}${matchedSentence(item, zone)}`;
  }
}

/** The answer in one sentence, with the lines that could not be read said apart. */
export function dsCheckHeadline(check: DsSetCheck): string {
  const z = check.zone;
  const readable = check.items.filter((i) => i.kind === 'ds');
  const unreadable = check.items.length - readable.length;
  const leading = readable.filter((i) => i.status === 'valid' || i.status === 'valid-sha1');
  let headline: string;
  if (check.result === 'secure') {
    headline = prose`Publishing exactly this DS set keeps ${z} secure: validators reach its keys through the DS of key ${listText([...new Set(leading.map((i) => String(i.keyTag)))])}.`;
  } else if (check.result === 'breaks') {
    headline = prose`Publishing exactly this DS set would break ${z}: no DS in it leads to a key that signs the zone's DNSKEY set, so validating resolvers would answer SERVFAIL for every name in it.`;
  } else if (readable.length === 0) {
    headline = prose`With no DS at the parent, ${z} is insecure: validators accept its answers without checking them. Nothing breaks, and nothing is protected.`;
  } else {
    headline = prose`Validators support none of these DS records' algorithms and digest types, so they treat ${z} as unsigned: insecure, not broken (RFC 4035 §5.2, RFC 6840 §5.2).`;
  }
  if (unreadable === 0) return headline;
  return `${headline} ${unreadable} ${plural(unreadable, 'record', 'records')} could not be read and ${plural(unreadable, 'is', 'are')} not part of this answer.`;
}

/** Notes beside the answer: lines past the limit. */
export function dsCheckNotes(check: DsSetCheck): string[] {
  return check.skipped === 0
    ? []
    : [
        `Only the first ${MAX_PASTED_RECORDS} records were checked; the ${check.skipped} after them were not.`,
      ];
}

/** One line per key of the zone: its role and whether it signs the DNSKEY set. */
export function keyRowText(key: ZoneKeyRow): string {
  const role =
    key.role === 'not-zone-key'
      ? 'Not a zone key'
      : key.role === 'revoked'
        ? 'Revoked key'
        : key.role;
  const k = `${role} ${key.keyTag} (${algorithmName(key.algorithm)})`;
  const s = key.signing;
  if (s === null) return prose`${k}: not checked (too many keys).`;
  if (s.state === 'valid') {
    return prose`${k}: signs the DNSKEY set (valid until ${utcText(s.expiration)}).`;
  }
  if (s.state === 'none') return prose`${k}: does not sign the DNSKEY set.`;
  return prose`${k}: ${signingFailure(s)}.`;
}

/** `300 s (5 minutes)`, `at least 40 s` for a TTL only a resolver's countdown showed. */
export function ttlText(ttl: { readonly seconds: number; readonly full: boolean }): string {
  const span = ttl.seconds >= 120 ? ` (${spanText(ttl.seconds)})` : '';
  return `${ttl.full ? '' : 'at least '}${ttl.seconds} s${span}`;
}

/** Why the check could not be made: the zone's keys could not be read. */
export function materialProblemText(
  problem: MaterialProblem,
  zone: string,
  resolver: string,
): string {
  switch (problem.kind) {
    case 'transport':
      return prose`The DNSKEY set of ${zone} could not be fetched from ${resolver} (${problem.errorClass}): ${problem.message}. Nothing was checked; try again, or choose another resolver in the settings.`;
    case 'rcode':
      return problem.rcode === 'NXDOMAIN'
        ? prose`${resolver} says ${zone} does not exist (NXDOMAIN): there is no zone to publish a DS for.`
        : prose`${resolver} answered ${problem.rcode} for the DNSKEY set of ${zone}, even with checking disabled: the zone's servers fail, so its keys cannot be read. Check the name itself to see why.`;
    case 'not-apex':
      return problem.apex === null
        ? prose`${zone} is an alias (CNAME), not a zone: DS records belong to the apex of a zone.`
        : prose`${zone} is not the apex of a zone: it lies inside ${problem.apex}, and DS records belong to a zone's apex. Check ${problem.apex} instead, or delegate ${zone} first.`;
  }
}
