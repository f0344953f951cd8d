/**
 * RFC signature vectors (signature-vectors.ts): key tags, DS digests and RRSIG verification,
 * with a flipped-signature negative control for each valid vector. One runner, data above.
 */

import { describe, expect, it } from 'vitest';
import { bytesEqual, fromHex, toBase32Hex } from '../../../src/dns/wire/encoding';
import { name } from '../../../src/dns/wire/name';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { parseZoneText } from '../../../src/dns/wire/zone-text';
import { WorkBudget } from '../../../src/dnssec/budget';
import { dsDigest } from '../../../src/dnssec/ds-digest';
import { keyTag } from '../../../src/dnssec/key-tag';
import { nsec3Hash } from '../../../src/dnssec/nsec3-hash';
import { decodeDs } from '../../../src/dnssec/rdata/ds';
import { RrsetIndex } from '../../../src/dnssec/rrset-index';
import { verifyRrset } from '../../../src/dnssec/verify-rrset';
import { zoneKeysOf } from '../../../src/dnssec/zone-key';
import { RFC4034_DS_EXAMPLE, RFC5155_HASHES, SIGNATURE_VECTORS } from './signature-vectors';

function records(text: string): readonly ResourceRecord[] {
  const r = parseZoneText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function dsMatches(dsText: string, dnskey: ResourceRecord): boolean {
  const ds = decodeDs(records(dsText)[0]!.rdata);
  if (!ds.ok) return false;
  const digest = dsDigest(dnskey.owner, dnskey.rdata, ds.value.digestType);
  return digest !== undefined && bytesEqual(digest, ds.value.digest);
}

describe('RFC signature vectors', () => {
  for (const v of SIGNATURE_VECTORS) {
    describe(`${v.id} (${v.source})`, () => {
      const dnskey = records(v.dnskey)[0]!;
      const verify = (rrsigText: string) => {
        const index = new RrsetIndex([...records(v.rrset), ...records(rrsigText)]);
        const rrset = index.ofType(records(v.rrset)[0]!.type)[0]!;
        return verifyRrset(rrset, zoneKeysOf([dnskey]), name(v.zone), {
          now: v.now,
          budget: new WorkBudget(),
        });
      };
      it(`has key tag ${v.keyTag}`, () => expect(keyTag(dnskey.rdata)).toBe(v.keyTag));
      if (v.ds) it('matches its DS digest', () => expect(dsMatches(v.ds!, dnskey)).toBe(true));
      it(`verifies as ${v.expect}`, async () => {
        const proof = await verify(v.rrsig);
        if (v.expect === 'valid') expect(proof.status).toBe('secure');
        else expect(proof.findings[0]?.reason).toBe(v.expect);
      });
      if (v.expect === 'valid') {
        it('rejects the signature with one bit flipped', async () => {
          const flipped = v.rrsig.replace(
            /([A-Za-z0-9+/])(=*\s*\)?\s*)$/,
            (_, c: string, tail: string) => (c === 'A' ? 'B' : 'A') + tail,
          );
          const proof = await verify(flipped);
          expect(proof.status).toBe('bogus');
          expect(proof.findings[0]?.reason).toBe('signature-invalid');
        });
      }
    });
  }
});

describe('RFC 4034 §5.4 DS example', () => {
  const dnskey = records(RFC4034_DS_EXAMPLE.dnskey)[0]!;
  it('has key tag 60485 (Appendix B)', () =>
    expect(keyTag(dnskey.rdata)).toBe(RFC4034_DS_EXAMPLE.keyTag));
  it('matches the SHA-1 DS digest', () =>
    expect(dsMatches(RFC4034_DS_EXAMPLE.ds, dnskey)).toBe(true));
  it('matches regardless of owner case (RFC 4034 §6.2)', () => {
    const upper = records(
      RFC4034_DS_EXAMPLE.dnskey.replace('dskey.example.com.', 'DSKEY.Example.COM.'),
    )[0]!;
    expect(dsMatches(RFC4034_DS_EXAMPLE.ds, upper)).toBe(true);
  });
});

describe('RFC 5155 Appendix A hashes', () => {
  for (const [owner, hash] of RFC5155_HASHES) {
    it(`H(${owner}) = ${hash}`, () => {
      expect(toBase32Hex(nsec3Hash(name(owner), fromHex('aabbccdd')!, 12))).toBe(hash);
    });
  }
});
