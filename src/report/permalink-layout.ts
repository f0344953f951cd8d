/**
 * The uncompressed body of an evidence link (link format 1): Evidence packed for size.
 *
 *   octets 0–3   length N of the index, big-endian
 *   octets 4…    the index: UTF-8 JSON, positional arrays instead of named fields
 *   then         every response body as raw octets, in exchange order
 *
 * Why not the Evidence JSON itself: its responses are base64, which DEFLATE squeezes back
 * only to about 6 bits per octet, and the same RRSIG or DNSKEY sent by four resolvers sits
 * at a different base64 alignment in each response, so DEFLATE cannot match it. Raw octets
 * side by side let DEFLATE find those repeats (the same signed answer with CD=0 and CD=1
 * at every resolver), and the positional index drops the repeated field names.
 *
 * Index: [version, name, type, [[url, label]…], [anchor…], startedAt, finishedAt, [exchange…],
 *         [rdapLookup…]?]  (the lookups as in the Evidence JSON; absent when there are none)
 * Exchange: [id, resolverIndex, name, type, flags (1 = CD, 2 = DO), purposeIndex, wave,
 *            start, durationMs, httpStatus | null, contentType | 1 (the DoH type) | null,
 *            responseLength | null, errorClass | null, errorMessage | null]
 * `start` is milliseconds after the evidence's startedAt when both are safe integers, else
 * `[absolute]`. Unpacking yields plain JSON-shaped Evidence for `parseEvidence` to check.
 */

import type { Evidence, Exchange } from '../evidence/evidence';
import { EXCHANGE_PURPOSES } from '../evidence/codec';

export const DOH_CONTENT_TYPE = 'application/dns-message';

const CD = 1;
const DO = 2;

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function packStart(exchange: Exchange, base: number): number | [number] {
  const delta = exchange.startedAt - base;
  return Number.isSafeInteger(exchange.startedAt) && Number.isSafeInteger(base)
    ? delta
    : [exchange.startedAt];
}

/** Packs valid Evidence (checked by the caller) into the link body. */
export function packEvidence(evidence: Evidence): Uint8Array {
  const resolverIndex = new Map(evidence.resolvers.map((r, i) => [r.url, i]));
  const blobs: Uint8Array[] = [];
  const exchanges = evidence.exchanges.map((x) => {
    const body = x.response === undefined ? undefined : fromBase64(x.response);
    if (body !== undefined) blobs.push(body);
    return [
      x.id,
      resolverIndex.get(x.resolver) ?? -1,
      x.question.name,
      x.question.type,
      (x.cd ? CD : 0) | (x.do ? DO : 0),
      EXCHANGE_PURPOSES.indexOf(x.purpose),
      x.wave,
      packStart(x, evidence.startedAt),
      x.durationMs,
      x.httpStatus ?? null,
      x.contentType === DOH_CONTENT_TYPE ? 1 : (x.contentType ?? null),
      body === undefined ? null : body.length,
      x.error?.class ?? null,
      x.error?.message ?? null,
    ];
  });
  const index = new TextEncoder().encode(
    JSON.stringify([
      evidence.version,
      evidence.question.name,
      evidence.question.type,
      evidence.resolvers.map((r) => [r.url, r.label]),
      evidence.trustAnchors,
      evidence.startedAt,
      evidence.finishedAt,
      exchanges,
      ...(evidence.rdap === undefined ? [] : [evidence.rdap]),
    ]),
  );
  const total = 4 + index.length + blobs.reduce((sum, b) => sum + b.length, 0);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, index.length);
  out.set(index, 4);
  let at = 4 + index.length;
  for (const blob of blobs) {
    out.set(blob, at);
    at += blob.length;
  }
  return out;
}

export type Unpacked =
  | { readonly ok: true; readonly evidence: unknown }
  | { readonly ok: false; readonly kind: 'bad-json' | 'invalid'; readonly message: string };

class Damaged {
  constructor(readonly message: string) {}
}

function damaged(message: string): never {
  throw new Damaged(message);
}

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) damaged(`${what} is not a list`);
  return value;
}

