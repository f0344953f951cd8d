/**
 * KeyTrap (CVE-2023-50387): many DNSKEYs sharing one key tag must not multiply the work.
 */

import { describe, expect, it } from 'vitest';
import { RRTYPE } from '../../../src/dns/wire/types';
import { WorkBudget } from '../../../src/dnssec/budget';
import { keyTag } from '../../../src/dnssec/key-tag';
import { RrsetIndex } from '../../../src/dnssec/rrset-index';
import { verifyRrset } from '../../../src/dnssec/verify-rrset';
import { zoneKeysOf } from '../../../src/dnssec/zone-key';
import { inputFor, SIGNED_NOW } from '../../vectors/helpers/signed-evidence';
import { name } from '../../../src/dns/wire/name';

describe('KeyTrap guard', () => {
  it('tries at most 4 colliding keys per signature, then reports work-limit', async () => {
    const zone = 'ed25519-nsec.lens.';
    const input = inputFor({ qname: `www.${zone}`, qtype: 'A' });
    const index = new RrsetIndex(input.answer);
    const rrset = index.get(name(`www.${zone}`), RRTYPE.A)!;
    const dnskeyResponse = input.zones.find((z) => z.name === zone)!.dnskey!;
    const zsk = dnskeyResponse.find((rr) => rr.type === RRTYPE.DNSKEY && rr.rdata[1] === 0)!;
    // Same key tag, different keys: +1 and -1 on two octets that weigh the same in the sum.
    const decoys = Array.from({ length: 6 }, (_, i) => {
      const b = zsk.rdata.slice();
      b[4 + 2 * i] = (b[4 + 2 * i]! + 1) & 255;
      b[6 + 2 * i] = (b[6 + 2 * i]! - 1) & 255;
      return { ...zsk, rdata: b };
    }).filter((d) => keyTag(d.rdata) === keyTag(zsk.rdata));
    expect(decoys.length).toBeGreaterThanOrEqual(4);
    const budget = new WorkBudget();
    const proof = await verifyRrset(rrset, zoneKeysOf([...decoys, zsk]), name(zone), {
      now: SIGNED_NOW,
      budget,
    });
    expect(proof.status).toBe('indeterminate');
    expect(proof.findings[0]?.reason).toBe('work-limit');
    expect(budget.verifications).toBe(4);
  });
});
