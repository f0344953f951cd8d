/**
 * Well-framed DNS messages with hostile contents (RFC 1035 §4.1): the header counts match
 * the sections and every RDLENGTH matches its RDATA, so the decoder gets past the framing
 * and into each record type's RDATA reader, the OPT record (RFC 6891 §6.1.2) and Extended
 * DNS Errors (RFC 8914 §2) — where random octets would rarely arrive.
 */
import fc from 'fast-check';
import { RRTYPE } from '../../src/dns/wire/types';

/** Types with their own RDATA reader or presentation, plus unknown and meta types. */
const TYPES = [
  RRTYPE.A,
  RRTYPE.NS,
  RRTYPE.CNAME,
  RRTYPE.SOA,
  RRTYPE.PTR,
  RRTYPE.HINFO,
  RRTYPE.MX,
  RRTYPE.TXT,
  RRTYPE.AAAA,
  RRTYPE.SRV,
  RRTYPE.NAPTR,
  RRTYPE.DNAME,
  RRTYPE.OPT,
  RRTYPE.DS,
  RRTYPE.SSHFP,
  RRTYPE.RRSIG,
  RRTYPE.NSEC,
  RRTYPE.DNSKEY,
  RRTYPE.NSEC3,
  RRTYPE.NSEC3PARAM,
  RRTYPE.TLSA,
  RRTYPE.CDS,
  RRTYPE.CDNSKEY,
  RRTYPE.SVCB,
  RRTYPE.HTTPS,
  RRTYPE.CAA,
  RRTYPE.URI,
  RRTYPE.ANY,
  0,
  65_534,
  65_535,
];

/** Uncompressed wire names: labels (some odd), the root, or a pointer to the question. */
const wireName: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<number[]>([0xc0, 0x0c]) },
  { weight: 1, arbitrary: fc.constant<number[]>([0]) },
  {
    weight: 3,
    arbitrary: fc
      .array(
        fc.oneof(
          fc.constantFrom('lab', 'www', 'xn--bcher-kva', '*', '_dmarc', 'A.B', '\\', ''),
          fc.string({ unit: 'binary-ascii', maxLength: 12 }),
          fc.uint8Array({ minLength: 63, maxLength: 64 }).map((b) => String.fromCharCode(...b)),
        ),
        { maxLength: 5 },
      )
      .map((labels) => {
        const out: number[] = [];
        for (const label of labels) {
          const octets = Array.from(label, (c) => c.charCodeAt(0) & 0xff);
          out.push(octets.length, ...octets);
        }
        out.push(0);
        return out;
      }),
  },
);

const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number): number[] => [...u16(Math.floor(n / 0x10000)), ...u16(n & 0xffff)];

/** An OPT RDATA of options; EDE options get a plausible INFO-CODE and odd EXTRA-TEXT. */
const optRdata: fc.Arbitrary<number[]> = fc
  .array(
    fc.oneof(
      fc
        .record({
          info: fc.oneof(fc.nat(30), fc.nat(0xffff)),
          text: fc.oneof(
            fc.string({ maxLength: 20 }).map((s) => Array.from(new TextEncoder().encode(s))),
            fc.array(fc.nat(255), { maxLength: 20 }),
          ),
        })
        .map(({ info, text }) => [...u16(15), ...u16(2 + text.length), ...u16(info), ...text]),
      // An option whose length runs past the RDATA, or a bare code.
      fc.array(fc.nat(255), { maxLength: 6 }),
      fc
        .record({ code: fc.nat(0xffff), data: fc.array(fc.nat(255), { maxLength: 12 }) })
        .map(({ code, data }) => [...u16(code), ...u16(data.length), ...data]),
    ),
    { maxLength: 3 },
  )
  .map((options) => options.flat());

const rdata: fc.Arbitrary<number[]> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.nat(255), { maxLength: 48 }) },
  { weight: 1, arbitrary: fc.array(fc.nat(255), { minLength: 200, maxLength: 600 }) },
  // A name, then octets: the shape of NS, CNAME, MX, SRV, RRSIG, NSEC, SVCB…
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.array(fc.nat(255), { maxLength: 20 }),
        wireName,
        fc.array(fc.nat(255), { maxLength: 20 }),
      )
      .map(([a, name, b]) => [...a, ...name, ...b]),
  },
);

interface RecordSpec {
  readonly owner: number[];
  readonly type: number;
  readonly cls: number;
  readonly ttl: number;
  readonly rdata: number[];
}

