/**
 * `diffResults` on lab recordings: nothing differs between a result and itself (read back
 * from JSON, so nothing is shared), and each change made by hand to a copy — a DS swapped,
 * a key rolled, revoked or re-signed, an NS set or an address changed, a resolver's answer,
 * the registry's record — comes out as exactly the differences it should, worded at the
 * grain of the issue and resting on the exchanges that show it.
 */

import { describe, expect, it } from 'vitest';
import { DifferentQuestionsError, diffResults } from '../../../src/diagnosis/diff/diff-results';
import type { Difference } from '../../../src/diagnosis/diff/difference';
import { dsDigest } from '../../../src/dnssec/ds-digest';
import { keyTag } from '../../../src/dnssec/key-tag';
import { toHex } from '../../../src/dns/wire/encoding';
import { RRTYPE } from '../../../src/dns/wire/types';
import { answerOf } from '../../../src/evidence/decoded';
import type { Evidence, RdapDomainRecord } from '../../../src/evidence/evidence';
import { labFixtureIds } from '../../fixtures/lab-fixtures';
import {
  asTransportError,
  failureWire,
  fixture,
  isTarget,
  recordedDsTags,
  recordedKskTag,
  RESOLVER,
  transform,
  withResponse,
} from './lab-evidence';
import {
  asking,
  copied,
  isKsk,
  patched,
  RRSIG_EXPIRATION,
  RRSIG_KEY_TAG,
  rrsigExpiration,
  sideOf,
  u16,
  u32,
  withAnswers,
} from './diff-sides';
import { withNsTargets, rawName, mapExchanges } from '../security/hostile-evidence';

async function diff(before: Evidence, after: Evidence): Promise<readonly Difference[]> {
  return diffResults(await sideOf(before), await sideOf(after));
}

const idOf = (evidence: Evidence, purpose: Parameters<typeof asking>) =>
  evidence.exchanges.find(asking(...purpose))!.id;

const withRecord = (
  evidence: Evidence,
  change: (record: RdapDomainRecord) => RdapDomainRecord,
): Evidence => ({
  ...evidence,
  rdap: evidence.rdap!.map((l) => (l.record ? { ...l, record: change(l.record) } : l)),
});

