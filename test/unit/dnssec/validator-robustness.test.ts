/**
 * Property tests of the validator: random or truncated bytes in any record of a real proof
 * never make it throw; it always returns one of the four statuses.
 */

import { describe, expect, it } from 'vitest';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { validateChain } from '../../../src/dnssec/validate';
import { REASON_IDS, STATUSES } from '../../../src/dnssec/status';
import { decodeDnskey } from '../../../src/dnssec/rdata/dnskey';
import { decodeDs } from '../../../src/dnssec/rdata/ds';
import { decodeNsec } from '../../../src/dnssec/rdata/nsec';
import { decodeNsec3 } from '../../../src/dnssec/rdata/nsec3';
import { decodeRrsig } from '../../../src/dnssec/rdata/rrsig';
import { WIRE_ERROR_CODES } from '../../../src/dns/wire/result';
import { inputFor, scenarios } from '../../vectors/helpers/signed-evidence';
import { prng, randomBytes } from '../../helpers/prng';

function corrupt(rand: () => number, rr: ResourceRecord): ResourceRecord {
  const b = rr.rdata.slice();
  switch (Math.floor(rand() * 3)) {
    case 0:
      return { ...rr, rdata: b.subarray(0, Math.floor(rand() * b.length)) };
    case 1:
      b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return { ...rr, rdata: b };
    default:
      return { ...rr, rdata: randomBytes(rand, Math.floor(rand() * 40)) };
  }
}

describe('validator robustness', () => {
  it('RDATA decoders return a value or a typed error for random bytes', () => {
    const rand = prng(11);
    for (let i = 0; i < 5000; i++) {
      const bytes = randomBytes(rand, Math.floor(rand() * 64));
      for (const decode of [decodeDs, decodeDnskey, decodeRrsig, decodeNsec, decodeNsec3]) {
        const r = decode(bytes);
        if (!r.ok) expect(WIRE_ERROR_CODES).toContain(r.error.code);
      }
    }
  });

  // Dozens of whole-chain validations: seconds on a busy machine, so not the 5 s default.
  it('never throws when one record of the answer or the chain is corrupted', async () => {
    const rand = prng(23);
    const picks = scenarios.filter((_, i) => i % 5 === 0);
    for (const s of picks) {
      const base = inputFor(s);
      for (let k = 0; k < 6; k++) {
        const inChain = rand() < 0.5;
        const answer = [...base.answer];
        const zones = base.zones.map((z) => ({
          ...z,
          ...(z.dnskey ? { dnskey: [...z.dnskey] } : {}),
        }));
        if (!inChain && answer.length > 0) {
          const i = Math.floor(rand() * answer.length);
          answer[i] = corrupt(rand, answer[i]!);
        } else {
          const z = zones[Math.floor(rand() * zones.length)]!;
          const list = z.dnskey as ResourceRecord[] | undefined;
          if (list && list.length > 0) {
            const i = Math.floor(rand() * list.length);
            list[i] = corrupt(rand, list[i]!);
          }
        }
        const tree = await validateChain({ ...base, answer, zones });
        expect(STATUSES).toContain(tree.status);
        if (tree.reason) expect(REASON_IDS).toContain(tree.reason);
      }
    }
  }, 120_000);
});
