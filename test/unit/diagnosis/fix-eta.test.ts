/**
 * The fix ETA (src/diagnosis/fix-eta.ts) on every lab recording, with the TTLs it rests on,
 * on hand-built answers (full TTL from the RRSIG, the negative TTL, unsigned records), for
 * the failure-cache bound and the public flush pages, and the watch interval's bounds and
 * backoff.
 *
 * The lab's zones are signed with TTL 300 and negative TTL 60 (SOA MINIMUM 60; test/lab
 * README), and its resolvers cap every cached TTL at 5 s (`cache-max-ttl: 5`,
 * `max-cache-ttl 5`): the ETA must rest on the zones' own TTLs, read from the signatures'
 * Original TTL, while each resolver reports the few seconds it had left.
 */

import { Buffer } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EncodableRecord } from 'dns-packet';
import { diagnose } from '../../../src/diagnosis/diagnose';
import { denialBasis, reportedBy, rrsetBasis } from '../../../src/diagnosis/eta-records';
import { collectFacts } from '../../../src/diagnosis/facts';
import { fixEta, watchIntervalSeconds, type FixEta } from '../../../src/diagnosis/fix-eta';
import {
  FAILURE_CACHE_BOUND_SECONDS,
  FAILURE_CACHING,
  flushPageOf,
} from '../../../src/diagnosis/resolver-caches';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import {
  WATCH_DEFAULT_FIRST_SECONDS,
  WATCH_MAX_SECONDS,
  WATCH_MIN_SECONDS,
} from '../../../src/diagnosis/watch-interval';
import { parseEvidence } from '../../../src/evidence/codec';
import { answerOf } from '../../../src/evidence/decoded';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';
import { labFixtureIds, loadLabFixture } from '../../fixtures/lab-fixtures';
import { fakeBytes, response, RCODE_BITS } from '../dns/fixtures/messages';
import { EXPECTED } from './expected-verdicts';
import {
  asTransportError,
  failureWire,
  isTarget,
  RESOLVER,
  transform,
  withResponse,
} from './lab-evidence';

/** Diagnosed and validated at the time of recording, as the worker does (lens-api.ts). */
async function etaOf(evidence: Evidence): Promise<FixEta | null> {
  const now = evidence.finishedAt / 1000;
  const validation = await validateEvidence(evidence, { now });
  const diagnosis = await diagnose(evidence, { now, validation });
  return fixEta(evidence, diagnosis, validation);
}

type Basis = readonly [kind: string, owner: string, type: string, ttl: number, from: string];

/** Five minutes of cached failure (RFC 9520 §3.2), for every lab resolver. */
const FAILURE = (qname: string): Basis => ['failure-cache', qname, 'A', 300, 'rfc9520-bound'];
const UNSEEN_NS = (zone: string) => [{ kind: 'delegation', owner: zone, type: 'NS', zone: 'lab.' }];

/**
 * Per scenario: the ETA in seconds, what it rests on, and the TTLs no resolver showed; null
 * where nothing is to be fixed (the name works, does not exist, or a resolver's policy).
 */
const LAB_ETA: Readonly<
  Record<string, { seconds: number; basis: readonly Basis[]; unseen?: unknown[] } | null>
