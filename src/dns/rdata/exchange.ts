/**
 * Types whose RDATA is a 16-bit preference and a name: MX (RFC 1035 §3.3.9), AFSDB
 * (RFC 1183 §1), RT (RFC 1183 §3.3) and KX (RFC 2230 §3.1).
 */

import { RRTYPE, typeToText } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf, ExchangeKind } from './data';

type Exchange = DataOf<'MX'>;

export const exchangeCodec: RdataCodec<Exchange> = {
  types: [RRTYPE.MX, RRTYPE.AFSDB, RRTYPE.RT, RRTYPE.KX],
  decode(type, r) {
    const kind = typeToText(type) as ExchangeKind;
    const preference = r.u16('preference');
    const exchange = r.name('exchange name');
    r.end(kind);
    return { kind, preference, exchange };
  },
  encode: (data, w) => void w.u16(data.preference).name(data.exchange),
  toText: (data) => `${data.preference} ${data.exchange}`,
  fromText(type, f) {
    const kind = typeToText(type) as ExchangeKind;
    const preference = f.uint(0xffff, 'preference');
    const exchange = f.name('exchange name');
    f.end(kind);
    return { kind, preference, exchange };
  },
};
