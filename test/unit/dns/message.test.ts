import { Buffer } from 'node:buffer';
import { decode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { decodeMessage, type DnsMessage } from '../../../src/dns/message';
import * as fixtures from './fixtures/messages';
import { header, nameBytes, optRr, question, rr, u16 } from './fixtures/wire';

function decoded(bytes: Uint8Array | number[]): DnsMessage {
  const r = decodeMessage(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes));
  if (!r.ok) throw new Error(r.error.message);
  return r.message;
}

const ALL_FIXTURES = Object.entries(fixtures).filter(
  (e): e is [string, Uint8Array] => e[1] instanceof Uint8Array,
);

describe('decodeMessage on real-looking answers', () => {
  it('reads the header, flags and rcode', () => {
    const m = decoded(fixtures.cloudflareExpired);
    expect(m.id).toBe(0);
    expect(m.opcodeName).toBe('QUERY');
    expect(m.flags).toEqual({
      qr: true,
      aa: false,
      tc: false,
      rd: true,
      ra: true,
      z: false,
      ad: false,
      cd: false,
    });
    expect([m.rcode, m.rcodeName]).toEqual([2, 'SERVFAIL']);
    expect(m.question).toEqual([
      { name: 'expired.example.net.', type: 'A', typeCode: 1, class: 'IN', classCode: 1 },
    ]);
    expect(m.extendedErrors).toEqual([
      {
        infoCode: 7,
        name: 'Signature Expired',
        extraText:
          'for DNSKEY expired.example.net., id = 31406: RRSIG expired.example.net., expiration = 1700000000',
        textRepaired: false,
      },
    ]);
    expect(m.opt).toMatchObject({ udpPayloadSize: 1232, version: 0, dnssecOk: true });
    expect(m.counts.additional).toBe(1);
    expect(m.additional).toEqual([]);
  });

  it('gives structured data and keeps the wire form of each record', () => {
    const m = decoded(fixtures.signedAnswer);
    expect(m.flags.ad).toBe(true);
    const [a, sig] = m.answer;
    expect(a).toMatchObject({
      name: 'www.example.com.',
      type: 'A',
      ttl: 3600,
      rdata: '192.0.2.80',
    });
    expect(a?.data).toEqual({ kind: 'A', address: '192.0.2.80' });
    expect(Array.from(a?.wire.rdata ?? [])).toEqual([192, 0, 2, 80]);
    expect(sig?.data).toMatchObject({
      kind: 'RRSIG',
      typeCovered: 'A',
      typeCoveredCode: 1,
      algorithm: 13,
      labels: 3,
      originalTtl: 3600,
      expiration: 1767225600,
      inception: 1764547200,
      keyTag: 31406,
      signerName: 'example.com.',
    });
    expect(
      sig?.rdata.startsWith('A 13 3 3600 20260101000000 20251201000000 31406 example.com. '),
    ).toBe(true);
  });

  it('reads the types of a negative answer', () => {
    const m = decoded(fixtures.nxdomainNsec3);
    expect(m.rcodeName).toBe('NXDOMAIN');
    expect(m.authority.map((r) => r.data.kind)).toEqual(['SOA', 'NSEC3']);
    expect(m.authority[0]?.data).toEqual({
      kind: 'SOA',
      mname: 'ns1.example.com.',
      rname: 'hostmaster.example.com.',
      serial: 2026112301,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 3600,
    });
    expect(m.authority[1]?.data).toMatchObject({
      kind: 'NSEC3',
      hashAlgorithm: 1,
      optOut: true,
      iterations: 0,
      types: ['NS', 'SOA', 'RRSIG', 'DNSKEY', 'NSEC3PARAM'],
    });
  });

  it('reads HTTPS records (RFC 9460)', () => {
    const m = decoded(fixtures.httpsAnswer);
    expect(m.question[0]?.type).toBe('HTTPS');
    expect(m.answer[0]?.rdata).toBe(
      '1 . alpn="h3,h2" ipv4hint=104.16.132.229,104.16.133.229 ipv6hint=2606:4700::6810:84e5,2606:4700::6810:85e5',
    );
    expect(m.answer[0]?.data).toMatchObject({ kind: 'HTTPS', priority: 1, target: '.' });
  });

  it.each(ALL_FIXTURES)('%s agrees with dns-packet, an independent decoder', (_name, bytes) => {
    const ours = decoded(bytes);
    const theirs = decode(Buffer.from(bytes));
    expect(ours.id).toBe(theirs.id);
    expect(ours.rcodeName).toBe(ours.rcode < 16 ? theirs.rcode : 'BADVERS');
    const q = (theirs.questions as { name: string }[])[0];
    expect(ours.question[0]?.name).toBe(`${q?.name ?? ''}.`);
    const answers = theirs.answers as { name: string; ttl: number; type: string; data: unknown }[];
    expect(ours.answer.map((r) => [r.name, r.ttl])).toEqual(
      answers.map((r) => [`${r.name}.`, r.ttl]),
    );
    for (const [i, theirsRr] of answers.entries()) {
      const oursRr = ours.answer[i]!;
      if (theirsRr.type === 'A' || theirsRr.type === 'AAAA')
        expect(oursRr.rdata).toBe(theirsRr.data);
      if (theirsRr.type === 'MX') {
        const mx = theirsRr.data as { preference: number; exchange: string };
        expect(oursRr.rdata).toBe(`${mx.preference} ${mx.exchange}.`);
      }
      if (theirsRr.type === 'TXT') {
        const strings = (theirsRr.data as Buffer[]).map((b) => b.toString('utf8'));
        expect(oursRr.data).toMatchObject({ kind: 'TXT', text: strings });
      }
    }
  });
});

