/**
 * The resolvers asked by default, and the check a resolver URL typed by a person (or given
 * as `resolver=` in a link) must pass.
 *
 * The catalog holds CORS-capable public resolvers of different operators (facts.md: a 2022
 * survey and the operators' server code), because a verdict of "one resolver misbehaving"
 * needs independent implementations to compare. Whether a resolver validates DNSSEC is not
 * stored here: it is observed from its answers (the AD bit), never assumed.
 */

export interface CatalogResolver {
  /** The DoH URL, the resolver's identity in the Evidence and in `data-resolver`. */
  readonly url: string;
  /** Short name for the grid's column header. */
  readonly label: string;
  /** Who runs it. */
  readonly operator: string;
}

export const RESOLVER_CATALOG: readonly CatalogResolver[] = [
  { url: 'https://dns.google/dns-query', label: 'Google', operator: 'Google Public DNS' },
  { url: 'https://cloudflare-dns.com/dns-query', label: 'Cloudflare', operator: 'Cloudflare' },
  { url: 'https://doh.dns.sb/dns-query', label: 'DNS.SB', operator: 'DNS.SB' },
  { url: 'https://dns.alidns.com/dns-query', label: 'AliDNS', operator: 'Alibaba Cloud' },
];

export type ResolverUrlCheck =
  | {
      readonly ok: true;
      /** Normalised: lower-case scheme and host, default port dropped, a path present. */
      readonly url: string;
      /** What was changed, e.g. `added the usual path /dns-query`. */
      readonly notes: readonly string[];
    }
  | { readonly ok: false; readonly message: string };

const EXAMPLE = 'https://dns.google/dns-query';

/** RFC 6761 §6.3 `localhost` names, 127.0.0.0/8 (RFC 1122 §3.2.1.3) and ::1 (RFC 4291 §2.5.3). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(host) ||
    host === '[::1]'
  );
}

/**
 * Checks and normalises a DoH resolver URL: https, or plain http for a loopback host only
 * (design.md: this is how the lab and private trees are checked); no user name or
 * password; no fragment; no query string of its own (the app adds `?dns=`).
 *
 * @example validateResolverUrl('https://dns.google/dns-query') // { ok: true, url: 'https://dns.google/dns-query', notes: [] }
 * @example validateResolverUrl('http://dns.example/dns-query') // { ok: false, message: 'Plain http:// is allowed only…' }
 */
export function validateResolverUrl(input: string): ResolverUrlCheck {
  const notes: string[] = [];
  let text = input.trim();
  if (text === '') {
    return { ok: false, message: `Enter the URL of a DoH resolver, for example ${EXAMPLE}.` };
  }
  // RFC 8484 §3 publishes resolvers as URI templates; accept one pasted as is.
  if (/\{\?dns\}$/.test(text)) {
    text = text.slice(0, -'{?dns}'.length);
    notes.push('removed the URI template {?dns}');
  }
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    text = `https://${text}`;
    notes.push('assumed https://');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message: `"${input.trim()}" is not a URL. A DoH resolver URL looks like ${EXAMPLE}.`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `A DoH resolver URL must start with https:// (this one starts with ${url.protocol}).`,
    };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return {
      ok: false,
      message: `Plain http:// is allowed only for a resolver on this machine (127.0.0.0/8, localhost, [::1]); use https:// for ${url.hostname}.`,
    };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'A resolver URL must not contain a user name or password.' };
  }
  if (text.includes('#')) {
    return { ok: false, message: 'A resolver URL must not contain a fragment (the part after #).' };
  }
  if (url.searchParams.has('dns')) {
    return {
      ok: false,
      message:
        'The URL already carries a dns= parameter; give the resolver URL without it (the app adds the query).',
    };
  }
  // RFC 8484 §4.1 builds a GET from the URI template with `dns` as its only variable. A
  // query of its own (`?key=…`, `?ref=…`) would go out with every question this resolver
  // is asked, on top of what the person sees: a link could use it to tag or track them.
  if (text.includes('?')) {
    return {
      ok: false,
      message: `A resolver URL must not carry a query string (the part from ?): the app adds its own dns= query, and nothing else is sent. Give it as ${url.origin}${url.pathname}.`,
    };
  }
  if (url.pathname === '/') {
    url.pathname = '/dns-query';
    notes.push('added the usual path /dns-query');
  }
  return { ok: true, url: url.href, notes };
}
