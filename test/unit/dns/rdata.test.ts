import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { formatRdata, readRdata } from '../../../src/dns/rdata';
import { fromBase32Hex } from '../../../src/dns/wire/encoding';
import { typeFromText } from '../../../src/dns/wire/types';
import { nameBytes, u16, u32 } from './fixtures/wire';

const ascii = (s: string): number[] => [...new TextEncoder().encode(s)];
const cs = (s: string): number[] => [ascii(s).length, ...ascii(s)];
const hex = (h: string): number[] => h.match(/../g)?.map((b) => parseInt(b, 16)) ?? [];
const seq = (n: number, from = 0): number[] =>
  Array.from({ length: n }, (_, i) => (from + i * 7) & 0xff);

/** [type, RDATA octets, presentation text as dig prints it] */
const CASES: readonly [string, number[], string][] = [
  ['A', [192, 0, 2, 1], '192.0.2.1'],
  // RFC 5952 §4: the longest run of zeros becomes ::, the first of equal runs, never one group.
  ['AAAA', hex('20010db8000000000000000000000001'), '2001:db8::1'],
  ['AAAA', hex('20010db8000000000001000000000001'), '2001:db8::1:0:0:1'],
  ['AAAA', hex('20010db8000100010001000100010001'), '2001:db8:1:1:1:1:1:1'],
  ['AAAA', hex('20010db8000000010000000000000001'), '2001:db8:0:1::1'],
  ['AAAA', hex('00000000000000000000000000000000'), '::'],
  ['AAAA', hex('00000000000000000000000000000001'), '::1'],
  ['AAAA', hex('00010000000000000000000000000000'), '1::'],
  ['NS', nameBytes('ns1.example.com'), 'ns1.example.com.'],
  ['CNAME', nameBytes('target.example.net'), 'target.example.net.'],
  ['DNAME', nameBytes('example.net'), 'example.net.'],
  ['PTR', nameBytes('host.example'), 'host.example.'],
  ['MX', [...u16(10), ...nameBytes('mx.example.com')], '10 mx.example.com.'],
  ['MX', [...u16(0), 0], '0 .'],
  ['TXT', [...cs('v=spf1 -all')], '"v=spf1 -all"'],
  ['TXT', [...cs('a "b" \\c'), 0, ...cs('é')], '"a \\"b\\" \\\\c" "" "\\195\\169"'],
  ['TXT', [...cs('tab\there')], '"tab\\009here"'],
  [
    'SOA',
    [
      ...nameBytes('ns.example'),
      ...nameBytes('hostmaster.example'),
      ...u32(1),
      ...u32(7200),
      ...u32(3600),
      ...u32(1209600),
      ...u32(300),
    ],
    'ns.example. hostmaster.example. 1 7200 3600 1209600 300',
  ],
  [
    'SRV',
    [...u16(10), ...u16(60), ...u16(5060), ...nameBytes('sip.example')],
    '10 60 5060 sip.example.',
  ],
  ['CAA', [0, ...cs('issue'), ...ascii('letsencrypt.org')], '0 issue "letsencrypt.org"'],
  ['CAA', [128, ...cs('tbs'), ...ascii('Unknown')], '128 tbs "Unknown"'],
  [
    'CAA',
    [0, ...cs('iodef'), ...ascii('mailto:security@example.com')],
    '0 iodef "mailto:security@example.com"',
  ],
  // RFC 4034 §5.4's DS example (SHA-1, 40 hex digits: one word).
  [
    'DS',
    [...u16(60485), 5, 1, ...hex('2BB183AF5F22588179A53B0A98631FAD1A292118')],
    '60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118',
  ],
  // SHA-256: 64 hex digits, split after 56 as dig does.
  [
    'DS',
    [
      ...u16(20326),
      8,
      2,
      ...hex('E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D'),
    ],
    '20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237 C7F8EC8D',
  ],
  // RFC 8080 §6.1 example 1 DNSKEY.
  [
    'DNSKEY',
    [...u16(257), 3, 15, ...Buffer.from('l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=', 'base64')],
    '257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=',
  ],
  // RFC 8080 §6.1 example 1 RRSIG over MX: the 88-character signature splits after 56.
  [
    'RRSIG',
    [
      ...u16(15),
      15,
      2,
      ...u32(3600),
      ...u32(1440021600),
      ...u32(1438207200),
      ...u16(3613),
      ...nameBytes('example.com'),
      ...Buffer.from(
        'oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg==',
        'base64',
      ),
    ],
    'MX 15 2 3600 20150819220000 20150729220000 3613 example.com. oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QL s3fx8A4M3e23mRZ9VrbpMngwcrqNAg==',
  ],
  // RFC 4034 §4.3 NSEC example.
  [
    'NSEC',
    [...nameBytes('host.example.com'), ...hex(`0006400100000003041b${'00'.repeat(26)}20`)],
    'host.example.com. A MX RRSIG NSEC TYPE1234',
  ],
  ['NSEC', [...nameBytes('next.example')], 'next.example.'],
  // RFC 5155 Appendix A style NSEC3 with salt aabbccdd and 12 iterations.
  [
    'NSEC3',
    [
      1,
      1,
      ...u16(12),
      4,
      ...hex('aabbccdd'),
      20,
      ...fromBase32Hex('2t7b4g4vsa5smi47k61mv5bv1a22bojr')!,
      0x00,
      0x01,
      0x40,
    ],
    '1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A',
  ],
  ['NSEC3PARAM', [1, 0, ...u16(0), 0], '1 0 0 -'],
  ['NSEC3PARAM', [1, 0, ...u16(12), 4, ...hex('aabbccdd')], '1 0 12 AABBCCDD'],
  // RFC 9460 Appendix D.2 test vectors.
  [
    'SVCB',
    [...u16(1), ...nameBytes('foo.example.com'), ...u16(3), ...u16(2), ...u16(53)],
    '1 foo.example.com. port=53',
  ],
  [
    'SVCB',
    [...u16(1), ...nameBytes('foo.example.com'), ...u16(667), ...u16(5), ...ascii('hello')],
    '1 foo.example.com. key667="hello"',
  ],
  [
    'SVCB',
    [
      ...u16(16),
      ...nameBytes('foo.example.org'),
      ...u16(0),
      ...u16(4),
      ...u16(1),
      ...u16(4),
      ...u16(1),
      ...u16(9),
      2,
      ...ascii('h2'),
      5,
      ...ascii('h3-19'),
      ...u16(4),
      ...u16(4),
      192,
      0,
      2,
      1,
    ],
    '16 foo.example.org. mandatory=alpn,ipv4hint alpn="h2,h3-19" ipv4hint=192.0.2.1',
  ],
  [
    'SVCB',
    [
      ...u16(1),
      ...nameBytes('foo.example.com'),
      ...u16(6),
      ...u16(16),
      ...hex('20010db8000000000000000000000001'),
    ],
    '1 foo.example.com. ipv6hint=2001:db8::1',
  ],
  ['SVCB', [...u16(0), ...nameBytes('foo.example.com')], '0 foo.example.com.'],
  [
    'HTTPS',
    [
      ...u16(1),
      0,
      ...u16(1),
      ...u16(3),
      2,
      ...ascii('h2'),
      ...u16(2),
      ...u16(0),
      ...u16(7),
      ...u16(16),
      ...ascii('/dns-query{?dns}'),
    ],
    '1 . alpn="h2" no-default-alpn dohpath="/dns-query{?dns}"',
  ],
  ['HTTPS', [...u16(1), 0, ...u16(5), ...u16(3), 1, 2, 3], '1 . ech=AQID'],
  ['TLSA', [3, 1, 1, 0xab], '\\# 4 030101AB'],
  ['TYPE65280', [], '\\# 0'],
  [
    'TYPE65280',
    seq(40),
    `\\# 40 ${Buffer.from(seq(40))
      .toString('hex')
      .toUpperCase()
      .replace(/^(.{56})/, '$1 ')}`,
  ],
];

