/**
 * RDAP bootstrap (RFC 9224): which registry's RDAP service answers for a domain name.
 *
 * The IANA file maps TLDs to base URLs: `{"services": [[["com", "net"], ["https://…/"]], …]}`.
 * A name is matched on its longest suffix of whole labels that an entry lists (§4); of a
 * service's URLs an https one is preferred (§3 "clients SHOULD use HTTPS").
 */

import { isLoopbackHost } from '../doh/resolvers';

/** The public bootstrap file for domain names, published by IANA. */
export const IANA_DNS_BOOTSTRAP = 'https://data.iana.org/rdap/dns.json';

export interface BootstrapService {
  /** The entry that matched, e.g. `com`. */
  readonly entry: string;
  /** Base URL, ending in a slash. */
  readonly base: string;
}

export type BootstrapParse =
  | { readonly ok: true; readonly services: ReadonlyMap<string, readonly string[]> }
  | { readonly ok: false; readonly message: string };

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads a bootstrap file (already parsed JSON) into entry → base URLs. Never throws. */
export function parseBootstrap(json: unknown): BootstrapParse {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, message: 'the bootstrap file is not a JSON object' };
  }
  const services: unknown = (json as Record<string, unknown>)['services'];
  if (!Array.isArray(services)) {
    return { ok: false, message: 'the bootstrap file has no `services` list' };
  }
  const map = new Map<string, string[]>();
  for (const service of services) {
    if (!Array.isArray(service) || service.length < 2) continue;
    const [entries, urls] = service as unknown[];
    if (!isStringList(entries) || !isStringList(urls)) continue;
    const usable = urls.filter((url) => /^https?:\/\//i.test(url));
    if (usable.length === 0) continue;
    for (const entry of entries) map.set(entry.toLowerCase().replace(/\.$/, ''), usable);
  }
  return { ok: true, services: map };
}

function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The service for `name` (longest label-suffix match), or undefined when none is listed. */
export function serviceFor(
  services: ReadonlyMap<string, readonly string[]>,
  name: string,
): BootstrapService | undefined {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < labels.length; i++) {
    const entry = labels.slice(i).join('.');
    const urls = services.get(entry);
    if (urls === undefined) continue;
    // https, or plain http on this machine (a lab); never plain http across a network.
    const url = urls.find((u) => /^https:/i.test(u)) ?? urls.find((u) => isLoopbackUrl(u));
    if (url === undefined) return undefined;
    return { entry, base: url.endsWith('/') ? url : `${url}/` };
  }
  return undefined;
}

/**
 * The names to ask the registry about, in order: the label right under the matched entry
 * (`example.com` for `www.example.com`), then one label deeper for registries that
 * register below a second-level suffix (`example.co.uk` under `uk`). Empty when the name
 * is the entry itself.
 *
 * @example registeredCandidates('www.shop.example.co.uk.', 'uk') // ['co.uk.', 'example.co.uk.']
 */
export function registeredCandidates(name: string, entry: string): string[] {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  const depth = entry.split('.').length;
  const out: string[] = [];
  for (let extra = 1; extra <= 2 && depth + extra <= labels.length; extra++) {
    out.push(`${labels.slice(labels.length - depth - extra).join('.')}.`);
  }
  return out;
}

/** `https://rdap.example/` + `example.com.` → `https://rdap.example/domain/example.com` */
export function domainQueryUrl(base: string, domain: string): string {
  return `${base}domain/${encodeURIComponent(domain.replace(/\.$/, ''))}`;
}
