/**
 * Whose trust anchors a check is validated against: the built-in root anchors, or someone
 * else's.
 *
 * RFC 4033 §2 calls a trust anchor "a configured DNSKEY RR or DS RR hash of a DNSKEY RR"
 * that "is used as a starting point for building the authentication chain": whoever
 * chooses it decides what "Secure" means (RFC 4035 §4.3). A link (`ta=`, or Evidence that
 * carries its own `trustAnchors`) can bring a root key of its own, and a chain forged
 * under that key validates. So the page, the report and the history say when the anchors
 * in force are not the built-in IANA root anchors (design.md, `custom-trust-anchor`).
 *
 * "The same anchors" is decided on the records, not the text: the same set of DS records
 * (owner, key tag, algorithm, digest type and digest), whatever the spacing, case, class
 * or TTL; a DNSKEY anchor counts as the SHA-256 DS record of that key (RFC 4509 §2.1), so
 * the root's own KSKs given as DNSKEY records are the root's anchors too. An empty list
 * means the built-in anchors (Evidence.trustAnchors, Settings.trustAnchors).
 *
 * @example
 *   identifyTrustAnchors([]) // { kind: 'root' }
 *   identifyTrustAnchors(['. IN DS 13522 8 2 F678…'])
 *   // { kind: 'custom', anchors: [{ zone: '.', keyTag: 13522, … }], partOfRoot: false }
 */

import { bytesToHex } from '@noble/hashes/utils.js';
import { nameToText, lowerName } from '../../dns/wire/name';
import type { ResourceRecord } from '../../dns/wire/record';
import { dsDigest } from '../ds-digest';
import { keyTag } from '../key-tag';
import { decodeDs } from '../rdata/ds';
import { ROOT_TRUST_ANCHORS_TEXT } from './root-anchors';
import { parseTrustAnchors, type TrustAnchors } from './trust-anchors';

/** One anchor as a person recognises it: its zone, key tag and algorithm. */
export interface AnchorKey {
  /** The zone it anchors, presentation format with the trailing dot (`.` for the root). */
  readonly zone: string;
  /** RFC 4034 Appendix B; for a DS record, the key tag it names (§5.1.1). */
  readonly keyTag: number;
  /** The DNSSEC algorithm number of the key (RFC 4034 §2.1.3 / §5.1.2). */
  readonly algorithm: number;
  readonly record: 'DS' | 'DNSKEY';
  /** Whether it is one of the built-in IANA root anchors. */
  readonly root: boolean;
}

export type AnchorIdentity =
  /** No anchors named, or exactly the built-in IANA root anchors. */
  | { readonly kind: 'root' }
  | {
      readonly kind: 'custom';
      readonly anchors: readonly AnchorKey[];
      /** Every anchor is one of the root's, but not the whole built-in set. */
      readonly partOfRoot: boolean;
    }
  /** Anchors are named but cannot be read: nothing is validated against the root either. */
  | { readonly kind: 'unreadable'; readonly message: string };

const DS_SHA256 = 2;

/** The DS record a DS or DNSKEY anchor stands for, as comparable text. */
function dsIdentity(owner: string, keyTagValue: number, rest: string): string {
  return `${owner} ${keyTagValue} ${rest}`;
}

interface Keyed {
  readonly key: AnchorKey;
  /** `owner keytag algorithm digesttype digest-hex`, lower case. */
  readonly identity: string;
}

function keyedAnchors(anchors: TrustAnchors): Keyed[] {
  const out: Keyed[] = [];
  for (const anchor of anchors) {
    const zone = nameToText(lowerName(anchor.zone)).toLowerCase();
    for (const rr of anchor.ds as readonly ResourceRecord[]) {
      const ds = decodeDs(rr.rdata);
      if (!ds.ok) continue;
      out.push({
        key: {
          zone,
          keyTag: ds.value.keyTag,
          algorithm: ds.value.algorithm,
          record: 'DS',
          root: false,
        },
        identity: dsIdentity(
          zone,
          ds.value.keyTag,
          `${ds.value.algorithm} ${ds.value.digestType} ${bytesToHex(ds.value.digest)}`,
        ),
      });
    }
    for (const rdata of anchor.dnskeys) {
      const tag = keyTag(rdata);
      const algorithm = rdata[3] ?? 0;
      const digest = dsDigest(anchor.zone, rdata, DS_SHA256);
      out.push({
        key: { zone, keyTag: tag, algorithm, record: 'DNSKEY', root: false },
        identity: dsIdentity(
          zone,
          tag,
          `${algorithm} ${DS_SHA256} ${digest ? bytesToHex(digest) : bytesToHex(rdata)}`,
        ),
      });
    }
  }
  return out;
}

