/**
 * `diffResults` on pairs of lab recordings (test/fixtures/lab-pairs/<change>/, recorded by
 * the lab's scripts/record-pairs.ts: the same question asked before and after a change was
 * made to the lab's zones): a KSK rollover, a DS swap between two published KSKs, a lame
 * delegation fixed, a bogus DS fixed and a working zone whose signatures expire. Each pair
 * gives exactly the differences the change makes, no more; the key tags, DS records,
 * nameservers and addresses expected are read from the recordings themselves.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffResults } from '../../../src/diagnosis/diff/diff-results';
import type { Difference } from '../../../src/diagnosis/diff/difference';
import { keyTag } from '../../../src/dnssec/key-tag';
import { parseEvidence } from '../../../src/evidence/codec';
import { answerOf } from '../../../src/evidence/decoded';
import type { Evidence } from '../../../src/evidence/evidence';
import { asking, sideOf } from './diff-sides';
import { RESOLVER, recordedDnskeyExpiry, recordedDsTags } from './lab-evidence';

const PAIRS = join(import.meta.dirname, '../../fixtures/lab-pairs');

function recording(change: string, side: 'before' | 'after'): Evidence {
  const parsed = parseEvidence(
    JSON.parse(readFileSync(join(PAIRS, change, `${side}.json`), 'utf8')),
  );
  if (!parsed.ok) throw new Error(`${change}/${side}: ${parsed.message}`);
  return parsed.evidence;
}

interface Pair {
  readonly before: Evidence;
  readonly after: Evidence;
  readonly differences: readonly Difference[];
}

async function pair(change: string): Promise<Pair> {
  const before = recording(change, 'before');
  const after = recording(change, 'after');
  return { before, after, differences: diffResults(await sideOf(before), await sideOf(after)) };
}

/** The zone's keys as recorded (its DNSKEY response), `KSK 471`-style, SEP bit = KSK. */
function recordedKeys(evidence: Evidence, zone: string): { role: string; tag: number }[] {
  const x = evidence.exchanges.find(asking('dnskey', zone, 'DNSKEY'));
  return (answerOf(x!)?.answer ?? []).flatMap((rr) =>
    rr.data.kind === 'DNSKEY'
      ? [{ role: rr.data.secureEntryPoint ? 'KSK' : 'ZSK', tag: keyTag(rr.wire.rdata) }]
      : [],
  );
}

/** Key tags of the RRSIGs over the zone's DNSKEY set, as recorded. */
function recordedKeySigners(evidence: Evidence, zone: string): number[] {
  const x = evidence.exchanges.find(asking('dnskey', zone, 'DNSKEY'));
  return (answerOf(x!)?.answer ?? []).flatMap((rr) =>
    rr.data.kind === 'RRSIG' && rr.data.typeCovered === 'DNSKEY' ? [rr.data.keyTag] : [],
  );
}

const registryDs = (evidence: Evidence) => evidence.rdap![0]!.record!.dsData.map((d) => d.keyTag);
const kinds = (p: Pair) => p.differences.map((d) => d.kind);
const texts = (p: Pair, kind: Difference['kind']) =>
  p.differences.filter((d) => d.kind === kind).map((d) => d.text);

/** lab. itself was re-signed between the two recordings (its delegations were rewritten). */
function labResigned(p: Pair): string {
  return `The signature of KSK ${recordedKeySigners(p.after, 'lab.')[0]} over the DNSKEY set of lab. expires at ${recordedDnskeyExpiry(p.after, 'lab.')} now, later than then (${recordedDnskeyExpiry(p.before, 'lab.')}).`;
}

