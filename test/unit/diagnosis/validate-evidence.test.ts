/**
 * validateEvidence over evidence recorded from the DNS lab (test/fixtures/lab, written by
 * scripts/record-fixtures.ts): every scenario gets the status and reason that the lab's
 * validating resolvers and delv give (test/lab/README.md), replayed without servers.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import { ROOT_TRUST_ANCHORS } from '../../../src/dnssec/anchors/trust-anchors';
import type { Evidence } from '../../../src/evidence/evidence';
import { parseEvidence } from '../../../src/evidence/codec';

const FIXTURES = join(import.meta.dirname, '../../fixtures/lab');

function fixture(scenario: string): Evidence {
  const parsed = parseEvidence(
    JSON.parse(readFileSync(join(FIXTURES, `${scenario}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`${scenario}: ${parsed.message}`);
  return parsed.evidence;
}

/** Validation time: when the evidence was collected (lab signatures last 30 days). */
const at = (evidence: Evidence) => ({ now: evidence.finishedAt / 1000 });

interface Expected {
  readonly status: 'secure' | 'insecure' | 'bogus' | null;
  readonly reason?: string;
  readonly kind?: string;
  /** The zone whose link breaks (bogus) or ends the chain (insecure). */
  readonly zone?: string;
  /** The first resolver's answer does not validate; another's is shown. */
  readonly chosenNotFirst?: boolean;
}

const SECURE_ZONES = (zone: string) => ['.', 'lab.', zone];

/** One row per lab scenario; `null` status: no answer to validate. */
const SCENARIOS: Readonly<Record<string, Expected>> = {
  alg8: { status: 'secure', kind: 'positive' },
  alg10: { status: 'secure', kind: 'positive' },
  alg13: { status: 'secure', kind: 'positive' },
  alg14: { status: 'secure', kind: 'positive' },
  alg15: { status: 'secure', kind: 'positive' },
  alg16: { status: 'secure', kind: 'positive' },
  nsec3: { status: 'secure', kind: 'positive' },
  'nsec3-nxdomain': { status: 'secure', kind: 'nxdomain' },
  expired: { status: 'bogus', reason: 'rrsig-expired', zone: 'expired.lab.' },
  'ds-mismatch': { status: 'bogus', reason: 'ds-mismatch', zone: 'ds-mismatch.lab.' },
  'unsigned-ds': { status: 'bogus', reason: 'dnskey-missing', zone: 'unsigned-ds.lab.' },
  lame: { status: null },
  dead: { status: null },
  insecure: { status: 'insecure', reason: 'no-ds', zone: 'insecure.lab.' },
  nxdomain: { status: 'secure', kind: 'nxdomain' },
  'nxdomain-child': { status: 'secure', kind: 'nxdomain' },
  nodata: { status: 'secure', kind: 'nodata' },
  'cname-bogus': { status: 'bogus', reason: 'rrsig-expired', zone: 'expired.lab.' },
  partial: { status: 'secure', kind: 'positive' },
  blocked: { status: 'secure', kind: 'positive' },
  held: { status: 'secure', kind: 'nxdomain' },
  orphan: { status: null },
  'two-ns': { status: 'secure', kind: 'positive' },
  'spread-ns': { status: 'secure', kind: 'positive' },
  'nsec3-iter': { status: 'secure', kind: 'positive' },
  rsasha1: { status: 'secure', kind: 'positive' },
  'sha1-ds': { status: 'secure', kind: 'positive' },
  'leftover-ds': { status: 'secure', kind: 'positive' },
  'cds-ok': { status: 'secure', kind: 'positive' },
  'cds-bad': { status: 'secure', kind: 'positive' },
  // No usable answer from the slow front in time; the others SERVFAIL.
  slow: { status: null },
  stuck: { status: null },
  // The stale answer is the only one: it still validates (the signatures have not expired).
  stale: { status: 'secure', kind: 'positive' },
  // The filter answers first; its denial and its forged address do not validate, the
  // other resolvers' answer does, and that is the one shown (see the test below).
  filtered: { status: 'secure', kind: 'positive', chosenNotFirst: true },
  forged: { status: 'secure', kind: 'positive', chosenNotFirst: true },
};

