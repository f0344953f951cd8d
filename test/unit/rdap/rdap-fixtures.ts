/**
 * RDAP bodies for the unit tests, written by hand in the shape real registries send: a
 * bootstrap file like IANA's (RFC 9224 §3), a domain object like Verisign's answer for
 * example.com (RFC 9083 §5.3: upper-case names, entities, links and notices the projection
 * drops), and a fake `fetch` that routes by URL and records every request.
 */

import type { Evidence, RdapDomainRecord, RdapLookup } from '../../../src/evidence/evidence';

/** Like https://data.iana.org/rdap/dns.json, cut down to the entries the tests need. */
export function ianaLikeBootstrap(): unknown {
  return {
    description: 'RDAP bootstrap file for Domain Name System registrations',
    publication: '2025-01-07T16:00:01Z',
    version: '1.0',
    services: [
      [['com', 'net'], ['https://rdap.verisign.com/com/v1/']],
      [['uk'], ['https://rdap.nominet.uk/uk/']],
      [['lab'], ['http://127.0.0.1:8540/']],
    ],
  };
}

/** Verisign's answer for example.com, trimmed of long notices but in its real shape. */
export function verisignExampleCom(): Record<string, unknown> {
  return {
    objectClassName: 'domain',
    handle: '2336799_DOMAIN_COM-VRSN',
    ldhName: 'EXAMPLE.COM',
    links: [
      {
        value: 'https://rdap.verisign.com/com/v1/domain/EXAMPLE.COM',
        rel: 'self',
        href: 'https://rdap.verisign.com/com/v1/domain/EXAMPLE.COM',
        type: 'application/rdap+json',
      },
    ],
    status: ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
    entities: [
      {
        objectClassName: 'entity',
        handle: '376',
        roles: ['registrar'],
        vcardArray: [
          'vcard',
          [
            ['version', {}, 'text', '4.0'],
            ['fn', {}, 'text', 'RESERVED-IANA'],
          ],
        ],
      },
    ],
    events: [
      { eventAction: 'registration', eventDate: '1995-08-14T04:00:00Z' },
      { eventAction: 'expiration', eventDate: '2025-08-13T04:00:00Z' },
      { eventAction: 'last changed', eventDate: '2024-08-14T07:01:34Z' },
      { eventAction: 'last update of RDAP database', eventDate: '2025-01-08T10:41:07Z' },
    ],
    secureDNS: {
      delegationSigned: true,
      dsData: [
        {
          keyTag: 370,
          algorithm: 13,
          digestType: 2,
          digest: 'BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C',
        },
      ],
    },
    nameservers: [
      { objectClassName: 'nameserver', ldhName: 'A.IANA-SERVERS.NET' },
      { objectClassName: 'nameserver', ldhName: 'B.IANA-SERVERS.NET' },
    ],
    rdapConformance: [
      'rdap_level_0',
      'icann_rdap_technical_implementation_guide_0',
      'icann_rdap_response_profile_0',
    ],
    notices: [
      {
        title: 'Terms of Use',
        description: ['Service subject to Terms of Use.'],
        links: [
          {
            href: 'https://www.verisign.com/domain-names/registration-data-access-protocol/terms-service/index.xhtml',
            type: 'text/html',
          },
        ],
      },
    ],
  };
}

/** What `domainRecordOf` keeps of `verisignExampleCom()`. */
export function exampleComRecord(): RdapDomainRecord {
  return {
    ldhName: 'EXAMPLE.COM',
    status: ['client delete prohibited', 'client transfer prohibited', 'client update prohibited'],
    nameservers: [
      { ldhName: 'A.IANA-SERVERS.NET', v4: [], v6: [] },
      { ldhName: 'B.IANA-SERVERS.NET', v4: [], v6: [] },
    ],
    delegationSigned: true,
    dsData: [
      {
        keyTag: 370,
        algorithm: 13,
        digestType: 2,
        digest: 'BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C',
      },
    ],
    events: [
      { action: 'registration', date: '1995-08-14T04:00:00Z' },
      { action: 'expiration', date: '2025-08-13T04:00:00Z' },
      { action: 'last changed', date: '2024-08-14T07:01:34Z' },
      { action: 'last update of RDAP database', date: '2025-01-08T10:41:07Z' },
    ],
  };
}

/** An RFC 9083 §6 error object, as registries send with a 404. */
export function rdapNotFound(): unknown {
  return {
    rdapConformance: ['rdap_level_0'],
    errorCode: 404,
    title: 'Not Found',
    description: ['The requested domain was not found.'],
  };
}

/** A handler for one URL; called afresh per request, since a Response is read once. */
export type Route = (init: RequestInit | undefined) => Response | Promise<Response>;

export interface FakeFetch {
  readonly fetchImpl: typeof fetch;
  /** Every request, in order. */
  readonly calls: { readonly url: string; readonly init: RequestInit | undefined }[];
  /** How many requests went to `url`. */
  count(url: string): number;
}

/**
 * A `fetch` that answers from `routes` by exact URL. An unrouted URL gets HTTP 418, so a
 * request the test did not expect shows up as a visible `http-status`, not as a pass.
 */
export function fakeFetch(routes: Readonly<Record<string, Route>>): FakeFetch {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    calls.push({ url, init });
    const route = routes[url];
    return route ? route(init) : new Response(null, { status: 418 });
  };
  return {
    fetchImpl: fetchImpl as typeof fetch,
    calls,
    count: (url) => calls.filter((c) => c.url === url).length,
  };
}

/** A JSON answer, `application/rdap+json` unless told otherwise. */
export function json(body: unknown, status = 200, type = 'application/rdap+json'): Route {
  return () => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** What a browser's fetch does when its signal fires: reject with an AbortError. */
function abortError(): DOMException {
  return new DOMException('The operation was aborted.', 'AbortError');
}

/** A request that never answers; it ends, like a real fetch, when its signal aborts. */
export const hanging: Route = (init) =>
  new Promise<Response>((_, reject) => {
    const signal = init?.signal;
    if (signal?.aborted) reject(abortError());
    signal?.addEventListener('abort', () => reject(abortError()), { once: true });
  });

/** A bootstrap URL no other test has used: the lookup module caches bootstrap files per URL. */
let serial = 0;
export function freshBootstrapUrl(): string {
  serial += 1;
  return `https://bootstrap${serial}.test/rdap/dns.json`;
}

/** The smallest valid Evidence to carry lookups: one resolver, no exchanges. */
export function evidenceWith(rdap: readonly RdapLookup[] | undefined): Evidence {
  return {
    version: 1,
    question: { name: 'www.example.com.', type: 'A' },
    resolvers: [{ url: 'https://dns.google/dns-query', label: 'Google' }],
    trustAnchors: [],
    startedAt: 1_790_000_000_000,
    finishedAt: 1_790_000_000_900,
    exchanges: [],
    ...(rdap === undefined ? {} : { rdap }),
  };
}
