/**
 * What a link makes the browser ask beyond the person's settings (ui/provenance): other
 * resolvers (in any order the same set is no difference), another RDAP bootstrap file, or
 * the registry turned off.
 */
import { describe, expect, it } from 'vitest';
import { linkRequests } from '../../../src/ui/provenance/link-requests';

const GOOGLE = 'https://dns.google/dns-query';
const CLOUDFLARE = 'https://cloudflare-dns.com/dns-query';
const LAB = 'http://127.0.0.1:8531/dns-query';
const IANA = 'https://data.iana.org/rdap/dns.json';
const LAB_RDAP = 'http://127.0.0.1:8540/bootstrap/dns.json';

describe('linkRequests', () => {
  it('is null when the link asks what the settings ask, in any order', () => {
    const yours = [GOOGLE, CLOUDFLARE];
    expect(
      linkRequests({ asked: [CLOUDFLARE, GOOGLE], yours, bootstrap: IANA, yourBootstrap: IANA }),
    ).toBeNull();
    expect(
      linkRequests({ asked: yours, yours, bootstrap: undefined, yourBootstrap: undefined }),
    ).toBeNull();
  });

  it('names every resolver asked when the set differs (one more, one fewer, others)', () => {
    const yours = [GOOGLE, CLOUDFLARE];
    for (const asked of [[LAB], [GOOGLE], [GOOGLE, CLOUDFLARE, LAB]]) {
      expect(linkRequests({ asked, yours, bootstrap: IANA, yourBootstrap: IANA })).toEqual({
        resolvers: asked,
        differentResolvers: true,
      });
    }
  });

  it('names another bootstrap file, and says when the link skips the registry', () => {
    const same = { asked: [GOOGLE], yours: [GOOGLE] };
    expect(linkRequests({ ...same, bootstrap: LAB_RDAP, yourBootstrap: IANA })).toEqual({
      resolvers: [],
      differentResolvers: false,
      bootstrap: LAB_RDAP,
    });
    // The registry off in the settings: a link that asks one is still another request.
    expect(linkRequests({ ...same, bootstrap: IANA, yourBootstrap: undefined })).toEqual({
      resolvers: [],
      differentResolvers: false,
      bootstrap: IANA,
    });
    expect(linkRequests({ ...same, bootstrap: undefined, yourBootstrap: IANA })).toEqual({
      resolvers: [],
      differentResolvers: false,
      registryOff: true,
    });
  });

  it('a lab link: the lab resolvers and the lab bootstrap, both named', () => {
    expect(
      linkRequests({ asked: [LAB], yours: [GOOGLE], bootstrap: LAB_RDAP, yourBootstrap: IANA }),
    ).toEqual({ resolvers: [LAB], differentResolvers: true, bootstrap: LAB_RDAP });
  });
});
