/**
 * Local Network Access (WICG draft, https://wicg.github.io/local-network-access/; enforced
 * from Chrome 142): a page from a public address that fetches a loopback or private address
 * needs the person's permission, and a Web Worker's fetches count as the page's. This file
 * decides, from URLs alone, whether a check will need that permission, and names a failed
 * fetch for what it is when the permission was refused.
 *
 * What the URL text can tell: IP literals are placed by the draft's "Non-public IP address
 * blocks" table (§2.1), `localhost` names are loopback (RFC 6761 §6.3), `.local` names are
 * local (RFC 6762; the draft's Fetch integration treats them so). Any other name is taken
 * as public: its addresses are only known when the browser connects. So the decision is
 * "the browser will ask" for those cases, and "probably not" otherwise.
 *
 * A request needs the permission when its target's address space is less public than the
 * page's (§2.2): public → local or loopback, local → loopback. Loopback pages (the lab,
 * `npm start` on 127.0.0.1) never need it.
 */

import { parseIpv4, parseIpv6 } from '../dns/ip';
import type { TransportError } from '../evidence/evidence';
import { hostOf } from '../net/host-of';

/** The draft's `IPAddressSpace` (§2.1). */
export type AddressSpace = 'public' | 'local' | 'loopback';

/** What the browser says of the permission; `unknown` when it cannot be read. */
export type LocalNetworkPermission = 'granted' | 'denied' | 'prompt' | 'unknown';

/**
 * The permission names to ask `navigator.permissions.query` about, in order: Chrome 145
 * split the permission in two (`loopback-network`, `local-network`; WICG/local-network-access
 * PR #87) and keeps `local-network-access`, the only name of Chrome 142–144, as an alias.
 */
export const PERMISSION_NAMES: Readonly<Record<'local' | 'loopback', readonly string[]>> = {
  loopback: ['loopback-network', 'local-network-access'],
  local: ['local-network', 'local-network-access'],
};

/** What a worker needs to name a refused fetch: the page's origin and the permission. */
export interface LocalNetworkContext {
  /** `location.origin` of the page (a worker's `self.location.origin` is the same). */
  readonly pageOrigin: string;
  readonly permission: LocalNetworkPermission;
}

type Block = readonly [prefix: readonly number[], bits: number, space: AddressSpace];

/** §2.1 "Non-public IP address blocks", IPv4 rows (most specific first). */
const V4_BLOCKS: readonly Block[] = [
  [[127], 8, 'loopback'], // RFC 1122
  [[0, 0, 0, 0], 32, 'loopback'], // the null address can reach this host
  [[198, 18], 15, 'loopback'], // RFC 2544 benchmarking
  [[10], 8, 'local'], // RFC 1918
  [[100, 64], 10, 'local'], // RFC 6598 carrier-grade NAT
  [[172, 16], 12, 'local'], // RFC 1918
  [[192, 168], 16, 'local'], // RFC 1918
  [[169, 254], 16, 'local'], // RFC 3927 link local
  [[0], 8, 'local'], // "this network"
];

/** §2.1, IPv6 rows (IPv4-mapped addresses are placed by the IPv4 address they carry). */
const V6_BLOCKS: readonly Block[] = [
  [[...Array<number>(15).fill(0), 1], 128, 'loopback'], // ::1, RFC 4291
  [Array<number>(16).fill(0), 128, 'loopback'], // ::, the unspecified address
  [[0xfc], 7, 'local'], // RFC 4193 unique local
  [[0xfe, 0x80], 10, 'local'], // RFC 4291 link local
  [[0xfe, 0xc0], 10, 'local'], // RFC 3513 site local
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'local'], // RFC 3849 documentation
  [[0x3f, 0xff], 20, 'local'], // RFC 9637 documentation
];

