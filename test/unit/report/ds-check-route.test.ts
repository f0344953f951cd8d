/**
 * The DS check's route (issue 16): `#/ds-check/<zone>?ds=…` (repeatable), with the common
 * overrides, read back exactly as `dsCheckFragment` writes it; and the link it builds from
 * DNS data holds nothing but letters, digits and percent escapes in each part, so pasted as
 * a bare line (the owner's report) it cannot become Markdown or HTML.
 */
import { describe, expect, it } from 'vitest';
import { dsCheckFragment, parseRoute, strictComponent } from '../../../src/report/route';

const DS =
  'example.com. IN DS 3613 15 2 3AA5AB37EFCE57F737FC1627013FEE07BDF241BD10F3B1964AB55C78E79A304B';
const none = { resolvers: null, trustAnchors: null, rdap: null };

describe('the DS check route', () => {
  it('reads the zone, the ds= records in order and the overrides', () => {
    expect(
      parseRoute(
        '#/ds-check/example.com?ds=3613%2015%202%20AB&ds=&ds=example.com.%20IN%20DS%201%2013%202%20CD&resolver=http%3A%2F%2F127.0.0.1%3A8531%2Fdns-query&ta=.%20IN%20DS%201%208%202%20AB&rdap=off',
        '',
      ),
    ).toEqual({
      kind: 'ds-check',
      zone: 'example.com',
      records: ['3613 15 2 AB', 'example.com. IN DS 1 13 2 CD'],
      resolvers: ['http://127.0.0.1:8531/dns-query'],
      trustAnchors: ['. IN DS 1 8 2 AB'],
      rdap: 'off',
    });
  });

  it('a bare #/ds-check asks for the zone; no ds= is the empty set', () => {
    expect(parseRoute('#/ds-check', '')).toEqual({
      kind: 'ds-check',
      zone: '',
      records: [],
      ...none,
    });
    expect(parseRoute('#/ds-check/example.com', '')).toEqual({
      kind: 'ds-check',
      zone: 'example.com',
      records: [],
      ...none,
    });
  });

  it('reads back what dsCheckFragment writes', () => {
    const overrides = {
      resolvers: ['http://127.0.0.1:8531/dns-query'],
      trustAnchors: ['. IN DS 33770 8 2 0B73'],
      rdap: 'http://127.0.0.1:8540/bootstrap/dns.json',
    };
    const records = [
      DS,
      '257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=',
      "odd *_(text)! ~'",
    ];
    const fragment = dsCheckFragment('example.com.', records, overrides);
    expect(fragment.startsWith('#/ds-check/example.com?ds=example.com.%20IN%20DS%203613')).toBe(
      true,
    );
    expect(parseRoute(fragment, '')).toEqual({
      kind: 'ds-check',
      zone: 'example.com',
      records,
      ...overrides,
    });
    expect(dsCheckFragment('example.com.', [])).toBe('#/ds-check/example.com');
  });

  it('every part of the link is letters, digits, "-", "." and percent escapes', () => {
    const hostileZone = 'a_b*c.[x](javascript:alert(1)).<img>`~!\u202E.example.';
    const fragment = dsCheckFragment(
      hostileZone,
      ['**bold** _it_ [link](http://x) `code`\n# head'],
      {
        resolvers: ['https://r.example/dns_query'],
      },
    );
    const [path, query] = fragment.slice('#/ds-check/'.length).split('?');
    expect(path).toMatch(/^[A-Za-z0-9.%-]+$/);
    for (const part of (query ?? '').split('&'))
      expect(part).toMatch(/^(ds|resolver)=[A-Za-z0-9.%-]+$/);
    const back = parseRoute(fragment, '');
    expect(back).toMatchObject({ kind: 'ds-check', zone: hostileZone.slice(0, -1) });
  });

  it('strictComponent escapes what encodeURIComponent leaves and Markdown reads', () => {
    expect(strictComponent("a_b*(c)!~'")).toBe('a%5Fb%2A%28c%29%21%7E%27');
    expect(decodeURIComponent(strictComponent("a_b*(c)!~' ü"))).toBe("a_b*(c)!~' ü");
  });
});
