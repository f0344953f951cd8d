/** HINFO (RFC 1035 §3.3.2): CPU and OS, two <character-string>s. */

import { characterStringToText } from '../text';
import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';

type Hinfo = DataOf<'HINFO'>;

export const hinfoCodec: RdataCodec<Hinfo> = {
  types: [RRTYPE.HINFO],
  decode(_type, r) {
    const cpu = r.characterString('CPU');
    const os = r.characterString('OS');
    r.end('HINFO');
    return { kind: 'HINFO', cpu, os };
  },
  encode: (data, w) => void w.characterString(data.cpu).characterString(data.os),
  toText: (data) => `${characterStringToText(data.cpu)} ${characterStringToText(data.os)}`,
  fromText(_type, f) {
    const cpu = f.characterString('CPU');
    const os = f.characterString('OS');
    f.end('HINFO');
    return { kind: 'HINFO', cpu, os };
  },
};