> = {
  alg8: null,
  alg10: null,
  alg13: null,
  alg14: null,
  alg15: null,
  alg16: null,
  nsec3: null,
  'nsec3-nxdomain': null,
  insecure: null,
  nxdomain: null,
  'nxdomain-child': null,
  nodata: null,
  held: null,
  'two-ns': null,
  'spread-ns': null,
  'nsec3-iter': null,
  rsasha1: null,
  'sha1-ds': null,
  'leftover-ds': null,
  'cds-ok': null,
  'cds-bad': null,
  blocked: null,
  filtered: null,
  forged: null,
  // A DS change (the DS at lab.) or a key change (the zone's DNSKEY set): 300 s each.
  'ds-mismatch': {
    seconds: 600,
    basis: [
      ['ds', 'ds-mismatch.lab.', 'DS', 300, 'rrsig-original-ttl'],
      ['dnskey', 'ds-mismatch.lab.', 'DNSKEY', 300, 'rrsig-original-ttl'],
      FAILURE('www.ds-mismatch.lab.'),
    ],
  },
  // Remove the DS (300 s), or sign the zone, whose "no DNSKEY" is cached for the negative
  // TTL: the unsigned SOA's MINIMUM, 60 s.
  'unsigned-ds': {
    seconds: 600,
    basis: [
      ['ds', 'unsigned-ds.lab.', 'DS', 300, 'rrsig-original-ttl'],
      ['denial', 'unsigned-ds.lab.', 'DNSKEY', 60, 'negative-ttl'],
      FAILURE('www.unsigned-ds.lab.'),
    ],
  },
  // Re-signing: the DNSKEY set whose signature expired.
  expired: {
    seconds: 600,
    basis: [
      ['rrset', 'expired.lab.', 'DNSKEY', 300, 'rrsig-original-ttl'],
      FAILURE('www.expired.lab.'),
    ],
  },
  'cname-bogus': {
    seconds: 600,
    basis: [
      ['rrset', 'expired.lab.', 'DNSKEY', 300, 'rrsig-original-ttl'],
      FAILURE('www.cname-bogus.lab.'),
    ],
  },
  // No resolver hands over the NS set of a zone whose servers fail: failure caching only,
  // and the parent's referral listed as unseen.
  lame: { seconds: 300, basis: [FAILURE('www.lame.lab.')], unseen: UNSEEN_NS('lame.lab.') },
  dead: { seconds: 300, basis: [FAILURE('www.dead.lab.')], unseen: UNSEEN_NS('dead.lab.') },
  slow: { seconds: 300, basis: [FAILURE('www.dead.lab.')], unseen: UNSEEN_NS('dead.lab.') },
  stuck: { seconds: 300, basis: [FAILURE('www.dead.lab.')], unseen: UNSEEN_NS('dead.lab.') },
  stale: { seconds: 300, basis: [FAILURE('www.stale.lab.')], unseen: UNSEEN_NS('stale.lab.') },
  // The nameserver's name does not exist: lab.'s NXDOMAIN for it, min(300, 60) = 60 s.
  orphan: {
    seconds: 360,
    basis: [['denial', 'ns1.gone.lab.', 'A', 60, 'negative-ttl'], FAILURE('www.orphan.lab.')],
    unseen: UNSEEN_NS('orphan.lab.'),
  },
  // One resolver fails where the others answer: it may hold the zone's old DS or keys.
  partial: {
    seconds: 600,
    basis: [
      ['ds', 'partial.lab.', 'DS', 300, 'rrsig-original-ttl'],
      ['dnskey', 'partial.lab.', 'DNSKEY', 300, 'rrsig-original-ttl'],
      FAILURE('www.partial.lab.'),
    ],
  },
};

describe('fix ETA on the lab recordings', () => {
  it('has a row for every recorded scenario', () => {
    expect(Object.keys(LAB_ETA).sort()).toEqual(labFixtureIds());
  });

  for (const scenario of labFixtureIds()) {
    it(`${scenario}: ${LAB_ETA[scenario] ? `${LAB_ETA[scenario].seconds} s` : 'nothing to fix'}`, async () => {
      const evidence = loadLabFixture(scenario);
      const expected = LAB_ETA[scenario];
      const eta = await etaOf(evidence);
      if (expected === null || expected === undefined) {
        expect(eta).toBeNull();
        // Only answers and a resolver's own policy have nothing to follow.
        expect(['ok', 'nxdomain', 'nodata', 'resolver-specific']).toContain(EXPECTED[scenario]![0]);
        return;
      }
      expect(eta).not.toBeNull();
      const e = eta!;
      expect(e.seconds).toBe(expected.seconds);
      expect(e.seconds).toBe(e.recordSeconds + e.failureSeconds);
      expect(e.basis.map((b) => [b.kind, b.owner, b.type, b.ttl, b.ttlFrom])).toEqual(
        expected.basis,
      );
      expect(e.unseen).toEqual(expected.unseen ?? []);
      assertEvidenceBehind(evidence, e);
      assertPerResolver(evidence, e);
    });
  }
});

