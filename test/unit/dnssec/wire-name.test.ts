import { describe, expect, it } from 'vitest';
import {
  compareNames,
  isSubdomainOf,
  name,
  nameFromText,
  nameToText,
  nameToWire,
  rrsigLabelCount,
} from '../../../src/dns/wire/name';

describe('names', () => {
  it('sorts in canonical order (RFC 4034 §6.1 example)', () => {
    const ordered = [
      'example.',
      'a.example.',
      'yljkjljk.a.example.',
      'Z.a.example.',
      'zABC.a.EXAMPLE.',
      'z.example.',
      '\\001.z.example.',
      '*.z.example.',
      '\\200.z.example.',
    ];
    const shuffled = [...ordered].reverse().map(name);
    shuffled.sort(compareNames);
    expect(shuffled.map(nameToText)).toEqual(ordered.map((t) => nameToText(name(t))));
  });

  it('keeps label bytes, including dots and binary octets', () => {
    const n = name('a\\.b.\\000\\255.example.');
    expect(n.map((l) => l.length)).toEqual([3, 2, 7]);
    expect(nameToText(n)).toBe('a\\.b.\\000\\255.example.');
  });

  it('lower-cases only in canonical wire form', () => {
    expect([...nameToWire(name('WwW.Ex.'), true)]).toEqual([3, 119, 119, 119, 2, 101, 120, 0]);
    expect(nameToText(name('WwW.Ex.'))).toBe('WwW.Ex.');
  });

  it('counts RRSIG labels without the root and a leading * (RFC 4034 §3.1.3)', () => {
    expect(rrsigLabelCount(name('*.w.example.'))).toBe(2);
    expect(rrsigLabelCount(name('.'))).toBe(0);
  });

  it('tests ancestry case-insensitively', () => {
    expect(isSubdomainOf(name('a.B.example.'), name('b.EXAMPLE.'))).toBe(true);
    expect(isSubdomainOf(name('ab.example.'), name('b.example.'))).toBe(false);
  });

  it('rejects bad names with typed errors', () => {
    expect(nameFromText('a..b.')).toMatchObject({ ok: false, error: { code: 'syntax' } });
    expect(nameFromText(`${'a'.repeat(64)}.`)).toMatchObject({
      ok: false,
      error: { code: 'label-too-long' },
    });
    expect(nameFromText(`${'abcdefghi.'.repeat(26)}`)).toMatchObject({
      ok: false,
      error: { code: 'name-too-long' },
    });
    expect(nameFromText('ü.example.')).toMatchObject({ ok: false, error: { code: 'syntax' } });
  });
});
