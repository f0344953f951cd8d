/**
 * Lab recordings turned hostile, the way an attacker's own zone or a crafted link would
 * make them: responses re-encoded with NS and CNAME targets whose labels hold shell and
 * Markdown syntax, line breaks and bidi overrides (a DNS label may hold any octet, RFC 2181
 * §11), EDE texts that try to add headings and links, question names from a link, and RDAP
 * nameservers that skip the evidence reader's checks.
 */

import { fromBase64, toBase64 } from '../../../src/dns/wire/encoding';
import { parseMessage, type Message } from '../../../src/dns/wire/message';
import { nameToText, nameToWire, type Name } from '../../../src/dns/wire/name';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { RRTYPE } from '../../../src/dns/wire/types';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';

const utf8 = new TextEncoder();

/** A name from raw label strings (each label's UTF-8 octets, nothing escaped). */
export function rawName(...labels: readonly string[]): Name {
  return labels.map((label) => utf8.encode(label));
}

/**
 * Labels an attacker can publish: each tries to run `touch` (a canary), to redirect into a
 * file, or to end the command, if it reaches a shell unquoted. `${IFS}` stands in for a
 * space, which presentation format escapes as `\032` (RFC 1035 §5.1) but `$`, `{` and `}`
 * do not all get escaped, so inside backticks or after a pipe it still runs.
 */
export const HOSTILE_LABELS: readonly string[] = [
  '`touch${IFS}pwned-backtick`',
  '$(touch pwned-dollar)',
  'a;touch pwned-semicolon',
  'a|touch${IFS}pwned-pipe',
  'a&touch pwned-amp',
  'a>pwned-redirect',
  'a<pwned-input',
  "x'$(touch pwned-quote)'",
  '"$(touch pwned-dquote)"',
  'a\\$(touch pwned-backslash)',
  'a\ntouch pwned-newline\n',
  'a)(touch pwned-paren)',
  'a.$(touch pwned-dot)',
  '-fpwned-option',
  '*?[a]{b,c}~!#^',
  'bidi\u202Eexe.txt\u2066',
];

/** One hostile label under `suffix`, e.g. `` `touch pwned-backtick`.evil.lab. ``. */
export function hostileName(label: string, ...suffix: readonly string[]): Name {
  return [...rawName(label), ...rawName(...suffix)];
}

function u16(n: number): number[] {
  return [(n >> 8) & 0xff, n & 0xff];
}

function u32(n: number): number[] {
  return [...u16(Math.floor(n / 0x10000)), ...u16(n % 0x10000)];
}

function recordBytes(rr: ResourceRecord): number[] {
  return [
    ...nameToWire(rr.owner),
    ...u16(rr.type),
    ...u16(rr.class),
    ...u32(rr.ttl),
    ...u16(rr.rdata.length),
    ...rr.rdata,
  ];
}

/** The message in wire form, uncompressed (RFC 1035 §4.1; compression is optional). */
export function encodeMessage(m: Message): Uint8Array {
  const bytes = [
    ...u16(m.header.id),
    ...u16(m.header.flags),
    ...u16(m.question.length),
    ...u16(m.answer.length),
    ...u16(m.authority.length),
    ...u16(m.additional.length),
    ...m.question.flatMap((q) => [...nameToWire(q.name), ...u16(q.type), ...u16(q.class)]),
    ...m.answer.flatMap(recordBytes),
    ...m.authority.flatMap(recordBytes),
    ...m.additional.flatMap(recordBytes),
  ];
  return Uint8Array.from(bytes);
}

/** The exchange with its recorded response parsed, changed and re-encoded. */
export function rewriteResponse(change: (m: Message) => Message) {
  return (x: Exchange): Exchange => {
    const bytes = x.response === undefined ? undefined : fromBase64(x.response);
    const parsed = bytes === undefined ? undefined : parseMessage(bytes);
    if (!parsed?.ok) throw new Error(`${x.id}: no response to rewrite`);
    return { ...x, response: toBase64(encodeMessage(change(parsed.value))) };
  };
}

/** Every NS record of the answer pointing at `targets` instead (same owner, class, TTL). */
export function withNsTargets(targets: readonly Name[]) {
  return rewriteResponse((m) => {
    const ns = m.answer.find((rr) => rr.type === RRTYPE.NS);
    if (!ns) throw new Error('no NS record to rewrite');
    const others = m.answer.filter((rr) => rr.type !== RRTYPE.NS && rr.type !== RRTYPE.RRSIG);
    return {
      ...m,
      answer: [...others, ...targets.map((t) => ({ ...ns, rdata: nameToWire(t) }))],
    };
  });
}

/** Every CNAME record of the answer pointing at `target` instead. */
export function withCnameTarget(target: Name) {
  return rewriteResponse((m) => ({
    ...m,
    answer: m.answer.map((rr) =>
      rr.type === RRTYPE.CNAME ? { ...rr, rdata: nameToWire(target) } : rr,
    ),
  }));
}

/** The exchanges `which` selects, changed by `change`. */
export function mapExchanges(
  evidence: Evidence,
  which: (x: Exchange) => boolean,
  change: (x: Exchange) => Exchange,
): Evidence {
  return { ...evidence, exchanges: evidence.exchanges.map((x) => (which(x) ? change(x) : x)) };
}

/**
 * The evidence as if the question had been `name` (a link can carry any question): the
 * Evidence's question, every exchange that asked the old name, and their responses'
 * question sections.
 */
export function withQuestionName(evidence: Evidence, name: Name): Evidence {
  const old = evidence.question.name;
  const text = nameToText(name);
  const renamed = mapExchanges(
    evidence,
    (x) => x.question.name === old,
    (x) => {
      const asked = { ...x, question: { ...x.question, name: text } };
      if (x.response === undefined) return asked;
      return rewriteResponse((m) => ({
        ...m,
        question: m.question.map((q) => ({ ...q, name })),
      }))(asked);
    },
  );
  return { ...renamed, question: { ...renamed.question, name: text } };
}

/**
 * The registry's nameservers replaced, past the evidence reader's checks (which refuse
 * anything but host names and addresses): what a bug or a future reader could let through.
 */
export function withRegistryNameservers(
  evidence: Evidence,
  nameservers: readonly { ldhName: string; v4: readonly string[] }[],
): Evidence {
  const rdap = (evidence.rdap ?? []).map((lookup) =>
    lookup.record
      ? {
          ...lookup,
          record: {
            ...lookup.record,
            nameservers: nameservers.map((ns) => ({ ldhName: ns.ldhName, v4: ns.v4, v6: [] })),
          },
        }
      : lookup,
  );
  return { ...evidence, rdap };
}
