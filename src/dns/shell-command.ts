/**
 * Every shell command the app offers for copying is built here, from typed arguments, and
 * nowhere else: the `dig` and `curl` commands that repeat an exchange over DoH (so a domain
 * owner can check a finding without trusting this app), the plain `dig @server … +norec`
 * and `dig … +trace` a lame delegation calls for, and `dig <host> A`.
 *
 * What goes into a command came from DNS data (a label may hold any octet, RFC 2181 §11:
 * dots, spaces, `;`, `$(`, backticks, quotes, line breaks), from a link or from the search
 * box. So every word is quoted for a POSIX shell ({@link shellQuote}), and every name is
 * first written in presentation format with every octet a shell or Markdown treats
 * specially escaped as RFC 1035 §5.1 allows (`\X`, `\DDD`; {@link commandName}): the word
 * stays one line of printable ASCII, pastes as one argument, and `dig` reads the same
 * name from it. A name cannot start with `-`, `+` or `@`, which dig would take for an
 * option or a server; a type that is not a type mnemonic goes after `-t`.
 *
 * dig gets `+https-get` rather than `+https`: plain `+https` POSTs, while the app sends a
 * GET (RFC 8484 §4.1), and a GET with ID 0 can be answered from an HTTP cache, which is
 * part of what is being reproduced.
 */

import { toBase64Url } from './base64url';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ip';
import { buildQuery } from './query';
import { nameFromText } from './wire/name';
import { typeFromText, typeToText } from './wire/types';

declare const built: unique symbol;

/**
 * One command line made by this module: one line, every word quoted. Only this module
 * makes them (the brand), so a command cannot be pieced together elsewhere by accident.
 */
export type ShellCommand = string & { readonly [built]: true };

/** The options the app's commands use; nothing else reaches a command line. */
export type DigFlag = '+norec' | '+trace' | '+dnssec' | '+cd';

/** Whom dig asks. */
export type DigServer =
  /** An IP address (from glue, an A record or a resolver's text); else taken as a host name. */
  | { readonly kind: 'address'; readonly address: string }
  /** A host name, e.g. an NS target. */
  | { readonly kind: 'host'; readonly host: string }
  /** A DoH resolver's URL, asked with `+https-get` (`+http-plain-get` for http://). */
  | { readonly kind: 'doh'; readonly url: string }
  /** `@NAMESERVER`, for a person to replace: pasted as it is, it asks a host of that name. */
  | { readonly kind: 'placeholder' };

export interface DigQuery {
  /** Absent: the system's resolver (with `+trace`: the root servers). */
  readonly server?: DigServer;
  /** Presentation format; escapes (`\.`, `\DDD`) are honoured. */
  readonly name: string;
  /** Type mnemonic, e.g. `A`, `TYPE65534`. */
  readonly type: string;
  readonly flags?: readonly DigFlag[];
}

export interface ReproduceOptions {
  /** The resolver's DoH URL, e.g. `https://dns.google/dns-query`. */
  readonly resolver: string;
  /** Fully qualified name in presentation format. */
  readonly name: string;
  /** Type mnemonic. */
  readonly type: string;
  readonly cd?: boolean;
  /** DNSSEC OK; default true. */
  readonly do?: boolean;
}

/** Words a POSIX shell reads as themselves, wherever they stand after the program name. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * POSIX shell quoting (XCU §2.2.3): safe words as they are, anything else in single quotes,
 * inside which no character is special; a `'` is closed, escaped and reopened. NUL cannot
 * be passed to a program at all, so a word holding one is refused (a programmer error:
 * names and URLs reach here escaped).
 *
 * @example shellQuote('example.com.') // 'example.com.'
 * @example shellQuote("it's") // "'it'\\''s'"
 */
