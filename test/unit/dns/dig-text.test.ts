import { describe, expect, it } from 'vitest';
import { formatDig } from '../../../src/dns/dig-text';
import { decodeMessage } from '../../../src/dns/message';
import * as fixtures from './fixtures/messages';
import { header, optRr, u16 } from './fixtures/wire';

const WHEN = Date.UTC(2026, 10, 23, 9, 0, 0);

/** [snapshot, fixture, resolver, question] — the snapshot files are dig sessions to read. */
const SESSIONS = [
  [
    'cloudflare-servfail-ede7',
    fixtures.cloudflareExpired,
    'https://cloudflare-dns.com/dns-query',
    { name: 'expired.example.net.', type: 'A', cd: false },
  ],
  [
    'google-lame-ede22-ede0',
    fixtures.googleLame,
    'https://dns.google/dns-query',
    { name: 'lame.example.org.', type: 'A', cd: false },
  ],
  [
    'signed-answer-ad',
    fixtures.signedAnswer,
    'https://dns.google/dns-query',
    { name: 'www.example.com.', type: 'A', cd: false },
  ],
  [
    'nxdomain-nsec3',
    fixtures.nxdomainNsec3,
    'https://doh.dns.sb/dns-query',
    { name: 'nope.example.com.', type: 'A', cd: false },
  ],
  [
    'dnskey-cd',
    fixtures.dnskeyAnswer,
    'https://dns.alidns.com/dns-query',
    { name: 'example.com.', type: 'DNSKEY', cd: true },
  ],
  [
    'ds-sha256',
    fixtures.dsAnswer,
    'https://dns.google/dns-query',
    { name: 'example.com.', type: 'DS', cd: true },
  ],
  [
    'https-record',
    fixtures.httpsAnswer,
    'https://cloudflare-dns.com/dns-query',
    { name: 'cloudflare.com.', type: 'HTTPS', cd: false },
  ],
  [
    'mail-records',
    fixtures.mailRecords,
    'http://127.0.0.1:8053/dns-query',
    { name: 'example.com.', type: 'ANY', cd: false },
  ],
  [
    'badvers',
    fixtures.badvers,
    'https://dns.google/dns-query',
    { name: 'example.com.', type: 'A', cd: false },
  ],
] as const;

describe('formatDig', () => {
  it.each(SESSIONS)('%s', async (file, bytes, resolver, question) => {
    const r = decodeMessage(bytes);
    if (!r.ok) throw new Error(r.error.message);
    const text = formatDig(r.message, { resolver, question, durationMs: 23.4, when: WHEN });
    await expect(text).toMatchFileSnapshot(`./__snapshots__/dig/${file}.txt`);
  });

  it('prints the header, flags and EDE lines exactly as dig 9.18 does', () => {
    const r = decodeMessage(fixtures.cloudflareExpired);
    if (!r.ok) throw new Error(r.error.message);
    expect(formatDig(r.message).split('\n')).toEqual([
      ';; Got answer:',
      ';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 0',
      ';; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags: do; udp: 1232',
      '; EDE: 7 (Signature Expired): (for DNSKEY expired.example.net., id = 31406: RRSIG expired.example.net., expiration = 1700000000)',
      ';; QUESTION SECTION:',
      ';expired.example.net.\t\tIN\tA',
      '',
      ';; MSG SIZE  rcvd: 150',
      '',
    ]);
  });

  it('prints other EDNS options, MBZ bits, malformed EDEs and warnings', () => {
    const options = [
      ...[...u16(3), ...u16(4), 0x61, 0x6d, 0x73, 0x31], // NSID "ams1"
      ...[...u16(8), ...u16(7), 0, 1, 24, 0, 192, 0, 2], // CLIENT-SUBNET 192.0.2.0/24/0
      ...[...u16(10), ...u16(8), 1, 2, 3, 4, 5, 6, 7, 8], // COOKIE
      ...[...u16(12), ...u16(3), 0, 0, 0], // PADDING
      ...[...u16(15), ...u16(1), 9], // EDE, malformed
      ...[...u16(65001), ...u16(2), 0x68, 0x69], // unknown option
    ];
    const bytes = Uint8Array.from([
      ...header({ flags: 0x8182, counts: [0, 0, 0, 1] }),
      ...optRr(options, 0x0000c001, 4096),
      0,
    ]);
    const r = decodeMessage(bytes);
    if (!r.ok) throw new Error(r.error.message);
    expect(formatDig(r.message).split('\n')).toEqual([
      ';; Got answer:',
      ';; WARNING: malformed Extended DNS Error option: 1 octet, an INFO-CODE needs 2',
      ';; WARNING: 1 octet(s) after the last record (ignored)',
      ';; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 0',
      ';; flags: qr rd ra; QUERY: 0, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags: do; MBZ: 0x4001, udp: 4096',
      '; NSID: 61 6d 73 31 ("ams1")',
      '; CLIENT-SUBNET: 192.0.2.0/24/0',
      '; COOKIE: 0102030405060708',
      '; PADDING: 3 octets',
      '; EDE: malformed (09)',
      '; OPT=65001: 68 69 ("hi")',
      `;; MSG SIZE  rcvd: ${bytes.length}`,
      '',
    ]);
  });
});
