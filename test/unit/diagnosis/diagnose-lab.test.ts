/**
 * diagnose() on every lab recording: each scenario gets the verdict and reason its one
 * broken thing calls for (test/lab/README.md), and the same evidence gives the same output.
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERDICT_REASONS } from '../../../src/diagnosis/ids';
import { EXPECTED } from './expected-verdicts';
import { diagnoseAt, fixture } from './lab-evidence';

describe('diagnose on lab recordings', () => {
  it('has a row for every recorded scenario', () => {
    const recorded = readdirSync(join(import.meta.dirname, '../../fixtures/lab'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    expect(Object.keys(EXPECTED).sort()).toEqual(recorded.sort());
  });

  for (const [scenario, [verdict, reason, zone]] of Object.entries(EXPECTED)) {
    it(`${scenario}: ${verdict} / ${reason}`, async () => {
      const evidence = fixture(scenario);
      const d = await diagnoseAt(evidence);
      expect([d.verdict, d.reason]).toEqual([verdict, reason]);
      expect(VERDICT_REASONS[d.verdict]).toContain(d.reason);
      if (zone) expect(d.zone).toBe(zone);
      expect(d.headline).toMatch(/^\S.*[.]$/);
      expect(d.headline).not.toMatch(/\.\.(\s|$)/);
      expect(d.whatToDo.length).toBeGreaterThan(20);
      expect(d.claims.length).toBeGreaterThan(0);
      // Every claim rests on exchanges that exist in the evidence.
      const ids = new Set([
        ...evidence.exchanges.map((x) => x.id),
        ...(evidence.rdap ?? []).map((l) => l.id),
      ]);
      for (const claim of d.claims) {
        expect(claim.exchanges.length, claim.text).toBeGreaterThan(0);
        for (const id of claim.exchanges) expect(ids.has(id), `${claim.text}: ${id}`).toBe(true);
      }
      // Two rounds; a third only for nameservers the registry named after the second had
      // left (the registry runs beside the waves and is not waited for).
      const third = evidence.exchanges.filter((x) => x.wave === 3);
      expect(third.every((x) => x.purpose === 'address')).toBe(true);
      expect(d.stats).toEqual({
        queries: evidence.exchanges.length,
        rounds: third.length === 0 ? 2 : 3,
        resolvers: evidence.resolvers.length,
        transportErrors: evidence.exchanges.filter((x) => x.error !== undefined).length,
        registryLookups: 1,
      });
      // The recordings asked the lab's registry; every lookup is accounted for.
      expect(d.notDone).toEqual([]);
      expect(d.registry?.lookups).toEqual(evidence.rdap?.map((l) => l.id));
    });
  }

  it('says what the real-world resolvers did, beside the verdict', async () => {
    const warnings = async (scenario: string) =>
      (await diagnoseAt(fixture(scenario))).warnings.map((w) => w.id);
    // The front that held its SERVFAIL back 30 s timed out on the name but answered the
    // rest of the check: slow, not unreachable.
    expect(await warnings('stuck')).toContain('resolver-slow');
    expect(await warnings('stuck')).not.toContain('resolver-unreachable');
    expect(await warnings('stale')).toContain('resolver-stale');
    const stale = await diagnoseAt(fixture('stale'));
    expect(stale.warnings.find((w) => w.id === 'resolver-stale')?.text).toMatch(
      /Unbound \(serve-stale.*still answers from its cache/i,
    );
    // The chain panel shows the validated answer, not the filter's denial.
    const filtered = await diagnoseAt(fixture('filtered'));
    expect(filtered.oddResolvers).toHaveLength(1);
    expect(filtered.confidence).toBe('high');
  });

  it('is deterministic: the same evidence gives identical output', async () => {
    for (const scenario of ['ds-mismatch', 'lame', 'partial', 'alg13', 'cname-bogus']) {
      const evidence = fixture(scenario);
      const a = await diagnoseAt(evidence);
      const b = await diagnoseAt(structuredClone(evidence));
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    }
  });
});