export function shellQuote(word: string): string {
  if (word.includes('\0')) throw new RangeError('a shell word cannot hold NUL');
  if (SAFE_WORD.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Octets escaped as `\X`: those a shell gives a meaning (quotes, `$`, `` ` ``, `;`, `&`,
 * `|`, redirections, globs, `~`, `#`, history `!` and `^`, braces) and those Markdown does
 * (`*`, `` ` ``, `[`, `]`, `<`, `>`, `|`, `#`, `!`, `\`), besides the `.`, `\`, `"`, `(`, `)`,
 * `;`, `@` and `$` that presentation format escapes anyway (RFC 1035 §5.1). `-`, `_`, `+`,
 * `=`, `%`, `,`, `/` and `:` mean nothing inside a word and stay.
 */
const ESCAPED = new Set([...'.\\"\'`$();|&<>*?[]{}~#!^@'].map((c) => c.charCodeAt(0)));

function octetsText(octets: Uint8Array, first: boolean): string {
  let out = '';
  octets.forEach((b, i) => {
    if (b <= 0x20 || b >= 0x7f) out += `\\${String(b).padStart(3, '0')}`;
    // dig reads an argument that starts with `-` or `+` as an option (`-f file`, `+trace`).
    else if (ESCAPED.has(b) || (first && i === 0 && (b === 0x2d || b === 0x2b)))
      out += `\\${String.fromCharCode(b)}`;
    else out += String.fromCharCode(b);
  });
  return out;
}

const utf8 = new TextEncoder();

/**
 * A name as a command argument: presentation format, fully qualified, with every octet a
 * shell or Markdown treats specially escaped (`\X`, or `\DDD` for spaces, controls and
 * every octet of UTF-8). Text that does not read as a name (a raw Unicode string, a
 * dangling escape) has its UTF-8 octets escaped the same way, dots kept as separators.
 *
 * @example commandName('example.com.') // 'example.com.'
 * @example commandName('a`id`.example.') // 'a\\`id\\`.example.'
 * @example commandName('a\\032b.example.') // 'a\\032b.example.'
 */
export function commandName(text: string): string {
  const parsed = nameFromText(text);
  if (parsed.ok) {
    if (parsed.value.length === 0) return '.';
    return parsed.value.map((label, i) => `${octetsText(label, i === 0)}.`).join('');
  }
  const labels = text.split('.');
  const out = labels.map((label, i) => octetsText(utf8.encode(label), i === 0)).join('.');
  return out.endsWith('.') ? out : `${out}.`;
}

/** A URL as one printable word: every character outside printable ASCII percent-encoded. */
function urlText(url: string): string {
  let out = '';
  for (const c of url) {
    const code = c.codePointAt(0) ?? 0;
    if (code > 0x20 && code < 0x7f) out += c;
    else for (const b of utf8.encode(c)) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function addressText(text: string): string | undefined {
  const v4 = parseIpv4(text);
  if (v4) return formatIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 ? formatIpv6(v6) : undefined;
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
  const m =
    /^(https?):\/\/(?:[^@/?#]*@)?(\[[0-9a-fA-F:.]+\]|[^/:?#]+)(?::([0-9]{1,5}))?([^#]*)/i.exec(url);
  if (!m) return undefined;
  const host = m[2]!.startsWith('[') ? m[2]!.slice(1, -1) : m[2]!;
  return {
    secure: m[1]!.toLowerCase() === 'https',
    host,
    port: m[3] === undefined ? undefined : Number(m[3]),
    path: m[4] === '' ? '/' : m[4]!,
  };
}

/** A host as dig's `@` takes it: an address, a plain host name as written, else escaped. */
function hostText(host: string): string {
  return (
    addressText(host) ??
    (/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9.])?$/.test(host) ? host : commandName(host))
  );
}

function serverWords(server: DigServer): string[] {
  switch (server.kind) {
    case 'address':
      return [`@${addressText(server.address) ?? commandName(server.address)}`];
    case 'host':
      return [`@${commandName(server.host)}`];
    case 'placeholder':
      return ['@NAMESERVER'];
    case 'doh': {
      const parts = resolverParts(server.url);
      if (parts === undefined) return [`@${commandName(server.url)}`];
      const words = [`@${hostText(parts.host)}`];
      const defaultPort = parts.secure ? 443 : 80;
      if (parts.port !== undefined && parts.port !== defaultPort) {
        words.push('-p', String(parts.port));
      }
      words.push(`${parts.secure ? '+https-get' : '+http-plain-get'}=${urlText(parts.path)}`);
      return words;
    }
  }
}

/** A type mnemonic as dig knows it; anything else after `-t`, so it is never an option. */
function typeWords(type: string): string[] {
  const code = typeFromText(type);
  if (code !== undefined) return [typeToText(code)];
  return ['-t', octetsText(utf8.encode(type), false)];
}

/**
 * The words after `dig`, each quoted: what {@link digCommand} joins, and what the dig-style
 * text shows on its first line.
 *
 * @example digArguments({ server: { kind: 'host', host: 'ns.lab.' }, name: 'lame.lab.', type: 'NS', flags: ['+norec'] })
 * // ['@ns.lab.', 'lame.lab.', 'NS', '+norec']
 */
export function digArguments(query: DigQuery): readonly string[] {
  return [
    ...(query.server ? serverWords(query.server) : []),
    commandName(query.name),
    ...typeWords(query.type),
    ...(query.flags ?? []),
  ].map(shellQuote);
}

/**
 * A dig command.
 *
 * @example digCommand({ server: { kind: 'address', address: '192.0.2.53' }, name: 'example.com.', type: 'SOA', flags: ['+norec'] })
 * // 'dig @192.0.2.53 example.com. SOA +norec'
 * @example digCommand({ name: 'example.com.', type: 'A', flags: ['+trace'] })
 * // 'dig example.com. A +trace'
 */
export function digCommand(query: DigQuery): ShellCommand {
  return ['dig', ...digArguments(query)].join(' ') as ShellCommand;
}

/** The dig query that repeats one DoH exchange: the same resolver, question, DO and CD. */
export function reproduceQuery(o: ReproduceOptions): DigQuery {
  const flags: DigFlag[] = [];
  if (o.do ?? true) flags.push('+dnssec');
  if (o.cd) flags.push('+cd');
  return { server: { kind: 'doh', url: o.resolver }, name: o.name, type: o.type, flags };
}

/**
 * A dig command (BIND ≥ 9.18, built with DoH) that sends the same question.
 *
 * @example digOverDoh({ resolver: 'https://dns.google/dns-query', name: 'example.com.', type: 'A', cd: true })
 * // 'dig @dns.google +https-get=/dns-query example.com. A +dnssec +cd'
 */
export function digOverDoh(o: ReproduceOptions): ShellCommand {
  return digCommand(reproduceQuery(o));
}

/** dnspython prints a wire message as text; curl alone would print binary. */
export const CURL_DECODER =
  "python3 -c 'import sys, dns.message; print(dns.message.from_wire(sys.stdin.buffer.read()))'";

/**
 * A curl command that sends the very bytes the app sends (GET `?dns=`, RFC 8484 §4.1) and
 * pipes the answer to a decoder (dnspython: `pip install dnspython`). Undefined when the
 * question is one the app cannot encode (a name with escapes or a type it does not know,
 * which only a link can carry): there are then no bytes to repeat.
 *
 * @example curlCommand({ resolver: 'https://dns.google/dns-query', name: 'example.com.', type: 'A' })
 * // "curl -sS -H 'accept: application/dns-message' 'https://dns.google/dns-query?dns=AAABAAAB…' | python3 -c '…'"
 */
export function curlCommand(o: ReproduceOptions): ShellCommand | undefined {
  let query: Uint8Array;
  try {
    query = buildQuery({ name: o.name, type: o.type, cd: o.cd ?? false, do: o.do ?? true });
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  const base = urlText(o.resolver.split('#')[0]!);
  const url = `${base}${base.includes('?') ? '&' : '?'}dns=${toBase64Url(query)}`;
  return [
    'curl -sS -H',
    shellQuote('accept: application/dns-message'),
    shellQuote(url),
    '|',
    CURL_DECODER,
  ].join(' ') as ShellCommand;
}