describe('diffResults on pairs of lab recordings', () => {
  it('roll: the new KSK appears, the old one goes, the new one signs the keys, the DS at lab. follows', async () => {
    const p = await pair('roll');
    const [oldDs] = recordedDsTags(p.before, 'roll.lab.');
    const [newDs] = recordedDsTags(p.after, 'roll.lab.');
    const ksk = (e: Evidence) => recordedKeys(e, 'roll.lab.').find((k) => k.role === 'KSK')!.tag;
    const zsk = (e: Evidence) => recordedKeys(e, 'roll.lab.').find((k) => k.role === 'ZSK')!.tag;
    // The recordings are what the README says: the DS follows the KSK, the ZSK stays.
    expect([oldDs, newDs]).toEqual([ksk(p.before), ksk(p.after)]);
    expect(zsk(p.after)).toBe(zsk(p.before));
    expect(recordedKeySigners(p.after, 'roll.lab.')).toEqual([ksk(p.after)]);

    expect(kinds(p)).toEqual([
      ...['registry-ds', 'registry-ds', 'expiration'],
      ...['ds', 'ds', 'dnskey', 'dnskey', 'signer', 'signer', 'expiration'],
    ]);
    expect(texts(p, 'registry-ds')).toEqual([
      `DS ${oldDs} removed at the registry for roll.lab. (algorithm 13, digest type 2).`,
      `DS ${newDs} added at the registry for roll.lab. (algorithm 13, digest type 2).`,
    ]);
    expect(texts(p, 'ds')).toEqual([
      `DS ${oldDs} for roll.lab. removed at lab. (algorithm 13, digest type 2).`,
      `DS ${newDs} for roll.lab. added at lab. (algorithm 13, digest type 2).`,
    ]);
    expect(texts(p, 'dnskey')).toEqual([
      `KSK ${ksk(p.before)} (algorithm 13) removed from the DNSKEY set of roll.lab.`,
      `KSK ${ksk(p.after)} (algorithm 13) added to the DNSKEY set of roll.lab.`,
    ]);
    expect(texts(p, 'signer')).toEqual([
      `KSK ${ksk(p.before)} no longer signs the DNSKEY set of roll.lab.`,
      `KSK ${ksk(p.after)} now signs the DNSKEY set of roll.lab.`,
    ]);
    // The zone was re-signed: the same ZSK's signature over the answer runs longer.
    expect(texts(p, 'expiration')[0]).toBe(labResigned(p));
    expect(p.differences.at(-1)).toMatchObject({
      kind: 'expiration',
      owner: 'www.roll.lab.',
      type: 'A',
      role: 'ZSK',
      keyTag: zsk(p.after),
    });
    // No verdict changed and no resolver answered otherwise: a rollover done right.
    expect(kinds(p)).not.toContain('verdict');
    expect(kinds(p)).not.toContain('resolver');
  });

  it('dsswap: both KSKs stay and sign; only the DS (at lab. and at the registry) moves from one to the other', async () => {
    const p = await pair('dsswap');
    const [oldDs] = recordedDsTags(p.before, 'dsswap.lab.');
    const [newDs] = recordedDsTags(p.after, 'dsswap.lab.');
    const ksks = (e: Evidence) =>
      recordedKeys(e, 'dsswap.lab.')
        .filter((k) => k.role === 'KSK')
        .map((k) => k.tag)
        .sort();
    expect(ksks(p.after)).toEqual(ksks(p.before));
    expect(ksks(p.before)).toEqual([oldDs, newDs].sort());
    expect(recordedKeySigners(p.after, 'dsswap.lab.').sort()).toEqual(
      recordedKeySigners(p.before, 'dsswap.lab.').sort(),
    );
    expect(registryDs(p.before)).toEqual([oldDs]);
    expect(registryDs(p.after)).toEqual([newDs]);

    expect(p.differences.map((d) => d.text)).toEqual([
      `DS ${oldDs} removed at the registry for dsswap.lab. (algorithm 13, digest type 2).`,
      `DS ${newDs} added at the registry for dsswap.lab. (algorithm 13, digest type 2).`,
      labResigned(p),
      `DS ${oldDs} for dsswap.lab. removed at lab. (algorithm 13, digest type 2).`,
      `DS ${newDs} for dsswap.lab. added at lab. (algorithm 13, digest type 2).`,
    ]);
    const dsId = p.after.exchanges.find(asking('ds', 'dsswap.lab.', 'DS'))!.id;
    expect(p.differences.filter((d) => d.kind === 'ds').map((d) => d.exchanges.after)).toEqual([
      [dsId],
      [dsId],
    ]);
  });

  it('relame: the registry’s nameserver and glue change, the NS set and keys can be read, every resolver answers', async () => {
    const p = await pair('relame');
    const listed = (e: Evidence) => e.rdap![0]!.record!.nameservers;
    expect(listed(p.before)).toEqual([{ ldhName: 'ns1.relame.lab', v4: ['127.53.0.5'], v6: [] }]);
    expect(listed(p.after)).toEqual([{ ldhName: 'ns2.relame.lab', v4: ['127.53.0.3'], v6: [] }]);
    const keys = recordedKeys(p.after, 'relame.lab.').map((k) => `${k.role} ${k.tag}`);

    expect(p.differences[0]).toMatchObject({
      kind: 'verdict',
      before: { verdict: 'lame-delegation', reason: 'ns-failure' },
      after: { verdict: 'ok', reason: 'secure' },
    });
    expect(p.differences.slice(1).map((d) => d.text)).toEqual([
      'The registry no longer lists ns1.relame.lab. (glue 127.53.0.5) as a nameserver of relame.lab.',
      'The registry lists ns2.relame.lab. (glue 127.53.0.3) as a nameserver of relame.lab. now.',
      labResigned(p),
      `The DNSKEY set of relame.lab. is answered now (${keys.join(' and ')}); then it was not (SERVFAIL).`,
      'The NS set of relame.lab. is answered now (ns2.relame.lab.); then it was not (SERVFAIL).',
      'The A records of ns2.relame.lab. are answered now (127.53.0.3); then they were not (not asked).',
      'Unbound (validating) with CD=0 and CD=1: SERVFAIL then, NOERROR with AD now.',
      'BIND (validating) with CD=0 and CD=1: SERVFAIL then, NOERROR with AD now.',
      'Unbound (not validating) with CD=0 and CD=1: SERVFAIL then, NOERROR now.',
      'Unbound (partial: no route to partial.lab, blocks www.blocked.lab) with CD=0 and CD=1: SERVFAIL then, NOERROR with AD now.',
    ]);
    const resolvers = p.differences.filter((d) => d.kind === 'resolver');
    expect(resolvers.map((d) => d.kind === 'resolver' && d.resolver)).toEqual(
      Object.values(RESOLVER),
    );
    expect(resolvers.every((d) => d.exchanges.before.length === 2)).toBe(true);
  });

  it('fixme: the DS at lab. now matches the KSK; validating resolvers go from SERVFAIL to AD', async () => {
    const p = await pair('fixme');
    const [oldDs] = recordedDsTags(p.before, 'fixme.lab.');
    const [newDs] = recordedDsTags(p.after, 'fixme.lab.');
    const ksk = recordedKeys(p.after, 'fixme.lab.').find((k) => k.role === 'KSK')!.tag;
    expect(newDs).toBe(ksk);
    expect(recordedKeys(p.before, 'fixme.lab.').some((k) => k.tag === oldDs)).toBe(false);

    expect(p.differences[0]).toMatchObject({
      kind: 'verdict',
      before: { verdict: 'dnssec-bogus', reason: 'ds-mismatch' },
      after: { verdict: 'ok', reason: 'secure' },
    });
    expect(texts(p, 'ds')).toEqual([
      `DS ${oldDs} for fixme.lab. removed at lab. (algorithm 13, digest type 2).`,
      `DS ${newDs} for fixme.lab. added at lab. (algorithm 13, digest type 2).`,
    ]);
    // The keys themselves did not change: nothing about them is listed.
    expect(kinds(p)).not.toContain('dnskey');
    expect(kinds(p)).not.toContain('signer');
    const outcomes = p.differences.flatMap((d) =>
      d.kind === 'resolver' ? [[d.label, d.cd, d.before?.rcode, d.after?.rcode, d.after?.ad]] : [],
    );
    expect(outcomes).toEqual([
      ['Unbound (validating)', [0], 'SERVFAIL', 'NOERROR', true],
      ['Unbound (validating)', [1], 'NOERROR', 'NOERROR', true],
      ['BIND (validating)', [0], 'SERVFAIL', 'NOERROR', true],
      ['BIND (validating)', [1], 'NOERROR', 'NOERROR', true],
      [
        'Unbound (partial: no route to partial.lab, blocks www.blocked.lab)',
        [0],
        'SERVFAIL',
        'NOERROR',
        true,
      ],
      [
        'Unbound (partial: no route to partial.lab, blocks www.blocked.lab)',
        [1],
        'NOERROR',
        'NOERROR',
        true,
      ],
    ]);
    // Unbound said why with EDE 9 (DNSKEY Missing) then, and nothing now.
    const unbound = p.differences.find(
      (d) => d.kind === 'resolver' && d.resolver === RESOLVER.unbound,
    );
    expect(unbound?.kind === 'resolver' && unbound.before?.ede.map((e) => e.code)).toEqual([9]);
    expect(unbound?.kind === 'resolver' && unbound.after?.ede).toEqual([]);
  });

  it('breakme: the zone’s signatures now expire in the past, and validating resolvers fail with EDE 7', async () => {
    const p = await pair('breakme');
    expect(p.differences[0]).toMatchObject({
      kind: 'verdict',
      before: { verdict: 'ok', reason: 'secure' },
      after: { verdict: 'dnssec-bogus', reason: 'rrsig-expired' },
    });
    const expired = p.differences.filter((d) => d.kind === 'expiration');
    expect(expired.map((d) => d.kind === 'expiration' && [d.owner, d.type, d.role])).toEqual([
      ['breakme.lab.', 'DNSKEY', 'KSK'],
      ['www.breakme.lab.', 'A', 'ZSK'],
    ]);
    const now = p.after.finishedAt / 1000;
    for (const d of expired) {
      if (d.kind !== 'expiration') continue;
      expect(d.after).toBeLessThan(now);
      expect(d.before).toBeGreaterThan(now);
      expect(d.text).toMatch(/ now, earlier than then \(/);
    }
    expect(kinds(p)).not.toContain('ds');
    expect(kinds(p)).not.toContain('dnskey');
    const failing = p.differences.flatMap((d) =>
      d.kind === 'resolver' && d.cd.includes(0)
        ? [[d.label, d.after?.rcode, d.after?.ede.map((e) => e.code)]]
        : [],
    );
    expect(failing).toEqual([
      ['Unbound (validating)', 'SERVFAIL', [7]],
      ['BIND (validating)', 'SERVFAIL', []],
      ['Unbound (partial: no route to partial.lab, blocks www.blocked.lab)', 'SERVFAIL', [7]],
    ]);
  });
});
