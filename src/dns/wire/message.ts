/**
 * A raw DNS message parser (RFC 1035 §4.1) that keeps what DNSSEC needs: owner names as
 * label bytes, and RDATA with embedded names decompressed (RFC 3597 §4).
 *
 * It never throws on the bytes it is given: every length and pointer is checked and a
 * malformed message yields a typed {@link WireError}. dns-packet stays the display model
 * (src/dns); this parser is the one signatures are checked against.
 */

import { concatBytes } from './encoding';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, nameWireLength, type Name } from './name';
import { RDATA_NAME_LAYOUT } from './rdata-layout';
import type { ResourceRecord } from './record';
import { fail, ok, type WireResult } from './result';

export interface MessageHeader {
  readonly id: number;
  /** The 16 flag bits as received (QR, opcode, AA, TC, RD, RA, Z, AD, CD, RCODE). */
  readonly flags: number;
  readonly qr: boolean;
  readonly opcode: number;
  readonly aa: boolean;
  readonly tc: boolean;
  readonly rd: boolean;
  readonly ra: boolean;
  readonly ad: boolean;
  readonly cd: boolean;
  /** The 4-bit header RCODE (the OPT record may extend it, RFC 6891 §6.1.3). */
  readonly rcode: number;
}

export interface Question {
  readonly name: Name;
  readonly type: number;
  readonly class: number;
}

export interface Message {
  readonly header: MessageHeader;
  readonly question: readonly Question[];
  readonly answer: readonly ResourceRecord[];
  readonly authority: readonly ResourceRecord[];
  /** Includes the OPT pseudo-record (type 41) when present. */
  readonly additional: readonly ResourceRecord[];
  /** Octets after the last record; tolerated (nothing reads them) but reported. */
  readonly trailingBytes: number;
}

/** More jumps than this cannot be a sane name: a 255-octet name has at most 127 labels. */
const MAX_POINTER_JUMPS = 127;

interface NameRead {
  readonly name: Name;
  /** Offset just after the name's inline part (after the pointer, if one was followed). */
  readonly end: number;
}

/** Reads a possibly compressed name at `offset` (RFC 1035 §4.1.4). */
export function readName(msg: Uint8Array, offset: number): WireResult<NameRead> {
  const labels: Uint8Array[] = [];
  let pos = offset;
  let end = -1;
  let jumps = 0;
  let length = 1;
  // Each pointer must point before the start of the segment that contains it, so targets
  // strictly decrease and no loop can form (RFC 1035 §4.1.4: "a prior occurrence").
  let segmentStart = offset;
  for (;;) {
    if (pos >= msg.length) return fail('truncated', 'name runs past the end', pos);
    const len = msg[pos]!;
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= msg.length) return fail('truncated', 'compression pointer cut short', pos);
      const target = ((len & 0x3f) << 8) | msg[pos + 1]!;
      if (end < 0) end = pos + 2;
      if (++jumps > MAX_POINTER_JUMPS) return fail('pointer-loop', 'compression pointer loop', pos);
      if (target >= segmentStart) {
        return fail('bad-pointer', `pointer to ${target} does not point back`, pos);
      }
      pos = target;
      segmentStart = target;
      continue;
    }
    if (kind !== 0) return fail('bad-label-type', `label type 0x${kind.toString(16)}`, pos);
    if (len === 0) {
      if (end < 0) end = pos + 1;
      return ok({ name: labels, end });
    }
    if (len > MAX_LABEL_LENGTH) return fail('label-too-long', `label of ${len} octets`, pos);
    if (pos + 1 + len > msg.length) return fail('truncated', 'label runs past the end', pos);
    length += len + 1;
    if (length > MAX_NAME_LENGTH) return fail('name-too-long', 'name over 255 octets', offset);
    labels.push(msg.slice(pos + 1, pos + 1 + len));
    pos += 1 + len;
  }
}

function u16(msg: Uint8Array, o: number): number {
  return (msg[o]! << 8) | msg[o + 1]!;
}

function u32(msg: Uint8Array, o: number): number {
  return ((msg[o]! << 24) | (msg[o + 1]! << 16) | (msg[o + 2]! << 8) | msg[o + 3]!) >>> 0;
}

