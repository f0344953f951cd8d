/**
 * Commands that repeat one exchange from a terminal, so a domain owner can check a finding
 * without trusting this app: `dig` over DoH (BIND ≥ 9.18) and `curl` with the exact query
 * bytes. Everything that came from a person or the network is shell-quoted.
 *
 * dig gets `+https-get` rather than `+https`: plain `+https` POSTs, while the app sends a
 * GET (RFC 8484 §4.1), and a GET with ID 0 can be answered from an HTTP cache, which is
 * part of what is being reproduced.
 */

import { toBase64Url } from './base64url';
import { buildQuery } from './query';

export interface ReproduceOptions {
  /** The resolver's DoH URL, e.g. `https://dns.google/dns-query`. */
  readonly resolver: string;
  /** Fully qualified A-label name. */
  readonly name: string;
  /** Type mnemonic. */
  readonly type: string;
  readonly cd?: boolean;
  /** DNSSEC OK; default true. */
  readonly do?: boolean;
}

/**
 * POSIX shell quoting: safe words as they are, anything else in single quotes.
 *
 * @example shellQuote('example.com.') // 'example.com.'
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

interface ResolverParts {
  readonly secure: boolean;
  /** Host for `@`, IPv6 without brackets. */
  readonly host: string;
  readonly port: number | undefined;
  /** Path and query, e.g. `/dns-query`. */
  readonly path: string;
}

/** Splits a DoH URL without `URL` (not available in the pure layers). */
function resolverParts(url: string): ResolverParts | undefined {
  const m = /^(https?):\/\/(?:[^@/?#]*@)?(\[[0-9a-fA-F:.]+\]|[^/:?#]+)(?::([0-9]+))?([^#]*)/i.exec(
    url,
  );
  if (!m) return undefined;
  const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
  return {
    secure: m[1]!.toLowerCase() === 'https',
    host,
    port: m[3] === undefined ? undefined : Number(m[3]),
    path: m[4] === '' ? '/' : m[4]!,
  };
}

/** The arguments after `dig`, unquoted words; {@link digCommand} quotes them. */
export function digArguments(o: ReproduceOptions): readonly string[] {
  const parts = resolverParts(o.resolver);
  const args: string[] = [];
  if (parts === undefined) {
    args.push(`@${o.resolver}`);
  } else {
    args.push(`@${parts.host}`);
    const defaultPort = parts.secure ? 443 : 80;
    if (parts.port !== undefined && parts.port !== defaultPort) args.push('-p', String(parts.port));
    args.push(`${parts.secure ? '+https-get' : '+http-plain-get'}=${parts.path}`);
  }
  args.push(o.name, o.type);
  if (o.do ?? true) args.push('+dnssec');
  if (o.cd) args.push('+cd');
  return args;
}

/**
 * A dig command (BIND ≥ 9.18, built with DoH) that sends the same question.
 *
 * @example digCommand({ resolver: 'https://dns.google/dns-query', name: 'example.com.', type: 'A', cd: true })
 * // 'dig @dns.google +https-get=/dns-query example.com. A +dnssec +cd'
 */
export function digCommand(o: ReproduceOptions): string {
  return ['dig', ...digArguments(o)].map((w, i) => (i === 0 ? w : shellQuote(w))).join(' ');
}

/** dnspython prints a wire message as text; curl alone would print binary. */
export const CURL_DECODER =
  "python3 -c 'import sys, dns.message; print(dns.message.from_wire(sys.stdin.buffer.read()))'";

/**
 * A curl command that sends the very bytes the app sends (GET `?dns=`, RFC 8484 §4.1) and
 * pipes the answer to a decoder (dnspython: `pip install dnspython`).
 *
 * @example curlCommand({ resolver: 'https://dns.google/dns-query', name: 'example.com.', type: 'A' })
 * // "curl -sS -H 'accept: application/dns-message' 'https://dns.google/dns-query?dns=AAABAAAB…' | python3 -c '…'"
 */
export function curlCommand(o: ReproduceOptions): string {
  const query = buildQuery({ name: o.name, type: o.type, cd: o.cd ?? false, do: o.do ?? true });
  const base = o.resolver.split('#')[0]!;
  const url = `${base}${base.includes('?') ? '&' : '?'}dns=${toBase64Url(query)}`;
  return [
    'curl -sS -H',
    shellQuote('accept: application/dns-message'),
    shellQuote(url),
    '|',
    CURL_DECODER,
  ].join(' ');
}
