/**
 * The planner's waves, replayed on evidence recorded from the lab: the first wave asks
 * everything independent at once, the second only what the first revealed.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/evidence/evidence';
import { collect } from '../../../src/investigate/collect';
import {
  aliasTargets,
  chainResolverOf,
  nameserverHosts,
  planFollowUp,
  signedZones,
  APEX_TYPES,
} from '../../../src/investigate/follow-up';
import { planFirstWave, queryKey } from '../../../src/investigate/plan';
import { answerOf } from '../../../src/evidence/decoded';
import { labFixtureIds, loadLabFixture } from '../../fixtures/lab-fixtures';

const key = (x: Pick<Exchange, 'resolver' | 'question' | 'cd'>) => queryKey(x);

describe('first wave', () => {
  it('asks the target twice at every resolver, and chain material and NS sets once', () => {
    const plan = planFirstWave({ name: 'www.example.com.', type: 'A' }, ['r1', 'r2']);
    const targets = plan.filter((q) => q.purpose === 'target');
    expect(targets.map((q) => `${q.resolver} ${q.cd}`)).toEqual([
      'r1 false',
      'r1 true',
      'r2 false',
      'r2 true',
    ]);
    const rest = plan.filter((q) => q.purpose !== 'target' && q.resolver === 'r1');
    expect(rest.every((q) => q.cd && q.wave === 1)).toBe(true);
    // Every other resolver gets one control question it answers from cache, which tells a
    // resolver slow on the name from one the browser cannot reach.
    const control = plan.filter((q) => q.purpose !== 'target' && q.resolver !== 'r1');
    expect(
      control.map((q) => `${q.resolver} ${q.question.name} ${q.question.type} ${q.cd}`),
    ).toEqual(['r2 com. DS true']);
    expect(rest.map((q) => `${q.question.name} ${q.question.type}`).sort()).toEqual([
      '. DNSKEY',
      'com. DNSKEY',
      'com. DS',
      'com. NS',
      'example.com. DNSKEY',
      'example.com. DS',
      'example.com. NS',
      'www.example.com. DNSKEY',
      'www.example.com. DS',
      'www.example.com. NS',
    ]);
  });
});

describe('follow-up wave on lab evidence', () => {
  it('follows the CNAME of cname-bogus into the target zone’s chain', () => {
    const evidence = loadLabFixture('cname-bogus');
    const target = evidence.exchanges.find((x) => x.purpose === 'target' && x.cd);
    const message = target ? answerOf(target) : null;
    expect(message).not.toBeNull();
    expect(aliasTargets(message!, evidence.question.name)).toEqual(['www.expired.lab.']);
    const wave1 = evidence.exchanges.filter((x) => x.wave === 1);
    const next = planFollowUp(
      wave1,
      { question: evidence.question, resolvers: evidence.resolvers.map((r) => r.url) },
      2,
    );
    const chain = next.filter((q) => q.purpose === 'ds' || q.purpose === 'dnskey');
    expect(chain.map((q) => `${q.question.name} ${q.question.type}`)).toContain('expired.lab. DS');
    expect(chain.every((q) => q.cd && q.wave === 2)).toBe(true);
  });

  it('asks A and AAAA of the nameservers of the deepest zone that answered NS', () => {
    const evidence = loadLabFixture('alg13');
    const hosts = nameserverHosts(evidence.exchanges, evidence.question.name);
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts.every((h) => h.endsWith('alg13.lab.'))).toBe(true);
    const addresses = evidence.exchanges.filter((x) => x.purpose === 'address');
    expect(addresses.map((x) => x.question.type).sort()).toEqual(
      hosts.flatMap(() => ['A', 'AAAA']).sort(),
    );
    expect(addresses.every((x) => !x.cd && x.wave === 2)).toBe(true);
  });

  it('asks nothing twice, and nothing more once the addresses are in', () => {
    const evidence = loadLabFixture('alg13');
    const next = planFollowUp(
      evidence.exchanges,
      { question: evidence.question, resolvers: evidence.resolvers.map((r) => r.url) },
      3,
    );
    const asked = new Set(evidence.exchanges.map(key));
    expect(next.filter((q) => !asked.has(key(q)))).toEqual([]);
  });

  it('takes the chain from the first resolver that answered the target', () => {
    const evidence = loadLabFixture('alg13');
    const urls = evidence.resolvers.map((r) => r.url);
    const dead = 'http://127.0.0.1:9/dns-query';
    const exchanges = [
      ...evidence.exchanges,
      {
        ...evidence.exchanges[0]!,
        id: 'x99',
        resolver: dead,
        response: undefined,
        error: { class: 'unreachable' as const, message: 'no route' },
      },
    ];
    expect(chainResolverOf(exchanges, [dead, ...urls])).toBe(urls[0]);
  });

  it('asks the registry’s nameservers of a failing zone, not its parent’s', () => {
    const evidence = loadLabFixture('lame');
    const wave1 = evidence.exchanges.filter((x) => x.wave === 1);
    // lame.lab.'s own NS query fails; lab.'s servers are not the suspects.
    expect(nameserverHosts(wave1, evidence.question.name)).toEqual([]);
    const urls = evidence.resolvers.map((r) => r.url);
    const next = planFollowUp(
      wave1,
      { question: evidence.question, resolvers: urls, rdap: evidence.rdap },
      2,
    );
    expect(
      next
        .filter((q) => q.purpose === 'address')
        .map((q) => `${q.question.name} ${q.question.type}`),
    ).toEqual(['ns.lame.lab. A', 'ns.lame.lab. AAAA']);
  });

  it('asks CDS, CDNSKEY and NSEC3PARAM of each signed zone below the root, in the second wave only', () => {
    const evidence = loadLabFixture('cds-bad');
    const wave1 = evidence.exchanges.filter((x) => x.wave === 1);
    expect(signedZones(wave1)).toEqual(['cds-bad.lab.', 'lab.']);
    const urls = evidence.resolvers.map((r) => r.url);
    const context = { question: evidence.question, resolvers: urls, rdap: evidence.rdap };
    const apex = (wave: number) =>
      planFollowUp(wave1, context, wave)
        .filter((q) => q.purpose === 'apex')
        .map((q) => `${q.question.name} ${q.question.type} cd=${q.cd} ${q.resolver === urls[0]}`);
    expect(apex(2)).toEqual(
      ['cds-bad.lab.', 'lab.'].flatMap((zone) =>
        APEX_TYPES.map((type) => `${zone} ${type} cd=true true`),
      ),
    );
    // An alias target's zones are known a wave later: no third round for them.
    expect(apex(3)).toEqual([]);
    // An unsigned zone (insecure.lab. has no DNSKEY) is asked nothing; its signed parent is.
    const insecure = loadLabFixture('insecure').exchanges.filter((x) => x.wave === 1);
    expect(signedZones(insecure)).toEqual(['lab.']);
  });

  it.each(labFixtureIds())('%s: replaying the recording asks the same questions', async (id) => {
    const evidence = loadLabFixture(id);
    const byKey = new Map(evidence.exchanges.map((x) => [key(x), x]));
    const urls = evidence.resolvers.map((r) => r.url);
    const replayStart = performance.now();
    const replay = await collect({
      question: evidence.question,
      resolvers: evidence.resolvers,
      trustAnchors: evidence.trustAnchors,
      planNextWave: (exchanges, wave, rdap) =>
        planFollowUp(exchanges, { question: evidence.question, resolvers: urls, rdap }, wave),
      // The registry's answer, as recorded; it feeds the nameserver addresses asked.
      ...(evidence.rdap ? { lookupRegistry: () => Promise.resolve(evidence.rdap!) } : {}),
      runQuery: async (query, xid) => {
        const recorded = byKey.get(queryKey(query));
        if (recorded === undefined) throw new Error(`not recorded: ${queryKey(query)}`);
        // Each answer arrives when it did in the recording (at a quarter of the real time):
        // the next wave may leave before a slow target is in, and what it asks depends on
        // which answers were there then (which resolver answered the target first).
        const arrivedAt = (recorded.startedAt + recorded.durationMs - evidence.startedAt) / 4;
        const wait = Math.max(0, arrivedAt - (performance.now() - replayStart));
        await new Promise((resolve) => setTimeout(resolve, wait));
        return { ...recorded, id: xid, wave: query.wave };
      },
    });
    expect(replay.exchanges.map(key).sort()).toEqual(evidence.exchanges.map(key).sort());
    expect(new Set(replay.exchanges.map((x) => x.wave)).size).toBeLessThanOrEqual(3);
    expect(replay.rdap).toEqual(evidence.rdap);
  });
});