/** Every basis names exchanges of the evidence whose records are the ones quoted. */
function assertEvidenceBehind(evidence: Evidence, eta: FixEta): void {
  const byId = new Map(evidence.exchanges.map((x) => [x.id, x]));
  for (const basis of eta.basis) {
    expect(basis.exchanges.length, basis.kind).toBeGreaterThan(0);
    for (const id of basis.exchanges) expect(byId.has(id), `${basis.kind}: ${id}`).toBe(true);
    if (basis.kind === 'failure-cache') {
      // The failing answers themselves: CD=0 targets that did not resolve.
      for (const id of basis.exchanges) expect(byId.get(id)!.purpose).toBe('target');
      continue;
    }
    expect(basis.records.length).toBeGreaterThan(0);
    const quoted = basis.kind === 'denial' ? 'SOA' : basis.type;
    for (const record of basis.records) expect(record.split(' ')[3]).toBe(quoted);
    // As handed over: the lab's resolvers had at most 5 s left; the full TTL is the zone's.
    for (const record of basis.records) expect(Number(record.split(' ')[1])).toBeLessThanOrEqual(5);
  }
}

function assertPerResolver(evidence: Evidence, eta: FixEta): void {
  expect(eta.perResolver.map((r) => r.resolver)).toEqual(evidence.resolvers.map((r) => r.url));
  const primary = eta.basis.find((b) => b.kind !== 'failure-cache');
  for (const lag of eta.perResolver) {
    expect(lag.failureCache).toEqual({ seconds: 300, from: 'rfc9520-bound' });
    expect(lag.flush).toBeUndefined(); // loopback resolvers have no public flush page
    if (lag.remaining !== null) {
      // What the resolver had left, capped by the lab at 5 s, never more than the full TTL.
      expect(lag.asked).toBe(true);
      expect(lag.remaining).toBeGreaterThanOrEqual(0);
      expect(lag.remaining).toBeLessThanOrEqual(Math.min(5, primary!.ttl));
      expect(evidence.exchanges.find((x) => x.id === lag.exchange)!.resolver).toBe(lag.resolver);
    }
    if (lag.state === 'answering') expect(lag.seconds).toBe(0);
    if (lag.state === 'failing') {
      expect(lag.seconds).toBe((lag.remaining ?? primary?.ttl ?? 0) + 300);
      expect(lag.seconds!).toBeLessThanOrEqual(eta.seconds);
    }
  }
  // The first resolver is asked the chain and says what it had left on the record.
  if (primary) expect(eta.perResolver.some((r) => r.remaining !== null)).toBe(true);
}

describe('fix ETA per resolver in the lab', () => {
  it('ds-mismatch: Unbound had 5 s or less on the DS; BIND was not asked; the non-validating one answers', async () => {
    const eta = (await etaOf(loadLabFixture('ds-mismatch')))!;
    const [unbound, bind, novalidate] = eta.perResolver;
    expect(unbound).toMatchObject({ state: 'failing', asked: true, exchange: 'x12' });
    // The DS the parent publishes, as the DS exchange carried it (its key tag is the lab's).
    const ds = answerOf(loadLabFixture('ds-mismatch').exchanges.find((x) => x.id === 'x12')!)!;
    const tag = ds.answer.find((rr) => rr.type === 'DS')!.rdata.split(' ')[0]!;
    expect(unbound!.record).toMatch(new RegExp(`^ds-mismatch\\.lab\\. [0-5] IN DS ${tag} 13 2 `));
    expect(unbound!.seconds).toBe(unbound!.remaining! + 300);
    expect(bind).toMatchObject({ state: 'failing', asked: false, remaining: null, seconds: 600 });
    expect(novalidate).toMatchObject({ state: 'answering', seconds: 0 });
  });

  it('a resolver that gave no answer at all says nothing about when it follows', async () => {
    const lab = loadLabFixture('lame');
    const bind = lab.resolvers[1]!.url;
    const silent = transform(
      lab,
      (x) => x.resolver === bind,
      asTransportError('unreachable', 'Failed to fetch'),
    );
    const eta = (await etaOf(silent))!;
    expect(eta.perResolver[1]).toMatchObject({ state: 'silent', seconds: null });
    expect(eta.seconds).toBe(300);
  });
});

