/**
 * A stored watch: its id follows from the request (a reload finds it, another request is
 * another watch), reading it back checks every field (another version of the app or the
 * service worker may have written it), and the timeline keeps the newest runs.
 */
import { describe, expect, it } from 'vitest';
import type { WatchRun } from '../../../src/report/watch-timeline';
import {
  MAX_WATCH_RUNS,
  WATCH_DAY_MS,
  readWatch,
  watchExpired,
  watchId,
  withRun,
  type StoredWatch,
} from '../../../src/store/watch-record';

const GOOGLE = { url: 'https://dns.google/dns-query', label: 'Google' };
const QUAD9 = { url: 'https://dns.quad9.net/dns-query', label: 'Quad9' };
const TARGET = {
  question: { name: 'www.example.com.', type: 'A' },
  resolvers: [GOOGLE, QUAD9],
  trustAnchors: [] as string[],
};

const RUN: WatchRun = {
  at: 1_790_000_000_000,
  verdict: 'dnssec-bogus',
  reason: 'ds-mismatch',
  savedId: '0123456789abcdef0123456789abcdef',
  outcomes: [
    { resolver: GOOGLE.url, status: 'SERVFAIL', ad: false, ede: [{ code: 9, text: 'no SEP' }] },
    { resolver: QUAD9.url, status: 'NOERROR', ad: true, ede: [] },
  ],
};

function watch(extra: Partial<StoredWatch> = {}): StoredWatch {
  return {
    id: watchId(TARGET),
    name: TARGET.question.name,
    type: 'A',
    resolvers: TARGET.resolvers,
    trustAnchors: [],
    intervalSeconds: 10,
    startedAt: RUN.at - 1000,
    background: false,
    runs: [RUN],
    backgroundChecks: [],
    ...extra,
  };
}

describe('watchId', () => {
  it('is the same for the same request, whatever the case of the name and type', () => {
    const id = watchId(TARGET);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(watchId({ ...TARGET, question: { name: 'WWW.Example.COM.', type: 'a' } })).toBe(id);
  });

  it.each([
    ['another name', { question: { name: 'example.com.', type: 'A' } }],
    ['another type', { question: { name: 'www.example.com.', type: 'AAAA' } }],
    ['other resolvers', { resolvers: [GOOGLE] }],
    ['resolvers in another order', { resolvers: [QUAD9, GOOGLE] }],
    ['other trust anchors', { trustAnchors: ['. IN DS 1 8 2 AB'] }],
    ['a registry', { rdapBootstrap: 'http://127.0.0.1:8540/bootstrap/dns.json' }],
  ])('differs for %s', (_, change) => {
    expect(watchId({ ...TARGET, ...change })).not.toBe(watchId(TARGET));
  });
});

describe('readWatch', () => {
  it('reads back what was stored', () => {
    const stored = watch({ stoppedAt: RUN.at + 5, stop: 'person', background: true });
    expect(readWatch(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
  });

  it.each([
    ['not an object', null],
    ['no id', { ...watch(), id: 5 }],
    ['no resolvers', { ...watch(), resolvers: [] }],
    ['a resolver without a URL', { ...watch(), resolvers: [{ label: 'x' }] }],
    ['an empty name', { ...watch(), name: '' }],
    ['no start', { ...watch(), startedAt: 'yesterday' }],
    ['no interval', { ...watch(), intervalSeconds: 0 }],
    ['anchors that are not text', { ...watch(), trustAnchors: [1] }],
  ])('refuses a watch with %s', (_, value) => {
    expect(readWatch(value)).toBeNull();
  });

  it('leaves out damaged runs and background checks, keeps the rest', () => {
    const value = {
      ...watch(),
      runs: [RUN, { ...RUN, at: -1 }, { ...RUN, outcomes: 'x' }, { ...RUN, verdict: 7 }, RUN],
      backgroundChecks: [
        { at: 5, outcomes: RUN.outcomes },
        { at: 'x', outcomes: [] },
      ],
      stop: 'bored',
    };
    const read = readWatch(value);
    expect(read?.runs).toEqual([RUN, RUN]);
    expect(read?.backgroundChecks).toEqual([{ at: 5, outcomes: RUN.outcomes }]);
    expect(read?.stop).toBeUndefined();
  });

  it('bounds EDE lists and texts, and forgets a saved id that is not one', () => {
    const long = 'x'.repeat(600);
    const ede = Array.from({ length: 20 }, (_, code) => ({ code, text: long }));
    const run = { ...RUN, savedId: 42, outcomes: [{ ...RUN.outcomes[0], ede }] };
    const read = readWatch({ ...watch(), runs: [run] })?.runs[0];
    expect(read?.savedId).toBeNull();
    expect(read?.outcomes[0]?.ede).toHaveLength(8);
    expect(read?.outcomes[0]?.ede[0]?.text).toHaveLength(512);
  });
});

describe('the timeline and the day', () => {
  it('keeps the newest runs', () => {
    let w = watch({ runs: [] });
    for (let i = 0; i < MAX_WATCH_RUNS + 3; i++) w = withRun(w, { ...RUN, at: i });
    expect(w.runs).toHaveLength(MAX_WATCH_RUNS);
    expect(w.runs[0]?.at).toBe(3);
    expect(w.runs.at(-1)?.at).toBe(MAX_WATCH_RUNS + 2);
  });

  it('ends 24 h after the start', () => {
    const w = watch({ startedAt: 1000 });
    expect(watchExpired(w, 1000 + WATCH_DAY_MS - 1)).toBe(false);
    expect(watchExpired(w, 1000 + WATCH_DAY_MS)).toBe(true);
  });
});
