/** NSEC (RFC 4034 §4.1): the next owner name and the types present at this one. */

import { RRTYPE, typeFromText, typeToText } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataError } from './reader';

type Nsec = DataOf<'NSEC'>;

/** ` A NS SOA` (with a leading space), or nothing for an empty bit map. */
export function typeListText(types: readonly string[]): string {
  return types.length === 0 ? '' : ` ${types.join(' ')}`;
}

export function typeCodes(types: readonly string[]): readonly number[] {
  return types.map((t) => {
    const code = typeFromText(t);
    if (code === undefined) throw new RdataError(`unknown type ${t} in type bit map`);
    return code;
  });
}

export const nsecCodec: RdataCodec<Nsec> = {
  types: [RRTYPE.NSEC],
  decode: (_type, r) => ({
    kind: 'NSEC',
    nextName: r.name('next domain name'),
    types: r.types().map(typeToText),
  }),
  encode: (d, w) => void w.name(d.nextName).types(typeCodes(d.types)),
  toText: (d) => `${d.nextName}${typeListText(d.types)}`,
  fromText: (_type, f) => ({
    kind: 'NSEC',
    nextName: f.name('next domain name'),
    types: f.typeList(),
  }),
};