let builtIn: ReadonlySet<string> | undefined;

/** The built-in root anchors as DS identities (parsed once). */
function rootIdentities(): ReadonlySet<string> {
  if (builtIn === undefined) {
    const parsed = parseTrustAnchors(ROOT_TRUST_ANCHORS_TEXT.join('\n'));
    if (!parsed.ok) throw new Error(`built-in root anchors: ${parsed.error.message}`);
    builtIn = new Set(keyedAnchors(parsed.value).map((k) => k.identity));
  }
  return builtIn;
}

/**
 * Which anchors `texts` (DS or DNSKEY records in presentation format, one or several per
 * entry, as `ta=`, the settings and Evidence hold them) stand for. Never throws.
 */
export function identifyTrustAnchors(texts: readonly string[]): AnchorIdentity {
  const text = texts.map((t) => t.trim()).filter((t) => t !== '');
  if (text.length === 0) return { kind: 'root' };
  const parsed = parseTrustAnchors(text.join('\n'));
  if (!parsed.ok) return { kind: 'unreadable', message: parsed.error.message };
  const root = rootIdentities();
  const keyed = keyedAnchors(parsed.value);
  const identities = new Set(keyed.map((k) => k.identity));
  const sameSet = identities.size === root.size && [...identities].every((id) => root.has(id));
  if (sameSet) return { kind: 'root' };
  const seen = new Set<string>();
  const anchors: AnchorKey[] = [];
  for (const k of keyed) {
    if (seen.has(k.identity)) continue;
    seen.add(k.identity);
    anchors.push({ ...k.key, root: root.has(k.identity) });
  }
  return {
    kind: 'custom',
    anchors,
    partOfRoot: anchors.length > 0 && anchors.every((a) => a.root),
  };
}

/** The key tags of the anchors, without repeats, in the order given. */
export function anchorKeyTags(identity: AnchorIdentity): readonly number[] {
  return identity.kind === 'custom' ? [...new Set(identity.anchors.map((a) => a.keyTag))] : [];
}

/** `key tag 13522`, `key tags 13522 and 20326`, `key tags 1, 2 and 3`. */
export function keyTagPhrase(tags: readonly number[]): string {
  if (tags.length === 0) return 'no key tag could be read';
  const words = tags.map(String);
  const list =
    words.length === 1
      ? words[0]
      : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
  return `key tag${tags.length === 1 ? '' : 's'} ${list}`;
}

/** `for lab.` when an anchor is not at the root, for the sentence below. */
function zonePhrase(anchors: readonly AnchorKey[]): string {
  const zones = [...new Set(anchors.map((a) => a.zone))].filter((z) => z !== '.');
  return zones.length === 0 ? '' : ` for ${zones.join(', ')}`;
}

/**
 * The plain sentence a page, a report or a history entry shows when the anchors in force
 * are not the built-in root anchors; null when they are. `who` says whose anchors they
 * are: `whoever made this link`, `whoever chose them in the settings`…
 *
 * @example
 *   trustAnchorWarning(identifyTrustAnchors(['. IN DS 13522 8 2 F678…']), 'whoever made this link')
 *   // "This result is validated against a trust anchor that is not the root's (key tag 13522): 'Secure' here means secure for whoever made this link, not for the Internet."
 */
export function trustAnchorWarning(identity: AnchorIdentity, who: string): string | null {
  if (identity.kind === 'root') return null;
  if (identity.kind === 'unreadable') {
    return `This check names trust anchors of its own instead of the root's, and they cannot be read (${identity.message}): nothing here is validated against the root's keys.`;
  }
  const tags = keyTagPhrase(anchorKeyTags(identity));
  if (identity.partOfRoot) {
    return `This result is validated against only part of the root's trust anchors (${tags}), not the built-in set: when the root signs with another of its keys, a correct chain shows as broken.`;
  }
  const one = identity.anchors.length === 1;
  const anchor = one ? 'a trust anchor that is' : 'trust anchors that are';
  return `This result is validated against ${anchor} not the root's (${tags}${zonePhrase(identity.anchors)}): 'Secure' here means secure for ${who}, not for the Internet.`;
}
