/**
 * RDATA, one module per record type (the model of hickory-dns' `rdata/`): each reads its
 * type from wire, writes it back, prints it as `dig` does and reads it from presentation
 * text. This registry is the one place the app turns RDATA into structure or text: the
 * decoded messages shown in the UI, the record texts in proof reasons, the zone-text
 * reader behind trust anchors, and the DNSSEC readers in src/dnssec/rdata. Types without
 * a module use the RFC 3597 generic form.
 */

import { nameToText, type Name } from '../wire/name';
import type { ResourceRecord } from '../wire/record';
import { fail, ok, type WireResult } from '../wire/result';
import { classToText, typeToText } from '../wire/types';
import { addressCodec } from './address';
import { caaCodec } from './caa';
import type { RdataCodec, TextStyle } from './codec';
import type { RecordData } from './data';
import { dnskeyCodec } from './dnskey';
import { dsCodec } from './ds';
import { exchangeCodec } from './exchange';
import { RdataTextError, TextFields, type Token } from './fields';
import { genericRdataFromText, genericRdataText, isGenericText } from './generic';
import { hinfoCodec } from './hinfo';
import { nsecCodec } from './nsec';
import { nsec3Codec, nsec3ParamCodec } from './nsec3';
import { RdataError, RdataReader } from './reader';
import { rrsigCodec } from './rrsig';
import { soaCodec } from './soa';
import { srvCodec } from './srv';
import { svcbCodec } from './svcb';
import { targetCodec } from './target';
import { txtCodec } from './txt';
import { RdataWriter } from './writer';

export type { RecordData, DataOf } from './data';
export type { TextStyle } from './codec';
export type { Token } from './fields';
export { parseSignatureTime, parseTtl } from './fields';
export { genericRdataText } from './generic';
export { RdataError } from './reader';

/** dig's default output: long hex and base64 fields cut into 56-character words. */
export const DIG_STYLE: TextStyle = { split: true };
/** One word per field, for one-line record texts (proof reasons, zone lines). */
export const ONE_LINE: TextStyle = { split: false };

const CODECS: readonly RdataCodec<RecordData>[] = [
  addressCodec,
  targetCodec,
  exchangeCodec,
  txtCodec,
  hinfoCodec,
  soaCodec,
  srvCodec,
  caaCodec,
  dsCodec,
  dnskeyCodec,
  rrsigCodec,
  nsecCodec,
  nsec3Codec,
  nsec3ParamCodec,
  svcbCodec,
];

const REGISTRY: ReadonlyMap<number, RdataCodec<RecordData>> = new Map(
  CODECS.flatMap((c) => c.types.map((t) => [t, c] as const)),
);

/** The kinds of RecordData are the types' mnemonics. */
const BY_KIND: ReadonlyMap<string, RdataCodec<RecordData>> = new Map(
  [...REGISTRY].map(([type, codec]) => [typeToText(type), codec] as const),
);

/** The type codes with a structured reading (every other type is shown generic). */
export const KNOWN_RDATA_TYPES: readonly number[] = [...REGISTRY.keys()].sort((a, b) => a - b);

/**
 * Reads the RDATA of a record of `type`. Never throws.
 *
 * @example readRdata(1, Uint8Array.of(192, 0, 2, 1)) // { kind: 'A', address: '192.0.2.1' }
 * @example readRdata(1, Uint8Array.of(1, 2)) // { kind: 'invalid', reason: 'an A record has 4 octets, not 2' }
 */
export function readRdata(type: number, rdata: Uint8Array): RecordData {
  const codec = REGISTRY.get(type);
  if (codec === undefined) return { kind: 'unknown' };
  const r = new RdataReader(rdata);
  try {
    const data = codec.decode(type, r);
    return r.error === undefined ? data : { kind: 'invalid', reason: r.error };
  } catch (e) {
    if (e instanceof RdataError) return { kind: 'invalid', reason: r.error ?? e.message };
    return { kind: 'invalid', reason: `unreadable RDATA (${String(e)})` };
  }
}

/**
 * The presentation text of RDATA already read by {@link readRdata}; `unknown` and
 * `invalid` data print in the generic form of `rdata`.
 *
 * @example formatRdata({ kind: 'MX', preference: 10, exchange: 'mail.example.com.' }, bytes)
 * // '10 mail.example.com.'
 */
export function formatRdata(data: RecordData, rdata: Uint8Array, style = DIG_STYLE): string {
  if (data.kind === 'unknown' || data.kind === 'invalid') return genericRdataText(rdata, style);
  const codec = BY_KIND.get(data.kind);
  return codec === undefined ? genericRdataText(rdata, style) : codec.toText(data, style);
}

/** The RDATA of `type` in presentation format, one line unless `style` splits. */
export function rdataToText(type: number, rdata: Uint8Array, style = ONE_LINE): string {
  const codec = REGISTRY.get(type);
  const data = readRdata(type, rdata);
  if (codec === undefined || data.kind === 'unknown' || data.kind === 'invalid') {
    return genericRdataText(rdata, style);
  }
  return codec.toText(data, style);
}

/** `owner TTL class type rdata`, one line. */
export function recordToText(rr: ResourceRecord): string {
  return `${nameToText(rr.owner)} ${rr.ttl} ${classToText(rr.class)} ${typeToText(rr.type)} ${rdataToText(rr.type, rr.rdata)}`;
}

/** The wire form of structured RDATA of `type`; raises RdataError when a field cannot be written. */
export function encodeRdata(type: number, data: RecordData): Uint8Array {
  const codec = REGISTRY.get(type);
  if (codec === undefined || data.kind === 'unknown' || data.kind === 'invalid') {
    throw new RdataError(`no structured RDATA for ${typeToText(type)}`);
  }
  const w = new RdataWriter();
  codec.encode(data, w);
  return w.done();
}

/**
 * Parses the RDATA tokens of one record of `type` (any type also takes the RFC 3597 §5
 * generic form) into wire bytes.
 */
export function rdataFromText(
  type: number,
  tokens: readonly Token[],
  origin: Name,
): WireResult<Uint8Array> {
  if (isGenericText(tokens)) return genericRdataFromText(tokens);
  const codec = REGISTRY.get(type);
  if (codec === undefined) {
    return fail('unknown-type', `no presentation parser for TYPE${type}; use \\# generic form`);
  }
  try {
    const data = codec.fromText(type, new TextFields(tokens, origin));
    const w = new RdataWriter();
    codec.encode(data, w);
    return ok(w.done());
  } catch (e) {
    if (e instanceof RdataTextError) return fail(e.code, e.message);
    if (e instanceof RdataError) return fail('syntax', e.message);
    throw e;
  }
}
