/**
 * The OPT pseudo-record of EDNS(0) (RFC 6891 §6.1): not data, but the sender's UDP payload
 * size, the upper RCODE bits, the EDNS version, the DO bit and a list of options.
 *
 * RFC 6891 §6.1.2 lays the fixed part over an ordinary RR: CLASS is the requestor's UDP
 * payload size and TTL holds EXTENDED-RCODE (8 bits), VERSION (8 bits), DO (1 bit) and Z
 * (15 bits). RDATA is a sequence of {OPTION-CODE, OPTION-LENGTH, OPTION-DATA}.
 */

import { toHex } from './wire/encoding';
import type { ResourceRecord } from './wire/record';

/** IANA "DNS EDNS0 Option Codes", the ones worth a name in a report. */
export const EDNS_OPTION_NAMES: Readonly<Record<number, string>> = {
  3: 'NSID',
  5: 'DAU',
  6: 'DHU',
  7: 'N3U',
  8: 'CLIENT-SUBNET',
  9: 'EXPIRE',
  10: 'COOKIE',
  11: 'TCP-KEEPALIVE',
  12: 'PADDING',
  13: 'CHAIN',
  14: 'KEY-TAG',
  15: 'EDE',
  18: 'REPORT-CHANNEL',
  19: 'ZONEVERSION',
};

/** @example ednsOptionName(15) // 'EDE'; ednsOptionName(65001) // 'OPT=65001' (dig's form) */
export function ednsOptionName(code: number): string {
  return EDNS_OPTION_NAMES[code] ?? `OPT=${code}`;
}

export interface EdnsOption {
  readonly code: number;
  readonly name: string;
  readonly data: Uint8Array;
}

export interface OptRecord {
  /** RFC 6891 §6.2.3: the requestor's UDP payload size (values below 512 mean 512). */
  readonly udpPayloadSize: number;
  /** The upper 8 bits of the 12-bit RCODE. */
  readonly extendedRcode: number;
  readonly version: number;
  /** DNSSEC OK (RFC 3225). */
  readonly dnssecOk: boolean;
  /** The 15 Z bits below DO; must be zero (RFC 6891 §6.1.4). */
  readonly z: number;
  readonly options: readonly EdnsOption[];
}

export interface OptRead {
  readonly opt: OptRecord;
  /** Oddities that were tolerated (a cut-short option), as report text. */
  readonly problems: readonly string[];
}

/** Interprets an OPT record (`rr.type === 41`). Never throws. */
export function readOpt(rr: ResourceRecord): OptRead {
  const problems: string[] = [];
  const options: EdnsOption[] = [];
  const d = rr.rdata;
  let pos = 0;
  while (pos < d.length) {
    if (pos + 4 > d.length) {
      problems.push(
        `OPT record ends with ${d.length - pos} stray octet(s): ${toHex(d.subarray(pos))}`,
      );
      break;
    }
    const code = (d[pos]! << 8) | d[pos + 1]!;
    const length = (d[pos + 2]! << 8) | d[pos + 3]!;
    if (pos + 4 + length > d.length) {
      problems.push(
        `EDNS option ${ednsOptionName(code)} claims ${length} octets but only ${d.length - pos - 4} remain`,
      );
      break;
    }
    options.push({ code, name: ednsOptionName(code), data: d.slice(pos + 4, pos + 4 + length) });
    pos += 4 + length;
  }
  return {
    opt: {
      udpPayloadSize: rr.class,
      extendedRcode: rr.ttl >>> 24,
      version: (rr.ttl >>> 16) & 0xff,
      dnssecOk: (rr.ttl & 0x8000) !== 0,
      z: rr.ttl & 0x7fff,
      options,
    },
    problems,
  };
}
