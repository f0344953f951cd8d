/**
 * RFC 4035 Appendix B and RFC 5155 Appendix B denial proofs (denial-vectors.ts), run on the
 * NSEC and NSEC3 rules directly. One runner, cases as data.
 */

import { describe, expect, it } from 'vitest';
import { nameFromText, nameToText, type Name } from '../../../src/dns/wire/name';
import { parseZoneText } from '../../../src/dns/wire/zone-text';
import { typeFromText } from '../../../src/dns/wire/types';
import { WorkBudget } from '../../../src/dnssec/budget';
import type { DenialQuestion } from '../../../src/dnssec/denial-types';
import { proveWithNsec } from '../../../src/dnssec/nsec-proof';
import { proveWithNsec3 } from '../../../src/dnssec/nsec3-proof';
import { decodeNsec } from '../../../src/dnssec/rdata/nsec';
import { decodeNsec3 } from '../../../src/dnssec/rdata/nsec3';
import {
  RFC4035_CASES,
  RFC4035_NSEC_CHAIN,
  RFC5155_CASES,
  RFC5155_NSEC3_CHAIN,
  type DenialVector,
} from './denial-vectors';

function n(text: string): Name {
  const r = nameFromText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

function chain(text: string) {
  const r = parseZoneText(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const nsecChain = chain(RFC4035_NSEC_CHAIN).map((rr) => {
  const d = decodeNsec(rr.rdata);
  if (!d.ok) throw new Error(d.error.message);
  return { owner: rr.owner, nsec: d.value };
});
const nsec3Chain = chain(RFC5155_NSEC3_CHAIN).map((rr) => {
  const d = decodeNsec3(rr.rdata);
  if (!d.ok) throw new Error(d.error.message);
  return { owner: rr.owner, nsec3: d.value };
});

function question(v: DenialVector): DenialQuestion {
  return v.question === 'wildcard-expansion'
    ? { kind: v.question, labels: v.labels! }
    : { kind: v.question };
}

function summary(outcome: { status: string; kind?: string; finding?: { reason: string } }) {
  return { status: outcome.status, kind: outcome.kind, reason: outcome.finding?.reason };
}

describe('RFC 4035 Appendix B (NSEC)', () => {
  for (const v of RFC4035_CASES) {
    it(`${v.id}: ${v.qname} ${v.qtype} — ${v.source}`, () => {
      const entries = nsecChain.filter((e) => v.records.includes(nameToText(e.owner)));
      expect(entries).toHaveLength(v.records.length);
      const outcome = proveWithNsec(question(v), n(v.qname), typeFromText(v.qtype)!, entries);
      expect(summary(outcome)).toMatchObject({
        status: v.expect.status,
        ...(v.expect.kind ? { kind: v.expect.kind } : {}),
        ...(v.expect.reason ? { reason: v.expect.reason } : {}),
      });
    });
  }
});

describe('RFC 5155 Appendix B (NSEC3)', () => {
  for (const v of RFC5155_CASES) {
    it(`${v.id}: ${v.qname} ${v.qtype} — ${v.source}`, () => {
      const entries = nsec3Chain.filter((e) =>
        v.records.includes(new TextDecoder().decode(e.owner[0])),
      );
      expect(entries).toHaveLength(v.records.length);
      const outcome = proveWithNsec3(
        question(v),
        n(v.qname),
        typeFromText(v.qtype)!,
        n('example.'),
        entries,
        new WorkBudget(),
      );
      expect(summary(outcome)).toMatchObject({
        status: v.expect.status,
        ...(v.expect.kind ? { kind: v.expect.kind } : {}),
        ...(v.expect.reason ? { reason: v.expect.reason } : {}),
      });
    });
  }
  it('treats more than 150 iterations as insecure (RFC 9276 §3.2)', () => {
    const heavy = chain(RFC5155_NSEC3_CHAIN.replace(/ 1 1 12 /g, ' 1 1 151 ')).map((rr) => ({
      owner: rr.owner,
      nsec3: (decodeNsec3(rr.rdata) as { ok: true; value: never }).value,
    }));
    const outcome = proveWithNsec3(
      { kind: 'nxdomain' },
      n('a.c.x.w.example.'),
      1,
      n('example.'),
      heavy,
      new WorkBudget(),
    );
    expect(summary(outcome)).toMatchObject({ status: 'insecure', reason: 'nsec3-iterations' });
  });
  it('ignores NSEC3 records with unknown flags (RFC 5155 §8.2)', () => {
    const odd = chain(RFC5155_NSEC3_CHAIN.replace(/ 1 1 12 /g, ' 1 2 12 ')).map((rr) => ({
      owner: rr.owner,
      nsec3: (decodeNsec3(rr.rdata) as { ok: true; value: never }).value,
    }));
    const outcome = proveWithNsec3(
      { kind: 'nodata' },
      n('ns1.example.'),
      15,
      n('example.'),
      odd,
      new WorkBudget(),
    );
    expect(summary(outcome)).toMatchObject({ status: 'bogus', reason: 'nsec-missing' });
  });
});