function encodeName(labels: Name): Uint8Array {
  const out = new Uint8Array(nameWireLength(labels));
  let o = 0;
  for (const l of labels) {
    out[o++] = l.length;
    out.set(l, o);
    o += l.length;
  }
  return out;
}

/** RDATA of `type` at [start, start+length), with names expanded per RDATA_NAME_LAYOUT. */
export function readRdata(
  msg: Uint8Array,
  type: number,
  start: number,
  length: number,
): WireResult<Uint8Array> {
  const end = start + length;
  if (end > msg.length) return fail('truncated', 'RDATA runs past the end', start);
  const layout = RDATA_NAME_LAYOUT.get(type);
  if (layout === undefined) return ok(msg.slice(start, end));
  const parts: Uint8Array[] = [];
  let pos = start;
  for (const field of layout) {
    if (field === 'rest') {
      parts.push(msg.slice(pos, end));
      pos = end;
    } else if (typeof field === 'number') {
      if (pos + field > end) return fail('bad-rdata', 'RDATA shorter than its layout', pos);
      parts.push(msg.slice(pos, pos + field));
      pos += field;
    } else if (field === 'string') {
      if (pos >= end || pos + 1 + msg[pos]! > end) {
        return fail('bad-rdata', 'character-string runs past RDATA', pos);
      }
      parts.push(msg.slice(pos, pos + 1 + msg[pos]!));
      pos += 1 + msg[pos]!;
    } else {
      const r = readName(msg, pos);
      if (!r.ok) return r;
      if (r.value.end > end) return fail('bad-rdata', 'name runs past RDATA', pos);
      parts.push(encodeName(r.value.name));
      pos = r.value.end;
    }
  }
  if (pos !== end) return fail('bad-rdata', 'RDATA longer than its layout', pos);
  return ok(concatBytes(parts));
}

function readRecord(
  msg: Uint8Array,
  offset: number,
): WireResult<{ rr: ResourceRecord; end: number }> {
  const owner = readName(msg, offset);
  if (!owner.ok) return owner;
  const o = owner.value.end;
  if (o + 10 > msg.length) return fail('truncated', 'RR header cut short', o);
  const type = u16(msg, o);
  const cls = u16(msg, o + 2);
  const ttl = u32(msg, o + 4);
  const rdlength = u16(msg, o + 8);
  const rdata = readRdata(msg, type, o + 10, rdlength);
  if (!rdata.ok) return rdata;
  return ok({
    rr: { owner: owner.value.name, type, class: cls, ttl, rdata: rdata.value },
    end: o + 10 + rdlength,
  });
}

function readHeader(msg: Uint8Array): MessageHeader {
  const flags = u16(msg, 2);
  return {
    id: u16(msg, 0),
    flags,
    qr: (flags & 0x8000) !== 0,
    opcode: (flags >> 11) & 0xf,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ra: (flags & 0x0080) !== 0,
    ad: (flags & 0x0020) !== 0,
    cd: (flags & 0x0010) !== 0,
    rcode: flags & 0xf,
  };
}

/**
 * Parses a whole DNS message.
 *
 * @example
 * const r = parseMessage(bytes);
 * if (r.ok) console.log(r.value.answer.length);
 * else console.log(r.error.code); // e.g. 'pointer-loop'
 */
export function parseMessage(msg: Uint8Array): WireResult<Message> {
  if (msg.length < 12) return fail('truncated', 'message shorter than its 12-octet header', 0);
  const header = readHeader(msg);
  const counts = [u16(msg, 4), u16(msg, 6), u16(msg, 8), u16(msg, 10)] as const;
  let pos = 12;
  const question: Question[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const n = readName(msg, pos);
    if (!n.ok) return n;
    pos = n.value.end;
    if (pos + 4 > msg.length) return fail('truncated', 'question cut short', pos);
    question.push({ name: n.value.name, type: u16(msg, pos), class: u16(msg, pos + 2) });
    pos += 4;
  }
  const sections: ResourceRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const r = readRecord(msg, pos);
      if (!r.ok) return r;
      sections[s]!.push(r.value.rr);
      pos = r.value.end;
    }
  }
  return ok({
    header,
    question,
    answer: sections[0]!,
    authority: sections[1]!,
    additional: sections[2]!,
    trailingBytes: msg.length - pos,
  });
}
