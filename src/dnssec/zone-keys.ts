/**
 * A zone's key set (RFC 4035 §5.2): a DS (or a trust anchor) matches a DNSKEY, that key
 * signs the DNSKEY RRset, and then every key in that RRset may sign the zone's data.
 */

import { bytesEqual, toHex } from '../dns/wire/encoding';
import { nameToText, type Name } from '../dns/wire/name';
import { recordToText } from '../dns/rdata';
import type { ResourceRecord } from '../dns/wire/record';
import { typeToText } from '../dns/wire/types';
import { isSupportedAlgorithm, keySizeBits } from './algorithms';
import { isSupportedDigestType } from './ds-digest';
import type { DnskeyInfo, DsInfo, Finding, RrsetProof } from './proof-tree';
import { DNSKEY_FLAG_REVOKE, DNSKEY_FLAG_SEP, DNSKEY_FLAG_ZONE } from './rdata/dnskey';
import { decodeDs } from './rdata/ds';
import type { Rrset } from './rrset-index';
import type { Status } from './status';
import { finding, verifyRrset, type ValidationContext } from './verify-rrset';
import { dsMatchesKey, isUsableZoneKey, zoneKeysOf, type DsFields, type ZoneKey } from './zone-key';
import { MIN_RSA_BITS } from './crypto/rsa';

export interface ZoneKeysResult {
  readonly status: Status;
  readonly findings: readonly Finding[];
  readonly ds: readonly DsInfo[];
  readonly dnskeys: readonly DnskeyInfo[];
  readonly dnskeyRrset?: RrsetProof;
  /** The zone's keys, trusted only when status is secure. */
  readonly keys: readonly ZoneKey[];
}

const RSA = new Set([5, 7, 8, 10]);

/** The DS records, described, and the keys they vouch for (RFC 4035 §5.2). */
interface DsMatch {
  readonly ds: readonly DsInfo[];
  /** DS records that cannot be decoded. */
  readonly findings: readonly Finding[];
  /** Keys that a DS matches, or that equal a DNSKEY trust anchor: the zone's entry points. */
  readonly entry: ReadonlySet<ZoneKey>;
}

/**
 * @param trustedDs the zone's DS records, already authenticated (or configured as anchors)
 * @param anchorKeys DNSKEY trust anchors for this zone, if any
 * @param dnskeys the zone's DNSKEY RRset with its RRSIGs (undefined: the response has none)
 */
export async function validateZoneKeys(
  zone: Name,
  trustedDs: readonly ResourceRecord[],
  anchorKeys: readonly Uint8Array[],
  dnskeys: Rrset | undefined,
  ctx: ValidationContext,
): Promise<ZoneKeysResult> {
  const z = nameToText(zone);
  const keys = dnskeys ? zoneKeysOf(dnskeys.records) : [];
  const { ds, findings: dsFindings, entry } = matchEntryKeys(z, trustedDs, anchorKeys, keys, ctx);
  const result = (
    status: Status,
    findings: readonly Finding[],
    dnskeyRrset?: RrsetProof,
  ): ZoneKeysResult => ({
    status,
    findings,
    ds,
    dnskeys: describeKeys(keys, entry, dnskeyRrset),
    ...(dnskeyRrset ? { dnskeyRrset } : {}),
    keys: status === 'secure' ? keys : [],
  });

  // RFC 4035 §5.2: "If the validator does not support any of the algorithms listed in an
  // authenticated DS RRset, then the resolver has no supported authentication path leading
  // from the parent to the child" — treated like a proven absence of DS: insecure.
  if (anchorKeys.length === 0 && ds.length > 0 && ds.every((d) => !d.supported)) {
    const f = unsupportedDs(z, ds);
    return result(f.status, [f]);
  }
  if (dnskeys === undefined || keys.length === 0) {
    const f = finding('dnskey-missing', `${z} has no DNSKEY RRset`, { owner: z, type: 'DNSKEY' });
    return result(f.status, [...dsFindings, f]);
  }
  if (entry.size === 0) {
    const f = noMatchingKey(z, ds, keys);
    return result(f.status, [...dsFindings, f]);
  }
  const entryKeys = [...entry];
  if (entryKeys.every(isWeakRsa)) {
    const f = finding(
      'unsupported-key-size',
      `${z}: the keys matching the DS are RSA keys under ${MIN_RSA_BITS} bits`,
      { owner: z, type: 'DNSKEY', keyTags: entryKeys.map((k) => k.keyTag) },
    );
    return result(f.status, [f]);
  }
  // The DNSKEY RRset must be signed by a key the DS (or anchor) vouches for.
  const proof = await verifyRrset(dnskeys, entryKeys, zone, ctx);
  return result(proof.status, proof.findings, proof);
}

