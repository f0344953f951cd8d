/**
 * Types whose RDATA is one name: NS, CNAME, PTR and the obsolete MB, MG, MR, MD, MF
 * (RFC 1035 §3.3), and DNAME (RFC 6672 §2.1).
 */

import { RRTYPE, typeToText } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf, TargetKind } from './data';

type Target = DataOf<'NS'>;

export const targetCodec: RdataCodec<Target> = {
  types: [
    RRTYPE.NS,
    RRTYPE.CNAME,
    RRTYPE.DNAME,
    RRTYPE.PTR,
    RRTYPE.MB,
    RRTYPE.MG,
    RRTYPE.MR,
    RRTYPE.MD,
    RRTYPE.MF,
  ],
  decode(type, r) {
    const kind = typeToText(type) as TargetKind;
    const target = r.name('target name');
    r.end(kind);
    return { kind, target };
  },
  encode: (data, w) => void w.name(data.target),
  toText: (data) => data.target,
  fromText(type, f) {
    const kind = typeToText(type) as TargetKind;
    const target = f.name('target name');
    f.end(kind);
    return { kind, target };
  },
};
