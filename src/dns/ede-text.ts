/**
 * What an Extended DNS Error's EXTRA-TEXT says, in the dialects resolvers actually speak.
 *
 * RFC 8914 §2 calls EXTRA-TEXT "intended for human consumption (not automated parsing)",
 * and §6 says it "MUST NOT" change processing. We read it only to *name* what the
 * INFO-CODE leaves out — which nameserver address failed and how, which zone cut broke —
 * and the diagnosis still decides from the codes and its own evidence. So the reading is
 * strict: a text that does not match one known form exactly is `unparsed`, never guessed.
 *
 * Forms (names with or without the final dot, any letter case):
 * - Google Public DNS: `[192.0.2.1] Lame delegation at z for q/a` (code 0), `[ip] rcode=REFUSED
 *   for q/a`, `At delegation z for q/ds` (22), `Invalid denial of existence of q/a`.
 * - Cloudflare 1.1.1.1: `192.0.2.1:53 rcode=SERVFAIL for q. A` (23; IPv6 as `[2001:db8::1]:53`),
 *   `at delegation z.` (22), `no SEP matching the DS found for z.` (9), `for DNSKEY z., id =
 *   N: RRSIG z., expiration = T` (7), `proof of non-existence of q. A` (6).
 * - Unbound: `validation failure <q A IN>: signature expired from ip for key z. while
 *   building chain of trust` (7, 9, 6 …).
 *
 * The text arrives from the network: it is bounded ({@link MAX_EDE_TEXT}), every pattern is
 * anchored with bounded, un-nested repetition (no catastrophic backtracking), addresses must
 * parse as IPv4/IPv6 and names must be host-like, or the whole text is `unparsed`.
 */

import type { ExtendedDnsError } from './ede';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ip';
import { MAX_LABEL_OCTETS, MAX_NAME_CHARACTERS } from './name';
import { RCODE_MNEMONICS, rcodeMnemonic } from './rcodes';
import { typeFromText, typeToText } from './wire/types';

/** Longer texts are not read at all (Unbound's longest real ones are ~350 characters). */
export const MAX_EDE_TEXT = 1024;

export type EdeDialect = 'google' | 'cloudflare' | 'unbound' | 'unknown';

/** How one authoritative server failed: an error RCODE, a lame answer, or no answer. */
export type ServerFailureKind = 'rcode' | 'lame' | 'timeout' | 'unreachable';

interface Said {
  readonly infoCode: number;
  readonly dialect: EdeDialect;
}

/** The question a text names, when it names one (`q/a`, `q. A`, `<q A IN>`). */
interface Question {
  readonly qname?: string;
  /** Upper-case mnemonic (`A`, `DS`, `TYPE65534`). */
  readonly qtype?: string;
}

export interface ServerFailureText extends Said, Question {
  readonly kind: 'server-failure';
  /** IPv4 dotted quad or RFC 5952 IPv6, as parsed (never the raw text). */
  readonly address: string;
  readonly port?: number;
  readonly failure: ServerFailureKind;
  /** With `failure: 'rcode'`: the mnemonic (`REFUSED`, `SERVFAIL`, `NOTIMP`). */
  readonly rcode?: string;
  /** The delegation named (`Lame delegation at z`), fully qualified, lower case. */
  readonly zone?: string;
}

export interface AtDelegationText extends Said, Question {
  readonly kind: 'at-delegation';
  readonly zone: string;
}

export interface NoSepText extends Said {
  readonly kind: 'no-sep';
  /** The zone whose DNSKEY set has no key matching its DS. */
  readonly zone: string;
}

export interface DnskeyMissingText extends Said, Question {
  readonly kind: 'dnskey-missing';
  readonly zone: string;
}

export interface RrsigExpiredText extends Said, Question {
  readonly kind: 'rrsig-expired';
  readonly zone: string;
  readonly keyTag?: number;
  /** Owner of the expired RRSIG (Cloudflare names it). */
  readonly signed?: string;
  /** The expiration as the resolver wrote it (digits or a date; at most 32 characters). */
  readonly expiration?: string;
}

export interface InvalidDenialText extends Said {
  readonly kind: 'invalid-denial';
  readonly qname: string;
  readonly qtype: string;
}

/** Unbound's other validation failures: the zone and the cause as it words it. */
export interface ValidationFailureText extends Said, Question {
  readonly kind: 'validation-failure';
  readonly zone: string;
  /** Unbound's reason, e.g. `no signatures`; plain text, at most 200 characters. */
  readonly cause: string;
}

