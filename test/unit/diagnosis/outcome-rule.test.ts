/** ok / nxdomain / nodata, and the warnings that come with a working name. */

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnosis/diagnose';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import type { SignatureInfo } from '../../../src/dnssec/proof-tree';
import { firstExpiry } from '../../../src/diagnosis/warnings';
import { diagnoseAt, fixture } from './lab-evidence';

describe('outcomes that are not a SERVFAIL', () => {
  it('ok: warns about a single nameserver', async () => {
    const d = await diagnoseAt(fixture('alg13'));
    expect(d.warnings.map((w) => w.id)).toEqual(['single-nameserver']);
    expect(d.warnings[0]!.text).toMatch(
      /^alg13\.lab\. has one nameserver only \(ns\.alg13\.lab\.\)/,
    );
    expect(d.warnings[0]!.exchanges).toEqual(['x16']);
  });

  it('ok: warns when signatures expire within three days', async () => {
    const evidence = fixture('alg13');
    const validation = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    const expiry = firstExpiry(validation.proof!)!.signature.expiration;
    const d = await diagnoseAt(evidence, expiry - 2 * 86400);
    expect(d.verdict).toBe('ok');
    const w = d.warnings.find((x) => x.id === 'signatures-expiring')!;
    expect(w.text).toMatch(/expires at .* UTC, 2 days from now/);
    const later = await diagnoseAt(evidence, expiry - 4 * 86400);
    expect(later.warnings.some((x) => x.id === 'signatures-expiring')).toBe(false);
  });

  it('ok: says the signer renews late when less than one TTL of validity is left', async () => {
    const evidence = fixture('alg13');
    const validation = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    const { rrset, signature } = firstExpiry(validation.proof!)!;
    // The lab signs with TTL 300 s: 100 s before the end is less than one TTL.
    const d = await diagnoseAt(evidence, signature.expiration - 100);
    const w = d.warnings.find((x) => x.id === 'signatures-expiring')!;
    expect(w.text).toContain(`The signature over ${rrset.owner} ${rrset.type} expires at `);
    expect(w.text).toMatch(
      /100 seconds from now\. .* That is less than the RRset's TTL \(5 minutes\): the signer renews late or has stopped\./,
    );
    expect(w.text).toMatch(/RFC 4035 §5\.3\.3/);
    // Two days before the end, the TTL is far shorter than what is left: no such sentence.
    const early = await diagnoseAt(evidence, signature.expiration - 2 * 86400);
    expect(early.warnings.find((x) => x.id === 'signatures-expiring')!.text).not.toMatch(/TTL/);
  });

  it('ok: a TTL longer than the validity left warns even beyond the three days', async () => {
    const evidence = fixture('alg13');
    const now = evidence.finishedAt / 1000;
    const v = await validateEvidence(evidence, { now });
    const { signature } = firstExpiry(v.proof!)!;
    const at = signature.expiration - 5 * 86400;
    const base = await validateEvidence(evidence, { now: at });
    const tenDays = 10 * 86400;
    const longTtl = (sigs: readonly SignatureInfo[]) =>
      sigs.map((s) => (s.text === signature.text ? { ...s, originalTtl: tenDays } : s));
    const proof = base.proof!;
    const validation = {
      ...base,
      proof: {
        ...proof,
        zones: proof.zones.map((z) => ({
          ...z,
          ...(z.dnskeyRrset
            ? { dnskeyRrset: { ...z.dnskeyRrset, signatures: longTtl(z.dnskeyRrset.signatures) } }
            : {}),
          ...(z.dsRrset
            ? { dsRrset: { ...z.dsRrset, signatures: longTtl(z.dsRrset.signatures) } }
            : {}),
        })),
        answer: proof.answer.map((step) => ({
          ...step,
          rrsets: step.rrsets.map((r) => ({ ...r, signatures: longTtl(r.signatures) })),
        })),
      },
    };
    const d = await diagnose(evidence, { now: at, validation });
    const w = d.warnings.find((x) => x.id === 'signatures-expiring')!;
    expect(w.text).toMatch(/5 days from now\. .*less than the RRset's TTL \(10 days\)/);
    const without = await diagnose(evidence, { now: at, validation: base });
    expect(without.warnings.some((x) => x.id === 'signatures-expiring')).toBe(false);
  });

  it('insecure: ok, and says there is nothing to validate', async () => {
    const d = await diagnoseAt(fixture('insecure'));
    expect(d.headline).toMatch(/not signed with DNSSEC/);
    expect(d.warnings.some((w) => w.id === 'signatures-expiring')).toBe(false);
  });

  it('nxdomain and nodata say they are not a SERVFAIL', async () => {
    for (const s of ['nxdomain', 'nxdomain-child', 'nsec3-nxdomain', 'nodata']) {
      const d = await diagnoseAt(fixture(s));
      expect(d.headline, s).toMatch(/not a SERVFAIL|not SERVFAIL/);
    }
  });
});
