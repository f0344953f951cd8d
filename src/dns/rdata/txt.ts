/**
 * TXT (RFC 1035 §3.3.14) and SPF (RFC 7208 §3.1): one or more <character-string>s, binary
 * data, printed quoted with `\"`, `\\` and `\DDD` escapes as BIND prints them.
 */

import { characterStringToText } from '../text';
import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataTextError } from './fields';
import { RdataError } from './reader';

type Txt = DataOf<'TXT'>;

const utf8 = new TextDecoder('utf-8');

function txt(type: number, strings: readonly Uint8Array[]): Txt {
  return {
    kind: type === RRTYPE.SPF ? 'SPF' : 'TXT',
    strings,
    text: strings.map((s) => utf8.decode(s)),
  };
}

export const txtCodec: RdataCodec<Txt> = {
  types: [RRTYPE.TXT, RRTYPE.SPF],
  decode(type, r) {
    const strings: Uint8Array[] = [];
    while (r.remaining > 0) strings.push(r.characterString('character-string'));
    if (strings.length === 0) throw new RdataError('a TXT record has at least one string');
    return txt(type, strings);
  },
  encode(data, w) {
    for (const s of data.strings) w.characterString(s);
  },
  toText: (data) => data.strings.map((s) => characterStringToText(s)).join(' '),
  fromText(type, f) {
    if (f.remaining === 0) throw new RdataTextError('syntax', 'TXT needs at least one string');
    const strings: Uint8Array[] = [];
    while (f.remaining > 0) strings.push(f.characterString('character-string'));
    return txt(type, strings);
  },
};
