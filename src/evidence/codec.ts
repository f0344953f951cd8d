/**
 * Evidence as JSON: the strict reader for untrusted input (a permalink, an imported file, a
 * saved result written by another version) and the canonical writer.
 *
 * design.md: "Evidence JSON has a version field and is validated on import; an unknown or
 * damaged payload gets a clear message, never a crash or a half-rendered page." So
 * `parseEvidence` never throws: it returns the Evidence rebuilt from known fields only
 * (unknown extra fields are dropped), or the first problem found, naming the field, e.g.
 * `exchange 3: \`cd\` must be true or false, not a string`. Sizes are bounded so that a
 * hostile file cannot make the app decode megabytes per exchange.
 *
 * @example
 *   const r = parseEvidence(JSON.parse(text));
 *   if (r.ok) show(r.evidence); else explain(r.message);
 */

import {
  EVIDENCE_VERSION,
  type Evidence,
  type EvidenceQuestion,
  type EvidenceResolver,
  type Exchange,
  type ExchangePurpose,
  type TransportError,
  type TransportErrorClass,
} from './evidence';
import { presentationName } from '../dns/name';
import {
  EvidenceProblem,
  checkString,
  describe,
  fail,
  isRecord,
  quote,
  readBoolean,
  readEnum,
  readField,
  readList,
  readNumber,
  readOptionalNumber,
  readOptionalString,
  readRecord,
  readString,
  type EvidenceProblemKind,
  type JsonRecord,
} from './codec-fields';

import { canonicalRdapLookups, readRdapLookups } from './codec-rdap';
import { EVIDENCE_LIMITS } from './limits';

export type { EvidenceProblemKind } from './codec-fields';

/** Bounds on untrusted Evidence (evidence-limits.ts, shared with the live check's own). */
export { EVIDENCE_LIMITS };

export const EXCHANGE_PURPOSES: readonly ExchangePurpose[] = [
  'target',
  'dnskey',
  'ds',
  'ns',
  'soa',
  'cname',
  'address',
  // Appended, never inserted: a permalink stores a purpose as its index here.
  'apex',
];

export const TRANSPORT_ERROR_CLASSES: readonly TransportErrorClass[] = [
  'timeout',
  'unreachable',
  'http-status',
  'content-type',
  'malformed',
  'mismatch',
  'rate-limited',
  'too-large',
  'truncated',
  'local-network-denied',
  'aborted',
];

export type EvidenceParse =
  | { readonly ok: true; readonly evidence: Evidence }
  | { readonly ok: false; readonly kind: EvidenceProblemKind; readonly message: string };

/**
 * The octets a presentation-format name takes: `\DDD` and `\X` are one octet each, other
 * characters their UTF-8 length. The trailing dot stands for the root label.
 */
function nameOctets(name: string): number {
  let octets = 0;
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '\\') {
      i += /^\d{3}$/.test(name.slice(i + 1, i + 4)) ? 3 : 1;
      octets += 1;
    } else {
      const code = name.codePointAt(i) ?? 0;
      octets += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (code >= 0x10000) i += 1;
    }
  }
  return octets;
}

function readName(record: JsonRecord, key: string, where: string): string {
  const name = readString(record, key, where, {
    max: EVIDENCE_LIMITS.nameOctets * 4,
    nonEmpty: true,
    noControl: true,
  });
  if (!name.endsWith('.')) {
    fail(where, `\`${key}\` must be a fully qualified name ending in a dot, not ${quote(name)}`);
  }
  if (/\s/.test(name)) {
    fail(where, `\`${key}\` must not contain spaces (presentation format writes them as \\032)`);
  }
  // Wire form = presentation octets + 1 (the root's length octet), except for the root.
  const wire = name === '.' ? 1 : nameOctets(name) + 1;
  if (wire > EVIDENCE_LIMITS.nameOctets) {
    fail(where, `\`${key}\` is ${wire} octets long; a DNS name has at most 255`);
  }
  // Non-ASCII (a bidi override, a zero-width space) as \DDD escapes, as decoded names are.
  return presentationName(name);
}

function readQuestion(value: unknown, where: string, field: string): EvidenceQuestion {
  const record = readRecord(value, where, field);
  const inner = prefix(where, field);
  const name = readName(record, 'name', inner);
  const type = readString(record, 'type', inner, { max: 16, nonEmpty: true });
  if (!/^[A-Za-z0-9-]+$/.test(type)) {
    fail(
      inner,
      `\`type\` must be a record type mnemonic such as A or TYPE65534, not ${quote(type)}`,
    );
  }
  return { name, type };
}

/** `exchange 3` + `question` → `exchange 3, question`. */
function prefix(where: string, field: string): string {
  return where === '' ? field : `${where}, ${field}`;
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i.test(url);
}

