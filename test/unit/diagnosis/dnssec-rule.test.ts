/** The DNSSEC rule: the broken link, the records to paste, and the mixed cases. */

import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../../src/diagnosis/facts';
import { dsForZoneKeys } from '../../../src/diagnosis/remediation/ds-records';
import { answerOf } from '../../../src/evidence/decoded';
import {
  diagnoseAt,
  fixture,
  recordedDnskeyExpiry,
  recordedDsTags,
  recordedKskTag,
  transform,
} from './lab-evidence';

describe('DNSSEC failures', () => {
  it('ds-mismatch: the DS of the current KSK (types 2 and 4) and the stale DS to remove', async () => {
    const evidence = fixture('ds-mismatch');
    const d = await diagnoseAt(evidence);
    const ksk = recordedKskTag(evidence, 'ds-mismatch.lab.');
    const [stale] = recordedDsTags(evidence, 'ds-mismatch.lab.');
    const publish = d.fixes.find((f) => f.title.startsWith('Publish the DS'))!;
    expect(publish.records).toHaveLength(3);
    expect(publish.records[0]).toMatch(
      new RegExp(`^ds-mismatch\\.lab\\. IN DS ${ksk} 13 2 [0-9A-F]{64}$`),
    );
    expect(publish.records[1]).toMatch(
      new RegExp(`^ds-mismatch\\.lab\\. IN DS ${ksk} 13 4 [0-9A-F]{96}$`),
    );
    expect(publish.records[2]).toMatch(/^ds-mismatch\.lab\. IN DNSKEY 257 3 13 \S+$/);
    const remove = d.fixes.find((f) => f.title.startsWith('Remove the DS'))!;
    expect(remove.records).toEqual([
      expect.stringMatching(new RegExp(`^ds-mismatch\\.lab\\. IN DS ${stale} 13 2 [0-9A-F]{64}$`)),
    ]);
    // The registry holds that same stale DS: the change is to be made at the registrar.
    const registry = d.claims.find((c) => c.exchanges.includes('r0'))!;
    expect(registry.text).toMatch(
      new RegExp(`registry holds the same DS record \\(key tag ${stale}\\).*at the registrar`),
    );
    const emergency = d.fixes.find((f) => f.kind === 'emergency')!;
    expect(emergency.cost).toMatch(/loses DNSSEC/);
    expect(d.fixes.at(-1)!.commands).toContain(
      'dig @127.0.0.1 -p 8531 +http-plain-get=/dns-query www.ds-mismatch.lab. A +dnssec +cd',
    );
    const link = d.claims.find((c) => c.zone === 'ds-mismatch.lab.')!;
    expect(link.exchanges).toEqual(['x12', 'x11']);
  });

  it('computes the same DS from a healthy zone’s KSK as its parent publishes', () => {
    const evidence = fixture('alg13');
    const dnskey = evidence.exchanges.find(
      (x) => x.purpose === 'dnskey' && x.question.name === 'alg13.lab.',
    )!;
    const ds = evidence.exchanges.find(
      (x) => x.purpose === 'ds' && x.question.name === 'alg13.lab.',
    )!;
    const published = answerOf(ds)!
      .answer.filter((rr) => rr.type === 'DS')
      .map((rr) => rr.rdata.replace(/\s+/g, '').toUpperCase());
    const computed = dsForZoneKeys('alg13.lab.', answerOf(dnskey)!);
    expect(computed).toHaveLength(1);
    expect(published).toContain(
      computed[0]!.ds[0]!.replace('alg13.lab. IN DS ', '').replace(/\s+/g, ''),
    );
  });

  it('expired: when the signatures expired, and re-sign', async () => {
    const evidence = fixture('expired');
    const d = await diagnoseAt(evidence);
    const expiry = recordedDnskeyExpiry(evidence, 'expired.lab.');
    expect(d.headline).toContain(`expired on ${expiry}`);
    const resign = d.fixes[0]!;
    expect(resign.title).toBe('Re-sign expired.lab.');
    expect(resign.text).toMatch(
      new RegExp(`expired at ${expiry}, \\d+ (hours|days) before this check`),
    );
    expect(d.fixes.some((f) => f.kind === 'emergency')).toBe(true);
  });

  it('unsigned-ds: sign the zone or remove the DS, at no cost', async () => {
    const evidence = fixture('unsigned-ds');
    const d = await diagnoseAt(evidence);
    const [tag] = recordedDsTags(evidence, 'unsigned-ds.lab.');
    expect(d.fixes.map((f) => f.title)).toEqual([
      'If unsigned-ds.lab. should be signed: sign it',
      'If unsigned-ds.lab. should not be signed: remove its DS',
      'See it for yourself',
    ]);
    expect(d.fixes[1]!.records[0]).toMatch(new RegExp(`^unsigned-ds\\.lab\\. IN DS ${tag} 13 2 `));
    expect(d.fixes.some((f) => f.kind === 'emergency')).toBe(false);
  });

  it('a CNAME into a broken zone names the zone where the chain breaks', async () => {
    const d = await diagnoseAt(fixture('cname-bogus'));
    expect(d.zone).toBe('expired.lab.');
    expect(d.fixes.map((f) => f.title)).toContain(
      'If you own www.cname-bogus.lab. but not expired.lab.',
    );
    expect(d.headline).toMatch(
      /^www\.cname-bogus\.lab\. is an alias for www\.expired\.lab\., and it breaks there/,
    );
  });

  it('a failure only validating resolvers see stays a DNSSEC failure', async () => {
    const evidence = fixture('ds-mismatch');
    const facts = collectFacts(evidence);
    const novalidate = facts.resolvers.find((r) => r.label.includes('not validating'))!;
    expect(novalidate.cd0.kind).toBe('answer');
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('dnssec-bogus');
    expect(d.oddResolvers).toEqual([]);
    expect(d.detail.join(' ')).toMatch(/Unbound \(not validating\) answered without the AD bit/);
    expect(d.confidence).toBe('high');
  });

  it('without our own chain material, the resolvers’ EDE still decide (medium confidence)', async () => {
    const evidence = fixture('expired');
    const targetsOnly = {
      ...evidence,
      exchanges: evidence.exchanges.filter((x) => x.purpose === 'target'),
    };
    // The CD=1 answers cannot be validated without DS/DNSKEY: indeterminate, not bogus.
    const d = await diagnoseAt(targetsOnly);
    expect([d.verdict, d.reason, d.confidence]).toEqual([
      'dnssec-bogus',
      'rrsig-expired',
      'medium',
    ]);
    expect(d.zone).toBe('expired.lab.');
    expect(d.uncertainty).toMatch(/could not confirm/);
  });

  it('judges signatures at `now`: the expired zone was fine a month earlier', async () => {
    const evidence = fixture('expired');
    // Unchanged evidence, earlier clock: our validator no longer sees the expiry, but the
    // validating resolvers still failed, so the verdict stays a DNSSEC failure.
    const d = await diagnoseAt(evidence, evidence.finishedAt / 1000 - 20 * 86400);
    expect(d.verdict).toBe('dnssec-bogus');
    expect(
      transform(
        evidence,
        () => false,
        (x) => x,
      ),
    ).toEqual(evidence);
  });
});
