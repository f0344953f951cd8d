/** The WebCrypto and @noble/curves paths (ECDSA, Ed25519) agree, on valid and broken signatures. */

import { describe, expect, it } from 'vitest';
import { RRTYPE } from '../../../src/dns/wire/types';
import { signedData } from '../../../src/dnssec/canonical';
import { verifyEcdsa, verifyEcdsaNoble } from '../../../src/dnssec/crypto/ecdsa';
import { verifyEddsa, verifyEddsaNoble } from '../../../src/dnssec/crypto/eddsa';
import { decodeRrsig } from '../../../src/dnssec/rdata/rrsig';
import { RrsetIndex } from '../../../src/dnssec/rrset-index';
import { zoneKeysOf } from '../../../src/dnssec/zone-key';
import { responses } from '../../vectors/helpers/signed-evidence';

describe('WebCrypto and noble verification paths', () => {
  const cases = [...responses].filter(([q]) => /^(www|nx)\.(ecdsap(256|384)|ed25519)/.test(q));
  it('covers P-256, P-384 and Ed25519 answers', () =>
    expect(cases.length).toBeGreaterThanOrEqual(8));
  for (const [q, m] of cases) {
    it(`agree on ${q}`, async () => {
      const index = new RrsetIndex([...m.answer, ...m.authority]);
      const keys = zoneKeysOf(
        responses.get(`${q.split('.').slice(1).join('.').split(' ')[0]} DNSKEY`)!.answer,
      );
      let checked = 0;
      for (const type of [RRTYPE.A, RRTYPE.SOA, RRTYPE.NSEC, RRTYPE.NSEC3]) {
        for (const rrset of index.ofType(type)) {
          for (const rr of rrset.signatures) {
            const sig = decodeRrsig(rr.rdata);
            if (!sig.ok) continue;
            const key = keys.find((k) => k.keyTag === sig.value.keyTag)!;
            const data = signedData(
              sig.value,
              rr.rdata.subarray(0, sig.value.signedPrefixLength),
              rrset.records,
            );
            const alg = sig.value.algorithm;
            const bad = sig.value.signature.slice();
            bad[5]! ^= 1;
            for (const s of [sig.value.signature, bad]) {
              const k = key.dnskey.publicKey;
              const [a, b] =
                alg === 15
                  ? [await verifyEddsa(15, k, s, data), verifyEddsaNoble(15, k, s, data)]
                  : [
                      await verifyEcdsa(alg as 13 | 14, k, s, data),
                      verifyEcdsaNoble(alg as 13 | 14, k, s, data),
                    ];
              expect(a).toBe(b);
              expect(a).toBe(s === bad ? 'invalid' : 'valid');
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
    });
  }
});
