/**
 * A DNS message as the app shows and reasons about it: header, question, the three record
 * sections with each record's type mnemonic, presentation text and structured data, the
 * OPT record, the full (extended) RCODE and the Extended DNS Errors.
 *
 * It is built on the wire layer's parser (`wire/message.ts`), so the records shown are the
 * records DNSSEC validation sees: every `DnsRecord` keeps its wire form in `wire` (owner
 * labels, RDATA with names expanded). `decodeMessage` never throws: the bytes come from
 * the network, and a message that cannot be read is a typed error the transport reports as
 * `malformed` (facts.md: some resolvers' answers made dns-packet throw).
 */

import { edeToText, EDE_OPTION_CODE, parseEdeOption, type ExtendedDnsError } from './ede';
import { readOpt, type OptRecord } from './edns';
import { decodeHeaderFlags, opcodeMnemonic, type HeaderFlags } from './header';
import { fullRcode, rcodeMnemonic } from './rcodes';
import { formatRdata, readRdata, type RecordData } from './rdata';
import { parseMessage, type Message as WireMessage } from './wire/message';
import { nameToText } from './wire/name';
import type { ResourceRecord as WireRecord } from './wire/record';
import type { WireErrorCode } from './wire/result';
import { classToText, RRTYPE, typeToText } from './wire/types';

export interface DnsQuestion {
  /** Presentation format, case as received, trailing dot. */
  readonly name: string;
  /** Mnemonic, e.g. `A`, `TYPE65534`. */
  readonly type: string;
  readonly typeCode: number;
  /** Mnemonic, e.g. `IN`, `CLASS7`. */
  readonly class: string;
  readonly classCode: number;
}

export interface DnsRecord extends DnsQuestion {
  readonly ttl: number;
  /** The RDATA in presentation format, as dig prints it. */
  readonly rdata: string;
  readonly data: RecordData;
  /** The record as the wire layer read it: what DNSSEC validation works on. */
  readonly wire: WireRecord;
}

export interface SectionCounts {
  readonly question: number;
  readonly answer: number;
  readonly authority: number;
  /** As in the header: includes the OPT record. */
  readonly additional: number;
}

export interface DnsMessage {
  readonly id: number;
  readonly opcode: number;
  readonly opcodeName: string;
  readonly flags: HeaderFlags;
  /** The 12-bit RCODE: header bits plus the OPT record's EXTENDED-RCODE (RFC 6891 §6.1.3). */
  readonly rcode: number;
  /** RFC mnemonic of `rcode`, e.g. `SERVFAIL`, `BADVERS`, `RCODE12`. */
  readonly rcodeName: string;
  readonly counts: SectionCounts;
  readonly question: readonly DnsQuestion[];
  readonly answer: readonly DnsRecord[];
  readonly authority: readonly DnsRecord[];
  /** The additional section without the OPT pseudo-record (that is `opt`). */
  readonly additional: readonly DnsRecord[];
  readonly opt: OptRecord | null;
  /** Every well-formed Extended DNS Error option, in message order. */
  readonly extendedErrors: readonly ExtendedDnsError[];
  /** Tolerated oddities worth showing: a malformed EDE, a second OPT, invalid RDATA… */
  readonly warnings: readonly string[];
  /** Size of the message in octets. */
  readonly size: number;
}

export type DecodeErrorCode = WireErrorCode | 'empty' | 'internal';

export interface DecodeError {
  readonly code: DecodeErrorCode;
  /** Human-readable, e.g. `name runs past the end (at octet 47)`. */
  readonly message: string;
}

export type DecodeResult =
  | { readonly ok: true; readonly message: DnsMessage }
  | { readonly ok: false; readonly error: DecodeError };

function question(q: WireMessage['question'][number]): DnsQuestion {
  return {
    name: nameToText(q.name),
    type: typeToText(q.type),
    typeCode: q.type,
    class: classToText(q.class),
    classCode: q.class,
  };
}