describe('diffResults', () => {
  it.each(labFixtureIds())(
    '%s: a result and the same evidence read back differ in nothing',
    async (id) => {
      const evidence = fixture(id);
      expect(await diff(evidence, copied(evidence))).toEqual([]);
    },
  );

  it('refuses two results of different questions, and says which', async () => {
    const alg13 = await sideOf(fixture('alg13'));
    const expired = await sideOf(fixture('expired'));
    expect(() => diffResults(alg13, expired)).toThrow(DifferentQuestionsError);
    expect(() => diffResults(alg13, expired)).toThrow(
      'These two results answer different questions (www.alg13.lab. A and www.expired.lab. A): only results of the same name and type can be compared.',
    );
    const aaaa = await sideOf({
      ...fixture('alg13'),
      question: { name: 'www.alg13.lab.', type: 'AAAA' },
    });
    expect(() => diffResults(alg13, aaaa)).toThrow(DifferentQuestionsError);
    // The same name in other letter case is the same question (RFC 4343).
    const upper = await sideOf({
      ...fixture('alg13'),
      question: { name: 'WWW.Alg13.LAB.', type: 'a' },
    });
    expect(diffResults(alg13, upper)).toEqual([]);
  });

  it('a DS swapped at the parent: the old DS removed, the KSK’s own added, on the DS exchange', async () => {
    const before = fixture('ds-mismatch');
    const [oldTag] = recordedDsTags(before, 'ds-mismatch.lab.');
    const kskTag = recordedKskTag(before, 'ds-mismatch.lab.');
    const keys = answerOf(before.exchanges.find(asking('dnskey', 'ds-mismatch.lab.', 'DNSKEY'))!)!;
    const ksk = keys.answer.find((rr) => rr.wire.type === RRTYPE.DNSKEY && isKsk(rr.wire))!.wire;
    const digest = dsDigest(ksk.owner, ksk.rdata, 2)!;
    // RFC 4034 §5.1: key tag, algorithm, digest type, digest.
    const after = withAnswers(before, ['ds', 'ds-mismatch.lab.', 'DS'], (answer) =>
      answer.map((rr) =>
        rr.type === RRTYPE.DS
          ? { ...rr, rdata: Uint8Array.from([...u16(kskTag), 13, 2, ...digest]) }
          : rr,
      ),
    );
    const dsId = idOf(before, ['ds', 'ds-mismatch.lab.', 'DS']);
    const ds = (await diff(before, after)).filter((d) => d.kind === 'ds');
    expect(ds).toEqual([
      expect.objectContaining({
        kind: 'ds',
        zone: 'ds-mismatch.lab.',
        change: 'removed',
        keyTag: oldTag,
        algorithm: 13,
        digestType: 2,
        topic: 'dnssec',
        text: `DS ${oldTag} for ds-mismatch.lab. removed at lab. (algorithm 13, digest type 2).`,
        exchanges: { before: [dsId], after: [dsId] },
      }),
      expect.objectContaining({
        kind: 'ds',
        change: 'added',
        keyTag: kskTag,
        digest: toHex(digest).toUpperCase(),
        text: `DS ${kskTag} for ds-mismatch.lab. added at lab. (algorithm 13, digest type 2).`,
      }),
    ]);
  });

  it('a KSK rolled by hand: the old KSK out, the new one in, and the new one signs the key set', async () => {
    const before = fixture('alg13');
    const oldTag = recordedKskTag(before, 'alg13.lab.');
    let newTag = 0;
    const after = withAnswers(before, ['dnskey', 'alg13.lab.', 'DNSKEY'], (answer) => {
      const ksk = answer.find(isKsk)!;
      // Another public key (its last octet changed): another key, another tag.
      const rolled = patched(ksk, ksk.rdata.length - 1, [ksk.rdata.at(-1)! ^ 0xff]);
      newTag = keyTag(rolled.rdata);
      return answer.map((rr) => {
        if (rr === ksk) return rolled;
        const signsKeys =
          rr.type === RRTYPE.RRSIG && (rr.rdata[0]! << 8) + rr.rdata[1]! === RRTYPE.DNSKEY;
        return signsKeys ? patched(rr, RRSIG_KEY_TAG, u16(newTag)) : rr;
      });
    });
    const id = idOf(before, ['dnskey', 'alg13.lab.', 'DNSKEY']);
    const found = (await diff(before, after)).filter((d) => d.topic === 'dnssec');
    expect(found.map((d) => d.text)).toEqual([
      `KSK ${oldTag} (algorithm 13) removed from the DNSKEY set of alg13.lab.`,
      `KSK ${newTag} (algorithm 13) added to the DNSKEY set of alg13.lab.`,
      `KSK ${oldTag} no longer signs the DNSKEY set of alg13.lab.`,
      `KSK ${newTag} now signs the DNSKEY set of alg13.lab.`,
    ]);
    expect(found.map((d) => d.kind)).toEqual(['dnskey', 'dnskey', 'signer', 'signer']);
    expect(found.every((d) => d.exchanges.before[0] === id && d.exchanges.after[0] === id)).toBe(
      true,
    );
    expect(found[3]).toMatchObject({
      owner: 'alg13.lab.',
      type: 'DNSKEY',
      role: 'KSK',
      keyTag: newTag,
    });
  });

  it('a KSK revoked (RFC 5011): the same key with new flags and a new tag, not a new key', async () => {
    const before = fixture('alg13');
    const oldTag = recordedKskTag(before, 'alg13.lab.');
    const after = withAnswers(before, ['dnskey', 'alg13.lab.', 'DNSKEY'], (answer) =>
      answer.map((rr) => (isKsk(rr) ? patched(rr, 0, u16(257 | 0x80)) : rr)),
    );
    const keys = (await diff(before, after)).filter((d) => d.kind === 'dnskey');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      change: 'flags',
      flags: 385,
      revoked: true,
      role: 'KSK',
      previous: { keyTag: oldTag, flags: 257, revoked: false, role: 'KSK' },
    });
    const newTag = keys[0]!.kind === 'dnskey' ? keys[0]!.keyTag : -1;
    expect(newTag).not.toBe(oldTag);
    expect(keys[0]!.text).toBe(
      `KSK ${oldTag} of alg13.lab. is revoked now (flags 257 → 385); its key tag is ${newTag} now.`,
    );
  });

  it('keys re-signed: the signature over the DNSKEY set and over the answer expire later', async () => {
    const before = fixture('alg13');
    const later = (rr: Parameters<typeof rrsigExpiration>[0]) =>
      rr.type === RRTYPE.RRSIG
        ? patched(rr, RRSIG_EXPIRATION, u32(rrsigExpiration(rr) + 86400))
        : rr;
    let after = withAnswers(before, ['dnskey', 'alg13.lab.', 'DNSKEY'], (a) => a.map(later));
    after = withAnswers(after, ['target', 'www.alg13.lab.', 'A'], (a) => a.map(later));
    // The altered signatures no longer verify, so the verdict changes too; the signatures first.
    const found = (await diff(before, after)).filter((d) => d.topic === 'dnssec');
    expect(found.map((d) => d.kind)).toEqual(['expiration', 'expiration']);
    const [keySet, answer] = found;
    expect(keySet).toMatchObject({ owner: 'alg13.lab.', type: 'DNSKEY', role: 'KSK' });
    expect(answer).toMatchObject({ owner: 'www.alg13.lab.', type: 'A', role: 'ZSK' });
    if (answer?.kind !== 'expiration') throw new Error('not an expiration');
    expect(answer.after - answer.before).toBe(86400);
    const utc = (s: number) =>
      `${new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
    expect(answer.text).toBe(
      `The signature of ZSK ${answer.keyTag} over www.alg13.lab. A expires at ${utc(answer.after)} now, later than then (${utc(answer.before)}).`,
    );
    // The answer's signature rests on the target response our validation checked.
    const checked = (await sideOf(before)).validation.targetExchange!;
    expect(answer.exchanges).toEqual({ before: [checked], after: [checked] });
  });

  it('an NS set changed, and a nameserver’s address', async () => {
    const before = fixture('alg13');
    let after = mapExchanges(
      before,
      asking('ns', 'alg13.lab.', 'NS'),
      withNsTargets([rawName('ns', 'alg13', 'lab'), rawName('ns2', 'alg13', 'lab')]),
    );
    after = withAnswers(after, ['address', 'ns.alg13.lab.', 'A'], (answer) =>
      answer.map((rr) =>
        rr.type === RRTYPE.A ? { ...rr, rdata: Uint8Array.from([127, 53, 0, 9]) } : rr,
      ),
    );
    const found = await diff(before, after);
    expect(found.map((d) => [d.kind, d.text])).toEqual([
      ['ns', 'ns2.alg13.lab. added to the NS set of alg13.lab.'],
      ['address', 'ns.alg13.lab. no longer has the address 127.53.0.3.'],
      ['address', 'ns.alg13.lab. has the address 127.53.0.9 now.'],
    ]);
    expect(found.every((d) => d.topic === 'delegation')).toBe(true);
  });

  it('a set read once and not the other time is reported whole, not as records removed', async () => {
    const before = fixture('alg13');
    const after = transform(
      before,
      asking('ns', 'alg13.lab.', 'NS'),
      withResponse(failureWire('SERVFAIL')),
    );
    const id = idOf(before, ['ns', 'alg13.lab.', 'NS']);
    expect(await diff(before, after)).toEqual([
      expect.objectContaining({
        kind: 'record-set',
        owner: 'alg13.lab.',
        type: 'NS',
        change: 'unreadable',
        records: ['ns.alg13.lab.'],
        instead: 'SERVFAIL',
        exchanges: { before: [id], after: [id] },
        text: 'The NS set of alg13.lab. is not answered now (SERVFAIL); then it held ns.alg13.lab.',
      }),
    ]);
    const back = await diff(after, before);
    expect(back[0]?.text).toBe(
      'The NS set of alg13.lab. is answered now (ns.alg13.lab.); then it was not (SERVFAIL).',
    );
  });

  it('each resolver’s rcode, AD bit and EDE, with CD=0 and CD=1 together when they changed alike', async () => {
    const before = fixture('alg13');
    let after = transform(
      before,
      isTarget(RESOLVER.bind, false),
      withResponse(failureWire('SERVFAIL', { code: 6, text: 'bogus \u202Egnp.exe' })),
    );
    after = transform(
      after,
      isTarget(RESOLVER.novalidate),
      asTransportError('timeout', 'no answer within 10 s'),
    );
    const found = (await diff(before, after)).filter((d) => d.kind === 'resolver');
    const ids = (url: string, cd?: boolean) =>
      before.exchanges.filter(isTarget(url, cd)).map((x) => x.id);
    expect(found).toEqual([
      expect.objectContaining({
        resolver: RESOLVER.bind,
        cd: [0],
        before: expect.objectContaining({ rcode: 'NOERROR', ad: true, ede: [] }),
        after: expect.objectContaining({
          rcode: 'SERVFAIL',
          ad: false,
          ede: [{ code: 6, text: 'bogus \u202Egnp.exe' }],
        }),
        exchanges: { before: ids(RESOLVER.bind, false), after: ids(RESOLVER.bind, false) },
        topic: 'resolvers',
      }),
      expect.objectContaining({
        resolver: RESOLVER.novalidate,
        cd: [0, 1],
        before: expect.objectContaining({ kind: 'answer', rcode: 'NOERROR', ad: false }),
        after: expect.objectContaining({ kind: 'transport', rcode: 'timeout' }),
        exchanges: { before: ids(RESOLVER.novalidate), after: ids(RESOLVER.novalidate) },
      }),
    ]);
    // Received text stays one visible line: the bidi override is shown, not obeyed.
    expect(found[0]!.text).toBe(
      'BIND (validating) with CD=0: NOERROR with AD then, SERVFAIL (EDE 6 DNSSEC Bogus: “bogus \\u202Egnp.exe”) now.',
    );
    expect(found[1]!.text).toBe(
      'Unbound (not validating) with CD=0 and CD=1: NOERROR then, no DNS answer (timeout: no answer within 10 s) now.',
    );
  });

  it('the verdict, resting on the claims of either diagnosis', async () => {
    const before = fixture('alg13');
    const after = transform(before, isTarget(), withResponse(failureWire('SERVFAIL')));
    const [then, now] = [await sideOf(before), await sideOf(after)];
    const verdict = diffResults(then, now)[0]!;
    expect(verdict).toMatchObject({
      kind: 'verdict',
      topic: 'verdict',
      before: { verdict: then.diagnosis.verdict, reason: then.diagnosis.reason },
      after: { verdict: now.diagnosis.verdict, reason: now.diagnosis.reason },
    });
    expect(then.diagnosis.verdict).toBe('ok');
    expect(now.diagnosis.verdict).not.toBe('ok');
    expect(verdict.text).toMatch(
      /^The verdict went from ok \(secure: validated from the trust anchor\) to /,
    );
    expect(verdict.exchanges.after).toEqual([
      ...new Set(now.diagnosis.claims.flatMap((c) => c.exchanges)),
    ]);
  });

  it('the registry: a status set, a DS removed, a nameserver and its glue changed', async () => {
    const before = fixture('ds-mismatch');
    const [registryDs] = before.rdap![0]!.record!.dsData;
    const after = withRecord(before, (record) => ({
      ...record,
      status: [...record.status, 'clientHold'],
      dsData: [],
      nameservers: [
        { ldhName: 'NS.DS-MISMATCH.LAB', v4: ['127.53.0.9'], v6: [] },
        { ldhName: 'ns2.ds-mismatch.lab', v4: [], v6: ['::1'] },
      ],
    }));
    const found = await diff(before, after);
    expect(found.map((d) => [d.kind, d.text])).toEqual([
      ['registry-status', 'Status client hold set at the registry for ds-mismatch.lab.'],
      [
        'registry-ds',
        `DS ${registryDs!.keyTag} removed at the registry for ds-mismatch.lab. (algorithm ${registryDs!.algorithm}, digest type ${registryDs!.digestType}).`,
      ],
      [
        'registry-ns',
        'The registry lists ns2.ds-mismatch.lab. (glue ::1) as a nameserver of ds-mismatch.lab. now.',
      ],
      [
        'registry-glue',
        'The registry no longer holds the glue address 127.53.0.3 for ns.ds-mismatch.lab.',
      ],
      [
        'registry-glue',
        'The registry holds the glue address 127.53.0.9 for ns.ds-mismatch.lab. now.',
      ],
    ]);
    expect(
      found.every((d) => d.exchanges.before[0] === 'r0' && d.exchanges.after[0] === 'r0'),
    ).toBe(true);
  });

  it('the registry asked one time and not the other: its state, once', async () => {
    const before = fixture('alg13');
    const { rdap: _rdap, ...after } = before;
    expect((await diff(before, after)).map((d) => [d.kind, d.text])).toEqual([
      ['registry', 'The registry listed the domain then and was not asked now (alg13.lab.).'],
    ]);
  });

  it('results validated against different trust anchors say so beside the verdict', async () => {
    const before = fixture('alg13');
    // `. IN DS <key tag> …`: the lab root's KSK.
    const keyTags = before.trustAnchors.map((a) => Number(a.split(/\s+/)[3]));
    // Checked again with the built-in root anchors, which know nothing of the lab's root.
    const after = { ...copied(before), trustAnchors: [] };
    const found = await diff(before, after);
    expect(found.map((d) => d.kind).slice(0, 2)).toEqual(['verdict', 'trust-anchors']);
    expect(found[1]).toMatchObject({
      topic: 'verdict',
      before: { kind: 'custom', keyTags, partOfRoot: false },
      after: { kind: 'root', keyTags: [], partOfRoot: false },
      exchanges: { before: [], after: [] },
      text: `The two results are validated against different trust anchors: then key tag ${keyTags[0]}, not the root’s, now the built-in root anchors. A chain of trust that differs may owe it to that, not to the zone.`,
    });
    // Nothing in the evidence itself differs.
    expect(found.slice(2)).toEqual([]);
  });
});
