/**
 * The lab registry's RDAP bodies, written by hand from its records: the RFC 9224 bootstrap
 * file, RFC 9083 domain objects and error objects, and the RFC 9082 domain look-up.
 *
 * Pure (no I/O), so the server in rdap-server.ts only routes and adds headers.
 */
import { domainToASCII } from 'node:url';
import { registryDomain, type Registry, type RegistryDomain, type RegistryDs } from './registry';

/** RFC 9083 §4.1: the only conformance level this server claims. */
const CONFORMANCE = ['rdap_level_0'] as const;

/** RFC 9224 §3: `services` is a list of [entry names, base URLs]. */
export interface RdapBootstrap {
  readonly version: '1.0';
  readonly publication: string;
  readonly description: string;
  readonly services: readonly (readonly [readonly string[], readonly string[]])[];
}

export interface RdapNameserver {
  readonly objectClassName: 'nameserver';
  readonly ldhName: string;
  /** Only for hosts with glue (RFC 9083 §5.2). */
  readonly ipAddresses?: { readonly v4: readonly string[] };
}

export interface RdapEvent {
  readonly eventAction: 'registration' | 'last changed';
  readonly eventDate: string;
}

export interface RdapLink {
  readonly value: string;
  readonly rel: 'self';
  readonly href: string;
  readonly type: 'application/rdap+json';
}

export interface RdapNotice {
  readonly title: string;
  readonly description: readonly string[];
}

/** RFC 9083 §5.3, the members the lab fills in. */
export interface RdapDomain {
  readonly rdapConformance: readonly string[];
  readonly objectClassName: 'domain';
  readonly handle: string;
  readonly ldhName: string;
  readonly status: readonly string[];
  readonly nameservers: readonly RdapNameserver[];
  readonly secureDNS: {
    readonly delegationSigned: boolean;
    /** Absent when the delegation is unsigned. */
    readonly dsData?: readonly RegistryDs[];
  };
  readonly events: readonly RdapEvent[];
  readonly links: readonly RdapLink[];
  readonly notices: readonly RdapNotice[];
}

/** RFC 9083 §6. */
export interface RdapError {
  readonly rdapConformance: readonly string[];
  readonly errorCode: number;
  readonly title: string;
  readonly description: readonly string[];
}

const NOTICE: RdapNotice = {
  title: 'SERVFAIL Lens lab registry',
  description: [
    'This is the test registry of the SERVFAIL Lens DNS lab for the TLD "lab", on loopback only.',
    'Its records are made afresh, with the DNS tree they describe, by every `npm run lab:up`.',
  ],
};

/** The bootstrap file mapping the registry's TLD to one RDAP base URL (ending in `/`). */
export function bootstrapFile(registry: Registry, baseUrl: string): RdapBootstrap {
  return {
    version: '1.0',
    publication: registry.publishedAt,
    description: 'SERVFAIL Lens lab registry',
    services: [[[registry.tld], [baseUrl]]],
  };
}

export function domainObject(domain: RegistryDomain, selfUrl: string): RdapDomain {
  return {
    rdapConformance: CONFORMANCE,
    objectClassName: 'domain',
    handle: domain.handle,
    ldhName: domain.ldhName,
    status: domain.status,
    nameservers: domain.nameservers.map((host) => ({
      objectClassName: 'nameserver',
      ldhName: host.ldhName,
      ...(host.ipv4.length > 0 ? { ipAddresses: { v4: host.ipv4 } } : {}),
    })),
    secureDNS: {
      delegationSigned: domain.delegationSigned,
      ...(domain.ds.length > 0 ? { dsData: domain.ds } : {}),
    },
    events: [
      { eventAction: 'registration', eventDate: domain.registered },
      { eventAction: 'last changed', eventDate: domain.lastChanged },
    ],
    links: [{ value: selfUrl, rel: 'self', href: selfUrl, type: 'application/rdap+json' }],
    notices: [NOTICE],
  };
}

export function errorObject(errorCode: number, title: string, description: string): RdapError {
  return { rdapConformance: CONFORMANCE, errorCode, title, description: [description] };
}

export type DomainLookup =
  | { readonly kind: 'found'; readonly domain: RegistryDomain }
  | { readonly kind: 'not-found'; readonly reason: string }
  | { readonly kind: 'bad-request'; readonly reason: string };

/**
 * Finds the domain named by the path segment of `/domain/<name>` (RFC 9082 §3.1.3):
 * percent-decoded, any case, a trailing dot tolerated; A-labels match as given and
 * U-labels are converted to A-labels (the RFC allows either form). Only names directly
 * under the registry's TLD can be registered there.
 */
export function lookupDomain(registry: Registry, segment: string): DomainLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return { kind: 'bad-request', reason: `not a percent-encoded domain name: ${segment}` };
  }
  const name = domainToASCII(decoded.replace(/\.$/, ''));
  if (name === '') return { kind: 'bad-request', reason: `not a domain name: ${decoded}` };
  const labels = name.split('.');
  if (labels.length !== 2 || labels[1] !== registry.tld) {
    return { kind: 'not-found', reason: `${name} is not a domain directly under ${registry.tld}` };
  }
  const domain = registryDomain(registry, name);
  return domain === undefined
    ? { kind: 'not-found', reason: `${name} is not registered` }
    : { kind: 'found', domain };
}
