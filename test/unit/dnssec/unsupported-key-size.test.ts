/**
 * A zone whose only trusted key is a 512-bit RSA key (RFC 5702 §6.1) is insecure with
 * reason unsupported-key-size, as Cloudflare reports EDE 1 for it — never bogus.
 */

import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../../src/dns/wire/zone-text';
import { parseTrustAnchors } from '../../../src/dnssec/anchors/trust-anchors';
import { validateChain } from '../../../src/dnssec/validate';

const KEY =
  'example.net. 3600 IN DNSKEY 256 3 8 AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=';
const ANSWER = `www.example.net. 3600 IN A 192.0.2.91
www.example.net. 3600 IN RRSIG A 8 3 3600 20300101000000 20000101000000 9033 example.net. kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==`;

describe('RSA keys under 1024 bits', () => {
  it('make the zone insecure (unsupported-key-size)', async () => {
    const anchors = parseTrustAnchors(KEY);
    const dnskey = parseZoneText(KEY);
    const answer = parseZoneText(ANSWER);
    if (!anchors.ok || !dnskey.ok || !answer.ok) throw new Error('bad fixture');
    const tree = await validateChain({
      qname: 'www.example.net.',
      qtype: 'A',
      answer: answer.value,
      zones: [{ name: 'example.net.', dnskey: dnskey.value }],
      trustAnchors: anchors.value,
      now: Date.UTC(2024, 0, 1) / 1000,
    });
    expect({ status: tree.status, reason: tree.reason }).toEqual({
      status: 'insecure',
      reason: 'unsupported-key-size',
    });
    expect(tree.zones[0]?.dnskeys[0]).toMatchObject({ keySizeBits: 512, keyTag: 9033 });
  });
});