/** The exchange with the last octet of its answer's first RRSIG signature flipped. */
function corruptSignature(x: Exchange): Exchange {
  const rrsig = answerOf(x)?.answer.find((rr) => rr.data.kind === 'RRSIG')?.data;
  if (rrsig?.kind !== 'RRSIG' || x.response === undefined) return x;
  const bytes = Buffer.from(x.response, 'base64');
  const at = bytes.indexOf(Buffer.from(rrsig.signature));
  bytes[at + rrsig.signature.length - 1]! ^= 0xff;
  return { ...x, response: bytes.toString('base64') };
}

describe('re-signing the answer itself', () => {
  it('a bad signature over www.alg13.lab. A: that RRset’s full TTL, each resolver’s copy', async () => {
    // Validators fail (EDE 6) and hand over, with CD=1, an A RRset whose signature no longer
    // verifies; the non-validating resolver passes the same bytes on.
    const validators = new Set<string>([RESOLVER.unbound, RESOLVER.bind, RESOLVER.partial]);
    const broken = transform(
      transform(
        loadLabFixture('alg13'),
        (x) => isTarget()(x) && !(validators.has(x.resolver) && !x.cd),
        corruptSignature,
      ),
      (x) => isTarget()(x) && validators.has(x.resolver) && !x.cd,
      withResponse(failureWire('SERVFAIL', { code: 6, text: 'signature invalid' })),
    );
    const now = broken.finishedAt / 1000;
    const validation = await validateEvidence(broken, { now });
    const diagnosis = await diagnose(broken, { now, validation });
    expect([diagnosis.verdict, diagnosis.reason]).toEqual(['dnssec-bogus', 'signature-invalid']);
    const eta = fixEta(broken, diagnosis, validation)!;
    expect(eta.basis.map((b) => [b.kind, b.owner, b.type, b.ttl, b.ttlFrom])).toEqual([
      ['rrset', 'www.alg13.lab.', 'A', 300, 'rrsig-original-ttl'],
      FAILURE('www.alg13.lab.'),
    ]);
    // Every resolver was asked the name, and each had its own few seconds left on it.
    for (const lag of eta.perResolver) {
      expect(lag.asked).toBe(true);
      expect(lag.remaining).toBeLessThanOrEqual(5);
      expect(lag.record).toMatch(/^www\.alg13\.lab\. [0-5] IN A 127\./);
    }
    expect(eta.perResolver.map((r) => r.state)).toEqual([
      'failing',
      'failing',
      'answering',
      'failing',
    ]);
  });
});

describe('a fix spreading: one resolver still fails where the others validate', () => {
  it('it may hold the answer zone’s old DS or keys, and its failure', async () => {
    // BIND lags (a bogus verdict, EDE 6) while the rest validate www.alg13.lab.: the
    // verdict is resolver-specific, and BIND follows once what it cached runs out.
    const evidence = transform(
      loadLabFixture('alg13'),
      isTarget(RESOLVER.bind, false),
      withResponse(failureWire('SERVFAIL', { code: 6, text: 'validation failure' })),
    );
    const eta = (await etaOf(evidence))!;
    expect(eta.basis.map((b) => [b.kind, b.owner, b.ttl])).toEqual([
      ['ds', 'alg13.lab.', 300],
      ['dnskey', 'alg13.lab.', 300],
      ['failure-cache', 'www.alg13.lab.', 300],
    ]);
    expect(eta.seconds).toBe(600);
    const bind = eta.perResolver.find((r) => r.resolver === RESOLVER.bind)!;
    expect(bind).toMatchObject({ state: 'failing', asked: false, seconds: 600 });
    expect(eta.perResolver.filter((r) => r.state === 'answering')).toHaveLength(3);
    // Only that resolver's failing answer is the failure cached.
    const failing = eta.basis.find((b) => b.kind === 'failure-cache')!.exchanges;
    expect(failing.map((id) => evidence.exchanges.find((x) => x.id === id)!.resolver)).toEqual([
      RESOLVER.bind,
    ]);
  });
});

