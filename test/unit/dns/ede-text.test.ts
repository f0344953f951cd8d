/**
 * EDE EXTRA-TEXT dialects (RFC 8914 §2): the texts Google, Cloudflare and Unbound send, and
 * variants, as data in ede-text/vectors.json; one runner. Then "hostile text never throws
 * and never takes long": mutated vectors from a seeded generator and inputs built to make
 * a backtracking pattern explode.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EDE_TEXT, hostName, isAuthorityText, readEdeText } from '../../../src/dns/ede-text';
import { BACKTRACKING_EDE_TEXTS } from '../../helpers/hostile-inputs';
import { prng } from '../../helpers/prng';

interface Vector {
  readonly name: string;
  readonly infoCode: number;
  readonly text: string;
  readonly expect: unknown;
}

const VECTORS: readonly Vector[] = JSON.parse(
  readFileSync(join(import.meta.dirname, 'ede-text/vectors.json'), 'utf8'),
) as Vector[];

const KINDS = new Set([
  'server-failure',
  'at-delegation',
  'no-sep',
  'dnskey-missing',
  'rrsig-expired',
  'invalid-denial',
  'validation-failure',
  'unparsed',
]);

describe('EDE EXTRA-TEXT', () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    expect(readEdeText({ infoCode: v.infoCode, extraText: v.text })).toEqual(v.expect);
  });

  it('every dialect and every kind has a vector', () => {
    const read = VECTORS.map((v) => readEdeText({ infoCode: v.infoCode, extraText: v.text }));
    expect(new Set(read.map((r) => r.dialect))).toEqual(
      new Set(['google', 'cloudflare', 'unbound', 'unknown']),
    );
    expect(new Set(read.map((r) => r.kind))).toEqual(KINDS);
  });

  it('reads nothing from a text over the bound, even a well-formed one', () => {
    const padded = `at delegation example.com.${' '.repeat(MAX_EDE_TEXT)}`;
    expect(readEdeText({ infoCode: 22, extraText: padded }).kind).toBe('unparsed');
  });

  it('only server failures and delegations speak of the authority', () => {
    const said = (infoCode: number, extraText: string) =>
      isAuthorityText(readEdeText({ infoCode, extraText }));
    expect(said(22, 'at delegation example.com.')).toBe(true);
    expect(said(0, '[192.0.2.1] Lame delegation at example.com for example.com/a')).toBe(true);
    expect(said(9, 'no SEP matching the DS found for example.com.')).toBe(false);
    expect(said(22, '')).toBe(false);
  });

  it('host names: fully qualified, lower case, root and wildcard allowed, nothing else', () => {
    expect(hostName('Not-Auth.Example.COM')).toBe('not-auth.example.com.');
    expect(hostName('.')).toBe('.');
    expect(hostName('*.example.')).toBe('*.example.');
    expect(hostName('_dmarc.example')).toBe('_dmarc.example.');
    for (const bad of ['', '..', 'a..b', 'a b', 'a.*.b', 'ex\\046ample', `${'a'.repeat(254)}`]) {
      expect(hostName(bad)).toBeUndefined();
    }
  });

  it('mutated texts never throw and always give a known kind (seed printed on failure)', () => {
    const alphabet = ' []:./=<>,-_0123456789abcdefARSTtimeout\u00e4\ufffd\u0000\n';
    for (let seed = 1; seed <= 40; seed++) {
      const rand = prng(seed);
      for (const v of VECTORS) {
        let text = v.text;
        const edits = 1 + Math.floor(rand() * 4);
        for (let i = 0; i < edits; i++) {
          const at = Math.floor(rand() * (text.length + 1));
          const c = alphabet[Math.floor(rand() * alphabet.length)]!;
          text =
            rand() < 0.5
              ? text.slice(0, at) + c + text.slice(at)
              : text.slice(0, at) + text.slice(at + 1);
        }
        let kind: string;
        try {
          kind = readEdeText({ infoCode: v.infoCode, extraText: text }).kind;
        } catch (e) {
          throw new Error(`seed ${seed}, ${JSON.stringify(text)}: ${String(e)}`, { cause: e });
        }
        expect(KINDS.has(kind)).toBe(true);
      }
    }
  });

  // How long these take is a benchmark figure (`npm run bench`), not a timed assertion.
  it('texts built to make backtracking explode are read, and read alike each time', () => {
    for (const extraText of BACKTRACKING_EDE_TEXTS) {
      expect(extraText.length).toBeLessThanOrEqual(MAX_EDE_TEXT);
      const first = readEdeText({ infoCode: 0, extraText });
      expect(readEdeText({ infoCode: 0, extraText }), extraText.slice(0, 40)).toEqual(first);
    }
  });
});
