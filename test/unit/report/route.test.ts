import { describe, expect, it } from 'vitest';
import {
  checkFragment,
  evidenceFragment,
  fragmentWithWatch,
  parseRoute,
  parseWatch,
  WATCH_MAX_SECONDS,
  WATCH_MIN_SECONDS,
} from '../../../src/report/route';

const none = { resolvers: null, trustAnchors: null, rdap: null };

describe('parseRoute', () => {
  it.each([
    ['', '', { kind: 'home', ...none }],
    ['#', '', { kind: 'home', ...none }],
    ['#/', '', { kind: 'home', ...none }],
    [
      '#/check/example.com',
      '',
      { kind: 'check', input: 'example.com', type: 'A', watch: null, ...none },
    ],
    [
      '#/check/example.com?type=mx',
      '',
      { kind: 'check', input: 'example.com', type: 'MX', watch: null, ...none },
    ],
    [
      '#/check/b%C3%BCcher.example?type=AAAA',
      '',
      { kind: 'check', input: 'bücher.example', type: 'AAAA', watch: null, ...none },
    ],
    // A damaged escape is kept as typed, so the name check can say what is wrong with it.
    [
      '#/check/bad%E0name',
      '',
      { kind: 'check', input: 'bad%E0name', type: 'A', watch: null, ...none },
    ],
    ['#/evidence/abc_-123', '', { kind: 'evidence', payload: 'abc_-123', ...none }],
    ['#/nowhere', '', { kind: 'not-found', path: '/nowhere', ...none }],
    ['#/history', '', { kind: 'history', ...none }],
    ['#/examples', '', { kind: 'examples', ...none }],
    ['#/saved/0123abcd', '', { kind: 'saved', id: '0123abcd', ...none }],
    ['#/saved/a/b', '', { kind: 'not-found', path: '/saved/a/b', ...none }],
  ])('%s %s', (hash, search, expected) => {
    expect(parseRoute(hash, search)).toEqual(expected);
  });

  it('reads repeatable resolver= and ta= from the fragment', () => {
    const route = parseRoute(
      '#/check/www.alg13.lab?type=A&resolver=http%3A%2F%2F127.0.0.1%3A8531%2Fdns-query&resolver=http://127.0.0.1:8532/dns-query&ta=.%20IN%20DS%201%208%202%20AB',
      '',
    );
    expect(route.resolvers).toEqual([
      'http://127.0.0.1:8531/dns-query',
      'http://127.0.0.1:8532/dns-query',
    ]);
    expect(route.trustAnchors).toEqual(['. IN DS 1 8 2 AB']);
  });

  it('falls back to the page query string, and the fragment wins', () => {
    const page = '?resolver=https://page.example/dns-query&ta=x';
    expect(parseRoute('#/check/a.example', page).resolvers).toEqual([
      'https://page.example/dns-query',
    ]);
    const both = parseRoute('#/check/a.example?resolver=https://frag.example/q', page);
    expect(both.resolvers).toEqual(['https://frag.example/q']);
    expect(both.trustAnchors).toEqual(['x']);
  });
});

describe('fragments', () => {
  it('round-trips a check with overrides', () => {
    const fragment = checkFragment('www.example.com.', 'TXT', {
      resolvers: ['http://127.0.0.1:8531/dns-query'],
      trustAnchors: ['. IN DS 1 8 2 AB'],
    });
    expect(fragment).toBe(
      '#/check/www.example.com?type=TXT&resolver=http%3A%2F%2F127.0.0.1%3A8531%2Fdns-query&ta=.%20IN%20DS%201%208%202%20AB',
    );
    expect(parseRoute(fragment, '')).toEqual({
      kind: 'check',
      input: 'www.example.com',
      type: 'TXT',
      watch: null,
      resolvers: ['http://127.0.0.1:8531/dns-query'],
      trustAnchors: ['. IN DS 1 8 2 AB'],
      rdap: null,
    });
  });

  it('round-trips the registry setting: a bootstrap file or off', () => {
    const bootstrap = 'http://127.0.0.1:8540/bootstrap/dns.json';
    const fragment = checkFragment('example.com', 'A', { rdap: bootstrap });
    expect(fragment).toBe(`#/check/example.com?type=A&rdap=${encodeURIComponent(bootstrap)}`);
    expect(parseRoute(fragment, '')).toMatchObject({ rdap: bootstrap });
    expect(parseRoute('#/check/example.com?rdap=off', '')).toMatchObject({ rdap: 'off' });
    expect(parseRoute('#/check/example.com', '?rdap=off')).toMatchObject({ rdap: 'off' });
    expect(parseRoute('#/check/example.com?rdap=', '')).toMatchObject({ rdap: null });
  });

  it('builds an evidence fragment', () => {
    expect(evidenceFragment('AAAA')).toBe('#/evidence/AAAA');
    expect(parseRoute(evidenceFragment('AAAA', { resolvers: ['https://x/q'] }), '')).toMatchObject({
      kind: 'evidence',
      payload: 'AAAA',
      resolvers: ['https://x/q'],
    });
  });
});

