/**
 * What is known about how long public resolvers keep a failure, and where their caches can
 * be flushed by hand: the resolver-side half of the fix ETA (fix-eta.ts).
 *
 * RFC 9520 §3.2: "Resolvers MUST cache resolution failures for at least 1 second" and
 * "MAY cache resolution failures for longer", but "MUST NOT cache resolution failures for
 * longer than 5 minutes". RFC 4035 §4.7 lets a validator keep data that failed validation
 * ("bad data") likewise, and RFC 9520 §3 counts a DNSSEC validation failure as a resolution
 * failure. So five minutes is the bound on how long a failure can outlive its cause.
 *
 * What the software does by default, as documented by its makers: Unbound keeps bogus data
 * for `val-bogus-ttl`, 60 s (and a key that failed validation blacks out its zone for a
 * fixed 60 s whatever that setting: test/lab/flush.ts); BIND keeps a SERVFAIL for
 * `servfail-ttl`, 1 s (it accepts at most 30 s). Neither figure can be applied here: a DoH URL does not say which software
 * answers behind it, nor how it is configured (the lab's resolvers set both to 0). Google
 * Public DNS and Cloudflare's 1.1.1.1 publish no failure-caching figure, so for every
 * resolver the bound is what can be promised, and the card says so.
 */

/** RFC 9520 §3.2: "MUST NOT cache resolution failures for longer than 5 minutes". */
export const FAILURE_CACHE_BOUND_SECONDS = 300;

/** How long a resolver may keep a failure, and where the figure comes from. */
export interface FailureCaching {
  readonly seconds: number;
  /** No service asked publishes its figure (module comment): RFC 9520's bound is used. */
  readonly from: 'rfc9520-bound';
}

/** A public resolver service with a page that empties its cache for one name. */
interface FlushPage {
  readonly service: string;
  /** Host names its DoH service answers on (lower case). */
  readonly hosts: readonly string[];
  readonly url: string;
  /** The host the link opens, for "opens dns.google". */
  readonly opens: string;
}

/**
 * Google's "Flush Cache" page (its developer documentation embeds https://dns.google/cache)
 * and Cloudflare's "Purge Cache" tool for 1.1.1.1 (its 1.1.1.1 FAQ links
 * https://one.one.one.one/purge-cache/). Both take a name and a type and empty that entry.
 */
const FLUSH_PAGES: readonly FlushPage[] = [
  {
    service: 'Google Public DNS',
    hosts: ['dns.google', 'dns.google.com', '8.8.8.8', '8.8.4.4'],
    url: 'https://dns.google/cache',
    opens: 'dns.google',
  },
  {
    service: 'Cloudflare 1.1.1.1',
    hosts: ['cloudflare-dns.com', 'one.one.one.one', '1.1.1.1', '1.0.0.1'],
    url: 'https://one.one.one.one/purge-cache/',
    opens: 'one.one.one.one',
  },
];

/** The host of a DoH URL, lower case (`https://dns.google/dns-query` → `dns.google`). */
function hostOfUrl(url: string): string {
  const match = /^https?:\/\/(\[[^\]]*\]|[^/:?#]*)/i.exec(url.trim());
  return (match?.[1] ?? '').toLowerCase();
}

/** The failure caching to assume for any resolver asked (the module comment says why). */
export const FAILURE_CACHING: FailureCaching = {
  seconds: FAILURE_CACHE_BOUND_SECONDS,
  from: 'rfc9520-bound',
};

/** The public cache-flush page of the service behind a DoH URL, when it has one. */
export function flushPageOf(
  resolverUrl: string,
): { readonly service: string; readonly url: string; readonly opens: string } | undefined {
  const host = hostOfUrl(resolverUrl);
  const page = FLUSH_PAGES.find((p) => p.hosts.includes(host));
  return page && { service: page.service, url: page.url, opens: page.opens };
}
