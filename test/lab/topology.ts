/**
 * Where every lab server lives: loopback addresses and ports only (127.0.0.0/8).
 *
 * Authoritative servers sit on port 53 of their own loopback address, because iterative
 * resolvers follow glue to port 53 and cannot be told otherwise. The recursive resolvers
 * and their DoH fronts use unprivileged ports on 127.0.0.1.
 */

/** The authoritative servers, each a distinct address answered by one `named` (views). */
export type AuthServerId =
  'root' | 'tld' | 'child' | 'partial' | 'lame' | 'child-same-net' | 'child-other-net';

export interface AuthServer {
  readonly id: AuthServerId;
  readonly address: string;
  readonly role: string;
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
];

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
  /** Addresses it must never query (Unbound `do-not-query-address`). */
  readonly unreachable: readonly string[];
  /** Names it refuses by local policy. */
  readonly blocked: readonly string[];
}

export const RESOLVER_HOST = '127.0.0.1';

export const RESOLVERS: readonly ResolverSpec[] = [
  {
    id: 'unbound',
    label: 'Unbound (validating)',
    implementation: 'unbound',
    validating: true,
    port: 5301,
    dohPort: 8531,
    unreachable: [],
    blocked: [],
  },
  {
    id: 'bind',
    label: 'BIND (validating)',
    implementation: 'bind',
    validating: true,
    port: 5302,
    dohPort: 8532,
    unreachable: [],
    blocked: [],
  },
  {
    id: 'unbound-novalidate',
    label: 'Unbound (not validating)',
    implementation: 'unbound',
    validating: false,
    port: 5303,
    dohPort: 8533,
    unreachable: [],
    blocked: [],
  },
  {
    id: 'unbound-partial',
    label: 'Unbound (partial: no route to partial.lab, blocks www.blocked.lab)',
    implementation: 'unbound',
    validating: true,
    port: 5304,
    dohPort: 8534,
    unreachable: [authServer('partial').address],
    blocked: ['www.blocked.lab.'],
  },
];

export function dohUrl(resolver: ResolverSpec): string {
  return `http://${RESOLVER_HOST}:${resolver.dohPort}/dns-query`;
}