export interface UnparsedText {
  readonly kind: 'unparsed';
  readonly infoCode: number;
  readonly dialect: 'unknown';
}

export type EdeText =
  | ServerFailureText
  | AtDelegationText
  | NoSepText
  | DnskeyMissingText
  | RrsigExpiredText
  | InvalidDenialText
  | ValidationFailureText
  | UnparsedText;

/**
 * A host-like name in presentation form → fully qualified, lower case; else undefined.
 * Letters, digits, `-` and `_` only (A-labels; a resolver prints no escapes for host names),
 * and `*` as a whole first label.
 *
 * @example hostName('Not-Auth.Example.COM') // 'not-auth.example.com.'
 */
export function hostName(text: string): string | undefined {
  if (text === '.') return '.';
  const bare = text.endsWith('.') ? text.slice(0, -1) : text;
  if (bare.length === 0 || bare.length > MAX_NAME_CHARACTERS) return undefined;
  const labels = bare.toLowerCase().split('.');
  const ok = labels.every(
    (label, i) =>
      (i === 0 && label === '*') ||
      (label.length > 0 && label.length <= MAX_LABEL_OCTETS && /^[a-z0-9_-]+$/.test(label)),
  );
  return ok ? `${labels.join('.')}.` : undefined;
}

function rrType(text: string): string | undefined {
  const type = typeFromText(text);
  return type === undefined ? undefined : typeToText(type);
}

/** `REFUSED`, `refused`, `5` → `REFUSED`; anything else undefined. */
function rcodeOf(text: string): string | undefined {
  if (/^[0-9]{1,4}$/.test(text))
    return Number(text) < 4096 ? rcodeMnemonic(Number(text)) : undefined;
  const upper = text.toUpperCase();
  return Object.values(RCODE_MNEMONICS).includes(upper) ? upper : undefined;
}

interface Server {
  readonly address: string;
  readonly port?: number;
  /** `[ip]` without a port (Google) or with one (Cloudflare's IPv6), or `ip:port`. */
  readonly form: 'bracketed' | 'with-port' | 'bare';
}

/** `[192.0.2.1]`, `[2001:db8::1]`, `192.0.2.1:53`, `[2001:db8::1]:53`, `192.0.2.1`; no bare IPv6. */
function serverOf(text: string): Server | undefined {
  let host = text;
  let portText: string | undefined;
  let bracketed = false;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    host = text.slice(1, close);
    const rest = text.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return undefined;
    portText = rest === '' ? undefined : rest.slice(1);
    bracketed = true;
  } else if (
    text.includes('.') &&
    text.indexOf(':') === text.lastIndexOf(':') &&
    text.includes(':')
  ) {
    [host, portText] = text.split(':') as [string, string];
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^[0-9]{1,5}$/.test(portText) || Number(portText) === 0 || Number(portText) > 65535) {
      return undefined;
    }
    port = Number(portText);
  }
  const v4 = parseIpv4(host);
  // Both dialects bracket IPv6; a bare `2001:db8::1:53` could be an address or one with a port.
  const v6 = v4 || !bracketed ? undefined : parseIpv6(host);
  if (!v4 && !v6) return undefined;
  const address = v4 ? formatIpv4(v4) : formatIpv6(v6!);
  const form = port !== undefined ? 'with-port' : bracketed ? 'bracketed' : 'bare';
  return port === undefined ? { address, form } : { address, port, form };
}

type QuestionRead =
  | { readonly state: 'none' }
  | { readonly state: 'invalid' }
  | {
      readonly state: 'read';
      readonly qname: string;
      readonly qtype: string;
      readonly dialect: EdeDialect;
    };

/** Google writes `q/a`, Cloudflare `q. A`: the question, and whose form it is. */
function questionOf(
  name: string | undefined,
  slashType: string | undefined,
  spaceType: string | undefined,
): QuestionRead {
  const type = slashType ?? spaceType;
  if (name === undefined || type === undefined) return { state: 'none' };
  const qname = hostName(name);
  const qtype = rrType(type);
  if (qname === undefined || qtype === undefined) return { state: 'invalid' };
  return {
    state: 'read',
    qname,
    qtype,
    dialect: slashType !== undefined ? 'google' : 'cloudflare',
  };
}

const questionFields = (q: QuestionRead): Question =>
  q.state === 'read' ? { qname: q.qname, qtype: q.qtype } : {};