function optional<T>(value: unknown, check: (v: unknown) => v is T, what: string): T | undefined {
  if (value === null) return undefined;
  if (!check(value)) damaged(`${what} has the wrong type`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

function unpackExchange(
  value: unknown,
  i: number,
  evidence: { resolvers: readonly unknown[]; startedAt: unknown },
  body: Uint8Array,
  cursor: { at: number },
): Record<string, unknown> {
  const x = list(value, `exchange ${i}`);
  if (x.length !== 14) damaged(`exchange ${i} has ${x.length} fields, not 14`);
  const [id, resolver, name, type, flags, purpose, wave, start, duration] = x;
  const [httpStatus, contentType, responseLength, errorClass, errorMessage] = x.slice(9);
  if (typeof resolver !== 'number' || typeof flags !== 'number' || typeof purpose !== 'number') {
    damaged(`exchange ${i} has the wrong types`);
  }
  const url = (evidence.resolvers[resolver] as unknown[] | undefined)?.[0];
  const startedAt = Array.isArray(start)
    ? start[0]
    : typeof start === 'number' && typeof evidence.startedAt === 'number'
      ? evidence.startedAt + start
      : start;
  const length = optional(responseLength, isNumber, `exchange ${i}'s response length`);
  let response: string | undefined;
  if (length !== undefined) {
    if (!Number.isSafeInteger(length) || length < 0 || cursor.at + length > body.length) {
      damaged(`exchange ${i}'s response runs past the end of the data`);
    }
    response = toBase64(body.subarray(cursor.at, cursor.at + length));
    cursor.at += length;
  }
  const status = optional(httpStatus, isNumber, `exchange ${i}'s HTTP status`);
  const type0 = contentType === 1 ? DOH_CONTENT_TYPE : contentType;
  const mediaType = optional(type0, isString, `exchange ${i}'s content type`);
  return {
    id,
    resolver: url,
    question: { name, type },
    cd: (flags & CD) !== 0,
    do: (flags & DO) !== 0,
    purpose: EXCHANGE_PURPOSES[purpose],
    wave,
    startedAt,
    durationMs: duration,
    ...(status === undefined ? {} : { httpStatus: status }),
    ...(mediaType === undefined ? {} : { contentType: mediaType }),
    ...(response === undefined ? {} : { response }),
    ...(errorClass === null && errorMessage === null
      ? {}
      : { error: { class: errorClass, message: errorMessage } }),
  };
}

/**
 * Unpacks a link body into Evidence-shaped JSON. Never throws; the result still has to go
 * through `parseEvidence`, which checks every field.
 */
export function unpackEvidence(body: Uint8Array): Unpacked {
  if (body.length < 4) return { ok: false, kind: 'bad-json', message: 'the data is cut short' };
  const indexLength = new DataView(body.buffer, body.byteOffset, body.byteLength).getUint32(0);
  if (indexLength > body.length - 4) {
    return { ok: false, kind: 'bad-json', message: 'the index runs past the end of the data' };
  }
  let index: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      body.subarray(4, 4 + indexLength),
    );
    index = JSON.parse(text);
  } catch {
    return { ok: false, kind: 'bad-json', message: 'the index is not valid JSON' };
  }
  try {
    const top = list(index, 'the index');
    if (top.length !== 8 && top.length !== 9) {
      damaged(`the index has ${top.length} fields, not 8 or 9`);
    }
    const [version, name, type, resolvers, trustAnchors, startedAt, finishedAt, exchanges, rdap] =
      top;
    const resolverList = list(resolvers, 'the resolver list');
    const blobs = body.subarray(4 + indexLength);
    const cursor = { at: 0 };
    const context = { resolvers: resolverList, startedAt };
    const unpacked = list(exchanges, 'the exchange list').map((x, i) =>
      unpackExchange(x, i, context, blobs, cursor),
    );
    if (cursor.at !== blobs.length) {
      damaged(`${blobs.length - cursor.at} octets of response data belong to no exchange`);
    }
    return {
      ok: true,
      evidence: {
        version,
        question: { name, type },
        resolvers: resolverList.map((r, i) => {
          const [url, label] = list(r, `resolver ${i}`);
          return { url, label };
        }),
        trustAnchors,
        startedAt,
        finishedAt,
        exchanges: unpacked,
        ...(rdap === undefined ? {} : { rdap }),
      },
    };
  } catch (problem) {
    const message = problem instanceof Damaged ? problem.message : 'the index cannot be read';
    return { ok: false, kind: 'invalid', message };
  }
}
