/**
 * The record modules of src/dns/rdata are inverse pairs: for every type the app reads,
 * wire → text → wire and text → wire → text are identities — on generated RDATA (each
 * type's layout filled with arbitrary octets, names with arbitrary label bytes) and on
 * every record in the lab recordings. Text is read back through the zone-text reader, as
 * a pasted record would be, in both of dig's styles (split at 56 columns, and one word).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DIG_STYLE,
  KNOWN_RDATA_TYPES,
  ONE_LINE,
  readRdata,
  rdataToText,
  type TextStyle,
} from '../../../src/dns/rdata';
import { concatBytes, fromBase64, toHex } from '../../../src/dns/wire/encoding';
import { parseMessage } from '../../../src/dns/wire/message';
import { nameToWire } from '../../../src/dns/wire/name';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { encodeTypeBitmap } from '../../../src/dns/wire/type-bitmap';
import { RRTYPE, typeToText } from '../../../src/dns/wire/types';
import { parseZoneText } from '../../../src/dns/wire/zone-text';

/** Thousands of records through text and back: seconds on a loaded machine, not a hang. */
const SLOW = 60_000;

/** The RDATA octets a record's text reads back to, or the reason it does not. */
function textToWire(type: number, text: string): Uint8Array | string {
  const r = parseZoneText(`x. 3600 IN ${typeToText(type)} ${text}`);
  if (!r.ok) return r.error.message;
  return r.value.length === 1 ? r.value[0]!.rdata : `${r.value.length} records`;
}

/** Both identities for one record, in one style. */
function expectRoundTrip(type: number, rdata: Uint8Array, style: TextStyle): void {
  const text = rdataToText(type, rdata, style);
  const back = textToWire(type, text);
  const label = `${typeToText(type)} ${text}`;
  expect(typeof back === 'string' ? back : toHex(back), label).toBe(toHex(rdata));
  if (typeof back !== 'string') expect(rdataToText(type, back, style), label).toBe(text);
}

const u16 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 255);
const bytes = (min: number, max: number): fc.Arbitrary<Uint8Array> =>
  fc.uint8Array({ minLength: min, maxLength: max });
const charString = (min: number, max: number): fc.Arbitrary<Uint8Array> =>
  bytes(min, max).map((b) => concatBytes([Uint8Array.of(b.length), b]));
/** Names with any label octets: dots, backslashes, quotes, controls and upper case. */
const name = fc
  .array(fc.uint8Array({ minLength: 1, maxLength: 12 }), { maxLength: 4 })
  .map((labels) => nameToWire(labels));
const bitmap = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 65535 })), {
    maxLength: 8,
  })
  .map((types) => encodeTypeBitmap(types));
const seq = (...parts: fc.Arbitrary<Uint8Array>[]): fc.Arbitrary<Uint8Array> =>
  fc.tuple(...parts).map((p) => concatBytes(p));
const fixed = (n: number): fc.Arbitrary<Uint8Array> => bytes(n, n);
const caaTag = fc
  .stringMatching(/^[a-zA-Z0-9]{1,15}$/)
  .map((t) => concatBytes([Uint8Array.of(t.length), new TextEncoder().encode(t)]));
/** SvcParams in key order; values sometimes fit their key, sometimes not (shown generic). */
const svcParams = fc
  .uniqueArray(
    fc.record({
      key: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 667, 65000),
      value: fc.oneof(
        bytes(0, 12),
        fc.constantFrom(
          Uint8Array.of(0, 1, 0, 4),
          Uint8Array.of(2, 0x68, 0x32, 3, 0x68, 0x2c, 0x5c),
          Uint8Array.of(0, 53),
          Uint8Array.of(192, 0, 2, 1),
          new Uint8Array(16),
        ),
      ),
    }),
    { selector: (p) => p.key, maxLength: 5 },
  )
  .map((ps) =>
    concatBytes(
      [...ps]
        .sort((a, b) => a.key - b.key)
        .flatMap((p) => [u16(p.key), u16(p.value.length), p.value]),
    ),
  );

const exchangeLike = seq(fixed(2), name);
const nsec3Head = seq(fixed(4), charString(0, 20));

