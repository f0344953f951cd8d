/**
 * Warnings about how the chain is signed and delegated (chain-warnings.ts), on lab recordings
 * altered the ways real zones differ: NSEC3 with iterations or a salt (the records rewritten
 * in the responses), and DS sets and keys changed in the validator's proof, handed to
 * diagnose as its validation; and on the lab's early-warning zones, recorded as they are
 * served, each of which raises its own warning (no other lab zone raises any).
 */

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainWarnings } from '../../../src/diagnosis/chain-warnings';
import { diagnose } from '../../../src/diagnosis/diagnose';
import type { Diagnosis, DiagnosisWarning } from '../../../src/diagnosis/diagnosis';
import { collectFacts } from '../../../src/diagnosis/facts';
import {
  validateEvidence,
  type EvidenceValidation,
} from '../../../src/diagnosis/validate-evidence';
import type { DnskeyInfo, DsInfo, ZoneProof } from '../../../src/dnssec/proof-tree';
import type { Message } from '../../../src/dns/wire/message';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { RRTYPE } from '../../../src/dns/wire/types';
import type { Evidence } from '../../../src/evidence/evidence';
import { mapExchanges, rewriteResponse } from '../security/hostile-evidence';
import { fixture } from './lab-evidence';

const CHAIN_IDS = [
  'nsec3-iterations',
  'algorithm-deprecated',
  'ds-sha1-only',
  'ds-unused',
  'cds-mismatch',
];

async function validationOf(evidence: Evidence): Promise<EvidenceValidation> {
  return validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
}

/** The validation with one zone of its proof changed. */
function withZone(
  v: EvidenceValidation,
  zone: string,
  change: (z: ZoneProof) => ZoneProof,
): EvidenceValidation {
  const proof = v.proof!;
  if (!proof.zones.some((z) => z.zone === zone)) throw new Error(`no zone ${zone}`);
  return {
    ...v,
    proof: { ...proof, zones: proof.zones.map((z) => (z.zone === zone ? change(z) : z)) },
  };
}

async function diagnoseWith(
  evidence: Evidence,
  validation: EvidenceValidation,
): Promise<Diagnosis> {
  return diagnose(evidence, { now: evidence.finishedAt / 1000, validation });
}

function warning(d: Diagnosis, id: string): DiagnosisWarning | undefined {
  return d.warnings.find((w) => w.id === id);
}

/** NSEC3 rdata (RFC 5155 §3.2) with other iterations and salt, the rest kept. */
function nsec3Rdata(rdata: Uint8Array, iterations: number, salt: readonly number[]): Uint8Array {
  const rest = rdata.slice(5 + rdata[4]!);
  return Uint8Array.from([
    rdata[0]!,
    rdata[1]!,
    iterations >> 8,
    iterations & 0xff,
    salt.length,
    ...salt,
    ...rest,
  ]);
}

/** Every NSEC3 of every response with these parameters (their signatures no longer hold). */
function withNsec3(evidence: Evidence, iterations: number, salt: readonly number[]): Evidence {
  const change = (rr: ResourceRecord): ResourceRecord =>
    rr.type === RRTYPE.NSEC3 ? { ...rr, rdata: nsec3Rdata(rr.rdata, iterations, salt) } : rr;
  return mapExchanges(
    evidence,
    (x) => x.response !== undefined,
    rewriteResponse((m: Message) => ({ ...m, authority: m.authority.map(change) })),
  );
}