function readResolver(value: unknown, index: number): EvidenceResolver {
  const where = `resolver ${index}`;
  if (!isRecord(value)) fail(where, `must be an object, not ${describe(value)}`);
  const url = readString(value, 'url', where, {
    max: EVIDENCE_LIMITS.urlCharacters,
    nonEmpty: true,
    noControl: true,
  });
  if (!isHttpUrl(url)) fail(where, `\`url\` must be an http(s) URL, not ${quote(url)}`);
  const label = readString(value, 'label', where, {
    max: EVIDENCE_LIMITS.labelCharacters,
    noControl: true,
  });
  return { url, label };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard, padded, canonical base64 (RFC 4648 §4 and §3.5: pad bits are zero). */
function checkBase64(text: string, where: string, key: string): void {
  const octets = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  // Check the size from the length first, so that a huge string is never matched.
  if (text.length % 4 === 0 && octets > EVIDENCE_LIMITS.responseOctets) {
    fail(
      where,
      `\`${key}\` holds ${octets} octets; a DNS message has at most ${EVIDENCE_LIMITS.responseOctets}`,
    );
  }
  if (!BASE64.test(text)) fail(where, `\`${key}\` must be base64 (standard alphabet, padded)`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  if (pad > 0) {
    const last = BASE64_ALPHABET.indexOf(text[text.length - pad - 1] ?? 'A');
    if ((last & (pad === 2 ? 0x0f : 0x03)) !== 0) {
      fail(where, `\`${key}\` is not canonical base64 (the unused bits must be zero)`);
    }
  }
}

function readTransportError(value: unknown, where: string): TransportError {
  const record = readRecord(value, where, 'error');
  const inner = prefix(where, 'error');
  return {
    class: readEnum(record, 'class', inner, TRANSPORT_ERROR_CLASSES),
    message: readString(record, 'message', inner, {
      max: EVIDENCE_LIMITS.errorMessageCharacters,
    }),
  };
}

const TIME = { min: 0, max: EVIDENCE_LIMITS.timeMs } as const;

function readExchange(value: unknown, index: number, resolverUrls: ReadonlySet<string>): Exchange {
  const where = `exchange ${index}`;
  if (!isRecord(value)) fail(where, `must be an object, not ${describe(value)}`);
  const id = readString(value, 'id', where, {
    max: EVIDENCE_LIMITS.idCharacters,
    nonEmpty: true,
    noControl: true,
  });
  const resolver = readString(value, 'resolver', where, {
    max: EVIDENCE_LIMITS.urlCharacters,
    nonEmpty: true,
  });
  if (!resolverUrls.has(resolver)) {
    fail(where, `\`resolver\` ${quote(resolver)} is not one of the evidence's resolvers`);
  }
  const question = readQuestion(readField(value, 'question'), where, 'question');
  const cd = readBoolean(value, 'cd', where);
  const dnssecOk = readBoolean(value, 'do', where);
  const purpose = readEnum(value, 'purpose', where, EXCHANGE_PURPOSES);
  const wave = readNumber(value, 'wave', where, {
    min: 1,
    max: EVIDENCE_LIMITS.waves,
    integer: true,
  });
  const startedAt = readNumber(value, 'startedAt', where, TIME);
  const durationMs = readNumber(value, 'durationMs', where, TIME);
  const httpStatus = readOptionalNumber(value, 'httpStatus', where, {
    min: 100,
    max: 599,
    integer: true,
  });
  const contentType = readOptionalString(value, 'contentType', where, {
    max: EVIDENCE_LIMITS.contentTypeCharacters,
    noControl: true,
  });
  const response = readField(value, 'response');
  if (response !== undefined && response !== null) {
    if (typeof response !== 'string') {
      fail(where, `\`response\` must be a base64 string, not ${describe(response)}`);
    }
    checkBase64(response, where, 'response');
  }
  const error = readField(value, 'error');
  return {
    id,
    resolver,
    question,
    cd,
    do: dnssecOk,
    purpose,
    wave,
    startedAt,
    durationMs,
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(contentType === undefined ? {} : { contentType }),
    ...(typeof response === 'string' ? { response } : {}),
    ...(error === undefined || error === null ? {} : { error: readTransportError(error, where) }),
  };
}

function readVersion(record: JsonRecord): void {
  const version = readField(record, 'version');
  if (version === undefined) {
    fail('', '`version` is missing: this is not SERVFAIL Lens evidence');
  }
  if (typeof version !== 'number' || !Number.isFinite(version)) {
    fail('', `\`version\` must be a number, not ${describe(version)}`);
  }
  if (Number.isInteger(version) && version > EVIDENCE_VERSION) {
    throw new EvidenceProblem(
      'unknown-version',
      `This evidence was made by a newer version of SERVFAIL Lens (evidence version ${version}; this app reads version ${EVIDENCE_VERSION}). Open it with the current app.`,
    );
  }
  if (version !== EVIDENCE_VERSION) {
    fail('', `\`version\` must be ${EVIDENCE_VERSION}, not ${version}`);
  }
}

function readEvidence(value: unknown): Evidence {
  if (!isRecord(value)) fail('', `Evidence must be a JSON object, not ${describe(value)}`);
  readVersion(value);
  const question = readQuestion(readField(value, 'question'), '', 'question');

  const resolverList = readList(value, 'resolvers', '', EVIDENCE_LIMITS.resolvers);
  if (resolverList.length === 0) fail('', '`resolvers` must list at least one resolver');
  const resolvers = resolverList.map(readResolver);
  const urls = new Set<string>();
  resolvers.forEach((r, i) => {
    if (urls.has(r.url)) fail(`resolver ${i}`, `\`url\` ${quote(r.url)} is listed twice`);
    urls.add(r.url);
  });

  const anchorList = readList(value, 'trustAnchors', '', EVIDENCE_LIMITS.trustAnchors);
  const trustAnchors = anchorList.map((anchor, i) => {
    if (typeof anchor !== 'string') {
      fail(`trust anchor ${i}`, `must be a string, not ${describe(anchor)}`);
    }
    checkString(anchor, 'the text', `trust anchor ${i}`, {
      max: EVIDENCE_LIMITS.trustAnchorCharacters,
      nonEmpty: true,
    });
    return anchor;
  });

  const startedAt = readNumber(value, 'startedAt', '', TIME);
  const finishedAt = readNumber(value, 'finishedAt', '', TIME);

  const exchangeList = readList(value, 'exchanges', '', EVIDENCE_LIMITS.exchanges);
  const seen = new Map<string, number>();
  const exchanges = exchangeList.map((x, i) => {
    const exchange = readExchange(x, i, urls);
    const earlier = seen.get(exchange.id);
    if (earlier !== undefined) {
      fail(`exchange ${i}`, `\`id\` ${quote(exchange.id)} is used by exchange ${earlier} as well`);
    }
    seen.set(exchange.id, i);
    return exchange;
  });
  const rdap = readRdapLookups(value, new Set(seen.keys()));

  return {
    version: EVIDENCE_VERSION,
    question,
    resolvers,
    trustAnchors,
    startedAt,
    finishedAt,
    exchanges,
    ...(rdap === undefined ? {} : { rdap }),
  };
}

/**
 * Reads untrusted Evidence (already parsed from JSON). Never throws.
 *
 * @example
 *   parseEvidence({ version: 2 })
 *   // { ok: false, kind: 'unknown-version', message: 'This evidence was made by a newer version of SERVFAIL Lens …' }
 */
export function parseEvidence(value: unknown): EvidenceParse {
  try {
    return { ok: true, evidence: readEvidence(value) };
  } catch (problem) {
    if (problem instanceof EvidenceProblem) {
      return { ok: false, kind: problem.kind, message: problem.message };
    }
    // Not reachable with JSON input; a hostile getter or Proxy could get here.
    return { ok: false, kind: 'invalid', message: 'The evidence could not be read.' };
  }
}

/** The same Evidence with its keys in the documented order and nothing else in it. */
export function canonicalEvidence(evidence: Evidence): Evidence {
  return {
    version: evidence.version,
    question: { name: evidence.question.name, type: evidence.question.type },
    resolvers: evidence.resolvers.map((r) => ({ url: r.url, label: r.label })),
    trustAnchors: [...evidence.trustAnchors],
    startedAt: evidence.startedAt,
    finishedAt: evidence.finishedAt,
    exchanges: evidence.exchanges.map((x) => ({
      id: x.id,
      resolver: x.resolver,
      question: { name: x.question.name, type: x.question.type },
      cd: x.cd,
      do: x.do,
      purpose: x.purpose,
      wave: x.wave,
      startedAt: x.startedAt,
      durationMs: x.durationMs,
      ...(x.httpStatus === undefined ? {} : { httpStatus: x.httpStatus }),
      ...(x.contentType === undefined ? {} : { contentType: x.contentType }),
      ...(x.response === undefined ? {} : { response: x.response }),
      ...(x.error === undefined
        ? {}
        : { error: { class: x.error.class, message: x.error.message } }),
    })),
    ...(evidence.rdap === undefined ? {} : { rdap: canonicalRdapLookups(evidence.rdap) }),
  };
}

/**
 * Canonical JSON: fixed key order, no whitespace, no fields beyond the Evidence format.
 * Equal Evidence gives equal text, so the text can be hashed or compared.
 *
 * @example serialiseEvidence(evidence) // '{"version":1,"question":{"name":"example.com.",…'
 */
export function serialiseEvidence(evidence: Evidence): string {
  return JSON.stringify(canonicalEvidence(evidence));
}
