/**
 * RDATA in presentation format, as `dig` (BIND 9.18, default options) prints it, so that a
 * report can be compared line by line with a terminal. Types without a structured reading,
 * and RDATA that does not fit its type, use the RFC 3597 §5 generic form `\# <len> <hex>`.
 */

import type { RecordData } from './rdata';
import { characterStringToText, signatureTimeToText, splitWords } from './text';
import { toBase32Hex, toBase64, toHex } from './wire/encoding';

/**
 * RFC 3597 §5: `\#`, the RDATA length, and the RDATA in hex.
 *
 * @example genericRdataText(Uint8Array.of(10, 0, 0, 1)) // '\\# 4 0A000001'
 */
export function genericRdataText(rdata: Uint8Array): string {
  const hex = toHex(rdata).toUpperCase();
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${splitWords(hex)}`;
}

function saltText(salt: Uint8Array): string {
  // RFC 5155 §3.3: "The Salt field is represented as "-" (without the quotes) when the
  // Salt Length field has a value of 0."
  return salt.length === 0 ? '-' : toHex(salt).toUpperCase();
}

function typeList(types: readonly string[]): string {
  return types.length === 0 ? '' : ` ${types.join(' ')}`;
}

/**
 * The presentation text of a record's RDATA.
 *
 * @example formatRdata({ kind: 'MX', preference: 10, exchange: 'mail.example.com.' }, bytes)
 * // '10 mail.example.com.'
 */
export function formatRdata(data: RecordData, rdata: Uint8Array): string {
  switch (data.kind) {
    case 'A':
    case 'AAAA':
      return data.address;
    case 'NS':
    case 'CNAME':
    case 'DNAME':
    case 'PTR':
      return data.target;
    case 'MX':
      return `${data.preference} ${data.exchange}`;
    case 'TXT':
      return data.strings.map((s) => characterStringToText(s)).join(' ');
    case 'SOA':
      return `${data.mname} ${data.rname} ${data.serial} ${data.refresh} ${data.retry} ${data.expire} ${data.minimum}`;
    case 'SRV':
      return `${data.priority} ${data.weight} ${data.port} ${data.target}`;
    case 'CAA':
      return `${data.flags} ${data.tag} ${characterStringToText(data.value)}`;
    case 'DS':
    case 'CDS':
      return `${data.keyTag} ${data.algorithm} ${data.digestType} ${splitWords(toHex(data.digest).toUpperCase())}`;
    case 'DNSKEY':
    case 'CDNSKEY':
      return `${data.flags} ${data.protocol} ${data.algorithm} ${splitWords(toBase64(data.publicKey))}`;
    case 'RRSIG':
      return [
        data.typeCovered,
        data.algorithm,
        data.labels,
        data.originalTtl,
        signatureTimeToText(data.expiration),
        signatureTimeToText(data.inception),
        data.keyTag,
        data.signerName,
        splitWords(toBase64(data.signature)),
      ].join(' ');
    case 'NSEC':
      return `${data.nextName}${typeList(data.types)}`;
    case 'NSEC3':
      return `${data.hashAlgorithm} ${data.flags} ${data.iterations} ${saltText(data.salt)} ${toBase32Hex(data.nextHashedOwner).toUpperCase()}${typeList(data.types)}`;
    case 'NSEC3PARAM':
      return `${data.hashAlgorithm} ${data.flags} ${data.iterations} ${saltText(data.salt)}`;
    case 'SVCB':
    case 'HTTPS':
      return [String(data.priority), data.target, ...data.params.map((p) => p.text)].join(' ');
    case 'unknown':
    case 'invalid':
      return genericRdataText(rdata);
  }
}
