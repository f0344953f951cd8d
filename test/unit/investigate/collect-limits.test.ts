/**
 * The collector against resolvers as they really are (facts.md): slow to give up on a
 * broken name, rate limiting, sometimes silent. A resolver that said 429 is asked nothing
 * more; the next wave does not wait for a slow target; one deadline ends the check; every
 * query is announced as it leaves.
 */
import { describe, expect, it } from 'vitest';
import type { Exchange, RdapLookup, TransportError } from '../../../src/evidence/evidence';
import { collect, type RunQuery, type SentQuery } from '../../../src/investigate/collect';
import type { PlannedQuery } from '../../../src/investigate/plan';
import { plannedExchange } from '../../helpers/planned-exchange';

const question = { name: 'www.example.com.', type: 'A' };
const R1 = 'https://r1.example/dns-query';
const R2 = 'https://r2.example/dns-query';
const resolvers = [
  { url: R1, label: 'r1' },
  { url: R2, label: 'r2' },
];

/** How the fake network treats one query: after `ms`, an answer or `error`; or never. */
interface Behaviour {
  readonly ms: number | 'never';
  readonly error?: TransportError;
}

/**
 * A transport that answers after a delay (no bytes: the collector does not read them) and
 * ends at once as `aborted` when its signal aborts, as the DoH transport does.
 */
function network(behave: (q: PlannedQuery) => Behaviour): RunQuery & { sent: PlannedQuery[] } {
  const sent: PlannedQuery[] = [];
  const run: RunQuery = (query, id, signal) => {
    sent.push(query);
    const b = behave(query);
    const exchange = (error?: TransportError): Exchange => plannedExchange(query, id, error);
    return new Promise((resolve) => {
      const aborted = () =>
        resolve(exchange({ class: 'aborted', message: 'cancelled before the answer arrived' }));
      if (signal.aborted) return aborted();
      signal.addEventListener('abort', aborted, { once: true });
      if (b.ms !== 'never') setTimeout(() => resolve(exchange(b.error)), b.ms);
    });
  };
  return Object.assign(run, { sent });
}

/** A follow-up wave of one NS-address question per resolver (what the planner might ask). */
function followUp(wave: number): PlannedQuery[] {
  return [R1, R2].map((resolver) => ({
    resolver,
    question: { name: `ns${wave}.host.net.`, type: 'A' },
    cd: false,
    purpose: 'address',
    wave,
  }));
}

const TOO_MANY: TransportError = {
  class: 'rate-limited',
  message: 'r2.example is rate limiting this browser (HTTP 429 Too Many Requests)',
};

describe('a resolver that rate-limits', () => {
  it('is asked nothing in later waves, and nothing is retried', async () => {
    const run = network((q) =>
      q.resolver === R2 && q.purpose === 'target' ? { ms: 1, error: TOO_MANY } : { ms: 1 },
    );
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: run,
      planNextWave: (_x, wave) => followUp(wave),
    });
    const toR2 = run.sent.filter((q) => q.resolver === R2);
    // Wave 1 had left already (its two targets among it), and nothing after it.
    expect(toR2.filter((q) => q.purpose === 'target')).toHaveLength(2);
    expect(toR2.every((q) => q.wave === 1)).toBe(true);
    expect(evidence.exchanges.filter((x) => x.error?.class === 'rate-limited')).toHaveLength(2);
    // R1 goes on: waves 2 and 3.
    const waves = run.sent.filter((q) => q.resolver === R1).map((q) => q.wave);
    expect(new Set(waves)).toEqual(new Set([1, 2, 3]));
  });
});

