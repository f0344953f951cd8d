import { describe, expect, it } from 'vitest';
import { checkFragment, evidenceFragment, parseRoute } from '../../../src/report/route';

const none = { resolvers: null, trustAnchors: null, rdap: null };

describe('parseRoute', () => {
  it.each([
    ['', '', { kind: 'home', ...none }],
    ['#', '', { kind: 'home', ...none }],
    ['#/', '', { kind: 'home', ...none }],
    ['#/check/example.com', '', { kind: 'check', input: 'example.com', type: 'A', ...none }],
    [
      '#/check/example.com?type=mx',
      '',
      { kind: 'check', input: 'example.com', type: 'MX', ...none },
    ],
    [
      '#/check/b%C3%BCcher.example?type=AAAA',
      '',
      { kind: 'check', input: 'bücher.example', type: 'AAAA', ...none },
    ],
    // A damaged escape is kept as typed, so the name check can say what is wrong with it.
    ['#/check/bad%E0name', '', { kind: 'check', input: 'bad%E0name', type: 'A', ...none }],
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