const record: fc.Arbitrary<RecordSpec> = fc
  .record({
    owner: wireName,
    type: fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...TYPES) },
      { weight: 1, arbitrary: fc.nat(0xffff) },
    ),
    cls: fc.oneof(
      { weight: 5, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.nat(0xffff) },
    ),
    ttl: fc.oneof(fc.constantFrom(0, 300, 0x7fffffff, 0x80000000, 0xffffffff), fc.nat()),
    rdata,
    opt: optRdata,
  })
  .map(({ owner, type, cls, ttl, rdata: data, opt }) => ({
    owner: type === RRTYPE.OPT ? [0] : owner,
    type,
    cls: type === RRTYPE.OPT ? 1232 : cls,
    ttl,
    rdata: type === RRTYPE.OPT ? opt : data,
  }));

function encodeRecord(r: RecordSpec): number[] {
  return [
    ...r.owner,
    ...u16(r.type),
    ...u16(r.cls),
    ...u32(r.ttl),
    ...u16(r.rdata.length),
    ...r.rdata,
  ];
}

/**
 * A response: flags mostly QR/RD/RA with any RCODE, one question, then records.
 *
 * @example fc.sample(dnsMessage, 1)[0] // Uint8Array [ 0x12, 0x34, 0x81, 0x80, … ]
 */
export const dnsMessage: fc.Arbitrary<Uint8Array> = fc
  .record({
    // RFC 8484 §4.1: DoH queries carry ID 0, and an answer with another ID is a mismatch.
    id: fc.oneof(
      { weight: 5, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.nat(0xffff) },
    ),
    flags: fc.oneof(
      fc.nat(15).map((rcode) => 0x8180 | rcode),
      fc.nat(15).map((rcode) => 0x81a0 | rcode), // AD set
      fc.nat(0xffff),
    ),
    question: fc.array(
      fc.record({
        name: wireName,
        type: fc.constantFrom(...TYPES),
        cls: fc.constantFrom(1, 3, 255),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    answer: fc.array(record, { maxLength: 6 }),
    authority: fc.array(record, { maxLength: 4 }),
    additional: fc.array(record, { maxLength: 3 }),
  })
  .map(({ id, flags, question, answer, authority, additional }) => {
    const q = question.map((x) => [
      ...(x.name[0] === 0xc0 ? [0] : x.name),
      ...u16(x.type),
      ...u16(x.cls),
    ]);
    return Uint8Array.from([
      ...u16(id),
      ...u16(flags),
      ...u16(q.length),
      ...u16(answer.length),
      ...u16(authority.length),
      ...u16(additional.length),
      ...q.flat(),
      ...answer.flatMap(encodeRecord),
      ...authority.flatMap(encodeRecord),
      ...additional.flatMap(encodeRecord),
    ]);
  });

/** The question section of a recorded response (its first question, uncompressed). */
export function questionSection(message: Uint8Array): Uint8Array | undefined {
  let at = 12;
  while (at < message.length && message[at] !== 0) {
    if ((message[at]! & 0xc0) !== 0) return undefined;
    at += message[at]! + 1;
  }
  return at + 5 <= message.length ? message.slice(12, at + 5) : undefined;
}

/**
 * A failure answer to a recorded question carrying Extended DNS Errors (RFC 8914) whose
 * EXTRA-TEXT is a resolver's real wording, damaged: what the EDE-text reader and the
 * lame-delegation analysis are given by Google, Cloudflare and Unbound.
 */
export function edeAnswer(
  questions: readonly Uint8Array[],
  texts: readonly string[],
  edit: (text: string) => fc.Arbitrary<string>,
): fc.Arbitrary<Uint8Array> {
  const option = fc
    .record({
      info: fc.oneof(fc.constantFrom(0, 6, 7, 9, 10, 12, 15, 18, 20, 22, 23), fc.nat(0xffff)),
      text: fc.constantFrom(...texts).chain(edit),
    })
    .map(({ info, text }) => {
      const bytes = Array.from(new TextEncoder().encode(text));
      return [...u16(15), ...u16(2 + bytes.length), ...u16(info), ...bytes];
    });
  return fc
    .record({
      question: fc.nat(questions.length - 1),
      rcode: fc.constantFrom(2, 2, 2, 0, 3, 5, 9),
      options: fc.array(option, { minLength: 1, maxLength: 3 }),
    })
    .map(({ question, rcode, options }) => {
      const rdata = options.flat();
      const opt = [0, ...u16(RRTYPE.OPT), ...u16(1232), ...u32(0), ...u16(rdata.length), ...rdata];
      return Uint8Array.from([
        ...[0, 0, 0x81, 0x80 | rcode, 0, 1, 0, 0, 0, 0, 0, 1],
        ...(questions[question] ?? []),
        ...opt,
      ]);
    });
}