// Fragments; each repetition is bounded and none is nested inside another.
const NAME = '([^\\s/,<>]{1,254})';
const TYPE = '([a-z0-9]{1,16})';
/** ` for q/a` or ` for q. A`, optional: three groups (name, type after `/`, type after ` `). */
const FOR_QUESTION = `(?: for ${NAME}(?:/${TYPE}| ${TYPE}))?`;
const SERVER = '([^\\s]{2,60})';

const PATTERNS = {
  rcode: new RegExp(`^${SERVER} rcode=([a-z0-9]{1,10})${FOR_QUESTION}$`, 'i'),
  lame: new RegExp(`^${SERVER} lame delegation at ${NAME}${FOR_QUESTION}$`, 'i'),
  silent: new RegExp(
    `^${SERVER} (timeout|timed out|unreachable|network unreachable|host unreachable|connection refused)${FOR_QUESTION}$`,
    'i',
  ),
  atDelegation: new RegExp(`^at delegation ${NAME}${FOR_QUESTION}$`, 'i'),
  googleDenial: new RegExp(`^invalid denial of existence of ${NAME}/${TYPE}$`, 'i'),
  cloudflareDenial: new RegExp(`^proof of non-existence of ${NAME} ${TYPE}$`, 'i'),
  noSep: new RegExp(`^no SEP matching the DS found for ${NAME}$`, 'i'),
  cloudflareExpired: new RegExp(
    `^for DNSKEY ${NAME}, id ?= ?([0-9]{1,5}): RRSIG ${NAME}, expiration ?= ?([^<>]{1,40})$`,
    'i',
  ),
  unboundHead: /^validation failure <([^\s<>]{1,254}) ([a-z0-9]{1,16}) ([a-z0-9]{1,8})>: /i,
  unboundTail:
    /^([^<>]{1,300}?) for (?:key|DS|trust anchor) ([^\s<>]{1,254})(?: while building chain of trust)?$/i,
} as const;

const UNPARSED = (infoCode: number): UnparsedText => ({
  kind: 'unparsed',
  infoCode,
  dialect: 'unknown',
});

function serverFailure(
  infoCode: number,
  serverText: string,
  failure: ServerFailureKind,
  extra: { readonly rcode?: string; readonly zone?: string },
  q: readonly (string | undefined)[],
): EdeText | undefined {
  const server = serverOf(serverText);
  const question = questionOf(q[0], q[1], q[2]);
  if (!server || question.state === 'invalid') return undefined;
  // Without a question, the address form tells the dialects apart.
  const dialect: EdeDialect =
    question.state === 'read'
      ? question.dialect
      : server.form === 'with-port'
        ? 'cloudflare'
        : server.form === 'bracketed'
          ? 'google'
          : 'unknown';
  return {
    kind: 'server-failure',
    infoCode,
    dialect,
    address: server.address,
    ...(server.port !== undefined ? { port: server.port } : {}),
    failure,
    ...extra,
    ...questionFields(question),
  };
}

function readGoogleOrCloudflare(infoCode: number, text: string): EdeText | undefined {
  let m = PATTERNS.rcode.exec(text);
  if (m) {
    const rcode = rcodeOf(m[2]!);
    return rcode ? serverFailure(infoCode, m[1]!, 'rcode', { rcode }, m.slice(3, 6)) : undefined;
  }
  m = PATTERNS.lame.exec(text);
  if (m) {
    const zone = hostName(m[2]!);
    return zone ? serverFailure(infoCode, m[1]!, 'lame', { zone }, m.slice(3, 6)) : undefined;
  }
  m = PATTERNS.silent.exec(text);
  if (m) {
    // "connection refused" is the transport's (ICMP or TCP RST), not the DNS RCODE REFUSED.
    const failure = /^time/i.test(m[2]!) ? 'timeout' : 'unreachable';
    return serverFailure(infoCode, m[1]!, failure, {}, m.slice(3, 6));
  }
  m = PATTERNS.atDelegation.exec(text);
  if (m) {
    const zone = hostName(m[1]!);
    const question = questionOf(m[2], m[3], m[4]);
    if (!zone || question.state === 'invalid') return undefined;
    return {
      kind: 'at-delegation',
      infoCode,
      // Cloudflare writes the bare `at delegation z.`; Google always adds `for q/t`.
      dialect: question.state === 'read' ? question.dialect : 'cloudflare',
      zone,
      ...questionFields(question),
    };
  }
  m = PATTERNS.googleDenial.exec(text) ?? PATTERNS.cloudflareDenial.exec(text);
  if (m) {
    const qname = hostName(m[1]!);
    const qtype = rrType(m[2]!);
    if (!qname || !qtype) return undefined;
    const dialect = text.toLowerCase().startsWith('invalid') ? 'google' : 'cloudflare';
    return { kind: 'invalid-denial', infoCode, dialect, qname, qtype };
  }
  m = PATTERNS.noSep.exec(text);
  if (m) {
    const zone = hostName(m[1]!);
    return zone ? { kind: 'no-sep', infoCode, dialect: 'cloudflare', zone } : undefined;
  }
  m = PATTERNS.cloudflareExpired.exec(text);
  if (m) {
    const zone = hostName(m[1]!);
    const signed = hostName(m[3]!);
    const keyTag = Number(m[2]);
    if (!zone || !signed || keyTag > 65535) return undefined;
    const expiration = m[4]!.trim();
    return {
      kind: 'rrsig-expired',
      infoCode,
      dialect: 'cloudflare',
      zone,
      keyTag,
      signed,
      expiration,
    };
  }
  return undefined;
}

