/**
 * The chain warnings (chain-warnings.ts) in words: what was seen, the records it rests on,
 * what it will do and what to do about it. Only what the sources say is claimed:
 * RFC 9276 for NSEC3; RFC 8624 §3.1 and §3.3 (obsoleted by RFC 9904, which moved the tables
 * to an IANA registry) and draft-ietf-dnsop-must-not-sha1 for algorithms and digests; Red
 * Hat's note that BIND and Unbound on RHEL 9 fail to verify algorithms 5 and 7 under the
 * DEFAULT crypto policy (access.redhat.com/solutions/6955455).
 */

import { ALGORITHM_NAMES } from '../../dnssec/algorithms';
import type {
  AlgorithmDeprecatedWarning,
  CdsMismatchWarning,
  ChildRecordCheck,
  DsSha1OnlyWarning,
  DsUnusedWarning,
  Nsec3IterationsWarning,
} from '../warning-finding';
import { listText, plural, prose } from './prose';

/** RSASHA1 and RSASHA1-NSEC3-SHA1: the algorithms RHEL 9's validators already refuse. */
const SHA1_ALGORITHMS: ReadonlySet<number> = new Set([5, 7]);

export function nsec3IterationsText(w: Nsec3IterationsWarning): string {
  const salt = w.salts.length ? prose`salt ${listText(w.salts)}` : 'no salt';
  return (
    prose`${w.zone} uses NSEC3 with ${w.iterations} extra ${plural(w.iterations, 'iteration', 'iterations')} and ${salt} (${w.record}). ` +
    'RFC 9276 §3.1 asks for 0 iterations and no salt: they add little protection and cost every resolver work; ' +
    'validators may treat higher counts as insecure or refuse them (RFC 9276 §3.2, EDE 27 Unsupported NSEC3 Iterations Value). ' +
    'Re-sign the zone with NSEC3 parameters 1 0 0 - (0 iterations, no salt).'
  );
}

export function algorithmDeprecatedText(w: AlgorithmDeprecatedWarning): string {
  const names = w.algorithms.map((a) => `${a} ${ALGORITHM_NAMES[a] ?? 'unknown'}`);
  const sha1 = w.algorithms.some((a) => SHA1_ALGORITHMS.has(a));
  const others = w.algorithms.some((a) => !SHA1_ALGORITHMS.has(a));
  return (
    prose`${w.zone} is signed only with ${plural(w.algorithms.length, 'algorithm', 'algorithms')} ${listText(names)} (${plural(w.keyTags.length, 'key', 'keys')} ${listText(w.keyTags.map(String))}), which RFC 8624 §3.1 says not to sign with.` +
    (sha1
      ? ' SHA-1 signatures are on their way out (draft-ietf-dnsop-must-not-sha1 deprecates algorithms 5 and 7 for signing), and BIND and Unbound on Red Hat Enterprise Linux 9 and its rebuilds already fail to verify them under the default crypto policy.'
      : '') +
    (others
      ? ' Validators that do not implement an algorithm treat the zone as unsigned (RFC 4035 §5.2).'
      : '') +
    ' Move the zone to algorithm 13 (ECDSAP256SHA256) or 8 (RSASHA256) with an algorithm rollover (RFC 6781 §4.1.4), then replace the DS at the parent.'
  );
}

export function dsSha1OnlyText(w: DsSha1OnlyWarning): string {
  return (
    prose`${w.parent} publishes only SHA-1 (digest type 1) DS records for ${w.zone}: ${listText(w.records)}. ` +
    'RFC 8624 §3.3 says digest type 1 must not be used for DNSSEC delegation, and a validator that no longer accepts SHA-1 has no DS it can use: it treats the zone as unsigned. ' +
    'Add a SHA-256 (digest type 2) DS for the same key at the registrar, then remove the SHA-1 one.'
  );
}

