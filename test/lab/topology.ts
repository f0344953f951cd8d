/**
 * Where every lab server lives: loopback addresses and ports only (127.0.0.0/8).
 *
 * Authoritative servers sit on port 53 of their own loopback address, because iterative
 * resolvers follow glue to port 53 and cannot be told otherwise. The recursive resolvers
 * and their DoH fronts use unprivileged ports on 127.0.0.1.
 */

/** The authoritative servers, each a distinct address answered by one `named` (views). */
export type AuthServerId =
  'root' | 'tld' | 'child' | 'partial' | 'lame' | 'child-same-net' | 'child-other-net' | 'stale';

export interface AuthServer {
  readonly id: AuthServerId;
  readonly address: string;
  readonly role: string;
  /**
   * `minimal-responses yes` for this address: answers carry only what RFC 1034 requires
   * (no NS set in the authority section, no addresses in the additional one).
   */
  readonly minimalResponses?: boolean;
}

export const AUTH_PORT = 53;

export const AUTH_SERVERS: readonly AuthServer[] = [
  { id: 'root', address: '127.53.0.1', role: 'root zone "."' },
  { id: 'tld', address: '127.53.0.2', role: 'TLD "lab."' },
  { id: 'child', address: '127.53.0.3', role: 'most scenario zones under lab.' },
  { id: 'partial', address: '127.53.0.4', role: 'partial.lab. only (unreachable for "partial")' },
  { id: 'lame', address: '127.53.0.5', role: 'serves no zone: REFUSED for lame.lab.' },
  // Second name servers. The app judges whether servers share a network by their /24:
  // RFC 2182 §3.1 wants secondaries placed so that no one network failure takes all down.
  {
    id: 'child-same-net',
    address: '127.53.0.7',
    role: 'ns2 of two-ns.lab., in the same /24 as 127.53.0.3',
  },
  {
    id: 'child-other-net',
    address: '127.54.0.3',
    role: 'ns2 of spread-ns.lab., in another /24 than 127.53.0.3',
  },
  // Serve-stale (RFC 8767): unbound-stale caches stale.lab. from here, then lab:up takes
  // the address off `lo` (SILENCED_AUTH_SERVERS). Minimal answers, so that each cached
  // answer holds only records that nothing but this server can refresh: Unbound throws away
  // a cached message when one of its RRsets is replaced, and the referral from lab. would
  // replace a cached ns.stale.lab. A in the additional section with fresh glue.
  {
    id: 'stale',
    address: '127.53.0.8',
    role: 'stale.lab. only; goes silent once unbound-stale has cached it',
    minimalResponses: true,
  },
];

/**
 * Servers that lab:up silences once the resolvers are primed: their address is removed
 * from `lo`, named closes its socket on it (automatic interface scan), and from then on
 * queries get an ICMP port-unreachable, as for the dead server.
 */
export const SILENCED_AUTH_SERVERS: readonly AuthServerId[] = ['stale'];

/**
 * dead.lab. is delegated here. The address is never added to `lo` and nothing listens on
 * it; 127.0.0.0/8 is still routed locally, so queries get an ICMP port-unreachable and fail
 * at once instead of timing out (which keeps `lab:check` fast and deterministic).
 */
export const DEAD_ADDRESS = '127.53.0.6';

/** Host name of the root server, authoritative data in the root zone itself. */
export const ROOT_SERVER_NAME = 'a.root-servers.';

export function authServer(id: AuthServerId): AuthServer {
  const server = AUTH_SERVERS.find((candidate) => candidate.id === id);
  if (server === undefined) throw new Error(`unknown authoritative server ${id}`);
  return server;
}

/**
 * The lab registry's RDAP service (RFC 7480), one Node process on 127.0.0.1. It speaks
 * cleartext HTTP/1.1 like the DoH fronts, so a page on another port can fetch it (CORS).
 */
export const RDAP_HOST = '127.0.0.1';
export const RDAP_PORT = 8540;

export function rdapOrigin(): string {
  return `http://${RDAP_HOST}:${RDAP_PORT}`;
}

export type ResolverImplementation = 'unbound' | 'bind';

/**
 * A name the resolver answers by its own policy instead of resolving it: an Unbound
 * `local-zone` (unbound.conf(5)) with the action's `local-data` records.
 */
export type LocalZone =
  | { readonly name: string; readonly action: 'always_refuse' | 'always_nxdomain' }
  | { readonly name: string; readonly action: 'redirect'; readonly data: readonly string[] };

