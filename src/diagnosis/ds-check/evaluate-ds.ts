/**
 * One DS record against the zone's keys (RFC 4035 §5.2): does it name a DNSKEY (key tag and
 * algorithm), is its digest that key's (RFC 4034 §5.1.4), may the key be used (zone key, not
 * revoked: RFC 5011 §2.1), and does the key sign the DNSKEY RRset with a signature that
 * verifies now. Used for the DS records the owner pasted and for those the parent serves.
 */

import { isSupportedAlgorithm } from '../../dnssec/algorithms';
import { dsDigest, isSupportedDigestType } from '../../dnssec/ds-digest';
import { dsMatchesKey, type DsFields, type ZoneKey } from '../../dnssec/zone-key';
import { dsLine } from './ds-line';
import { keyView, roleOf, type KeyView, type SigningState, type ZoneKeySet } from './key-set';

/** What a validator makes of one DS, as `data-status` in the page. */
export type DsStatus =
  /** It leads to a key that signs the DNSKEY RRset. */
  | 'valid'
  /** The same with a SHA-1 digest (RFC 8624 §3.3: MUST NOT be used for delegation). */
  | 'valid-sha1'
  /** A SHA-1 DS that validators skip because the set has a SHA-256 DS (RFC 4509 §3). */
  | 'sha1-ignored'
  /** A key has its tag and algorithm, but the digest is not that key's. */
  | 'digest-mismatch'
  /** No key has its tag and algorithm. */
  | 'no-key'
  /** It matches a key that signs no DNSKEY RRset (a ZSK, or a key not yet in use). */
  | 'key-not-signing'
  /** It matches a key whose signature over the DNSKEY RRset fails now (expired, invalid…). */
  | 'signature-failed'
  | 'revoked'
  | 'not-zone-key'
  /** RFC 8624 §3.1: an algorithm validators do not implement (RSAMD5, DSA, GOST, unknown). */
  | 'unsupported-algorithm'
  /** RFC 8624 §3.3: a digest type validators do not implement (GOST, unknown). */
  | 'unsupported-digest';

/** The statuses that give a validator a path into the zone. */
export const LEADS_IN: ReadonlySet<DsStatus> = new Set(['valid', 'valid-sha1']);

export interface DsEvaluation {
  readonly status: DsStatus;
  /** The key whose tag, algorithm and digest the DS has. */
  readonly key?: KeyView;
  /** That key's signature over the DNSKEY RRset. */
  readonly signing?: SigningState;
  /** Keys with the DS's tag and algorithm whose digest differs (for `digest-mismatch`). */
  readonly sameTag: readonly KeyView[];
  /** The DS this key (matched, or the first of `sameTag`) has with SHA-256: a line to use. */
  readonly suggestion?: string;
}

const SHA256 = 2;

/** The DS fields the set rules read. */
export interface JudgedShape {
  readonly algorithm: number;
  readonly digestType: number;
  readonly status: DsStatus;
}

export function isSupportedDs(ds: {
  readonly algorithm: number;
  readonly digestType: number;
}): boolean {
  return isSupportedAlgorithm(ds.algorithm) && isSupportedDigestType(ds.digestType);
}

/** The SHA-256 DS line of `key`. */
function sha256Line(zone: string, key: ZoneKey): string | undefined {
  const digest = dsDigest(key.owner, key.rdata, SHA256);
  if (digest === undefined) return undefined;
  return dsLine(zone, {
    keyTag: key.keyTag,
    algorithm: key.dnskey.algorithm,
    digestType: SHA256,
    digest,
  });
}

/** What the matched key's state means for the DS. */
function statusOfKey(key: ZoneKey, signing: SigningState, digestType: number): DsStatus {
  const role = roleOf(key);
  if (role === 'revoked') return 'revoked';
  if (role === 'not-zone-key') return 'not-zone-key';
  if (signing.state === 'none') return 'key-not-signing';
  if (signing.state !== 'valid') return 'signature-failed';
  return digestType === 1 ? 'valid-sha1' : 'valid';
}

/**
 * @example await evaluateDs('example.', ds, keySet) // { status: 'valid', key: { keyTag: 14719, role: 'KSK', … }, … }
 */
export async function evaluateDs(
  zone: string,
  ds: DsFields,
  keySet: ZoneKeySet,
): Promise<DsEvaluation> {
  if (!isSupportedAlgorithm(ds.algorithm)) return { status: 'unsupported-algorithm', sameTag: [] };
  if (!isSupportedDigestType(ds.digestType)) return { status: 'unsupported-digest', sameTag: [] };
  const tagged = keySet.keys.filter(
    (k) => k.keyTag === ds.keyTag && k.dnskey.algorithm === ds.algorithm,
  );
  const key = tagged.find((k) => dsMatchesKey(ds, k));
  if (key === undefined) {
    if (tagged.length === 0) return { status: 'no-key', sameTag: [] };
    const suggestion = sha256Line(zone, tagged[0]!);
    return {
      status: 'digest-mismatch',
      sameTag: tagged.map(keyView),
      ...(suggestion === undefined ? {} : { suggestion }),
    };
  }
  const signing = await keySet.signing(key);
  const status = statusOfKey(key, signing, ds.digestType);
  const suggestion = status === 'valid-sha1' ? sha256Line(zone, key) : undefined;
  return {
    status,
    key: keyView(key),
    signing,
    sameTag: [],
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

/**
 * RFC 4509 §3: "Validator implementations SHOULD ignore DS RRs containing SHA-1 digests if
 * DS RRs with SHA-256 digests are present in the DS RRset." A SHA-1 DS that leads in counts
 * for nothing in a set that also has a usable SHA-256 DS, whatever that one leads to.
 */
export function applySha1Rule<T extends JudgedShape>(set: readonly T[]): T[] {
  const hasSha256 = set.some((d) => d.digestType === SHA256 && isSupportedDs(d));
  return set.map((d) =>
    hasSha256 && d.status === 'valid-sha1' ? { ...d, status: 'sha1-ignored' as const } : d,
  );
}

/**
 * What validators make of a whole DS set (RFC 4035 §5.2): `insecure` when it holds no DS
 * they can use (none at all, or only unsupported algorithms and digest types: RFC 4035
 * §5.2, RFC 6840 §5.2), `secure` when one leads to a key that signs the DNSKEY RRset,
 * `breaks` otherwise: a usable DS that leads nowhere makes every answer bogus.
 */
export function setResult(set: readonly JudgedShape[]): 'secure' | 'breaks' | 'insecure' {
  const usable = set.filter(isSupportedDs);
  if (usable.length === 0) return 'insecure';
  return usable.some((d) => LEADS_IN.has(d.status)) ? 'secure' : 'breaks';
}
