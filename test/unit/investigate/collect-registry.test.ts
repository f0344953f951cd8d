/**
 * The registry lookup runs beside the DNS waves: it never holds a wave back while there is
 * something else to ask, its nameservers are asked in whichever wave follows its arrival,
 * and the Evidence always ends with its answer.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange, RdapLookup } from '../../../src/evidence/evidence';
import { collect, type RunQuery } from '../../../src/investigate/collect';
import { planFollowUp, registryNameserverHosts } from '../../../src/investigate/follow-up';
import type { PlannedQuery } from '../../../src/investigate/plan';
import { plannedExchange } from '../../helpers/planned-exchange';

const question = { name: 'www.example.com.', type: 'A' };
const resolvers = [{ url: 'https://r1.example/dns-query', label: 'r1' }];
const urls = resolvers.map((r) => r.url);

function registry(hosts: readonly string[], domain = 'example.com.'): RdapLookup[] {
  return [
    {
      id: 'r0',
      domain,
      bootstrap: 'https://boot.example/dns.json',
      url: `https://rdap.example/domain/${domain.slice(0, -1)}`,
      startedAt: 0,
      durationMs: 5,
      httpStatus: 200,
      record: {
        ldhName: domain.slice(0, -1).toUpperCase(),
        status: ['active'],
        nameservers: hosts.map((h) => ({ ldhName: h.toUpperCase(), v4: [], v6: [] })),
        dsData: [],
        events: [],
      },
    },
  ];
}

/** Every query fails at the transport: nothing in DNS reveals nameservers. */
const failing: RunQuery = async (query: PlannedQuery, id: string) =>
  plannedExchange(query, id, { class: 'timeout', message: 'no answer' });

function plan(exchanges: readonly Exchange[], wave: number, rdap?: readonly RdapLookup[]) {
  return planFollowUp(exchanges, { question, resolvers: urls, rdap }, wave);
}

const addressQuestions = (exchanges: readonly Exchange[]) =>
  exchanges
    .filter((x) => x.purpose === 'address')
    .map((x) => `${x.wave} ${x.question.name} ${x.question.type}`)
    .sort();

describe('registry nameservers', () => {
  it('are read from a lookup on the name’s path only, lower-cased and fully qualified', () => {
    expect(
      registryNameserverHosts(registry(['NS1.Host.net', 'ns2.host.net.']), 'www.example.com.'),
    ).toEqual(['ns1.host.net.', 'ns2.host.net.']);
    expect(
      registryNameserverHosts(registry(['ns1.host.net'], 'other.com.'), 'www.example.com.'),
    ).toEqual([]);
    expect(registryNameserverHosts(undefined, 'www.example.com.')).toEqual([]);
  });
});

describe('collect with a registry lookup', () => {
  it('waits for the registry when nothing else is left to ask, then asks its nameservers', async () => {
    let release: (lookups: RdapLookup[]) => void = () => {};
    const late = new Promise<RdapLookup[]>((resolve) => (release = resolve));
    const evidence = collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: failing,
      planNextWave: plan,
      lookupRegistry: () => late,
    });
    setTimeout(() => release(registry(['ns1.host.net'])), 20);
    const done = await evidence;
    expect(addressQuestions(done.exchanges)).toEqual(['2 ns1.host.net. A', '2 ns1.host.net. AAAA']);
    expect(done.rdap).toEqual(registry(['ns1.host.net']));
  });

  it('does not hold a wave back for a slow registry; its nameservers come in a later wave', async () => {
    let release: (lookups: RdapLookup[]) => void = () => {};
    const late = new Promise<RdapLookup[]>((resolve) => (release = resolve));
    // A CNAME-like wave 2 is simulated by a planner that always has one more question in wave 2.
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: async (query, id, signal) => {
        // Wave 2 takes a while; the registry answers during it.
        if (query.wave === 2 && query.purpose === 'soa') {
          release(registry(['ns1.host.net']));
          await new Promise((r) => setTimeout(r, 10));
        }
        return failing(query, id, signal);
      },
      planNextWave: (exchanges, wave, rdap) => [
        ...(wave === 2
          ? [
              {
                resolver: urls[0]!,
                question: { name: 'example.com.', type: 'SOA' },
                cd: true,
                purpose: 'soa' as const,
                wave,
              },
            ]
          : []),
        ...plan(exchanges, wave, rdap),
      ],
      lookupRegistry: () => late,
    });
    expect(addressQuestions(evidence.exchanges)).toEqual([
      '3 ns1.host.net. A',
      '3 ns1.host.net. AAAA',
    ]);
    expect(evidence.rdap?.[0]?.id).toBe('r0');
  });

  it('a planner that only repeats earlier questions still lets the registry’s wave come', async () => {
    let release: (lookups: RdapLookup[]) => void = () => {};
    const late = new Promise<RdapLookup[]>((resolve) => (release = resolve));
    const again: PlannedQuery = {
      resolver: urls[0]!,
      question: { name: 'example.com.', type: 'DNSKEY' },
      cd: true,
      purpose: 'dnskey',
      wave: 1,
    };
    const pending = collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: failing,
      // As for an alias target: the same chain question proposed again every wave.
      planNextWave: (exchanges, wave, rdap) => [{ ...again, wave }, ...plan(exchanges, wave, rdap)],
      lookupRegistry: () => late,
    });
    setTimeout(() => release(registry(['ns1.host.net'])), 20);
    const evidence = await pending;
    expect(addressQuestions(evidence.exchanges)).toEqual([
      '2 ns1.host.net. A',
      '2 ns1.host.net. AAAA',
    ]);
    const keys = evidence.exchanges.map((x) => `${x.question.name} ${x.question.type} ${x.cd}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps the registry’s answer even when DNS needs no second wave', async () => {
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: failing,
      planNextWave: () => [],
      lookupRegistry: async () => registry([]),
    });
    expect(evidence.rdap).toHaveLength(1);
    expect(new Set(evidence.exchanges.map((x) => x.wave))).toEqual(new Set([1]));
  });

  it('leaves `rdap` out when the registry is not asked', async () => {
    const evidence = await collect({ question, resolvers, trustAnchors: [], runQuery: failing });
    expect('rdap' in evidence).toBe(false);
  });
});