export interface ResolverSpec {
  readonly id: string;
  readonly label: string;
  readonly implementation: ResolverImplementation;
  /** Whether it runs a DNSSEC validator (Unbound's "validator" module, BIND's dnssec-validation). */
  readonly validating: boolean;
  /** UDP and TCP port on 127.0.0.1. */
  readonly port: number;
  /** Port of its DoH front on 127.0.0.1. */
  readonly dohPort: number;
  /**
   * Asked by every scenario unless it names its resolvers, and listed in the manifest's
   * `resolvers`; the others are in `extraResolvers` and only the scenarios that name them
   * ask them.
   */
  readonly askedByDefault: boolean;
  /** The public resolvers' behaviour it imitates (test/lab/README.md); none for the plain ones. */
  readonly imitates?: string;
  /** Extended DNS Errors (RFC 8914) in its answers (Unbound `ede`). */
  readonly ede: boolean;
  /** Serves expired answers when the authority fails (RFC 8767; Unbound `serve-expired`). */
  readonly serveExpired: boolean;
  /** Upper bound on cache TTLs, positive and negative, in seconds. */
  readonly cacheMaxTtl: number;
  /** Addresses it must never query (Unbound `do-not-query-address`). */
  readonly unreachable: readonly string[];
  /** Names it answers by local policy. */
  readonly localZones: readonly LocalZone[];
}

export const RESOLVER_HOST = '127.0.0.1';

/** What the four plain resolvers share. */
const plain = {
  askedByDefault: true,
  ede: true,
  serveExpired: false,
  cacheMaxTtl: 5,
  unreachable: [],
  localZones: [],
} as const;

/** The address unbound-filter gives www.forged.lab. instead of the signed one. */
export const FORGED_ADDRESS = '127.66.6.6';

export const RESOLVERS: readonly ResolverSpec[] = [
  {
    ...plain,
    id: 'unbound',
    label: 'Unbound (validating)',
    implementation: 'unbound',
    validating: true,
    port: 5301,
    dohPort: 8531,
  },
  {
    ...plain,
    id: 'bind',
    label: 'BIND (validating)',
    implementation: 'bind',
    validating: true,
    port: 5302,
    dohPort: 8532,
  },
  {
    ...plain,
    id: 'unbound-novalidate',
    label: 'Unbound (not validating)',
    implementation: 'unbound',
    validating: false,
    port: 5303,
    dohPort: 8533,
  },
  {
    ...plain,
    id: 'unbound-partial',
    label: 'Unbound (partial: no route to partial.lab, blocks www.blocked.lab)',
    implementation: 'unbound',
    validating: true,
    port: 5304,
    dohPort: 8534,
    unreachable: [authServer('partial').address],
    localZones: [{ name: 'www.blocked.lab.', action: 'always_refuse' }],
  },
  {
    ...plain,
    id: 'unbound-stale',
    label: 'Unbound (serve-stale: expired answers with EDE 3)',
    implementation: 'unbound',
    validating: true,
    port: 5305,
    dohPort: 8535,
    askedByDefault: false,
    imitates: 'serve-stale (RFC 8767), as Cloudflare does: an expired answer with EDE 3',
    serveExpired: true,
    // Short, so that lab:up waits little for the primed answers to expire.
    cacheMaxTtl: 1,
  },
  {
    ...plain,
    id: 'unbound-filter',
    label: 'Unbound (filtering without EDE: NXDOMAIN and a forged address)',
    implementation: 'unbound',
    validating: true,
    port: 5306,
    dohPort: 8536,
    askedByDefault: false,
    imitates:
      'filtering without EDE, as Quad9 and ISP resolvers do: a bare NXDOMAIN or a forged address',
    ede: false,
    localZones: [
      { name: 'www.filtered.lab.', action: 'always_nxdomain' },
      {
        name: 'www.forged.lab.',
        action: 'redirect',
        data: [`www.forged.lab. 300 IN A ${FORGED_ADDRESS}`],
      },
    ],
  },
];

export function dohUrl(resolver: Pick<ResolverSpec, 'dohPort'>): string {
  return `http://${RESOLVER_HOST}:${resolver.dohPort}/dns-query`;
}

export function resolverSpec(id: string): ResolverSpec {
  const resolver = RESOLVERS.find((candidate) => candidate.id === id);
  if (resolver === undefined) throw new Error(`unknown lab resolver ${id}`);
  return resolver;
}
