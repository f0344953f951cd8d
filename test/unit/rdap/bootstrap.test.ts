/**
 * RFC 9224 bootstrap: reading the file (lenient about broken services, strict about the
 * shape of the whole), matching a name on its longest whole-label suffix (§4), preferring
 * https (§3), and the registered-domain candidates and query URL built from the match.
 */
import { describe, expect, it } from 'vitest';
import {
  IANA_DNS_BOOTSTRAP,
  domainQueryUrl,
  parseBootstrap,
  registeredCandidates,
  serviceFor,
} from '../../../src/rdap/bootstrap';
import { ianaLikeBootstrap } from './rdap-fixtures';

function services(json: unknown): ReadonlyMap<string, readonly string[]> {
  const parsed = parseBootstrap(json);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.services;
}

describe('IANA_DNS_BOOTSTRAP', () => {
  it('is IANA’s published file for domain names, over https', () => {
    expect(IANA_DNS_BOOTSTRAP).toBe('https://data.iana.org/rdap/dns.json');
  });
});

describe('parseBootstrap', () => {
  it('maps every entry of an IANA-shaped file to its base URLs', () => {
    expect(services(ianaLikeBootstrap())).toEqual(
      new Map([
        ['com', ['https://rdap.verisign.com/com/v1/']],
        ['net', ['https://rdap.verisign.com/com/v1/']],
        ['uk', ['https://rdap.nominet.uk/uk/']],
        ['lab', ['http://127.0.0.1:8540/']],
      ]),
    );
  });

  it('lower-cases entries and drops a trailing dot', () => {
    const map = services({ services: [[['COM.', 'Co.UK'], ['https://r.example/']]] });
    expect([...map.keys()]).toEqual(['com', 'co.uk']);
  });

  it('keeps only http(s) URLs, in their order, and skips a service left with none', () => {
    const map = services({
      services: [
        [['a'], ['ftp://r.example/', 'HTTP://r.example/', 'https://r.example/']],
        [['b'], ['ftp://r.example/', 'javascript:alert(1)']],
      ],
    });
    expect(map).toEqual(new Map([['a', ['HTTP://r.example/', 'https://r.example/']]]));
  });

  it.each([
    ['not a list', 'com'],
    ['too short', [['com']]],
    ['entries not a list', ['com', ['https://r.example/']]],
    ['an entry not a string', [['com', 7], ['https://r.example/']]],
    ['a URL not a string', [['com'], [{ href: 'https://r.example/' }]]],
    ['null', null],
  ])('skips a broken service (%s) and keeps the rest', (_, broken) => {
    const map = services({ services: [broken, [['net'], ['https://r.example/']]] });
    expect(map).toEqual(new Map([['net', ['https://r.example/']]]));
  });

  it('accepts a file with no services at all', () => {
    expect(parseBootstrap({ services: [] })).toEqual({ ok: true, services: new Map() });
  });

  it.each([
    [null, 'the bootstrap file is not a JSON object'],
    [[], 'the bootstrap file is not a JSON object'],
    ['{"services":[]}', 'the bootstrap file is not a JSON object'],
    [42, 'the bootstrap file is not a JSON object'],
    [{}, 'the bootstrap file has no `services` list'],
    [{ services: {} }, 'the bootstrap file has no `services` list'],
    [{ Services: [] }, 'the bootstrap file has no `services` list'],
  ])('refuses %j: %s', (json, message) => {
    expect(parseBootstrap(json)).toEqual({ ok: false, message });
  });
});

describe('serviceFor (RFC 9224 §4: longest matching label suffix)', () => {
  const map = services({
    services: [
      [['uk'], ['https://rdap.nominet.uk/uk/']],
      [['co.uk'], ['https://rdap.co-uk.example/']],
      [['com'], ['http://rdap.example/plain', 'https://rdap.example/secure']],
      [['lab'], ['http://127.0.0.1:8540']],
    ],
  });

  it('prefers the longer of two matching entries', () => {
    expect(serviceFor(map, 'www.example.co.uk.')).toEqual({
      entry: 'co.uk',
      base: 'https://rdap.co-uk.example/',
    });
    expect(serviceFor(map, 'www.example.org.uk.')).toEqual({
      entry: 'uk',
      base: 'https://rdap.nominet.uk/uk/',
    });
  });

  it('matches whole labels only', () => {
    expect(serviceFor(map, 'example.fuk.')).toBeUndefined();
    expect(serviceFor(map, 'example.xco.uk.')?.entry).toBe('uk');
  });

  it('ignores case and the trailing dot', () => {
    expect(serviceFor(map, 'WWW.EXAMPLE.CO.UK')?.entry).toBe('co.uk');
    expect(serviceFor(map, 'example.uk')?.entry).toBe('uk');
  });

  it('prefers an https URL even when an http one is listed first (§3)', () => {
    expect(serviceFor(map, 'example.com.')?.base).toBe('https://rdap.example/secure/');
  });

  it('uses plain http when that is all the entry lists, and adds the trailing slash', () => {
    expect(serviceFor(map, 'www.lame.lab.')).toEqual({
      entry: 'lab',
      base: 'http://127.0.0.1:8540/',
    });
  });

  it('matches the entry itself', () => {
    expect(serviceFor(map, 'co.uk.')).toEqual({
      entry: 'co.uk',
      base: 'https://rdap.co-uk.example/',
    });
  });

  it('is undefined when no entry matches', () => {
    expect(serviceFor(map, 'example.org.')).toBeUndefined();
    expect(serviceFor(new Map(), 'example.com.')).toBeUndefined();
  });
});

describe('registeredCandidates', () => {
  it.each([
    ['www.shop.example.co.uk.', 'uk', ['co.uk.', 'example.co.uk.']],
    ['www.example.co.uk.', 'co.uk', ['example.co.uk.', 'www.example.co.uk.']],
    ['example.co.uk.', 'co.uk', ['example.co.uk.']],
    ['example.com.', 'com', ['example.com.']],
    ['example.com', 'com', ['example.com.']],
    ['www.example.com.', 'com', ['example.com.', 'www.example.com.']],
    ['WWW.Example.COM.', 'com', ['example.com.', 'www.example.com.']],
    ['co.uk.', 'uk', ['co.uk.']],
    ['com.', 'com', []],
    ['co.uk.', 'co.uk', []],
  ])('%s under %s → %j', (name, entry, expected) => {
    expect(registeredCandidates(name, entry)).toEqual(expected);
  });
});

describe('domainQueryUrl (RFC 9082 §3.1.3)', () => {
  it.each([
    ['https://rdap.example/', 'example.com.', 'https://rdap.example/domain/example.com'],
    ['https://rdap.example/', 'example.com', 'https://rdap.example/domain/example.com'],
    [
      'https://rdap.verisign.com/com/v1/',
      'xn--bcher-kva.com.',
      'https://rdap.verisign.com/com/v1/domain/xn--bcher-kva.com',
    ],
    ['http://127.0.0.1:8540/', 'lame.lab.', 'http://127.0.0.1:8540/domain/lame.lab'],
    // A label may hold any octet: it must not turn into a path or a query.
    ['https://rdap.example/', 'a/b?c#d.com.', 'https://rdap.example/domain/a%2Fb%3Fc%23d.com'],
  ])('%s + %s → %s', (base, domain, url) => {
    expect(domainQueryUrl(base, domain)).toBe(url);
  });
});
