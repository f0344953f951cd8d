/**
 * NSEC3 (RFC 5155 §3.2) and NSEC3PARAM (§4.2): hash algorithm, flags, iterations and salt;
 * NSEC3 adds the next hashed owner name and the type bit map.
 */

import { fromHex, toBase32Hex, toHex } from '../wire/encoding';
import { RRTYPE, typeToText } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataTextError, type TextFields } from './fields';
import { typeCodes, typeListText } from './nsec';
import type { RdataReader } from './reader';
import type { RdataWriter } from './writer';

type Nsec3 = DataOf<'NSEC3'>;
type Nsec3Param = DataOf<'NSEC3PARAM'>;

/** RFC 5155 §3.1.2.1: the Opt-Out flag is the least significant bit of the flags. */
export const NSEC3_FLAG_OPT_OUT = 0x01;

/** RFC 5155 §3.3: "represented as "-" … when the Salt Length field has a value of 0". */
function saltText(salt: Uint8Array): string {
  return salt.length === 0 ? '-' : toHex(salt).toUpperCase();
}

function readHead(r: RdataReader): Omit<Nsec3Param, 'kind'> {
  return {
    hashAlgorithm: r.u8('hash algorithm'),
    flags: r.u8('flags'),
    iterations: r.u16('iterations'),
    salt: r.characterString('salt'),
  };
}

function textHead(f: TextFields): Omit<Nsec3Param, 'kind'> {
  const hashAlgorithm = f.uint(255, 'hash algorithm');
  const flags = f.uint(255, 'flags');
  const iterations = f.uint(0xffff, 'iterations');
  const word = f.word('salt');
  const salt =
    word === '-' ? new Uint8Array(0) : /^[0-9a-fA-F]+$/.test(word) ? fromHex(word) : undefined;
  if (salt === undefined || salt.length > 255)
    throw new RdataTextError('syntax', `bad salt ${word}`);
  return { hashAlgorithm, flags, iterations, salt };
}

function writeHead(d: Omit<Nsec3Param, 'kind'>, w: RdataWriter): void {
  w.u8(d.hashAlgorithm).u8(d.flags).u16(d.iterations).characterString(d.salt);
}

/** NSEC3 fields with the types as codes, as validation uses them (RFC 5155 §3.2). */
export interface Nsec3Fields extends Omit<Nsec3Param, 'kind'> {
  readonly nextHashedOwner: Uint8Array;
  readonly types: readonly number[];
}

export function readNsec3(r: RdataReader): Nsec3Fields {
  const head = readHead(r);
  const nextHashedOwner = r.characterString('next hashed owner name');
  // §3.2: the Hash Length is at least 1; an empty hash has no text form.
  if (nextHashedOwner.length === 0) r.fail('empty next hashed owner name');
  return { ...head, nextHashedOwner, types: r.types() };
}

const headText = (d: Omit<Nsec3Param, 'kind'>): string =>
  `${d.hashAlgorithm} ${d.flags} ${d.iterations} ${saltText(d.salt)}`;

export const nsec3Codec: RdataCodec<Nsec3> = {
  types: [RRTYPE.NSEC3],
  decode(_type, r) {
    const { nextHashedOwner, types, ...head } = readNsec3(r);
    return {
      kind: 'NSEC3',
      ...head,
      optOut: (head.flags & NSEC3_FLAG_OPT_OUT) !== 0,
      nextHashedOwner,
      types: types.map(typeToText),
    };
  },
  encode(d, w) {
    writeHead(d, w);
    w.characterString(d.nextHashedOwner).types(typeCodes(d.types));
  },
  toText: (d) =>
    `${headText(d)} ${toBase32Hex(d.nextHashedOwner).toUpperCase()}${typeListText(d.types)}`,
  fromText(_type, f) {
    const head = textHead(f);
    const nextHashedOwner = f.base32hex('next hashed owner name');
    if (nextHashedOwner.length === 0 || nextHashedOwner.length > 255) {
      throw new RdataTextError('syntax', 'bad next hashed owner name');
    }
    const types = f.typeList();
    return {
      kind: 'NSEC3',
      ...head,
      optOut: (head.flags & NSEC3_FLAG_OPT_OUT) !== 0,
      nextHashedOwner,
      types,
    };
  },
};

export const nsec3ParamCodec: RdataCodec<Nsec3Param> = {
  types: [RRTYPE.NSEC3PARAM],
  decode(_type, r) {
    const data: Nsec3Param = { kind: 'NSEC3PARAM', ...readHead(r) };
    r.end('NSEC3PARAM');
    return data;
  },
  encode: (d, w) => writeHead(d, w),
  toText: headText,
  fromText(_type, f) {
    const data: Nsec3Param = { kind: 'NSEC3PARAM', ...textHead(f) };
    f.end('NSEC3PARAM');
    return data;
  },
};
