import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelToAscii, labelToUnicode, nameToUnicode } from '../../../src/dns/idna';
import { punycodeDecode, punycodeEncode } from '../../../src/dns/punycode';

const cp = (...points: number[]): string => String.fromCodePoint(...points);

// RFC 3492 §7.1 sample strings (a selection), and well-known IDN labels.
const VECTORS: readonly [string, string, string][] = [
  [
    '(A) Arabic (Egyptian)',
    cp(
      0x644,
      0x64a,
      0x647,
      0x645,
      0x627,
      0x628,
      0x62a,
      0x643,
      0x644,
      0x645,
      0x648,
      0x634,
      0x639,
      0x631,
      0x628,
      0x64a,
      0x61f,
    ),
    'egbpdaj6bu4bxfgehfvwxn',
  ],
  [
    '(B) Chinese (simplified)',
    cp(0x4ed6, 0x4eec, 0x4e3a, 0x4ec0, 0x4e48, 0x4e0d, 0x8bf4, 0x4e2d, 0x6587),
    'ihqwcrb4cv8a8dqg056pqjye',
  ],
  [
    '(L) 3<nen>B<gumi><kinpachi><sensei>',
    `3${cp(0x5e74)}B${cp(0x7d44, 0x91d1, 0x516b, 0x5148, 0x751f)}`,
    '3B-ww4c5e180e575a65lsy2b',
  ],
  ['bücher', 'bücher', 'bcher-kva'],
  ['münchen', 'münchen', 'mnchen-3ya'],
  ['emoji', '☕', '53h'],
];

describe('RFC 3492 Punycode', () => {
  it.each(VECTORS)('%s encodes and decodes', (_label, unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });

  it('rejects input that is not Punycode', () => {
    expect(punycodeDecode('abc-!!')).toBeUndefined();
    expect(punycodeDecode('999999999999999')).toBeUndefined();
    expect(punycodeDecode('é-abc')).toBeUndefined();
  });

  it("agrees with Node's domainToASCII on random Unicode labels", () => {
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const alphabets = [
      [0x61, 26],
      [0xe0, 30],
      [0x430, 32],
      [0x3b1, 25],
      [0x5d0, 27],
      [0x4e00, 2000],
    ] as const;
    for (let i = 0; i < 300; i++) {
      let label = '';
      const length = 1 + next(12);
      for (let j = 0; j < length; j++) {
        const [start, size] = alphabets[next(alphabets.length)]!;
        label += String.fromCodePoint(start + next(size));
      }
      const ours = labelToAscii(label.normalize('NFC').toLowerCase());
      const node = domainToASCII(label);
      if (node === '' || node.includes('.')) continue; // Node refused (bidi rules etc.)
      expect(ours, label).toBe(node);
    }
  });
});

describe('IDNA labels and names', () => {
  it('converts labels both ways', () => {
    expect(labelToAscii('bücher')).toBe('xn--bcher-kva');
    expect(labelToAscii('www')).toBe('www');
    expect(labelToUnicode('XN--BCHER-KVA')).toBe('bücher');
    expect(labelToUnicode('www')).toBe('www');
  });

  it('refuses A-labels that are not valid', () => {
    expect(labelToUnicode('xn--')).toBeUndefined();
    expect(labelToUnicode('xn--abc')).toBeUndefined(); // decodes to ASCII only
    expect(labelToUnicode('xn--a')).toBeUndefined(); // decodes to a control character
  });

  it('shows names in Unicode without the trailing dot', () => {
    expect(nameToUnicode('xn--bcher-kva.example.')).toBe('bücher.example');
    expect(nameToUnicode('xn--abc.example.')).toBe('xn--abc.example');
    expect(nameToUnicode('.')).toBe('.');
  });
});