function record(rr: WireRecord, section: string, warnings: string[]): DnsRecord {
  const data = readRdata(rr.type, rr.rdata);
  const name = nameToText(rr.owner);
  const type = typeToText(rr.type);
  if (data.kind === 'invalid') warnings.push(`${section}: ${name} ${type}: ${data.reason}`);
  return {
    name,
    type,
    typeCode: rr.type,
    class: classToText(rr.class),
    classCode: rr.class,
    ttl: rr.ttl,
    rdata: formatRdata(data, rr.rdata),
    data,
    wire: rr,
  };
}

function interpret(wire: WireMessage, size: number): DnsMessage {
  const warnings: string[] = [];
  const answer = wire.answer.map((rr) => record(rr, 'answer', warnings));
  const authority = wire.authority.map((rr) => record(rr, 'authority', warnings));

  // RFC 6891 §6.1.1: at most one OPT, in the additional section, owned by the root.
  const opts = wire.additional.filter((rr) => rr.type === RRTYPE.OPT);
  const additional = wire.additional
    .filter((rr) => rr.type !== RRTYPE.OPT)
    .map((rr) => record(rr, 'additional', warnings));
  for (const section of [wire.answer, wire.authority]) {
    if (section.some((rr) => rr.type === RRTYPE.OPT)) {
      warnings.push('an OPT record outside the additional section (ignored)');
    }
  }
  if (opts.length > 1)
    warnings.push(`${opts.length} OPT records (RFC 6891 allows one); the first is used`);
  const first = opts[0];
  let opt: OptRecord | null = null;
  const extendedErrors: ExtendedDnsError[] = [];
  if (first !== undefined) {
    if (first.owner.length !== 0) warnings.push('the OPT record is not owned by the root');
    const read = readOpt(first);
    opt = read.opt;
    warnings.push(...read.problems);
    for (const option of opt.options) {
      if (option.code !== EDE_OPTION_CODE) continue;
      const ede = parseEdeOption(option.data);
      if (ede.ok) {
        extendedErrors.push(ede.ede);
        if (ede.ede.textRepaired)
          warnings.push(`${edeToText(ede.ede)}: EXTRA-TEXT was not valid UTF-8`);
      } else {
        warnings.push(ede.problem);
      }
    }
  }
  if (wire.trailingBytes > 0) {
    warnings.push(`${wire.trailingBytes} octet(s) after the last record (ignored)`);
  }

  const h = wire.header;
  const rcode = fullRcode(h.rcode, opt?.extendedRcode ?? 0);
  return {
    id: h.id,
    opcode: h.opcode,
    opcodeName: opcodeMnemonic(h.opcode),
    flags: decodeHeaderFlags(h.flags),
    rcode,
    rcodeName: rcodeMnemonic(rcode),
    counts: {
      question: wire.question.length,
      answer: wire.answer.length,
      authority: wire.authority.length,
      additional: wire.additional.length,
    },
    question: wire.question.map(question),
    answer,
    authority,
    additional,
    opt,
    extendedErrors,
    warnings,
    size,
  };
}

/**
 * Decodes a DNS message. Never throws.
 *
 * @example
 * const r = decodeMessage(bytes);
 * if (r.ok) console.log(r.message.rcodeName, r.message.extendedErrors);
 * else console.log(r.error.message); // e.g. 'compression pointer loop (at octet 12)'
 */
export function decodeMessage(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) {
    return { ok: false, error: { code: 'empty', message: 'the message is empty (0 octets)' } };
  }
  try {
    const parsed = parseMessage(bytes);
    if (!parsed.ok) {
      const { code, message, at } = parsed.error;
      const where = at === undefined ? '' : ` (at octet ${at})`;
      return { ok: false, error: { code, message: `${message}${where}` } };
    }
    return { ok: true, message: interpret(parsed.value, bytes.length) };
  } catch (e) {
    // Not reachable by design; kept so that a bug here cannot crash an investigation.
    return { ok: false, error: { code: 'internal', message: `decoder failure: ${String(e)}` } };
  }
}