describe('failure caching', () => {
  it('is RFC 9520 §3.2’s bound: at least 1 s, at most 5 minutes', () => {
    expect(FAILURE_CACHE_BOUND_SECONDS).toBe(300);
    expect(FAILURE_CACHING.seconds).toBeGreaterThanOrEqual(1);
    expect(FAILURE_CACHING.seconds).toBeLessThanOrEqual(5 * 60);
    expect(FAILURE_CACHING.from).toBe('rfc9520-bound');
  });

  it('is all there is when no record is seen, and is added after the record’s TTL', async () => {
    const lame = (await etaOf(loadLabFixture('lame')))!;
    expect([lame.recordSeconds, lame.failureSeconds, lame.seconds]).toEqual([0, 300, 300]);
    const ds = (await etaOf(loadLabFixture('ds-mismatch')))!;
    expect([ds.recordSeconds, ds.failureSeconds, ds.seconds]).toEqual([300, 300, 600]);
  });

  it('names the flush pages of Google Public DNS and Cloudflare, and no other', async () => {
    expect(flushPageOf('https://dns.google/dns-query')).toEqual({
      service: 'Google Public DNS',
      url: 'https://dns.google/cache',
      opens: 'dns.google',
    });
    expect(flushPageOf('https://cloudflare-dns.com/dns-query')?.url).toBe(
      'https://one.one.one.one/purge-cache/',
    );
    expect(flushPageOf('https://1.1.1.1/dns-query')?.opens).toBe('one.one.one.one');
    expect(flushPageOf('https://DNS.GOOGLE/resolve?name=x')?.url).toBe('https://dns.google/cache');
    expect(flushPageOf('https://dns.quad9.net/dns-query')).toBeUndefined();
    expect(flushPageOf('https://dns.google.evil.example/dns-query')).toBeUndefined();
    expect(flushPageOf('not a url')).toBeUndefined();

    // The lab's recording as if asked at Google and Cloudflare: their rows carry the pages.
    const lab = loadLabFixture('ds-mismatch');
    const rename = new Map([
      [lab.resolvers[0]!.url, 'https://dns.google/dns-query'],
      [lab.resolvers[1]!.url, 'https://cloudflare-dns.com/dns-query'],
    ]);
    const renamed = (url: string) => rename.get(url) ?? url;
    const asked: Evidence = {
      ...lab,
      resolvers: lab.resolvers.map((r) => ({ ...r, url: renamed(r.url) })),
      exchanges: lab.exchanges.map((x) => ({ ...x, resolver: renamed(x.resolver) })),
    };
    const eta = (await etaOf(asked))!;
    expect(eta.perResolver.map((r) => r.flush?.opens)).toEqual([
      'dns.google',
      'one.one.one.one',
      undefined,
      undefined,
    ]);
    expect(eta.seconds).toBe(600);
  });
});