describe('decodeMessage on hand-made wire', () => {
  it('follows compression pointers and stores RDATA expanded', () => {
    // www.example.com. CNAME → "cdn" + pointer to example.com. (offset 16)
    const bytes = [
      ...header({ counts: [1, 1, 0, 0] }),
      ...question('www.example.com', 1),
      ...rr([0xc0, 12], 5, [3, ...new TextEncoder().encode('cdn'), 0xc0, 16]),
    ];
    const m = decoded(bytes);
    expect(m.answer[0]).toMatchObject({
      name: 'www.example.com.',
      type: 'CNAME',
      rdata: 'cdn.example.com.',
    });
    expect(Array.from(m.answer[0]!.wire.rdata)).toEqual(nameBytes('cdn.example.com'));
    expect(m.opt).toBeNull();
  });

  it('escapes dots, quotes and binary octets inside labels', () => {
    const owner = [3, 0x61, 0x2e, 0x62, 2, 0x00, 0x22, 0];
    const m = decoded([...header({ counts: [0, 1, 0, 0] }), ...rr(owner, 1, [10, 0, 0, 1])]);
    expect(m.answer[0]?.name).toBe('a\\.b.\\000\\".');
  });

  it.each([
    [0, 0, 'NOERROR'],
    [1, 0, 'BADVERS'],
    [1, 7, 'BADCOOKIE'],
    [0, 12, 'RCODE12'],
    [2, 0, 'RCODE32'],
  ])('combines EXTENDED-RCODE %i with header RCODE %i into %s', (ext, low, name) => {
    const bytes = [
      ...header({ flags: 0x8180 | low, counts: [0, 0, 0, 1] }),
      ...optRr([], (ext << 24) | 0x8000),
    ];
    const m = decoded(bytes);
    expect(m.rcode).toBe((ext << 4) | low);
    expect(m.rcodeName).toBe(name);
  });

  it('reads BADVERS from the fixture built by dns-packet', () => {
    expect(decoded(fixtures.badvers)).toMatchObject({ rcode: 16, rcodeName: 'BADVERS' });
  });

  it('without OPT, the RCODE is the four header bits', () => {
    const m = decoded(header({ flags: 0x8183, counts: [0, 0, 0, 0] }));
    expect([m.rcode, m.rcodeName, m.opt]).toEqual([3, 'NXDOMAIN', null]);
  });

  it('tolerates and reports RDATA that does not fit its type', () => {
    const m = decoded([
      ...header({ counts: [0, 1, 0, 0] }),
      ...rr(nameBytes('x.example'), 1, [10, 0, 1]),
    ]);
    expect(m.answer[0]).toMatchObject({
      rdata: '\\# 3 0A0001',
      data: { kind: 'invalid', reason: 'an A record has 4 octets, not 3' },
    });
    expect(m.warnings).toEqual(['answer: x.example. A: an A record has 4 octets, not 3']);
  });

  it('shows unknown types in the RFC 3597 generic form', () => {
    const m = decoded([
      ...header({ counts: [0, 1, 0, 0] }),
      ...rr(nameBytes('x.example'), 65534, [1, 2, 0xff]),
    ]);
    expect(m.answer[0]).toMatchObject({
      type: 'TYPE65534',
      rdata: '\\# 3 0102FF',
      data: { kind: 'unknown' },
    });
  });

  it('reports a second OPT, an OPT not owned by the root, a cut option and trailing octets', () => {
    const badOpt = [...u16(10), ...u16(8), 1, 2, 3]; // COOKIE claiming 8 octets, 3 present
    const bytes = [
      ...header({ counts: [0, 0, 0, 2] }),
      ...rr(nameBytes('x'), 41, badOpt, 0x8000, 1232),
      ...optRr(),
      0xde,
      0xad,
    ];
    const m = decoded(bytes);
    expect(m.warnings).toEqual([
      '2 OPT records (RFC 6891 allows one); the first is used',
      'the OPT record is not owned by the root',
      'EDNS option COOKIE claims 8 octets but only 3 remain',
      '2 octet(s) after the last record (ignored)',
    ]);
  });

  it('reads EDNS options other than EDE', () => {
    const nsid = [...u16(3), ...u16(4), ...new TextEncoder().encode('ams1')];
    const m = decoded([...header({ counts: [0, 0, 0, 1] }), ...optRr(nsid)]);
    expect(m.opt?.options).toEqual([
      { code: 3, name: 'NSID', data: new TextEncoder().encode('ams1') },
    ]);
  });
});

