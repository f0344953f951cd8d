/**
 * Byte-level edits of DNS messages for the broken DoH fronts (RFC 1035 §4.1): read the
 * rcode, replace a query's question name, truncate an answer. Working on the wire keeps
 * every other octet (ID, flags, EDNS options) exactly as the resolver sent it.
 */

const HEADER_OCTETS = 12;
/** RFC 6891 §6.1.1: the OPT pseudo-RR's TYPE. */
const OPT_TYPE = 41;

export class MalformedMessage extends Error {}

function u16(message: Uint8Array, offset: number): number {
  if (offset + 2 > message.length) throw new MalformedMessage('message ends inside a field');
  return ((message[offset] ?? 0) << 8) | (message[offset + 1] ?? 0);
}

/** RCODE, the low four bits of the fourth header octet (RFC 1035 §4.1.1). */
export function rcodeOf(message: Uint8Array): number {
  if (message.length < HEADER_OCTETS) throw new MalformedMessage('shorter than a header');
  return (message[3] ?? 0) & 0x0f;
}

export const RCODE_SERVFAIL = 2;

/** The offset just past a name, following neither pointer nor label (RFC 1035 §4.1.4). */
function skipName(message: Uint8Array, offset: number): number {
  let at = offset;
  for (;;) {
    const length = message[at];
    if (length === undefined) throw new MalformedMessage('message ends inside a name');
    if ((length & 0xc0) === 0xc0) return at + 2;
    if ((length & 0xc0) !== 0) throw new MalformedMessage('unknown label type');
    at += 1 + length;
    if (length === 0) return at;
  }
}

/** The offset just past the question section. */
function questionsEnd(message: Uint8Array): number {
  let at = HEADER_OCTETS;
  for (let index = 0; index < u16(message, 4); index++) at = skipName(message, at) + 4;
  if (at > message.length) throw new MalformedMessage('message ends inside the question');
  return at;
}

/** The first question's name in lower-case dotted form, e.g. `www.alg8.lab.`. */
export function questionName(message: Uint8Array): string {
  const labels: string[] = [];
  let at = HEADER_OCTETS;
  for (;;) {
    const length = message[at];
    if (length === undefined || (length & 0xc0) !== 0) {
      throw new MalformedMessage('question name is not a plain sequence of labels');
    }
    if (length === 0) break;
    labels.push(new TextDecoder().decode(message.subarray(at + 1, at + 1 + length)));
    at += 1 + length;
  }
  return `${labels.join('.').toLowerCase()}.`;
}

function encodeName(name: string): Uint8Array {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  const bytes: number[] = [];
  for (const label of labels) {
    const encoded = new TextEncoder().encode(label);
    bytes.push(encoded.length, ...encoded);
  }
  bytes.push(0);
  return Uint8Array.from(bytes);
}

/**
 * The same query about another name: header, QTYPE, QCLASS and the EDNS record stay.
 * Only for queries with one question whose name is not compressed (what stubs send).
 */
export function withQuestionName(query: Uint8Array, name: string): Uint8Array {
  if (u16(query, 4) !== 1) throw new MalformedMessage('not a query with one question');
  questionName(query); // throws on a compressed name
  const nameEnd = skipName(query, HEADER_OCTETS);
  return Uint8Array.from([
    ...query.subarray(0, HEADER_OCTETS),
    ...encodeName(name),
    ...query.subarray(nameEnd),
  ]);
}

/**
 * What a resolver sends when the answer does not fit a UDP datagram (RFC 1035 §4.2.1,
 * RFC 2181 §9): TC=1, the question, no records, and the OPT record (RFC 6891 §7, a
 * responder keeps EDNS in a truncated reply). The ID, the other flags and the rcode stay.
 */
export function truncatedAnswer(answer: Uint8Array): Uint8Array {
  const end = questionsEnd(answer);
  const recordCount = u16(answer, 6) + u16(answer, 8) + u16(answer, 10);
  let at = end;
  let opt: Uint8Array | undefined;
  for (let index = 0; index < recordCount; index++) {
    const start = at;
    const fixed = skipName(answer, at);
    const type = u16(answer, fixed);
    at = fixed + 10 + u16(answer, fixed + 8);
    if (at > answer.length) throw new MalformedMessage('message ends inside a record');
    if (type === OPT_TYPE) opt = answer.subarray(start, at);
  }
  const header = Uint8Array.from(answer.subarray(0, HEADER_OCTETS));
  header[2] = (header[2] ?? 0) | 0x02; // TC
  header.fill(0, 6, 12); // ANCOUNT, NSCOUNT, ARCOUNT
  if (opt !== undefined) header[11] = 1;
  return Uint8Array.from([
    ...header,
    ...answer.subarray(HEADER_OCTETS, end),
    ...(opt ?? new Uint8Array()),
  ]);
}