function inBlock(address: Uint8Array, [prefix, bits]: Block): boolean {
  for (let bit = 0; bit < bits; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if (((address[byte] ?? 0) & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

function spaceOf(address: Uint8Array, blocks: readonly Block[]): AddressSpace {
  return blocks.find((block) => inBlock(address, block))?.[2] ?? 'public';
}

/**
 * The address space of a URL host as written (`new URL(…).hostname`: IPv6 in brackets).
 *
 * @example addressSpaceOfHost('127.0.0.1') // 'loopback'
 * @example addressSpaceOfHost('[fd00::53]') // 'local'
 * @example addressSpaceOfHost('dns.google') // 'public'
 */
export function addressSpaceOfHost(hostname: string): AddressSpace {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  if (host.endsWith('.local')) return 'local';
  const v4 = parseIpv4(host);
  if (v4) return spaceOf(v4, V4_BLOCKS);
  const v6 = host.startsWith('[') && host.endsWith(']') ? parseIpv6(host.slice(1, -1)) : undefined;
  if (!v6) return 'public';
  // ::ffff:0:0/96, IPv4-mapped: the embedded IPv4 address decides (§2.1 step 1).
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff;
  return mapped ? spaceOf(v6.slice(12), V4_BLOCKS) : spaceOf(v6, V6_BLOCKS);
}

/** Of a page URL or origin: a `file:` page counts as loopback (as Chromium treats it). */
export function pageAddressSpace(pageOrigin: string): AddressSpace {
  try {
    const url = new URL(pageOrigin);
    return url.protocol === 'file:' ? 'loopback' : addressSpaceOfHost(url.hostname);
  } catch {
    return 'public';
  }
}

/** §2.1 "less public than". */
function lessPublic(target: AddressSpace, page: AddressSpace): boolean {
  return (
    (target === 'loopback' && page !== 'loopback') || (target === 'local' && page === 'public')
  );
}

/** The target's address space when a fetch from the page to it needs the permission. */
export function localNetworkTarget(
  pageOrigin: string,
  targetUrl: string,
): 'local' | 'loopback' | undefined {
  let target: AddressSpace;
  try {
    target = addressSpaceOfHost(new URL(targetUrl).hostname);
  } catch {
    return undefined;
  }
  return target !== 'public' && lessPublic(target, pageAddressSpace(pageOrigin))
    ? target
    : undefined;
}

function isPlainHttp(pageOrigin: string): boolean {
  try {
    return new URL(pageOrigin).protocol === 'http:';
  } catch {
    return false;
  }
}

export interface LocalNetworkNeed {
  /** The targets the browser will ask about, in the order given, each with its space. */
  readonly targets: readonly { readonly url: string; readonly space: 'local' | 'loopback' }[];
  /** Names for `navigator.permissions.query`, per space that occurs (PERMISSION_NAMES). */
  readonly permissions: readonly (readonly string[])[];
  /**
   * The page is not a secure context (plain http off loopback): the browser refuses these
   * requests without asking (draft §2.4), so no answer to a prompt can help.
   */
  readonly insecurePage: boolean;
}

/**
 * Whether the browser will ask for Local Network Access before this check's requests go
 * out: undefined when no target is less public than the page.
 *
 * @example localNetworkNeed('https://lens.example', ['http://127.0.0.1:8531/dns-query'])
 * // { targets: [{ url: 'http://127.0.0.1:8531/dns-query', space: 'loopback' }], permissions: [['loopback-network', 'local-network-access']], insecurePage: false }
 * @example localNetworkNeed('http://127.0.0.1:4173', ['http://127.0.0.1:8531/dns-query']) // undefined
 */
export function localNetworkNeed(
  pageOrigin: string,
  urls: readonly string[],
): LocalNetworkNeed | undefined {
  const targets = urls.flatMap((url) => {
    const space = localNetworkTarget(pageOrigin, url);
    return space === undefined ? [] : [{ url, space }];
  });
  if (targets.length === 0) return undefined;
  const spaces = (['loopback', 'local'] as const).filter((s) => targets.some((t) => t.space === s));
  return {
    targets,
    permissions: spaces.map((s) => PERMISSION_NAMES[s]),
    insecurePage: isPlainHttp(pageOrigin),
  };
}

/**
 * What a failed fetch (fetch rejected: no HTTP response) to `targetUrl` was, when Local
 * Network Access explains it: the permission is denied and the request needed it. Otherwise
 * undefined, and the caller keeps its `unreachable` (a browser shows a refusal, an offline
 * server and a missing CORS header alike). A `prompt` or `unknown` state explains nothing:
 * the person may have allowed it, and the server may simply be down.
 *
 * @example classifyNetworkFailure('http://127.0.0.1:8531/dns-query', 'https://lens.example', 'denied')
 * // { class: 'local-network-denied', message: 'this browser was not allowed to reach 127.0.0.1:8531 on this computer: …' }
 */
export function classifyNetworkFailure(
  targetUrl: string,
  pageOrigin: string,
  permission: LocalNetworkPermission,
): (TransportError & { readonly class: 'local-network-denied' }) | undefined {
  if (permission !== 'denied') return undefined;
  const space = localNetworkTarget(pageOrigin, targetUrl);
  if (space === undefined) return undefined;
  const where = space === 'loopback' ? 'on this computer' : 'on your local network';
  return {
    class: 'local-network-denied',
    message: `this browser was not allowed to reach ${hostOf(targetUrl)} ${where}: the permission to access devices on the local network (Local Network Access) is blocked for this site; allow it in the site settings and check again`,
  };
}