/**
 * Unbound's `validation failure <q t c>: <cause> [from ip…] for key|DS|trust anchor z [while
 * building chain of trust]`. A cached failure reads "key for validation z is marked as
 * invalid because of a previous validation failure <…>: …": the last failure is the cause.
 */
function readUnbound(infoCode: number, text: string): EdeText | undefined {
  const lower = text.toLowerCase();
  const first = lower.indexOf('validation failure <');
  const last = lower.lastIndexOf('validation failure <');
  if (first < 0) return undefined;
  // The question is the outer one (what was asked); the cause is the last failure's.
  const outer = PATTERNS.unboundHead.exec(text.slice(first));
  const inner = PATTERNS.unboundHead.exec(text.slice(last));
  if (!outer || !inner) return undefined;
  const tail = PATTERNS.unboundTail.exec(text.slice(last + inner[0].length));
  const qname = hostName(outer[1]!);
  const qtype = rrType(outer[2]!);
  if (!tail || !qname || !qtype) return undefined;
  const zone = hostName(tail[2]!);
  if (!zone) return undefined;
  // "… from 192.0.2.1 and 2001:db8::1" names the servers that sent the data, not failures.
  const from = tail[1]!.toLowerCase().lastIndexOf(' from ');
  const cause = (from >= 0 ? tail[1]!.slice(0, from) : tail[1]!).slice(0, 200);
  const base = { infoCode, dialect: 'unbound' as const, qname, qtype };
  const said = cause.toLowerCase();
  if (said.startsWith('signature expired')) return { kind: 'rrsig-expired', ...base, zone };
  if (said.startsWith('no keys have a ds')) {
    return { kind: 'no-sep', infoCode, dialect: 'unbound', zone };
  }
  if (said.startsWith('no dnskey record')) return { kind: 'dnskey-missing', ...base, zone };
  if (/(?:nodata|nxdomain) proof failed/.test(said)) {
    return { kind: 'invalid-denial', infoCode, dialect: 'unbound', qname, qtype };
  }
  return { kind: 'validation-failure', ...base, zone, cause };
}

/**
 * Reads one EDE's EXTRA-TEXT. Never throws; anything not in a known form is `unparsed`.
 *
 * @example
 * readEdeText({ infoCode: 23, extraText: '[2001:db8::53]:53 rcode=REFUSED for x.example. A' })
 * // { kind: 'server-failure', dialect: 'cloudflare', address: '2001:db8::53', port: 53,
 * //   failure: 'rcode', rcode: 'REFUSED', qname: 'x.example.', qtype: 'A', infoCode: 23 }
 */
export function readEdeText(ede: Pick<ExtendedDnsError, 'infoCode' | 'extraText'>): EdeText {
  const { infoCode, extraText } = ede;
  if (extraText.length === 0 || extraText.length > MAX_EDE_TEXT) return UNPARSED(infoCode);
  const text = extraText.trim().replace(/\s+/g, ' ');
  return (
    readGoogleOrCloudflare(infoCode, text) ?? readUnbound(infoCode, text) ?? UNPARSED(infoCode)
  );
}

/** Findings about one authoritative server or the delegation as a whole (RFC 8914 §4.21–4.24). */
export function isAuthorityText(t: EdeText): t is ServerFailureText | AtDelegationText {
  return t.kind === 'server-failure' || t.kind === 'at-delegation';
}
