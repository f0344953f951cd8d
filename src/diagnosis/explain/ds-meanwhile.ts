/**
 * What the old DS set does while the owner changes it (ds-check/meanwhile.ts), in words:
 * remove it now, or keep it for a while, and how long, with the RFC 7583 method it follows.
 */

import type { Meanwhile, Ttl } from '../ds-check/meanwhile';
import { listText, plural, prose } from './prose';
import { ttlText } from './ds-check';

/** `DS 14719` / `DS 14719 and 50165` */
function dsTags(tags: readonly number[]): string {
  return `${plural(tags.length, 'DS', 'DS records')} ${listText(tags.map(String))}`;
}

function keyTags(tags: readonly number[]): string {
  return `${plural(tags.length, 'key', 'keys')} ${listText(tags.map(String))}`;
}

/** `the DS TTL (300 s (5 minutes))`, or what is said when it was not seen. */
function ttlOf(what: string, ttl: Ttl | null): string {
  return ttl === null ? `the ${what} TTL (not seen)` : `the ${what} TTL, ${ttlText(ttl)}`;
}

function removeNow(m: Meanwhile, zone: string): string[] {
  const removed = m.current.filter((d) => !d.kept).map((d) => d.keyTag);
  const out = [
    prose`Remove the old ${dsTags(removed)} now: ${plural(removed.length, 'it leads', 'they lead')} to no key that signs the DNSKEY set of ${zone}, so validators lose nothing when ${plural(removed.length, 'it goes', 'they go')}.`,
  ];
  // Said only when the new set works: a set that breaks the zone ends no failure.
  if (m.currentResult === 'breaks' && m.result !== 'breaks') {
    out.push(
      prose`${zone} fails today because of the DS set the parent publishes: resolvers that cached it keep failing for up to ${ttlOf('DS', m.dsTtl)}, after the parent publishes the new set.`,
    );
  }
  return out;
}

function keepOld(m: Meanwhile, zone: string): string[] {
  const dropped = m.current.filter((d) => d.works && !d.kept).map((d) => d.keyTag);
  const wait =
    m.waitSeconds === null
      ? `${ttlOf('DS', m.dsTtl)}, plus ${ttlOf('DNSKEY', m.dnskeyTtl)}`
      : `${ttlOf('DS', m.dsTtl)}, plus ${ttlOf('DNSKEY', m.dnskeyTtl)}: ${m.waitSeconds} s in all`;
  const out = [
    prose`Keep the old ${dsTags(m.oldKeys)} until the new DS has been published for at least ${wait} (RFC 7583 §3.3.2, a Double-DS rollover). Resolvers must first pick up the new DS; only then switch ${zone} to the new ${keyTags(m.pendingKeys)}, and remove the old DS once the new DNSKEY set has had its TTL to spread.`,
  ];
  if (dropped.length > 0) {
    out.unshift(
      prose`This set drops ${dsTags(dropped)}, the only way in today, while the new DS leads to no key that signs yet: put the old DS back in the set.`,
    );
  }
  return out;
}

function swap(m: Meanwhile, zone: string): string[] {
  const newKeys = m.newKeys.length > 0 ? keyTags(m.newKeys) : 'key';
  return [
    prose`You can replace the old ${dsTags(m.oldKeys)} now, provided the new ${newKeys} has been in the DNSKEY set of ${zone} for at least ${ttlOf('DNSKEY', m.dnskeyTtl)}: resolvers that still hold the older DNSKEY set must find it there (RFC 7583 §3.3.1, a Double-KSK rollover).`,
    prose`Keep the old ${keyTags(m.oldKeys)} in the DNSKEY set, signing it, for at least ${ttlOf('DS', m.dsTtl)} after the parent publishes the new set: resolvers that hold the old DS still need it.`,
  ];
}

/**
 * The advice, a sentence or two.
 *
 * @example meanwhileSentences(check.meanwhile, 'example.') // ['Remove the old DS 50165 now: …']
 */
export function meanwhileSentences(m: Meanwhile, zone: string): string[] {
  switch (m.kind) {
    case 'unknown':
      return [
        prose`The parent's DS set for ${zone} could not be read (the exchange below says why), so what to do with the old DS records cannot be said.`,
      ];
    case 'first-ds':
      return [
        prose`The parent publishes no DS for ${zone} today: this set would be the zone's first, and there is nothing old to remove.`,
      ];
    case 'unchanged':
      return ['This is the DS set the parent publishes today: publishing it changes nothing.'];
    case 'remove-now':
      return removeNow(m, zone);
    case 'add-only':
      return [
        'Every DS that works today stays in this set, and what is added leads to a key that signs already: it can be published at once.',
      ];
    case 'keep-old':
      return keepOld(m, zone);
    case 'swap':
      return swap(m, zone);
    case 'going-insecure':
      return [
        prose`This set leaves no DS that validators can use, so ${zone} turns insecure. Keep the zone signed as it is for at least ${ttlOf('DS', m.dsTtl)} after the parent removes the DS: resolvers that still hold the old DS keep validating, and would fail on a zone that is no longer signed.`,
      ];
  }
}