/** Hand-built answers: evidence of one resolver, one exchange per response. */
const GOOGLE = 'https://dns.google/dns-query';
function evidenceOf(
  responses: readonly {
    purpose: Exchange['purpose'];
    name: string;
    type: string;
    wire: Uint8Array;
  }[],
): Evidence {
  const parsed = parseEvidence({
    version: 1,
    question: { name: 'www.example.com.', type: 'A' },
    resolvers: [{ url: GOOGLE, label: 'Google' }],
    trustAnchors: [],
    startedAt: 1_780_000_000_000,
    finishedAt: 1_780_000_001_000,
    exchanges: responses.map((r, i) => ({
      id: `x${i}`,
      resolver: GOOGLE,
      question: { name: r.name, type: r.type },
      cd: true,
      do: true,
      purpose: r.purpose,
      wave: 1,
      startedAt: 1_780_000_000_000,
      durationMs: 20,
      httpStatus: 200,
      contentType: 'application/dns-message',
      response: Buffer.from(r.wire).toString('base64'),
    })),
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.evidence;
}

const rrsig = (
  name: string,
  covered: string,
  originalTTL: number,
  ttl: number,
): EncodableRecord => ({
  type: 'RRSIG',
  name,
  ttl,
  data: {
    typeCovered: covered,
    algorithm: 13,
    labels: name.split('.').length,
    originalTTL,
    expiration: 1_790_000_000,
    inception: 1_770_000_000,
    keyTag: 4242,
    signersName: 'com',
    signature: fakeBytes(64, 3),
  },
});

const soa = (ttl: number, minimum: number): EncodableRecord => ({
  type: 'SOA',
  name: 'example.com',
  ttl,
  data: {
    mname: 'ns1.example.com',
    rname: 'hostmaster.example.com',
    serial: 1,
    refresh: 7200,
    retry: 3600,
    expire: 1209600,
    minimum,
  },
});

describe('TTLs read from hand-built answers', () => {
  it('a DS with 3,412 s left is kept for its signature’s Original TTL, 86,400 s', () => {
    const ds: EncodableRecord = {
      type: 'DS',
      name: 'example.com',
      ttl: 3412,
      data: { keyTag: 4242, algorithm: 13, digestType: 2, digest: fakeBytes(32, 5) },
    };
    const wire = response({
      name: 'example.com',
      type: 'DS',
      answers: [ds, rrsig('example.com', 'DS', 86400, 3412)],
    });
    const facts = collectFacts(
      evidenceOf([{ purpose: 'ds', name: 'example.com.', type: 'DS', wire }]),
    );
    const basis = rrsetBasis('ds', facts, 'example.com.', 'DS', [])!;
    expect([basis.ttl, basis.ttlFrom, basis.exchanges]).toEqual([
      86400,
      'rrsig-original-ttl',
      ['x0'],
    ]);
    expect(basis.records[0]).toMatch(/^example\.com\. 3412 IN DS 4242 13 2 /);
    expect(reportedBy(facts, GOOGLE, basis)).toMatchObject({ asked: true, remaining: 3412 });
  });

  it('an unsigned RRset shows only what was left: a lower bound, said as such', () => {
    const wire = response({
      name: 'example.com',
      type: 'NS',
      answers: [{ type: 'NS', name: 'example.com', ttl: 1700, data: 'ns1.example.net' }],
    });
    const facts = collectFacts(
      evidenceOf([{ purpose: 'ns', name: 'example.com.', type: 'NS', wire }]),
    );
    const basis = rrsetBasis('delegation', facts, 'example.com.', 'NS', [])!;
    expect([basis.ttl, basis.ttlFrom]).toEqual([1700, 'remaining']);
  });

  it('the negative TTL is min(SOA TTL, SOA MINIMUM): the signature’s Original TTL when signed', () => {
    const signed = response({
      name: 'nope.example.com',
      type: 'A',
      rcode: RCODE_BITS.NXDOMAIN,
      authorities: [soa(20, 3600), rrsig('example.com', 'SOA', 900, 20)],
    });
    const evidence = evidenceOf([
      { purpose: 'address', name: 'nope.example.com.', type: 'A', wire: signed },
    ]);
    const facts = collectFacts(evidence);
    const basis = denialBasis(facts, evidence.exchanges, 'nope.example.com.', 'A')!;
    expect([basis.kind, basis.ttl, basis.ttlFrom]).toEqual(['denial', 900, 'negative-ttl']);
    expect(reportedBy(facts, GOOGLE, basis).remaining).toBe(20);
  });

  it('… and the MINIMUM when that is smaller, or when the SOA is unsigned', () => {
    const small = response({
      name: 'nope.example.com',
      type: 'A',
      rcode: RCODE_BITS.NXDOMAIN,
      authorities: [soa(20, 60), rrsig('example.com', 'SOA', 900, 20)],
    });
    const unsigned = response({
      name: 'www.example.com',
      type: 'AAAA',
      authorities: [soa(7, 120)],
    });
    const evidence = evidenceOf([
      { purpose: 'address', name: 'nope.example.com.', type: 'A', wire: small },
      { purpose: 'target', name: 'www.example.com.', type: 'AAAA', wire: unsigned },
    ]);
    const facts = collectFacts(evidence);
    const [x0, x1] = evidence.exchanges;
    expect(denialBasis(facts, [x0!], 'nope.example.com.', 'A')!.ttl).toBe(60);
    expect(denialBasis(facts, [x1!], 'www.example.com.', 'AAAA')!.ttl).toBe(120);
    // An answer is no denial.
    const answered = response({
      name: 'www.example.com',
      type: 'A',
      answers: [{ type: 'A', name: 'www.example.com', ttl: 60, data: '192.0.2.1' }],
    });
    const withAnswer = evidenceOf([
      { purpose: 'target', name: 'www.example.com.', type: 'A', wire: answered },
    ]);
    expect(
      denialBasis(collectFacts(withAnswer), withAnswer.exchanges, 'www.example.com.', 'A'),
    ).toBeUndefined();
  });
});

/** An ETA whose failing resolvers had `remaining` seconds left, for the watch interval. */
function etaWith(seconds: number, remaining: readonly (number | null)[]): FixEta {
  return {
    seconds,
    recordSeconds: Math.max(0, seconds - 300),
    failureSeconds: 300,
    basis: [],
    unseen: [],
    perResolver: remaining.map((left, i) => ({
      resolver: `https://r${i}.example/dns-query`,
      label: `r${i}`,
      state: 'failing',
      asked: left !== null,
      remaining: left,
      exchange: left === null ? null : `x${i}`,
      record: null,
      failureCache: FAILURE_CACHING,
      seconds: (left ?? seconds - 300) + 300,
    })),
  };
}

describe('watchIntervalSeconds', () => {
  it('without an ETA starts at 60 s', () => {
    expect(watchIntervalSeconds(null, 0)).toBe(WATCH_DEFAULT_FIRST_SECONDS);
    expect(WATCH_DEFAULT_FIRST_SECONDS).toBe(60);
  });

  it('waits for the first cache that can change, plus a second', () => {
    expect(watchIntervalSeconds(etaWith(3700, [3412, 120]), 0)).toBe(121);
    // A resolver that answers already does not count.
    const eta = etaWith(3700, [3412, 120]);
    const answering: FixEta = {
      ...eta,
      perResolver: eta.perResolver.map((r, i) => (i === 1 ? { ...r, state: 'answering' } : r)),
    };
    expect(watchIntervalSeconds(answering, 0)).toBe(600);
  });

  it('never waits longer than the ETA for the first check, nor less than 10 s', () => {
    expect(watchIntervalSeconds(etaWith(45, [null]), 0)).toBe(45);
    expect(watchIntervalSeconds(etaWith(600, [4]), 0)).toBe(WATCH_MIN_SECONDS);
    expect(watchIntervalSeconds(etaWith(3, [2]), 0)).toBe(WATCH_MIN_SECONDS);
    expect(watchIntervalSeconds(etaWith(86700, [86000]), 0)).toBe(WATCH_MAX_SECONDS);
  });

  it('backs off ×1.5 per unchanged run towards 600 s and stays there', () => {
    const eta = etaWith(600, [4]);
    const waits = Array.from({ length: 14 }, (_, runs) => watchIntervalSeconds(eta, runs));
    expect(waits).toEqual([10, 15, 23, 34, 51, 76, 114, 171, 256, 384, 577, 600, 600, 600]);
    expect(watchIntervalSeconds(eta, 1e9)).toBe(600);
  });

  it('takes odd run counts as none', () => {
    const eta = etaWith(600, [4]);
    for (const runs of [-3, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(watchIntervalSeconds(eta, runs)).toBe(10);
    }
    expect(watchIntervalSeconds(eta, 1.9)).toBe(15);
  });

  it('the lab: 10 s where a resolver reported a TTL, 60 s where none did', async () => {
    expect(watchIntervalSeconds(await etaOf(loadLabFixture('ds-mismatch')), 0)).toBe(10);
    expect(watchIntervalSeconds(await etaOf(loadLabFixture('lame')), 0)).toBe(60);
    expect(watchIntervalSeconds(await etaOf(loadLabFixture('alg13')), 0)).toBe(60);
  });

  it('a 24-hour watch that never sees a change makes about 152 runs (the doc comment’s count)', () => {
    const eta = etaWith(600, [4]);
    let elapsed = 0;
    let runs = 0;
    while (elapsed + watchIntervalSeconds(eta, runs) <= 86400) {
      elapsed += watchIntervalSeconds(eta, runs);
      runs++;
    }
    expect(runs).toBe(152);
  });
});

/**
 * Recorded pairs, before and after one change in the lab (scripts/record-pairs.ts on the
 * lab's branch: test/fixtures/lab-pairs/<change>/{before,after}.json; LAB_PAIRS points
 * elsewhere). Their zones carry real-looking TTLs: lab.'s DS 3600 s, DNSKEY 1800 s, other
 * records 300 s, SOA MINIMUM 300, lab.'s NS and glue 7200 s.
 */
const PAIRS = process.env['LAB_PAIRS'] ?? resolve('test/fixtures/lab-pairs');

const PAIR_ETA: Readonly<
  Record<
    string,
    Readonly<Record<'before' | 'after', { seconds: number; basis: readonly Basis[] } | null>>
  >
> = {
  // The DS of a key never published, then the KSK's: 3600 s of DS + five minutes = 1 h 5 min.
  fixme: {
    before: {
      seconds: 3900,
      basis: [
        ['ds', 'fixme.lab.', 'DS', 3600, 'rrsig-original-ttl'],
        ['dnskey', 'fixme.lab.', 'DNSKEY', 1800, 'rrsig-original-ttl'],
        FAILURE('www.fixme.lab.'),
      ],
    },
    after: null,
  },
  // Signed, then every signature expired: re-signing, the DNSKEY RRset's 1800 s.
  breakme: {
    before: null,
    after: {
      seconds: 2100,
      basis: [
        ['rrset', 'breakme.lab.', 'DNSKEY', 1800, 'rrsig-original-ttl'],
        FAILURE('www.breakme.lab.'),
      ],
    },
  },
  // Key rollovers done right: nothing to follow, before or after.
  roll: { before: null, after: null },
  dsswap: { before: null, after: null },
  // Lame, then delegated to a working server: the 7200 s NS set at lab. is never shown.
  relame: { before: { seconds: 300, basis: [FAILURE('www.relame.lab.')] }, after: null },
};

describe.skipIf(!existsSync(PAIRS))('fix ETA on recorded pairs', () => {
  for (const [change, sides] of Object.entries(PAIR_ETA)) {
    for (const side of ['before', 'after'] as const) {
      it(`${change}, ${side}`, async () => {
        const parsed = parseEvidence(
          JSON.parse(readFileSync(join(PAIRS, change, `${side}.json`), 'utf8')),
        );
        if (!parsed.ok) throw new Error(`${change}/${side}: ${parsed.message}`);
        const eta = await etaOf(parsed.evidence);
        const expected = sides[side];
        if (expected === null) {
          expect(eta).toBeNull();
          return;
        }
        expect(eta?.seconds).toBe(expected.seconds);
        expect(eta!.basis.map((b) => [b.kind, b.owner, b.type, b.ttl, b.ttlFrom])).toEqual(
          expected.basis,
        );
        assertEvidenceBehind(parsed.evidence, eta!);
        if (change === 'relame') {
          expect(eta!.unseen).toEqual([
            { kind: 'delegation', owner: 'relame.lab.', type: 'NS', zone: 'lab.' },
          ]);
        }
      });
    }
  }
});
