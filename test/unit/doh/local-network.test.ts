/**
 * Local Network Access, decided from URLs: the draft's address-space table (§2.1), "less
 * public than" (§2.2), which checks make the browser ask, and which failed fetches are a
 * refused permission rather than an unreachable server.
 */
import { describe, expect, it } from 'vitest';
import {
  addressSpaceOfHost,
  classifyNetworkFailure,
  localNetworkNeed,
  localNetworkTarget,
  pageAddressSpace,
} from '../../../src/doh/local-network';

const LAB_DOH = 'http://127.0.0.1:8531/dns-query';
const LAB_RDAP = 'http://127.0.0.1:8540/bootstrap/dns.json';
const PUBLIC_PAGE = 'https://lens.example';

describe('addressSpaceOfHost (draft §2.1)', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.53.0.5', 'loopback'],
    ['localhost', 'loopback'],
    ['LOCALHOST.', 'loopback'],
    ['lab.localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['[::]', 'loopback'],
    ['0.0.0.0', 'loopback'],
    ['198.18.0.1', 'loopback'],
    ['198.19.255.255', 'loopback'],
    ['198.20.0.1', 'public'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:7f00:1]', 'loopback'],
    ['10.1.2.3', 'local'],
    ['172.16.0.1', 'local'],
    ['172.31.255.255', 'local'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'local'],
    ['169.254.1.1', 'local'],
    ['100.64.0.1', 'local'],
    ['100.128.0.1', 'public'],
    ['0.1.2.3', 'local'],
    ['[fd00::53]', 'local'],
    ['[fe80::1]', 'local'],
    ['[fec0::1]', 'local'],
    ['[2001:db8::1]', 'local'],
    ['[3fff::1]', 'local'],
    ['[::ffff:192.168.0.1]', 'local'],
    ['printer.local', 'local'],
    ['8.8.8.8', 'public'],
    ['[2001:4860:4860::8888]', 'public'],
    ['[::ffff:8.8.8.8]', 'public'],
    ['dns.google', 'public'],
    ['localhost.example', 'public'],
  ])('%s → %s', (host, space) => {
    expect(addressSpaceOfHost(host)).toBe(space);
  });

  it('reads hosts as the URL parser writes them (0x7f.1 is 127.0.0.1)', () => {
    expect(addressSpaceOfHost(new URL('http://0x7f.1:8531/').hostname)).toBe('loopback');
    expect(addressSpaceOfHost(new URL('http://[0:0::1]/').hostname)).toBe('loopback');
  });
});

describe('pageAddressSpace', () => {
  it.each([
    ['http://127.0.0.1:4173', 'loopback'],
    ['http://localhost:5173', 'loopback'],
    ['file:///home/me/index.html', 'loopback'],
    ['http://192.168.1.20:4173', 'local'],
    [PUBLIC_PAGE, 'public'],
    ['null', 'public'],
  ])('%s → %s', (origin, space) => {
    expect(pageAddressSpace(origin)).toBe(space);
  });
});

describe('localNetworkTarget (draft §2.2: the target less public than the page)', () => {
  it.each([
    [PUBLIC_PAGE, LAB_DOH, 'loopback'],
    [PUBLIC_PAGE, 'https://192.168.1.1/dns-query', 'local'],
    [PUBLIC_PAGE, 'https://dns.google/dns-query', undefined],
    ['https://192.168.1.20', LAB_DOH, 'loopback'],
    ['https://192.168.1.20', 'https://192.168.1.1/dns-query', undefined],
    ['http://127.0.0.1:4173', LAB_DOH, undefined],
    ['http://127.0.0.1:4173', 'https://192.168.1.1/dns-query', undefined],
    [PUBLIC_PAGE, 'not a url', undefined],
  ])('page %s, target %s → %s', (page, target, expected) => {
    expect(localNetworkTarget(page, target)).toBe(expected);
  });
});

describe('localNetworkNeed', () => {
  it('a page on loopback (the lab, npm start) needs nothing', () => {
    expect(localNetworkNeed('http://127.0.0.1:4173', [LAB_DOH, LAB_RDAP])).toBeUndefined();
    expect(localNetworkNeed('http://localhost:5173', [LAB_DOH])).toBeUndefined();
  });

  it('public resolvers from a public page need nothing', () => {
    expect(
      localNetworkNeed(PUBLIC_PAGE, [
        'https://dns.google/dns-query',
        'https://cloudflare-dns.com/dns-query',
        'https://data.iana.org/rdap/dns.json',
      ]),
    ).toBeUndefined();
  });

  it('a public page asking loopback resolvers and a loopback registry: the loopback permission', () => {
    expect(
      localNetworkNeed(PUBLIC_PAGE, ['https://dns.google/dns-query', LAB_DOH, LAB_RDAP]),
    ).toEqual({
      targets: [
        { url: LAB_DOH, space: 'loopback' },
        { url: LAB_RDAP, space: 'loopback' },
      ],
      permissions: [['loopback-network', 'local-network-access']],
      insecurePage: false,
    });
  });

  it('loopback and private targets: both permissions, loopback first', () => {
    const need = localNetworkNeed(PUBLIC_PAGE, ['https://10.0.0.53/dns-query', LAB_DOH]);
    expect(need?.permissions).toEqual([
      ['loopback-network', 'local-network-access'],
      ['local-network', 'local-network-access'],
    ]);
  });

  it('a plain-http page off loopback cannot be allowed at all, and that is flagged', () => {
    expect(localNetworkNeed('http://lens.example', [LAB_DOH])?.insecurePage).toBe(true);
    expect(localNetworkNeed('http://192.168.1.20:4173', [LAB_DOH])?.insecurePage).toBe(true);
  });
});

describe('classifyNetworkFailure', () => {
  it('a refused permission explains a failed fetch to loopback from a public page', () => {
    expect(classifyNetworkFailure(LAB_DOH, PUBLIC_PAGE, 'denied')).toEqual({
      class: 'local-network-denied',
      message:
        'this browser was not allowed to reach 127.0.0.1:8531 on this computer: the permission to access devices on the local network (Local Network Access) is blocked for this site; allow it in the site settings and check again',
    });
  });

  it('names the local network for a private address', () => {
    expect(
      classifyNetworkFailure('https://192.168.1.1/dns-query', PUBLIC_PAGE, 'denied')?.message,
    ).toMatch(/^this browser was not allowed to reach 192\.168\.1\.1 on your local network:/);
  });

  it.each(['granted', 'prompt', 'unknown'] as const)(
    'a %s permission explains nothing: the failure stays the caller’s',
    (permission) => {
      expect(classifyNetworkFailure(LAB_DOH, PUBLIC_PAGE, permission)).toBeUndefined();
    },
  );

  it('nothing to explain when the page is on loopback or the target is public', () => {
    expect(classifyNetworkFailure(LAB_DOH, 'http://127.0.0.1:4173', 'denied')).toBeUndefined();
    expect(
      classifyNetworkFailure('https://dns.google/dns-query', PUBLIC_PAGE, 'denied'),
    ).toBeUndefined();
  });
});
