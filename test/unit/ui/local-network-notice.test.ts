/**
 * The Local Network Access notice's words: shown only when a public page reaches loopback
 * or private addresses, naming the hosts, and saying what to do for each permission state.
 */
import { describe, expect, it } from 'vitest';
import { localNetworkNoticeText, type NoticeInput } from '../../../src/ui/local-network-notice';

const PUBLIC_PAGE = 'https://lens.example';
const LAB = [8531, 8532, 8533, 8534].map((port) => `http://127.0.0.1:${port}/dns-query`);
const LAB_RDAP = 'http://127.0.0.1:8540/bootstrap/dns.json';
const IANA = 'https://data.iana.org/rdap/dns.json';

const lab = (extra: Partial<NoticeInput> = {}): NoticeInput => ({
  pageOrigin: PUBLIC_PAGE,
  resolvers: LAB.slice(0, 2),
  rdapBootstrap: IANA,
  ...extra,
});

describe('localNetworkNoticeText', () => {
  it('says nothing on a page served from loopback (the lab, npm start)', () => {
    const input = lab({ pageOrigin: 'http://127.0.0.1:4173', rdapBootstrap: LAB_RDAP });
    for (const state of ['prompt', 'denied', 'granted', 'unknown'] as const) {
      expect(localNetworkNoticeText(input, state)).toBeUndefined();
    }
  });

  it('says nothing when every resolver and the registry are public', () => {
    const input = lab({ resolvers: ['https://dns.google/dns-query'] });
    expect(localNetworkNoticeText(input, 'prompt')).toBeUndefined();
  });

  it('before the prompt: what the browser will ask, and why', () => {
    expect(localNetworkNoticeText(lab(), 'prompt')).toBe(
      'This check asks resolvers on your own machine (127.0.0.1:8531, 127.0.0.1:8532); your browser may ask to allow access to devices on your local network. Allow it for the check to work.',
    );
    expect(localNetworkNoticeText(lab(), 'unknown')).toBe(localNetworkNoticeText(lab(), 'prompt'));
  });

  it('names three hosts, then “…”, and the registry when it is local too', () => {
    expect(localNetworkNoticeText(lab({ resolvers: LAB, rdapBootstrap: LAB_RDAP }), 'prompt')).toBe(
      'This check asks resolvers on your own machine (127.0.0.1:8531, 127.0.0.1:8532, 127.0.0.1:8533\u00a0…) and the registry’s bootstrap file at 127.0.0.1:8540; your browser may ask to allow access to devices on your local network. Allow it for the check to work.',
    );
  });

  it('public resolvers and a loopback registry: only the registry is named', () => {
    const input = lab({ resolvers: ['https://dns.google/dns-query'], rdapBootstrap: LAB_RDAP });
    expect(localNetworkNoticeText(input, 'prompt')).toMatch(
      /^This check asks the registry’s bootstrap file on your own machine \(127\.0\.0\.1:8540\);/,
    );
  });

  it('a private address is on the local network; both kinds are named together', () => {
    expect(
      localNetworkNoticeText(lab({ resolvers: ['https://192.168.1.1/dns-query'] }), 'prompt'),
    ).toMatch(/^This check asks resolvers on your local network \(192\.168\.1\.1\);/);
    expect(
      localNetworkNoticeText(
        lab({ resolvers: ['https://192.168.1.1/dns-query', LAB[0]!] }),
        'prompt',
      ),
    ).toMatch(/^This check asks resolvers on your own machine and your local network \(/);
  });

  it('denied: the requests will fail, and where to allow them', () => {
    expect(localNetworkNoticeText(lab(), 'denied')).toBe(
      'This check asks resolvers on your own machine (127.0.0.1:8531, 127.0.0.1:8532), but your browser blocks this site from reaching devices on your local network, so those requests will fail. Allow local network access in the site settings (the icon left of the address) and check again.',
    );
  });

  it('granted: a quiet confirmation', () => {
    expect(localNetworkNoticeText(lab(), 'granted')).toBe(
      'This check asks resolvers on your own machine (127.0.0.1:8531, 127.0.0.1:8532); your browser allows this site to reach them.',
    );
  });

  it('a plain-http page off loopback: no prompt can help, so it says to use https', () => {
    expect(localNetworkNoticeText(lab({ pageOrigin: 'http://lens.example' }), 'prompt')).toMatch(
      /but this page is not served over https, so your browser will not let it reach them\. Open SERVFAIL Lens over https, or from localhost\.$/,
    );
  });
});