/** Describes each DS and finds the keys that the DS records, or the DNSKEY anchors, vouch for. */
function matchEntryKeys(
  z: string,
  trustedDs: readonly ResourceRecord[],
  anchorKeys: readonly Uint8Array[],
  keys: readonly ZoneKey[],
  ctx: ValidationContext,
): DsMatch {
  const entry = new Set<ZoneKey>();
  const ds: DsInfo[] = [];
  const findings: Finding[] = [];
  for (const rr of trustedDs) {
    const d = decodeDs(rr.rdata);
    if (!d.ok) {
      findings.push(
        finding('malformed-record', `DS of ${z}: ${d.error.message}`, {
          records: [recordToText(rr)],
        }),
      );
      continue;
    }
    const supported =
      isSupportedAlgorithm(d.value.algorithm) && isSupportedDigestType(d.value.digestType);
    const key = supported ? keyMatchingDs(d.value, keys, ctx) : undefined;
    if (key) entry.add(key);
    ds.push({
      keyTag: d.value.keyTag,
      algorithm: d.value.algorithm,
      digestType: d.value.digestType,
      digest: toHex(d.value.digest).toUpperCase(),
      ...(key === undefined ? {} : { matchesKeyTag: key.keyTag }),
      supported,
      text: recordToText(rr),
    });
  }
  for (const anchor of anchorKeys) {
    for (const key of keys)
      if (bytesEqual(key.rdata, anchor) && isUsableZoneKey(key)) entry.add(key);
  }
  return { ds, findings, entry };
}

/**
 * RFC 4035 §5.2: the DNSKEY must match the DS (key tag, algorithm, digest) and have the Zone
 * Flag bit set. Keys sharing a tag are tried up to the budget's keys-per-signature limit.
 */
function keyMatchingDs(
  ds: DsFields,
  keys: readonly ZoneKey[],
  ctx: ValidationContext,
): ZoneKey | undefined {
  const candidates = keys.filter(
    (k) => k.keyTag === ds.keyTag && k.dnskey.algorithm === ds.algorithm,
  );
  for (const key of candidates.slice(0, ctx.budget.limits.keysPerSignature)) {
    if (dsMatchesKey(ds, key) && isUsableZoneKey(key)) return key;
  }
  return undefined;
}

function describeKeys(
  keys: readonly ZoneKey[],
  entry: ReadonlySet<ZoneKey>,
  verified?: RrsetProof,
): DnskeyInfo[] {
  return keys.map((k) => ({
    keyTag: k.keyTag,
    flags: k.dnskey.flags,
    protocol: k.dnskey.protocol,
    algorithm: k.dnskey.algorithm,
    ...(keySizeBits(k.dnskey.algorithm, k.dnskey.publicKey) === undefined
      ? {}
      : { keySizeBits: keySizeBits(k.dnskey.algorithm, k.dnskey.publicKey)! }),
    zoneKey: (k.dnskey.flags & DNSKEY_FLAG_ZONE) !== 0,
    sep: (k.dnskey.flags & DNSKEY_FLAG_SEP) !== 0,
    revoked: (k.dnskey.flags & DNSKEY_FLAG_REVOKE) !== 0,
    matchedByDs: entry.has(k),
    signs: verified?.signatures.some((s) => s.outcome === 'valid' && s.keyTag === k.keyTag)
      ? [typeToText(48)]
      : [],
    text: k.text,
  }));
}

/** Why no DS is usable: its digest types, or else its algorithms, are not supported. */
function unsupportedDs(z: string, ds: readonly DsInfo[]): Finding {
  const algOk = ds.some((d) => isSupportedAlgorithm(d.algorithm));
  return algOk
    ? finding(
        'unsupported-digest',
        `${z}: DS digest types ${[...new Set(ds.map((d) => d.digestType))].join(', ')} are not supported`,
        { ds: ds[0]! },
      )
    : finding(
        'unsupported-algorithm',
        `${z}: DS algorithms ${[...new Set(ds.map((d) => d.algorithm))].join(', ')} are not supported`,
        { ds: ds[0]! },
      );
}

function noMatchingKey(z: string, ds: readonly DsInfo[], keys: readonly ZoneKey[]): Finding {
  const keyTags = [...new Set(keys.map((k) => k.keyTag))];
  const first = ds.find((d) => d.supported);
  return finding(
    'ds-mismatch',
    `no DNSKEY of ${z} matches ${first ? `DS ${first.keyTag}/${first.algorithm}/${first.digestType}` : 'the trust anchor'}; key tags present: ${keyTags.join(', ')}`,
    {
      owner: z,
      type: 'DNSKEY',
      keyTags,
      ...(first ? { ds: first } : {}),
      records: ds.map((d) => d.text),
    },
  );
}

/** An RSA key below the size this validator verifies (MIN_RSA_BITS). */
function isWeakRsa(k: ZoneKey): boolean {
  return (
    RSA.has(k.dnskey.algorithm) &&
    (keySizeBits(k.dnskey.algorithm, k.dnskey.publicKey) ?? 0) < MIN_RSA_BITS
  );
}
