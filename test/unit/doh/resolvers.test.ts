import { describe, expect, it } from 'vitest';
import { isLoopbackHost, RESOLVER_CATALOG, validateResolverUrl } from '../../../src/doh/resolvers';

describe('RESOLVER_CATALOG', () => {
  it('lists CORS-capable resolvers of different operators, each a valid https URL', () => {
    expect(RESOLVER_CATALOG.map((r) => r.url)).toEqual([
      'https://dns.google/dns-query',
      'https://cloudflare-dns.com/dns-query',
      'https://doh.dns.sb/dns-query',
      'https://dns.alidns.com/dns-query',
    ]);
    expect(new Set(RESOLVER_CATALOG.map((r) => r.operator)).size).toBe(RESOLVER_CATALOG.length);
    for (const r of RESOLVER_CATALOG) {
      expect(validateResolverUrl(r.url)).toEqual({ ok: true, url: r.url, notes: [] });
      expect(r.label).not.toBe('');
      expect(Object.keys(r).sort()).toEqual(['label', 'operator', 'url']); // nothing about validation
    }
  });
});

/** [input, normalised URL, notes] */
const ACCEPTED: readonly [string, string, string[]][] = [
  ['https://dns.google/dns-query', 'https://dns.google/dns-query', []],
  ['  HTTPS://DNS.Google:443/dns-query  ', 'https://dns.google/dns-query', []],
  ['https://dns.google', 'https://dns.google/dns-query', ['added the usual path /dns-query']],
  ['dns.google/dns-query', 'https://dns.google/dns-query', ['assumed https://']],
  [
    'https://doh.example/dns-query{?dns}',
    'https://doh.example/dns-query',
    ['removed the URI template {?dns}'],
  ],
  ['https://doh.example:8443/custom/path', 'https://doh.example:8443/custom/path', []],
  ['http://127.0.0.1:8053/dns-query', 'http://127.0.0.1:8053/dns-query', []],
  ['http://127.9.8.7/dns-query', 'http://127.9.8.7/dns-query', []],
  ['http://localhost:8053/dns-query', 'http://localhost:8053/dns-query', []],
  ['http://lab.localhost:8053/dns-query', 'http://lab.localhost:8053/dns-query', []],
  ['http://[::1]:8053/dns-query', 'http://[::1]:8053/dns-query', []],
  ['http://[0:0:0:0:0:0:0:1]:8053/q', 'http://[::1]:8053/q', []],
];

/** [input, message] */
const REJECTED: readonly [string, string][] = [
  ['', 'Enter the URL of a DoH resolver, for example https://dns.google/dns-query.'],
  [
    'https://',
    '"https://" is not a URL. A DoH resolver URL looks like https://dns.google/dns-query.',
  ],
  [
    'ftp://dns.example/dns-query',
    'A DoH resolver URL must start with https:// (this one starts with ftp:).',
  ],
  [
    'http://dns.example/dns-query',
    'Plain http:// is allowed only for a resolver on this machine (127.0.0.0/8, localhost, [::1]); use https:// for dns.example.',
  ],
  [
    'http://128.0.0.1/dns-query',
    'Plain http:// is allowed only for a resolver on this machine (127.0.0.0/8, localhost, [::1]); use https:// for 128.0.0.1.',
  ],
  [
    'http://localhost.example/dns-query',
    'Plain http:// is allowed only for a resolver on this machine (127.0.0.0/8, localhost, [::1]); use https:// for localhost.example.',
  ],
  [
    'https://user:secret@dns.example/dns-query',
    'A resolver URL must not contain a user name or password.',
  ],
  [
    'https://user@dns.example/dns-query',
    'A resolver URL must not contain a user name or password.',
  ],
  [
    'https://dns.example/dns-query#x',
    'A resolver URL must not contain a fragment (the part after #).',
  ],
  [
    'https://dns.example/dns-query#',
    'A resolver URL must not contain a fragment (the part after #).',
  ],
  [
    'https://dns.example/dns-query?dns=AAAB',
    'The URL already carries a dns= parameter; give the resolver URL without it (the app adds the query).',
  ],
  [
    'https://doh.example:8443/custom/path?ct=1',
    'A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as https://doh.example:8443/custom/path.',
  ],
  [
    'https://dns.example/dns-query?',
    'A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as https://dns.example/dns-query.',
  ],
  [
    'http://127.0.0.1:8531/dns-query?track=me&x',
    'A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as http://127.0.0.1:8531/dns-query.',
  ],
  [
    'https://dns.example?x=1',
    'A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as https://dns.example/.',
  ],
];

describe('validateResolverUrl', () => {
  it.each(ACCEPTED)('accepts %s', (input, url, notes) => {
    expect(validateResolverUrl(input)).toEqual({ ok: true, url, notes });
  });

  it.each(REJECTED)('rejects %s', (input, message) => {
    expect(validateResolverUrl(input)).toEqual({ ok: false, message });
  });

  it('knows loopback hosts', () => {
    expect(
      ['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.255.255.254', '[::1]'].every(
        isLoopbackHost,
      ),
    ).toBe(true);
    expect(
      ['localhost.', 'example.com', '10.0.0.1', '[::2]', '1270.0.0.1'].some(isLoopbackHost),
    ).toBe(false);
  });
});