export function dsUnusedText(w: DsUnusedWarning): string {
  const n = w.unused.length;
  return (
    prose`The parent publishes ${plural(n, 'a DS', 'DS records')} for ${w.zone} that ${plural(n, 'matches', 'match')} none of its keys (${listText(w.unused)}), beside the DS for key ${listText(w.matchedTags.map(String))}. ` +
    'It does no harm today: resolvers use the DS that matches. It is most likely left over from a key rollover, or published ahead of a new key (RFC 6781 §4.1.2); if no rollover is planned for it, remove it at the registrar, so that no one later keeps it and deletes the DS that works.'
  );
}

/** `key 4711`, `keys 4711 and 4712`, for the key tags some records stand for. */
function keysText(tags: readonly number[]): string {
  return prose`${plural(tags.length, 'key', 'keys')} ${listText(tags.map(String))}`;
}

function tagsWhere(w: CdsMismatchWarning, state: ChildRecordCheck['state']): number[] {
  const tags = w.checks.filter((c) => c.state === state).map((c) => c.keyTag);
  return [...new Set(tags.filter((t): t is number => t !== undefined))].sort((a, b) => a - b);
}

/** Why the records that lead nowhere do: a key that does not sign, or no key at all. */
function strayText(w: CdsMismatchWarning): string {
  const notSigning = tagsWhere(w, 'not-signing');
  const noKey = w.checks.filter((c) => c.state === 'no-key').length;
  const parts = [
    ...(notSigning.length
      ? [
          prose`${keysText(notSigning)}, which the zone publishes but which does not sign its DNSKEY set`,
        ]
      : []),
    ...(noKey ? [prose`${plural(noKey, 'a key', 'keys')} the zone does not publish`] : []),
  ];
  return parts.join(', and ');
}

/** What the parent would do on reading a zone's CDS/CDNSKEY records (cds-warnings.ts). */
export function cdsMismatchText(w: CdsMismatchWarning): string {
  const records = listText(w.records);
  const today = w.ds.length ? prose`its DS set today (${listText(w.ds)})` : 'no DS';
  const signing = tagsWhere(w, 'signing');
  switch (w.outcome) {
    case 'breaks':
      return (
        prose`${w.zone} publishes CDS/CDNSKEY records (${records}) for ${strayText(w)}. ` +
        prose`They ask ${w.parent} to replace ${today} with a DS for that key: a parent that reads them (RFC 7344 §4.1) would publish a DS no key of the zone signs its DNSKEY set with, and every validating resolver would answer SERVFAIL for the whole zone. ` +
        'Publish CDS and CDNSKEY only for the key that signs the DNSKEY set (the one the current DS matches), or remove them until a rollover needs them.'
      );
    case 'insecure':
      return (
        prose`${w.zone} publishes a delete request (${records}; RFC 8078 §4): a parent that reads it removes ${today}, and the zone turns insecure — no validator checks its answers any more. ` +
        'If the zone is leaving DNSSEC, that is the step; if not, remove the delete records before the parent next looks.'
      );
    case 'stray':
      return (
        prose`Beside the CDS/CDNSKEY for ${keysText(signing)}, which signs the DNSKEY set, ${w.zone} publishes some for ${strayText(w)} (${records}). ` +
        prose`A parent that reads them would publish DS records for ${w.zone} that lead nowhere: harmless today, but a trap in the next rollover. Publish CDS and CDNSKEY only for the keys that sign the DNSKEY set.`
      );
    case 'inconsistent':
      return (
        prose`${w.zone}'s CDS and CDNSKEY records name different keys (${records}). ` +
        prose`Parents differ in which of the two they read (BIND's dnssec-cds prefers the CDS), so what ${w.parent} will publish depends on its software. Publish both for the same keys.`
      );
    case 'replaces':
      return (
        prose`${w.zone} asks ${w.parent} to replace ${today} with a DS for ${keysText(signing)} (${records}), which signs the DNSKEY set: a parent that reads them (RFC 7344 §4.1) keeps the zone secure. ` +
        'This is a key rollover under way. Keep the old key published until the parent shows the new DS and the old DS has been out of every cache for its TTL (RFC 7583 describes the timing).'
      );
  }
}