describe('watch=<seconds>', () => {
  it('is null when absent', () => {
    expect(parseRoute('#/check/example.com?type=A', '')).toMatchObject({ watch: null });
    // Only the fragment carries it (design.md): the page query string does not start a watch.
    expect(parseRoute('#/check/example.com', '?watch=30')).toMatchObject({ watch: null });
  });

  it.each([
    ['10', 10],
    ['30', 30],
    [' 45 ', 45],
    ['12.2', 13],
    [String(WATCH_MAX_SECONDS), WATCH_MAX_SECONDS],
  ])('watch=%s runs every %i s at the most, as asked', (value, seconds) => {
    expect(parseWatch(value)).toEqual({ seconds, note: null });
  });

  it.each(['0', '3', '9'])('watch=%s is raised to the minimum, with a note', (value) => {
    const watch = parseWatch(value);
    expect(watch?.seconds).toBe(WATCH_MIN_SECONDS);
    expect(watch?.note).toContain(`watch=${value} is below the minimum`);
    expect(watch?.note).toContain(`${WATCH_MIN_SECONDS} s`);
  });

  it('is lowered to the maximum, with a note', () => {
    const watch = parseWatch('86400');
    expect(watch?.seconds).toBe(WATCH_MAX_SECONDS);
    expect(watch?.note).toContain('above the maximum');
  });

  it.each(['', 'abc', '-5', '1e3', 'Infinity', '10s', '0x20'])(
    'watch=%s is no watch, and says why (the check still runs)',
    (value) => {
      const route = parseRoute(`#/check/example.com?type=A&watch=${value}`, '');
      expect(route).toMatchObject({ kind: 'check', input: 'example.com', type: 'A' });
      const watch = route.kind === 'check' ? route.watch : null;
      expect(watch?.seconds).toBeNull();
      expect(watch?.note).toContain('is not a number of seconds');
      expect(watch?.note).toContain('runs once');
    },
  );

  it('quotes a long value only in part', () => {
    const note = parseWatch('x'.repeat(500))?.note ?? '';
    expect(note.length).toBeLessThan(120);
  });

  it('is kept by checkFragment when set, and only then', () => {
    const overrides = { resolvers: ['http://127.0.0.1:8531/dns-query'] };
    const watched = checkFragment('www.example.com', 'A', { ...overrides, watchSeconds: 10 });
    expect(watched).toBe(
      '#/check/www.example.com?type=A&resolver=http%3A%2F%2F127.0.0.1%3A8531%2Fdns-query&watch=10',
    );
    expect(parseRoute(watched, '')).toMatchObject({
      kind: 'check',
      resolvers: overrides.resolvers,
      watch: { seconds: 10, note: null },
    });
    expect(
      checkFragment('www.example.com', 'A', { ...overrides, watchSeconds: null }),
    ).not.toContain('watch');
    expect(checkFragment('www.example.com', 'A', overrides)).not.toContain('watch');
  });
});

describe('fragmentWithWatch', () => {
  it.each([
    ['#/check/a.example?type=A', 10, '#/check/a.example?type=A&watch=10'],
    ['#/check/a.example', 30, '#/check/a.example?watch=30'],
    [
      '#/check/a.example?type=A&watch=5&ta=.%20IN',
      20,
      '#/check/a.example?type=A&ta=.%20IN&watch=20',
    ],
    ['#/check/a.example?type=A&watch=10', null, '#/check/a.example?type=A'],
    ['#/check/a.example?watch&type=A&watch=x', null, '#/check/a.example?type=A'],
    ['#/check/a.example?type=A&watchers=1', null, '#/check/a.example?type=A&watchers=1'],
    ['#/check/a.example?watch=10', null, '#/check/a.example'],
  ])('%s with %s → %s', (hash, seconds, expected) => {
    expect(fragmentWithWatch(hash, seconds)).toBe(expected);
  });
});
