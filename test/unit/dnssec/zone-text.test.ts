import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/dns/wire/encoding';
import { nameToText } from '../../../src/dns/wire/name';
import { recordToText } from '../../../src/dns/rdata';
import { parseZoneText } from '../../../src/dns/wire/zone-text';
import { keyTag } from '../../../src/dnssec/key-tag';
import { ROOT_TRUST_ANCHORS, parseTrustAnchors } from '../../../src/dnssec/anchors/trust-anchors';
import { decodeDs } from '../../../src/dnssec/rdata/ds';
import { responses } from '../../vectors/helpers/signed-evidence';

describe('presentation format', () => {
  it('reads the built-in root anchors: KSK-2017 (20326) and KSK-2024 (38696)', () => {
    expect(ROOT_TRUST_ANCHORS).toHaveLength(1);
    const tags = ROOT_TRUST_ANCHORS[0]!.ds.map(
      (rr) => (decodeDs(rr.rdata) as { ok: true; value: { keyTag: number } }).value.keyTag,
    );
    expect(tags).toEqual([20326, 38696]);
  });

  it('reads DNSKEY anchors with parentheses and comments', () => {
    const r = parseTrustAnchors(`example. 3600 IN DNSKEY 257 3 15 ( ; the KSK
      l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4= )`);
    expect(r.ok && keyTag(Uint8Array.of(1, 1, 3, 15, ...r.value[0]!.dnskeys[0]!.subarray(4)))).toBe(
      3613,
    );
  });

  it('rejects non-anchor records and bad text with typed errors', () => {
    expect(parseTrustAnchors('. IN A 192.0.2.1')).toMatchObject({
      ok: false,
      error: { code: 'syntax' },
    });
    expect(parseTrustAnchors('. IN DS 20326 8 2 XYZ')).toMatchObject({
      ok: false,
      error: { code: 'syntax', at: 1 },
    });
    expect(parseZoneText('. IN BOGUSTYPE 1')).toMatchObject({
      ok: false,
      error: { code: 'unknown-type' },
    });
    expect(parseZoneText('a. IN A ( 1.2.3.4')).toMatchObject({
      ok: false,
      error: { code: 'syntax' },
    });
  });

  it('handles $ORIGIN, $TTL, blank owners, TTL units and the RFC 3597 generic form', () => {
    const r = parseZoneText(
      `$ORIGIN example.\n$TTL 1h\nwww A 192.0.2.1\n  IN 2d AAAA 2001:db8::1\nx TYPE65534 \\# 3 010203\n`,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map(recordToText)).toEqual([
      'www.example. 3600 IN A 192.0.2.1',
      'www.example. 172800 IN AAAA 2001:db8::1',
      'x.example. 3600 IN TYPE65534 \\# 3 010203',
    ]);
  });

  it('round-trips every record of the signed vectors through text', () => {
    let count = 0;
    for (const m of responses.values()) {
      for (const rr of [...m.answer, ...m.authority]) {
        const text = recordToText(rr);
        const back = parseZoneText(text);
        expect(back.ok, text).toBe(true);
        if (!back.ok) continue;
        expect(toHex(back.value[0]!.rdata), text).toBe(toHex(rr.rdata));
        expect(nameToText(back.value[0]!.owner)).toBe(nameToText(rr.owner));
        count++;
      }
    }
    expect(count).toBeGreaterThan(1000);
  });
});