/** One generator per layout, keyed by the types that share it. */
const LAYOUTS: readonly [readonly number[], fc.Arbitrary<Uint8Array>][] = [
  [[RRTYPE.A], fixed(4)],
  [[RRTYPE.AAAA], fixed(16)],
  [[RRTYPE.NS, RRTYPE.CNAME, RRTYPE.DNAME, RRTYPE.PTR, RRTYPE.MB, RRTYPE.MG, RRTYPE.MR], name],
  [[RRTYPE.MD, RRTYPE.MF], name],
  [[RRTYPE.MX, RRTYPE.AFSDB, RRTYPE.RT, RRTYPE.KX], exchangeLike],
  [
    [RRTYPE.TXT, RRTYPE.SPF],
    fc.array(charString(0, 40), { minLength: 1, maxLength: 4 }).map(concatBytes),
  ],
  [[RRTYPE.HINFO], seq(charString(0, 20), charString(0, 20))],
  [[RRTYPE.SOA], seq(name, name, fixed(20))],
  [[RRTYPE.SRV], seq(fixed(6), name)],
  [[RRTYPE.CAA], seq(fixed(1), caaTag, bytes(0, 300))],
  [[RRTYPE.DS, RRTYPE.CDS], seq(fixed(4), bytes(1, 80))],
  [[RRTYPE.DNSKEY, RRTYPE.CDNSKEY], seq(fixed(4), bytes(1, 140))],
  [[RRTYPE.RRSIG], seq(fixed(18), name, bytes(1, 140))],
  [[RRTYPE.NSEC], seq(name, bitmap)],
  [[RRTYPE.NSEC3], seq(nsec3Head, charString(1, 32), bitmap)],
  [[RRTYPE.NSEC3PARAM], nsec3Head],
  [[RRTYPE.SVCB, RRTYPE.HTTPS], seq(fixed(2), name, svcParams)],
  [[RRTYPE.TLSA, 65280], bytes(0, 80)],
];

describe('RDATA round trips on generated records', () => {
  it('covers every type with a module', () => {
    const generated = new Set(LAYOUTS.flatMap(([types]) => types));
    expect(KNOWN_RDATA_TYPES.filter((t) => !generated.has(t)).map(typeToText)).toEqual([]);
  });

  for (const [types, rdata] of LAYOUTS) {
    it(
      `${types.map(typeToText).join(', ')}: wire → text → wire → text`,
      () => {
        fc.assert(
          fc.property(fc.constantFrom(...types), rdata, (type, bytes) => {
            expect(readRdata(type, bytes).kind, typeToText(type)).not.toBe('invalid');
            expectRoundTrip(type, bytes, DIG_STYLE);
            expectRoundTrip(type, bytes, ONE_LINE);
          }),
          { numRuns: 150 },
        );
      },
      SLOW,
    );
  }

  it(
    'random octets: whatever reads as a type prints back to the same octets',
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...KNOWN_RDATA_TYPES), bytes(0, 60), (type, octets) => {
          // Invalid RDATA prints in the generic form, which reads back too.
          expectRoundTrip(type, octets, DIG_STYLE);
        }),
        { numRuns: 2000 },
      );
    },
    SLOW,
  );
});

const LAB = 'test/fixtures/lab';

function labRecords(): readonly ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const file of readdirSync(LAB).filter((f) => f.endsWith('.json'))) {
    const evidence = JSON.parse(readFileSync(join(LAB, file), 'utf8')) as {
      exchanges: readonly { response?: string }[];
    };
    for (const x of evidence.exchanges) {
      const wire = x.response === undefined ? undefined : fromBase64(x.response);
      const m = wire === undefined ? undefined : parseMessage(wire);
      if (m?.ok) out.push(...m.value.answer, ...m.value.authority, ...m.value.additional);
    }
  }
  return out.filter((rr) => rr.type !== RRTYPE.OPT);
}

describe('RDATA round trips on the lab recordings', () => {
  const records = labRecords();

  it(
    'every recorded record, in both styles',
    () => {
      const types = new Set<string>();
      for (const rr of records) {
        expect(readRdata(rr.type, rr.rdata).kind).not.toBe('invalid');
        expectRoundTrip(rr.type, rr.rdata, DIG_STYLE);
        expectRoundTrip(rr.type, rr.rdata, ONE_LINE);
        types.add(typeToText(rr.type));
      }
      // The recordings hold signed zones with both denial kinds: the test saw them all.
      for (const t of ['A', 'NS', 'SOA', 'DS', 'DNSKEY', 'RRSIG', 'NSEC', 'NSEC3']) {
        expect(types, t).toContain(t);
      }
      expect(records.length).toBeGreaterThan(500);
    },
    SLOW,
  );
});
