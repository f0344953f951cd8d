/** DS (RFC 4034 §5.1) and CDS (RFC 7344 §3.1): key tag, algorithm, digest type, digest. */

import { splitWords } from '../text';
import { toHex } from '../wire/encoding';
import { RRTYPE } from '../wire/types';
import type { RdataCodec, TextStyle } from './codec';
import type { DataOf } from './data';

type Ds = DataOf<'DS'>;

/** RFC 4034 §5.3: the digest "MUST be represented as a sequence of case-insensitive hexadecimal digits". */
export function hexText(bytes: Uint8Array, style: TextStyle): string {
  const hex = toHex(bytes).toUpperCase();
  return style.split ? splitWords(hex) : hex;
}

export const dsCodec: RdataCodec<Ds> = {
  types: [RRTYPE.DS, RRTYPE.CDS],
  decode: (type, r) => ({
    kind: type === RRTYPE.DS ? 'DS' : 'CDS',
    keyTag: r.u16('key tag'),
    algorithm: r.u8('algorithm'),
    digestType: r.u8('digest type'),
    digest: r.rest(),
  }),
  encode: (d, w) => void w.u16(d.keyTag).u8(d.algorithm).u8(d.digestType).bytes(d.digest),
  toText: (d, style) =>
    `${d.keyTag} ${d.algorithm} ${d.digestType} ${hexText(d.digest, style)}`.trimEnd(),
  fromText: (type, f) => ({
    kind: type === RRTYPE.DS ? 'DS' : 'CDS',
    keyTag: f.uint(0xffff, 'key tag'),
    algorithm: f.algorithm(),
    digestType: f.uint(255, 'digest type'),
    digest: f.hex('DS digest hex'),
  }),
};
