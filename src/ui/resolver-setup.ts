/**
 * Which resolvers, trust anchors and registry lookup a check uses: the URL's `resolver=`/`ta=` when present
 * (design.md: they replace the defaults), else the settings. Invalid URLs are reported,
 * not silently dropped.
 */
import type { EvidenceResolver } from '../evidence/evidence';
import { isLoopbackHost, RESOLVER_CATALOG, validateResolverUrl } from '../doh/resolvers';
import { IANA_DNS_BOOTSTRAP } from '../rdap/bootstrap';
import { EVIDENCE_LIMITS } from '../evidence/limits';

export interface ResolverSetup {
  readonly resolvers: readonly EvidenceResolver[];
  /** One message per URL that was rejected. */
  readonly rejected: readonly string[];
}

/** The grid's name for a resolver: the catalog's, else its host (and path when unusual). */
export function resolverLabel(url: string): string {
  const known = RESOLVER_CATALOG.find((r) => r.url === url);
  if (known) return known.label;
  let label: string;
  try {
    const parsed = new URL(url);
    label = parsed.pathname === '/dns-query' ? parsed.host : `${parsed.host}${parsed.pathname}`;
  } catch {
    label = url;
  }
  // Within what the Evidence reader keeps (a long path would make the result unsavable).
  const max = EVIDENCE_LIMITS.labelCharacters;
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

export function setUpResolvers(urls: readonly string[]): ResolverSetup {
  const resolvers: EvidenceResolver[] = [];
  const rejected: string[] = [];
  for (const url of urls) {
    const result = validateResolverUrl(url);
    if (!result.ok) {
      rejected.push(`${url}: ${result.message}`);
      continue;
    }
    if (resolvers.some((r) => r.url === result.url)) continue;
    resolvers.push({ url: result.url, label: resolverLabel(result.url) });
  }
  return { resolvers, rejected };
}

export interface RegistrySetup {
  /** The RDAP bootstrap file to use; undefined: the registry is not asked. */
  readonly bootstrap?: string;
  /** Why the URL's `rdap=` was not used. */
  readonly problem?: string;
}

/**
 * Where the registry is looked up: the URL's `rdap=` (a bootstrap file, or `off`) wins over
 * the setting. A bootstrap file must be https, or http on this machine (like resolvers).
 */
export function setUpRegistry(param: string | null, enabled: boolean): RegistrySetup {
  const fallback = enabled ? { bootstrap: IANA_DNS_BOOTSTRAP } : {};
  if (param === null) return fallback;
  if (param.toLowerCase() === 'off') return {};
  let url: URL;
  try {
    url = new URL(param);
  } catch {
    return {
      ...fallback,
      problem: `rdap=${param} is not a URL; the registry is looked up as usual.`,
    };
  }
  const local = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    return {
      ...fallback,
      problem: `rdap=${param}: an RDAP bootstrap file must be https:// (plain http only on this machine); the registry is looked up as usual.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return {
      ...fallback,
      problem: `rdap=${param}: an RDAP bootstrap URL must not contain a user name or password; the registry is looked up as usual.`,
    };
  }
  return { bootstrap: url.href };
}
