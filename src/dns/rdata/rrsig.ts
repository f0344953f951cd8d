/** RRSIG (RFC 4034 §3.1): what is signed, by which key, when, and the signature. */

import { signatureTimeToText } from '../text';
import { nameToText, type Name } from '../wire/name';
import { RRTYPE, typeFromText, typeToText } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { base64Text } from './dnskey';
import { RdataError, type RdataReader } from './reader';

type Rrsig = DataOf<'RRSIG'>;

/** The RRSIG fields before the signature, the signer as labels (validation signs them). */
export interface RrsigHead {
  readonly typeCovered: number;
  readonly algorithm: number;
  readonly labels: number;
  readonly originalTtl: number;
  /** 32-bit serial times, seconds (RFC 4034 §3.1.5). */
  readonly expiration: number;
  readonly inception: number;
  readonly keyTag: number;
  readonly signerName: Name;
}

export function readRrsigHead(r: RdataReader): RrsigHead {
  return {
    typeCovered: r.u16('type covered'),
    algorithm: r.u8('algorithm'),
    labels: r.u8('labels'),
    originalTtl: r.u32('original TTL'),
    expiration: r.u32('signature expiration'),
    inception: r.u32('signature inception'),
    keyTag: r.u16('key tag'),
    signerName: r.labels("signer's name"),
  };
}

export const rrsigCodec: RdataCodec<Rrsig> = {
  types: [RRTYPE.RRSIG],
  decode(_type, r) {
    const head = readRrsigHead(r);
    return {
      kind: 'RRSIG',
      typeCovered: typeToText(head.typeCovered),
      typeCoveredCode: head.typeCovered,
      algorithm: head.algorithm,
      labels: head.labels,
      originalTtl: head.originalTtl,
      expiration: head.expiration,
      inception: head.inception,
      keyTag: head.keyTag,
      signerName: nameToText(head.signerName),
      signature: r.rest(),
    };
  },
  encode(d, w) {
    const covered = typeFromText(d.typeCovered);
    if (covered !== d.typeCoveredCode) throw new RdataError(`type covered ${d.typeCovered}`);
    w.u16(covered).u8(d.algorithm).u8(d.labels).u32(d.originalTtl);
    w.u32(d.expiration).u32(d.inception).u16(d.keyTag).name(d.signerName).bytes(d.signature);
  },
  toText: (d, style) =>
    [
      d.typeCovered,
      d.algorithm,
      d.labels,
      d.originalTtl,
      signatureTimeToText(d.expiration),
      signatureTimeToText(d.inception),
      d.keyTag,
      d.signerName,
      base64Text(d.signature, style),
    ]
      .join(' ')
      .trimEnd(),
  fromText(_type, f) {
    const typeCoveredCode = f.typeCode('type covered');
    return {
      kind: 'RRSIG',
      typeCovered: typeToText(typeCoveredCode),
      typeCoveredCode,
      algorithm: f.algorithm(),
      labels: f.uint(255, 'labels'),
      originalTtl: f.ttl(),
      expiration: f.signatureTime(),
      inception: f.signatureTime(),
      keyTag: f.uint(0xffff, 'key tag'),
      signerName: f.name("signer's name"),
      signature: f.base64('signature base64'),
    };
  },
};
