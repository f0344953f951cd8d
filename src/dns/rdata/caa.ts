/**
 * CAA (RFC 8659 §4.1): flags, a tag of ASCII letters and digits, and a value that runs to
 * the end of the RDATA (not a <character-string>: it may exceed 255 octets), printed
 * quoted as BIND prints it.
 */

import { characterStringToText } from '../text';
import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataTextError, unescapeText } from './fields';
import { RdataError } from './reader';

type Caa = DataOf<'CAA'>;

/** RFC 8659 §4.1: "Tag: … US-ASCII letters and numbers"; at least one octet. */
const TAG = /^[A-Za-z0-9]+$/;

const ascii = new TextDecoder('latin1');

export const caaCodec: RdataCodec<Caa> = {
  types: [RRTYPE.CAA],
  decode(_type, r) {
    const flags = r.u8('flags');
    const tag = ascii.decode(r.characterString('tag'));
    if (!TAG.test(tag)) throw new RdataError('a CAA tag is one or more ASCII letters and digits');
    return { kind: 'CAA', flags, critical: (flags & 0x80) !== 0, tag, value: r.rest() };
  },
  encode: (d, w) =>
    void w
      .u8(d.flags)
      .characterString(Uint8Array.from(d.tag, (c) => c.charCodeAt(0)))
      .bytes(d.value),
  toText: (d) => `${d.flags} ${d.tag} ${characterStringToText(d.value)}`,
  fromText(_type, f) {
    const flags = f.uint(255, 'flags');
    const tag = f.word('tag');
    if (!TAG.test(tag)) throw new RdataTextError('syntax', `bad CAA tag ${tag}`);
    const value = unescapeText(f.word('value'));
    f.end('CAA');
    return { kind: 'CAA', flags, critical: (flags & 0x80) !== 0, tag, value };
  },
};