describe('nsec3-iterations', () => {
  it('NSEC3 with iterations and a salt: the values, the record, the exchanges and what to do', async () => {
    const original = fixture('nsec3-nxdomain');
    const evidence = withNsec3(original, 10, [0xab, 0xcd]);
    // The rewritten NSEC3 no longer match their signatures: the recording's own proof stands.
    const d = await diagnoseWith(evidence, await validationOf(original));
    expect(d.verdict).toBe('nxdomain');
    const w = warning(d, 'nsec3-iterations')!;
    expect(w.text).toMatch(
      /^nsec3\.lab\. uses NSEC3 with 10 extra iterations and salt ABCD \(\S+\.nsec3\.lab\. \d+ IN NSEC3 1 0 10 ABCD /,
    );
    expect(w.text).toMatch(/RFC 9276 §3\.1 asks for 0 iterations and no salt/);
    expect(w.text).toMatch(/EDE 27/);
    expect(w.text).toMatch(/Re-sign the zone with NSEC3 parameters 1 0 0 -/);
    expect(w.exchanges).toContain('x0');
    expect(w.exchanges.every((id) => evidence.exchanges.some((x) => x.id === id))).toBe(true);
  });

  it('iterations alone, or a salt alone, each warn', async () => {
    const original = fixture('nsec3-nxdomain');
    const validation = await validationOf(original);
    const iterations = await diagnoseWith(withNsec3(original, 5, []), validation);
    expect(iterations.verdict).toBe('nxdomain');
    expect(warning(iterations, 'nsec3-iterations')!.text).toMatch(/5 extra iterations and no salt/);
    const salt = await diagnoseWith(withNsec3(original, 0, [0x01]), validation);
    expect(warning(salt, 'nsec3-iterations')!.text).toMatch(/0 extra iterations and salt 01/);
  });

  it('NSEC3PARAM counts too; 0 iterations and no salt (RFC 9276) does not warn', async () => {
    const original = fixture('nsec3-nxdomain');
    const param = (m: Message): ResourceRecord => ({
      owner: m.authority.find((rr) => rr.type === RRTYPE.SOA)!.owner,
      type: RRTYPE.NSEC3PARAM,
      class: 1,
      ttl: 0,
      rdata: Uint8Array.from([1, 0, 0, 150, 0]),
    });
    const evidence = mapExchanges(
      original,
      (x) => x.id === 'x1',
      rewriteResponse((m) => ({ ...m, answer: [...m.answer, param(m)] })),
    );
    const facts = collectFacts(evidence);
    const [w] = chainWarnings(facts, await validationOf(original));
    expect(w).toMatchObject({ id: 'nsec3-iterations', zone: 'nsec3.lab.', iterations: 150 });
    expect(w!.exchanges).toEqual(['x1']);
    expect(chainWarnings(collectFacts(original), await validationOf(original))).toEqual([]);
  });
});

const ALG13_KEYS = (z: ZoneProof): readonly DnskeyInfo[] => z.dnskeys;

describe('algorithm-deprecated', () => {
  it('a zone keyed only with RSASHA1: the algorithm, its keys, who refuses it, what to do', async () => {
    const evidence = fixture('alg13');
    const v = withZone(await validationOf(evidence), 'alg13.lab.', (z) => ({
      ...z,
      dnskeys: ALG13_KEYS(z).map((k) => ({ ...k, algorithm: 5 })),
    }));
    const d = await diagnoseWith(evidence, v);
    expect(d.verdict).toBe('ok');
    const w = warning(d, 'algorithm-deprecated')!;
    const tags = v.proof!.zones.find((z) => z.zone === 'alg13.lab.')!.dnskeys.map((k) => k.keyTag);
    expect(w.text).toMatch(
      new RegExp(
        `^alg13\\.lab\\. is signed only with algorithm 5 RSASHA1 \\(keys ${tags.join(' and ')}\\), which RFC 8624 §3\\.1 says not to sign with\\.`,
      ),
    );
    expect(w.text).toMatch(/Red Hat Enterprise Linux 9/);
    expect(w.text).not.toMatch(/RFC 4035 §5\.2/);
    expect(w.text).toMatch(/algorithm rollover \(RFC 6781 §4\.1\.4\)/);
    expect(w.exchanges).toEqual(['x11']);
  });

  it('GOST says what a validator without it does; a second, current algorithm does not warn', async () => {
    const evidence = fixture('alg13');
    const base = await validationOf(evidence);
    const gost = withZone(base, 'alg13.lab.', (z) => ({
      ...z,
      dnskeys: z.dnskeys.map((k) => ({ ...k, algorithm: 12 })),
    }));
    const text = warning(await diagnoseWith(evidence, gost), 'algorithm-deprecated')!.text;
    expect(text).toMatch(/algorithm 12 ECC-GOST/);
    expect(text).toMatch(/treat the zone as unsigned \(RFC 4035 §5\.2\)/);
    expect(text).not.toMatch(/Red Hat/);
    const rolling = withZone(base, 'alg13.lab.', (z) => ({
      ...z,
      dnskeys: [...z.dnskeys, ...z.dnskeys.map((k) => ({ ...k, keyTag: 1, algorithm: 7 }))],
    }));
    expect(warning(await diagnoseWith(evidence, rolling), 'algorithm-deprecated')).toBeUndefined();
  });
});

function sha1(ds: DsInfo): DsInfo {
  return { ...ds, digestType: 1, text: ds.text.replace(/ 13 2 \S+$/, ' 13 1 0123ABCD') };
}

describe('on a failing name', () => {
  it('a broken chain warns about how its zones are signed too', async () => {
    const evidence = fixture('expired');
    const base = await validationOf(evidence);
    const zone = base.proof!.zones.at(-1)!.zone;
    const v = withZone(base, zone, (z) => ({
      ...z,
      dnskeys: z.dnskeys.map((k) => ({ ...k, algorithm: 7 })),
    }));
    const d = await diagnoseWith(evidence, v);
    expect(d.verdict).toBe('dnssec-bogus');
    expect(warning(d, 'algorithm-deprecated')!.text).toMatch(/algorithm 7 RSASHA1-NSEC3-SHA1/);
  });
});

describe('ds-sha1-only', () => {
  it('only digest type 1 at the parent: the records, the parent, what to do', async () => {
    const evidence = fixture('alg13');
    const v = withZone(await validationOf(evidence), 'alg13.lab.', (z) => ({
      ...z,
      ds: z.ds.map(sha1),
    }));
    const w = warning(await diagnoseWith(evidence, v), 'ds-sha1-only')!;
    const [ds] = v.proof!.zones.find((z) => z.zone === 'alg13.lab.')!.ds;
    expect(w.text).toMatch(
      new RegExp(
        `^lab\\. publishes only SHA-1 \\(digest type 1\\) DS records for alg13\\.lab\\.: alg13\\.lab\\. \\d+ IN DS ${ds!.keyTag} 13 1 0123ABCD\\.`,
      ),
    );
    expect(w.text).toMatch(/RFC 8624 §3\.3/);
    expect(w.text).toMatch(/Add a SHA-256 \(digest type 2\) DS/);
    expect(w.exchanges).toEqual(['x12']);
  });

  it('a SHA-256 DS beside the SHA-1 one does not warn, nor does a trust anchor', async () => {
    const evidence = fixture('alg13');
    const base = await validationOf(evidence);
    const both = withZone(base, 'alg13.lab.', (z) => ({ ...z, ds: [...z.ds, ...z.ds.map(sha1)] }));
    expect(warning(await diagnoseWith(evidence, both), 'ds-sha1-only')).toBeUndefined();
    const root = withZone(base, '.', (z) => ({ ...z, ds: z.ds.map(sha1) }));
    expect(warning(await diagnoseWith(evidence, root), 'ds-sha1-only')).toBeUndefined();
  });
});

function leftover(ds: DsInfo, supported = true): DsInfo {
  const { matchesKeyTag: _matched, ...rest } = ds;
  return { ...rest, keyTag: 4711, supported, text: ds.text.replace(` ${ds.keyTag} `, ' 4711 ') };
}

describe('ds-unused', () => {
  it('a DS for no key beside the one in use: the record, the key in use, what to do', async () => {
    const evidence = fixture('alg13');
    const v = withZone(await validationOf(evidence), 'alg13.lab.', (z) => ({
      ...z,
      ds: [...z.ds, ...z.ds.map((d) => leftover(d))],
    }));
    const d = await diagnoseWith(evidence, v);
    expect(d.verdict).toBe('ok');
    const w = warning(d, 'ds-unused')!;
    const [ds] = v.proof!.zones.find((z) => z.zone === 'alg13.lab.')!.ds;
    expect(w.text).toMatch(
      new RegExp(
        `^The parent publishes a DS for alg13\\.lab\\. that matches none of its keys \\(alg13\\.lab\\. \\d+ IN DS 4711 13 2 [0-9A-F]+\\), beside the DS for key ${ds!.matchesKeyTag}\\.`,
      ),
    );
    expect(w.text).toMatch(/left over from a key rollover/);
    expect(w.exchanges).toEqual(['x12', 'x11']);
  });

  it('a DS we cannot check, or no DS that matches at all (ds-mismatch), does not warn', async () => {
    const evidence = fixture('alg13');
    const v = withZone(await validationOf(evidence), 'alg13.lab.', (z) => ({
      ...z,
      ds: [...z.ds, ...z.ds.map((d) => leftover(d, false))],
    }));
    expect(warning(await diagnoseWith(evidence, v), 'ds-unused')).toBeUndefined();
    const mismatch = await diagnose(fixture('ds-mismatch'), {
      now: fixture('ds-mismatch').finishedAt / 1000,
    });
    expect(mismatch.verdict).toBe('dnssec-bogus');
    expect(warning(mismatch, 'ds-unused')).toBeUndefined();
  });
});

describe('the lab zones', () => {
  /** The lab's early-warning zones (test/lab/zones.ts) each carry one; no other zone any. */
  const EXPECTED: Readonly<Record<string, readonly string[]>> = {
    'nsec3-iter': ['nsec3-iterations'],
    rsasha1: ['algorithm-deprecated'],
    'sha1-ds': ['ds-sha1-only'],
    'leftover-ds': ['ds-unused'],
    'cds-bad': ['cds-mismatch'],
  };

  it('each early-warning zone raises its own warning, and no other lab zone any', async () => {
    const dir = join(import.meta.dirname, '../../fixtures/lab');
    const scenarios = readdirSync(dir).map((f) => f.replace(/\.json$/, ''));
    expect(scenarios).toEqual(expect.arrayContaining([...Object.keys(EXPECTED), 'cds-ok', 'alg8']));
    for (const s of scenarios) {
      const evidence = fixture(s);
      const d = await diagnose(evidence, { now: evidence.finishedAt / 1000 });
      if (s in EXPECTED || s === 'cds-ok') expect(d.verdict, s).toBe('ok');
      // "ok, but …": the headline points at the warning that says how it will break.
      const but = /\. But one warning below says how it can break later\.$/;
      if (s in EXPECTED) expect(d.headline, s).toMatch(but);
      if (s === 'cds-ok') expect(d.headline, s).not.toMatch(/But/);
      expect(
        d.warnings.filter((w) => CHAIN_IDS.includes(w.id)).map((w) => w.id),
        s,
      ).toEqual(EXPECTED[s] ?? []);
    }
  });

  it('the recorded zones: their own records, as the lab serves them', async () => {
    const text = async (s: string, id: string) => {
      const evidence = fixture(s);
      const w = warning(await diagnose(evidence, { now: evidence.finishedAt / 1000 }), id)!;
      expect(w.exchanges.every((x) => evidence.exchanges.some((e) => e.id === x))).toBe(true);
      return w.text;
    };
    expect(await text('nsec3-iter', 'nsec3-iterations')).toMatch(
      /^nsec3-iter\.lab\. uses NSEC3 with 10 extra iterations and salt AABBCCDD \(\S+\.nsec3-iter\.lab\. \d+ IN NSEC3 1 0 10 AABBCCDD /,
    );
    expect(await text('rsasha1', 'algorithm-deprecated')).toMatch(
      /^rsasha1\.lab\. is signed only with algorithm 5 RSASHA1 \(keys \d+ and \d+\)/,
    );
    expect(await text('sha1-ds', 'ds-sha1-only')).toMatch(
      /^lab\. publishes only SHA-1 \(digest type 1\) DS records for sha1-ds\.lab\.: sha1-ds\.lab\. \d+ IN DS \d+ 13 1 [0-9A-F]{40}\./,
    );
    expect(await text('leftover-ds', 'ds-unused')).toMatch(
      /^The parent publishes a DS for leftover-ds\.lab\. that matches none of its keys \(leftover-ds\.lab\. \d+ IN DS \d+ 13 2 [0-9A-F]{64}\), beside the DS for key \d+\./,
    );
    expect(await text('cds-bad', 'cds-mismatch')).toMatch(
      /^cds-bad\.lab\. publishes CDS\/CDNSKEY records \(cds-bad\.lab\. \d+ IN CDS (\d+) 13 2 .* and cds-bad\.lab\. \d+ IN CDNSKEY 256 3 13 .*\) for key \1, which the zone publishes but which does not sign its DNSKEY set\./,
    );
  });
});
