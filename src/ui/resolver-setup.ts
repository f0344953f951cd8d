/**
 * Which resolvers and trust anchors a check uses: the URL's `resolver=`/`ta=` when present
 * (design.md: they replace the defaults), else the settings. Invalid URLs are reported,
 * not silently dropped.
 */
import type { EvidenceResolver } from '../evidence/evidence';
import { RESOLVER_CATALOG, validateResolverUrl } from '../doh/resolvers';

export interface ResolverSetup {
  readonly resolvers: readonly EvidenceResolver[];
  /** One message per URL that was rejected. */
  readonly rejected: readonly string[];
}

export function resolverLabel(url: string): string {
  const known = RESOLVER_CATALOG.find((r) => r.url === url);
  if (known) return known.label;
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/dns-query' ? parsed.host : `${parsed.host}${parsed.pathname}`;
  } catch {
    return url;
  }
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