describe('validateEvidence on lab recordings', () => {
  for (const [scenario, expected] of Object.entries(SCENARIOS)) {
    it(`${scenario}: ${expected.status ?? 'no proof'} ${expected.reason ?? expected.kind ?? ''}`, async () => {
      const evidence = fixture(scenario);
      const v = await validateEvidence(evidence, at(evidence));
      if (expected.status === null) {
        expect(v.proof).toBeNull();
        expect(v.targetExchange).toBeNull();
        expect(v.problem).toMatch(/No resolver gave a usable answer for www\.\w+\.lab\. A/);
        expect(v.problem).toContain('SERVFAIL');
        return;
      }
      const proof = v.proof!;
      expect(v.problem).toBeUndefined();
      expect(proof.status).toBe(expected.status);
      expect(proof.reason).toBe(expected.reason);
      if (expected.kind) expect(proof.kind).toBe(expected.kind);
      if (expected.zone) {
        const broken = proof.zones.find((z) => z.status !== 'secure');
        expect(broken?.zone).toBe(expected.zone);
        expect(broken?.findings[0]?.reason).toBe(expected.reason);
      } else {
        expect(proof.zones.every((z) => z.status === 'secure')).toBe(true);
      }
      // The answer validated is the first resolver's CD=1 one, unless that one does not
      // validate and another does.
      const target = evidence.exchanges.find((x) => x.id === v.targetExchange)!;
      expect(target).toMatchObject({ purpose: 'target', cd: true });
      if (expected.chosenNotFirst) {
        expect(v.resolver).not.toBe(evidence.resolvers[0]!.url);
        const first = v.answers.find((a) => a.resolvers.includes(evidence.resolvers[0]!.url));
        expect(first?.status).toBe('bogus');
        expect(first?.chosen).toBe(false);
      } else {
        expect(v.resolver).toBe(evidence.resolvers[0]!.url);
      }
      expect(v.answers[0]?.chosen).toBe(true);
    });
  }

  it('has a row for every recorded scenario', async () => {
    const { readdirSync } = await import('node:fs');
    const recorded = readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    expect(Object.keys(SCENARIOS).sort()).toEqual(recorded.sort());
  });

  it('lists the exchanges that supplied each zone, from the root down', async () => {
    const evidence = fixture('alg13');
    const v = await validateEvidence(evidence, at(evidence));
    expect(v.sources.map((s) => s.zone).slice(0, 3)).toEqual(SECURE_ZONES('alg13.lab.'));
    for (const source of v.sources) {
      for (const what of ['ds', 'dnskey'] as const) {
        const id = source[what];
        if (id === undefined) continue;
        const x = evidence.exchanges.find((e) => e.id === id)!;
        expect(x.purpose).toBe(what);
        expect(x.question.name.toLowerCase()).toBe(source.zone);
      }
    }
    expect(v.sources[0]).toMatchObject({ zone: '.', dnskey: expect.any(String) });
    expect(v.sources[0]!.ds).toBeUndefined();
  });

  it('names the CNAME target zone in a chain that crosses zones', async () => {
    const evidence = fixture('cname-bogus');
    const proof = (await validateEvidence(evidence, at(evidence))).proof!;
    expect(proof.answer.map((s) => [s.owner, s.zone, s.status, s.kind ?? null])).toEqual([
      ['www.cname-bogus.lab.', 'cname-bogus.lab.', 'secure', 'cname'],
      ['www.expired.lab.', 'expired.lab.', 'bogus', null],
    ]);
    expect(proof.findings[0]?.time).toBeLessThan(evidence.finishedAt / 1000);
  });

  it('is deterministic: the same evidence and time give the same result', async () => {
    const evidence = fixture('cname-bogus');
    const a = await validateEvidence(evidence, at(evidence));
    const b = await validateEvidence(
      JSON.parse(JSON.stringify(evidence)) as Evidence,
      at(evidence),
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('uses the time it is given: a month later the signatures have expired', async () => {
    const evidence = fixture('alg15');
    const later = await validateEvidence(evidence, {
      now: evidence.finishedAt / 1000 + 40 * 86400,
    });
    expect(later.proof).toMatchObject({ status: 'bogus', reason: 'rrsig-expired' });
  });

  it('falls back to a CD=0 answer when no CD=1 answer is usable', async () => {
    const evidence = fixture('alg13');
    const cdOff = {
      ...evidence,
      exchanges: evidence.exchanges.filter((x) => !(x.purpose === 'target' && x.cd)),
    };
    const v = await validateEvidence(cdOff, at(evidence));
    expect(evidence.exchanges.find((x) => x.id === v.targetExchange)).toMatchObject({
      purpose: 'target',
      cd: false,
      resolver: evidence.resolvers[0]!.url,
    });
    expect(v.proof?.status).toBe('secure');
  });

  it('skips a resolver whose answers cannot be decoded', async () => {
    const evidence = fixture('alg13');
    const first = evidence.resolvers[0]!.url;
    const damaged = {
      ...evidence,
      exchanges: evidence.exchanges.map((x) =>
        x.purpose === 'target' && x.resolver === first ? { ...x, response: 'AAAA' } : x,
      ),
    };
    const v = await validateEvidence(damaged, at(evidence));
    expect(v.resolver).toBe(evidence.resolvers[1]!.url);
    expect(v.proof?.status).toBe('secure');
  });

  it('is indeterminate and says what is missing when chain material was not collected', async () => {
    const evidence = fixture('alg13');
    const withoutKeys = {
      ...evidence,
      exchanges: evidence.exchanges.filter(
        (x) => !(x.purpose === 'dnskey' && x.question.name === 'alg13.lab.'),
      ),
    };
    const v = await validateEvidence(withoutKeys, at(evidence));
    expect(v.proof).toMatchObject({ status: 'indeterminate', reason: 'material-missing' });
    expect(v.proof?.needs).toEqual([{ zone: 'alg13.lab.', what: 'DNSKEY' }]);
  });

  it("takes the evidence's trust anchors, and an explicit option over them", async () => {
    const evidence = fixture('alg13');
    // The lab's root is not the real root: the built-in anchors match none of its keys.
    const v = await validateEvidence(evidence, {
      ...at(evidence),
      trustAnchors: ROOT_TRUST_ANCHORS,
    });
    expect(v.proof).toMatchObject({ status: 'bogus', reason: 'ds-mismatch' });
    expect(v.proof?.zones[0]?.zone).toBe('.');
    const empty = await validateEvidence({ ...evidence, trustAnchors: [] }, at(evidence));
    expect(empty.proof?.status).toBe('bogus');
  });

  it('reports unreadable trust anchors as a problem, not a crash', async () => {
    const evidence = fixture('alg13');
    const v = await validateEvidence(
      { ...evidence, trustAnchors: ['. IN A 192.0.2.1'] },
      at(evidence),
    );
    expect(v.proof).toBeNull();
    expect(v.problem).toMatch(/trust anchors of this check cannot be read/);
    expect(v.targetExchange).not.toBeNull();
  });

  it('says so when no answer was collected at all', async () => {
    const evidence = fixture('alg13');
    const v = await validateEvidence(
      { ...evidence, exchanges: evidence.exchanges.filter((x) => x.purpose !== 'target') },
      at(evidence),
    );
    expect(v.proof).toBeNull();
    expect(v.problem).toBe(
      'No answer for www.alg13.lab. A was collected, so there is no chain of trust to check.',
    );
  });
});