describe('the next wave and slow targets', () => {
  it('leaves once the other queries and one target are in; the slow target lands as wave 1', async () => {
    const order: string[] = [];
    const run = network((q) =>
      q.resolver === R2 && q.purpose === 'target' ? { ms: 300 } : { ms: 5 },
    );
    const started = performance.now();
    let secondWaveAt = 0;
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: run,
      maxWaves: 2,
      planNextWave: (_x, wave) => {
        secondWaveAt = performance.now() - started;
        return followUp(wave);
      },
      onSent: (s) => order.push(`sent ${s.wave} ${s.resolver === R1 ? 'r1' : 'r2'} ${s.purpose}`),
      onExchange: (x) =>
        order.push(`got ${x.wave} ${x.resolver === R1 ? 'r1' : 'r2'} ${x.purpose}`),
    });
    expect(secondWaveAt).toBeLessThan(250);
    // Wave 2 left before the slow targets came back.
    const firstWave2 = order.indexOf(`sent 2 r1 address`);
    const slowTarget = order.indexOf(`got 1 r2 target`);
    expect(firstWave2).toBeGreaterThan(-1);
    expect(firstWave2).toBeLessThan(slowTarget);
    const slow = evidence.exchanges.filter((x) => x.resolver === R2 && x.purpose === 'target');
    expect(slow.map((x) => [x.wave, x.error])).toEqual([
      [1, undefined],
      [1, undefined],
    ]);
  });

  it('waits for the targets while none has answered', async () => {
    const run = network((q) => (q.purpose === 'target' ? { ms: 60 } : { ms: 1 }));
    let targetsSeen = -1;
    await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: run,
      maxWaves: 2,
      planNextWave: (exchanges, wave) => {
        targetsSeen = exchanges.filter((x) => x.purpose === 'target').length;
        return followUp(wave);
      },
    });
    expect(targetsSeen).toBeGreaterThan(0);
  });

  it('asks again once a slow target is in, when the planner had nothing before', async () => {
    // As for an alias: only the target's answer reveals what to ask next.
    const run = network((q) => (q.purpose === 'target' ? { ms: 40 } : { ms: 1 }));
    const planned: number[] = [];
    const evidence = await collect({
      question,
      resolvers: [resolvers[0]!],
      trustAnchors: [],
      runQuery: run,
      maxWaves: 2,
      planNextWave: (exchanges, wave) => {
        const targetsIn = exchanges.filter((x) => x.purpose === 'target').length;
        planned.push(targetsIn);
        return targetsIn === 2 ? followUp(wave).slice(0, 1) : [];
      },
    });
    expect(planned.at(-1)).toBe(2);
    expect(evidence.exchanges.filter((x) => x.wave === 2)).toHaveLength(1);
  });
});

describe('the check’s overall deadline', () => {
  it('ends what is outstanding as a timeout that says so, and starts no further wave', async () => {
    const run = network((q) => {
      if (q.purpose === 'target') return q.resolver === R1 ? { ms: 5 } : { ms: 'never' };
      return q.wave === 1 ? { ms: 5 } : { ms: 'never' };
    });
    const planned: number[] = [];
    const started = performance.now();
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: run,
      deadlineMs: 150,
      planNextWave: (_x, wave) => {
        planned.push(wave);
        return followUp(wave);
      },
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(planned).toEqual([2]);
    const cut = evidence.exchanges.filter((x) => x.error !== undefined);
    expect(
      cut.map((x) => `${x.wave} ${x.purpose} ${x.resolver === R1 ? 'r1' : 'r2'}`).sort(),
    ).toEqual(['1 target r2', '1 target r2', '2 address r1', '2 address r2']);
    expect(cut.find((x) => x.resolver === R2)?.error).toEqual({
      class: 'timeout',
      message: "no answer from r2.example before the check's overall limit of 0.15 s was reached",
    });
    expect(evidence.exchanges.some((x) => x.wave === 3)).toBe(false);
  });

  it('keeps the person’s cancel as a cancel', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const evidence = await collect({
      question,
      resolvers,
      trustAnchors: [],
      runQuery: network(() => ({ ms: 'never' })),
      signal: controller.signal,
      deadlineMs: 1000,
    });
    expect(new Set(evidence.exchanges.map((x) => x.error?.class))).toEqual(new Set(['aborted']));
  });

  it('ends a registry lookup that outlives it as a timeout', async () => {
    const evidence = await collect({
      question,
      resolvers: [resolvers[0]!],
      trustAnchors: [],
      runQuery: network(() => ({ ms: 1 })),
      deadlineMs: 80,
      lookupRegistry: (signal) =>
        new Promise<RdapLookup[]>((resolve) =>
          signal.addEventListener('abort', () =>
            resolve([
              {
                id: 'r0',
                domain: 'example.com.',
                bootstrap: 'https://boot.example/dns.json',
                url: 'https://rdap.example/domain/example.com',
                startedAt: 0,
                durationMs: 80,
                error: { class: 'aborted', message: 'cancelled' },
              },
            ]),
          ),
        ),
    });
    expect(evidence.rdap?.[0]?.error).toEqual({
      class: 'timeout',
      message: "no answer from rdap.example before the check's overall limit of 0.08 s was reached",
    });
  });
});

describe('queries as they leave', () => {
  it('are announced before their answers, with what a pending cell shows', async () => {
    const events: string[] = [];
    const sent: SentQuery[] = [];
    let clock = 1_700_000_000_000;
    const evidence = await collect({
      question,
      resolvers: [resolvers[0]!],
      trustAnchors: [],
      runQuery: network(() => ({ ms: 2 })),
      now: () => clock++,
      onSent: (s) => {
        sent.push(s);
        events.push(`sent ${s.id}`);
      },
      onExchange: (x) => events.push(`got ${x.id}`),
    });
    expect(sent).toHaveLength(evidence.exchanges.length);
    for (const x of evidence.exchanges) {
      expect(events.indexOf(`sent ${x.id}`)).toBeLessThan(events.indexOf(`got ${x.id}`));
    }
    expect(sent[0]).toEqual({
      id: 'x0',
      resolver: R1,
      question,
      cd: false,
      purpose: 'target',
      wave: 1,
      startedAt: 1_700_000_000_001,
    });
  });
});
