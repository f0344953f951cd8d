/**
 * Inputs built to make a parser slow: shared by the unit tests (which check that each is
 * handled and well-shaped) and `npm run bench` (which reports how long each takes — speed
 * is a benchmark figure, never a timed assertion in a unit test).
 */
import { deflateRawSync } from 'node:zlib';

/** EDE EXTRA-TEXTs made to make regular-expression backtracking explode (≤ 1,000 chars). */
export const BACKTRACKING_EDE_TEXTS: readonly string[] = [
  `validation failure <a. A IN>: ${'x '.repeat(490)}`,
  `validation failure <a. A IN>: ${'for key '.repeat(120)}`,
  `${'validation failure <a. A IN>: '.repeat(33)}`,
  `[192.0.2.1] rcode=REFUSED for ${'a.'.repeat(490)}`,
  `at delegation ${'a'.repeat(1000)}`,
  `for DNSKEY ${'a.,'.repeat(300)}`,
  `[${':'.repeat(1000)}]`,
  `${'[1'.repeat(500)}`,
];

/**
 * An evidence-link payload that is a zip bomb: 64 MiB of zeros deflate to about 64 KiB, within
 * the payload limit and far beyond the body limit (format byte 1 = deflate-raw).
 */
export function zipBombLinkPayload(): string {
  const bomb = Buffer.concat([Buffer.of(1), deflateRawSync(Buffer.alloc(64 * 1024 * 1024))]);
  return bomb.toString('base64url');
}
