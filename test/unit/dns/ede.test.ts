import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { EDE_CODES, edeName, edeToText, parseEdeOption } from '../../../src/dns/ede';
import { decodeMessage } from '../../../src/dns/message';
import { ede, opt, response } from './fixtures/messages';

/** RFC 8914 §5.2 and the IANA registry, as listed in facts.md. */
const RFC_NAMES: readonly string[] = [
  'Other',
  'Unsupported DNSKEY Algorithm',
  'Unsupported DS Digest Type',
  'Stale Answer',
  'Forged Answer',
  'DNSSEC Indeterminate',
  'DNSSEC Bogus',
  'Signature Expired',
  'Signature Not Yet Valid',
  'DNSKEY Missing',
  'RRSIGs Missing',
  'No Zone Key Bit Set',
  'NSEC Missing',
  'Cached Error',
  'Not Ready',
  'Blocked',
  'Censored',
  'Filtered',
  'Prohibited',
  'Stale NXDOMAIN Answer',
  'Not Authoritative',
  'Not Supported',
  'No Reachable Authority',
  'Network Error',
  'Invalid Data',
  'Signature Expired Before Valid',
  'Too Early',
  'Unsupported NSEC3 Iterations Value',
  'Unable To Conform To Policy',
  'Synthesized',
  'Invalid Query Type',
];

function option(code: number, text: number[] = []): Uint8Array {
  return Uint8Array.of(code >> 8, code & 0xff, ...text);
}

describe('Extended DNS Errors (RFC 8914)', () => {
  it('names all codes 0–30 in one table', () => {
    expect(Object.keys(EDE_CODES).map(Number)).toEqual(RFC_NAMES.map((_, i) => i));
  });

  it.each(RFC_NAMES.map((name, code) => [code, name] as const))(
    'decodes code %i as %s',
    (code, name) => {
      expect(parseEdeOption(option(code))).toEqual({
        ok: true,
        ede: { infoCode: code, name, extraText: '', textRepaired: false },
      });
    },
  );

  it('shows unknown codes with their number', () => {
    expect(edeName(31)).toBe('Unknown (31)');
    expect(parseEdeOption(option(65535))).toMatchObject({
      ok: true,
      ede: { infoCode: 65535, name: 'Unknown (65535)' },
    });
  });

  it('reads EXTRA-TEXT as UTF-8', () => {
    const text = [...new TextEncoder().encode('für x. DNSKEY')];
    expect(parseEdeOption(option(9, text))).toEqual({
      ok: true,
      ede: { infoCode: 9, name: 'DNSKEY Missing', extraText: 'für x. DNSKEY', textRepaired: false },
    });
  });

  it('replaces invalid UTF-8 and says so', () => {
    const r = parseEdeOption(option(6, [0x61, 0xff, 0x62, 0xc3]));
    expect(r).toEqual({
      ok: true,
      ede: { infoCode: 6, name: 'DNSSEC Bogus', extraText: 'a\ufffdb\ufffd', textRepaired: true },
    });
  });

  it('drops a NUL terminator some senders add', () => {
    expect(parseEdeOption(option(23, [0x78, 0, 0]))).toMatchObject({
      ok: true,
      ede: { extraText: 'x' },
    });
  });

  it.each([
    [0, 'malformed Extended DNS Error option: 0 octets, an INFO-CODE needs 2'],
    [1, 'malformed Extended DNS Error option: 1 octet, an INFO-CODE needs 2'],
  ])('reports an option of %i octets as malformed', (length, problem) => {
    expect(parseEdeOption(new Uint8Array(length).fill(7))).toEqual({ ok: false, problem });
  });

  it('prints like dig, escaping control characters', () => {
    const r = parseEdeOption(option(7, [...new TextEncoder().encode('line\nbreak')]));
    if (!r.ok) throw new Error('expected a parse');
    expect(edeToText(r.ede)).toBe('EDE: 7 (Signature Expired): (line\\010break)');
    const bare = parseEdeOption(option(99));
    if (!bare.ok) throw new Error('expected a parse');
    expect(edeToText(bare.ede)).toBe('EDE: 99 (Unknown (99))');
  });

  it('collects several options of one message, keeping their order and reporting bad ones', () => {
    const bytes = response({
      name: 'x.example',
      type: 'A',
      rcode: 2,
      additionals: [
        opt([
          ede(22, 'At delegation x.example for x.example/a'),
          { code: 15, data: Buffer.from([0x01]) },
          ede(0, '[192.0.2.1] Lame delegation at x.example for x.example/a'),
        ]),
      ],
    });
    const r = decodeMessage(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.message.extendedErrors.map((e) => [e.infoCode, e.extraText])).toEqual([
      [22, 'At delegation x.example for x.example/a'],
      [0, '[192.0.2.1] Lame delegation at x.example for x.example/a'],
    ]);
    expect(r.message.warnings).toEqual([
      'malformed Extended DNS Error option: 1 octet, an INFO-CODE needs 2',
    ]);
  });
});