describe('decodeMessage rejects what is not a DNS message, with a typed error', () => {
  it.each([
    ['empty', [], 'empty', 'the message is empty (0 octets)'],
    [
      'short header',
      [0, 0, 0x81],
      'truncated',
      'message shorter than its 12-octet header (at octet 0)',
    ],
    ['HTML', [...new TextEncoder().encode('<!doctype html><html>')], undefined, undefined],
    [
      'missing question',
      header({ counts: [1, 0, 0, 0] }),
      'truncated',
      'name runs past the end (at octet 12)',
    ],
    [
      'forward pointer',
      [...header({ counts: [1, 0, 0, 0] }), 0xc0, 20, 0, 1, 0, 1],
      'bad-pointer',
      'pointer to 20 does not point back (at octet 12)',
    ],
    [
      'pointer to itself',
      [...header({ counts: [1, 0, 0, 0] }), 0xc0, 12, 0, 1, 0, 1],
      'bad-pointer',
      undefined,
    ],
    [
      'extended label type',
      [...header({ counts: [1, 0, 0, 0] }), 0x41, 0, 0, 1, 0, 1],
      'bad-label-type',
      undefined,
    ],
    [
      'RDATA past the end',
      [...header({ counts: [0, 1, 0, 0] }), 0, ...u16(1), ...u16(1), 0, 0, 0, 0, ...u16(4), 1, 2],
      'truncated',
      undefined,
    ],
  ])('%s', (_case, bytes, code, message) => {
    const r = decodeMessage(Uint8Array.from(bytes));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    if (code !== undefined) expect(r.error.code).toBe(code);
    expect(r.error.message).not.toBe('');
    if (message !== undefined) expect(r.error.message).toBe(message);
  });
});
