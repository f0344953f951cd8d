/** DNSKEY (RFC 4034 §2.1) and CDNSKEY (RFC 7344 §3.2): flags, protocol, algorithm, key. */

import { splitWords } from '../text';
import { toBase64 } from '../wire/encoding';
import { RRTYPE } from '../wire/types';
import type { RdataCodec, TextStyle } from './codec';
import type { DataOf } from './data';

type Dnskey = DataOf<'DNSKEY'>;

/** RFC 4034 §2.1.1: bit 7 is the Zone Key flag, bit 15 the Secure Entry Point flag. */
export const DNSKEY_FLAG_ZONE = 0x0100;
export const DNSKEY_FLAG_SEP = 0x0001;
/** RFC 5011 §2.1: bit 8, REVOKE. */
export const DNSKEY_FLAG_REVOKE = 0x0080;

export function base64Text(bytes: Uint8Array, style: TextStyle): string {
  const text = toBase64(bytes);
  return style.split ? splitWords(text) : text;
}

function dnskey(
  type: number,
  flags: number,
  protocol: number,
  algorithm: number,
  publicKey: Uint8Array,
): Dnskey {
  return {
    kind: type === RRTYPE.DNSKEY ? 'DNSKEY' : 'CDNSKEY',
    flags,
    zoneKey: (flags & DNSKEY_FLAG_ZONE) !== 0,
    secureEntryPoint: (flags & DNSKEY_FLAG_SEP) !== 0,
    revoked: (flags & DNSKEY_FLAG_REVOKE) !== 0,
    protocol,
    algorithm,
    publicKey,
  };
}

export const dnskeyCodec: RdataCodec<Dnskey> = {
  types: [RRTYPE.DNSKEY, RRTYPE.CDNSKEY],
  decode: (type, r) => dnskey(type, r.u16('flags'), r.u8('protocol'), r.u8('algorithm'), r.rest()),
  encode: (d, w) => void w.u16(d.flags).u8(d.protocol).u8(d.algorithm).bytes(d.publicKey),
  toText: (d, style) =>
    `${d.flags} ${d.protocol} ${d.algorithm} ${base64Text(d.publicKey, style)}`.trimEnd(),
  fromText: (type, f) =>
    dnskey(
      type,
      f.uint(0xffff, 'flags'),
      f.uint(255, 'protocol'),
      f.algorithm(),
      f.base64('public key base64'),
    ),
};