describe('RDATA in presentation format (dig style)', () => {
  it.each(CASES)('%s %#', (type, octets, text) => {
    const code = typeFromText(type)!;
    const rdata = Uint8Array.from(octets);
    const data = readRdata(code, rdata);
    expect(data.kind).not.toBe('invalid');
    expect(formatRdata(data, rdata)).toBe(text);
  });
});

/** [type, RDATA octets, reason] */
const INVALID: readonly [string, number[], string][] = [
  ['A', [1, 2, 3], 'an A record has 4 octets, not 3'],
  ['AAAA', [1, 2, 3, 4], 'an AAAA record has 16 octets, not 4'],
  ['NS', [3, 0x61, 0x62], 'bad target name: label runs past the end'],
  ['MX', [0, 10, 0, 0xff], '1 octet(s) after the end of the MX RDATA'],
  ['MX', [0], 'RDATA ends inside the preference (needs 2 more octets, 1 left)'],
  ['TXT', [], 'a TXT record has at least one string'],
  ['TXT', [5, 0x61], 'RDATA ends inside the character-string (needs 5 more octets, 1 left)'],
  [
    'SOA',
    [...nameBytes('a'), ...nameBytes('b'), 0, 0, 0, 1],
    'RDATA ends inside the REFRESH (needs 4 more octets, 0 left)',
  ],
  ['NSEC', [...nameBytes('a'), 0, 0], 'bad type bit map: bitmap length 0'],
  [
    'NSEC',
    [...nameBytes('a'), 1, 1, 0x40, 0, 1, 0x40],
    'bad type bit map: type bit map windows out of order',
  ],
  [
    'SVCB',
    [...u16(1), 0, ...u16(3), ...u16(2), 0, 53, ...u16(1), ...u16(3), 2, ...ascii('h2')],
    'SvcParam alpn out of order',
  ],
  ['SVCB', [...u16(1), 0, ...u16(3), ...u16(9), 0], 'SvcParam port runs past the RDATA'],
];

describe('RDATA that does not fit its type', () => {
  it.each(INVALID)('%s: %s', (type, octets, reason) => {
    const rdata = Uint8Array.from(octets);
    const data = readRdata(typeFromText(type)!, rdata);
    expect(data).toEqual({ kind: 'invalid', reason });
    expect(formatRdata(data, rdata).startsWith(`\\# ${octets.length}`)).toBe(true);
  });
});
