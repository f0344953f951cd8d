/** ok / nxdomain / nodata, and the warnings that come with a working name. */

import { describe, expect, it } from 'vitest';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
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
