/**
 * "Random bytes never crash, only a typed error" (style.md §6): decodeMessage and
 * everything that reads its result get random, truncated and bit-flipped messages from a
 * seeded generator, so a failure is reproducible from the printed seed.
 */
import { describe, expect, it } from 'vitest';
import { formatDig } from '../../../src/dns/dig-text';
import { decodeMessage, type DecodeErrorCode } from '../../../src/dns/message';
import { buildQuery } from '../../../src/dns/query';
import { prng } from '../../helpers/prng';
import * as fixtures from './fixtures/messages';

const CODES: readonly DecodeErrorCode[] = [
  'empty',
  'internal',
  'truncated',
  'bad-pointer',
  'pointer-loop',
  'label-too-long',
  'name-too-long',
  'bad-label-type',
  'bad-rdata',
  'trailing-bytes',
  'syntax',
  'unknown-type',
];

function check(bytes: Uint8Array, what: string): boolean {
  let r;
  try {
    r = decodeMessage(bytes);
  } catch (e) {
    throw new Error(`decodeMessage threw on ${what}: ${String(e)}`, { cause: e });
  }
  if (r.ok) {
    // Whatever decodes must also print.
    expect(
      typeof formatDig(r.message, { resolver: 'https://x.example/dns-query', durationMs: 1 }),
    ).toBe('string');
    return true;
  }
  expect(CODES, what).toContain(r.error.code);
  expect(r.error.code).not.toBe('internal');
  expect(r.error.message.length, what).toBeGreaterThan(0);
  return false;
}

const VALID = [
  ...Object.values(fixtures).filter((v): v is Uint8Array => v instanceof Uint8Array),
  buildQuery({ name: 'www.example.com.', type: 'HTTPS', cd: true }),
];

describe('decodeMessage never throws', () => {
  it('on random bytes', () => {
    const seed = 20261123;
    const next = prng(seed);
    for (let i = 0; i < 3000; i++) {
      const length = Math.floor(next() * 300);
      const bytes = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      // Plausible headers make the decoder go deeper than the first check.
      if (length >= 12 && next() < 0.7)
        bytes.set([0, 0, 0x81, 0x80, 0, next() < 0.5 ? 1 : 0, 0, 2, 0, 1, 0, 1], 0);
      check(bytes, `seed ${seed} case ${i}`);
    }
  });

  it('on every truncation of real answers', () => {
    let decodedPrefixes = 0;
    for (const message of VALID) {
      for (let cut = 0; cut < message.length; cut++) {
        if (check(message.subarray(0, cut), `a ${message.length}-octet message cut at ${cut}`))
          decodedPrefixes++;
      }
      expect(check(message, 'the whole message')).toBe(true);
    }
    // A prefix can only decode when section counts happen to fit (e.g. a bare header).
    expect(decodedPrefixes).toBeLessThan(VALID.length * 3);
  });

  it('on real answers with flipped bits and overwritten octets', () => {
    const seed = 7;
    const next = prng(seed);
    for (let i = 0; i < 4000; i++) {
      const original = VALID[Math.floor(next() * VALID.length)]!;
      const bytes = original.slice();
      const edits = 1 + Math.floor(next() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * bytes.length);
        bytes[at] =
          next() < 0.5 ? bytes[at]! ^ (1 << Math.floor(next() * 8)) : Math.floor(next() * 256);
      }
      check(bytes, `seed ${seed} case ${i}`);
    }
  });

  it('on compression pointer loops and deep pointer chains', () => {
    const head = (an: number): number[] => [0, 0, 0x81, 0x80, 0, 1, 0, an, 0, 0, 0, 0];
    // Two pointers that point at each other.
    const loop = decodeMessage(Uint8Array.from([...head(0), 0xc0, 14, 0xc0, 12, 0, 1, 0, 1]));
    expect(loop.ok || loop.error.code).toBe('bad-pointer');
    // "a." in the question, then a chain of backward pointers, each to the one before,
    // hidden in the RDATA of an unknown-type record; a second record owned by the last one.
    const chainOf = (hops: number): Uint8Array => {
      const bytes = [...head(2), 1, 0x61, 0, 0, 1, 0, 1]; // question a. A IN
      bytes.push(0, 0xff, 0, 0, 1, 0, 0, 0, 60, (2 * hops) >> 8, (2 * hops) & 0xff);
      let target = 12;
      for (let i = 0; i < hops; i++) {
        const at = bytes.length;
        bytes.push(0xc0 | (target >> 8), target & 0xff);
        target = at;
      }
      const owner = [0xc0 | (target >> 8), target & 0xff];
      return Uint8Array.from([...bytes, ...owner, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
    };
    const short = decodeMessage(chainOf(10));
    expect(short.ok && short.message.answer[1]?.name).toBe('a.');
    const long = decodeMessage(chainOf(300));
    expect(long.ok || long.error.code).toBe('pointer-loop');
  });
});
