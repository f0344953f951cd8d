/**
 * The query SERVFAIL Lens sends: one question, RD=1, EDNS(0) with DO, ID 0.
 *
 * - RFC 8484 §4.1: "In order to maximize HTTP cache friendliness, DoH clients using media
 *   formats that include the ID field from the DNS message header, such as
 *   "application/dns-message", SHOULD use a DNS ID of 0 in every DNS request."
 * - RFC 3225 §3: the DO bit asks for RRSIG, DNSKEY, DS and NSEC(3) records, which the
 *   validator needs and which a resolver omits without it.
 * - RFC 4035 §3.2.2 CD (checking disabled) is how the app sees what a validating resolver
 *   would have answered without validation: CD=0 and CD=1 side by side is the core signal.
 * - 1232 octets is the DNS Flag Day 2020 payload size; over HTTPS it hardly matters, but it
 *   keeps the query identical to what `dig` sends, so a reproduction gets the same answer.
 */

import { encode, DNSSEC_OK, CHECKING_DISABLED, RECURSION_DESIRED } from 'dns-packet';
import { MAX_LABEL_OCTETS, MAX_NAME_CHARACTERS } from './name';
import { typeFromText } from './wire/types';

export const DEFAULT_UDP_PAYLOAD = 1232;

export interface QueryOptions {
  /** Fully qualified A-label name, e.g. `example.com.` (a missing trailing dot is added). */
  readonly name: string;
  /** Mnemonic (`A`, `HTTPS`, `TYPE65534`) or number. */
  readonly type: string | number;
  /** Checking Disabled. Default false. */
  readonly cd?: boolean;
  /** DNSSEC OK. Default true. */
  readonly do?: boolean;
  /** EDNS UDP payload size. Default 1232. */
  readonly payload?: number;
}

/** The dotted labels of a plain name; throws on anything dns-packet could not encode. */
function plainName(name: string): string {
  const bare = name === '.' ? '' : name.endsWith('.') ? name.slice(0, -1) : name;
  if (bare.length > MAX_NAME_CHARACTERS) throw new RangeError(`query name too long: ${name}`);
  if (bare === '') return '.';
  for (const label of bare.split('.')) {
    // dns-packet writes each dot-separated label as it stands, without escapes.
    if (label.length === 0 || label.length > MAX_LABEL_OCTETS || !/^[!-[\]-~]+$/.test(label)) {
      throw new RangeError(`not a plain query name: ${JSON.stringify(name)}`);
    }
  }
  return bare;
}

/**
 * The wire bytes of a query. Throws RangeError on an invalid name or type (a programmer
 * error: names come from `normalizeInput` or from decoded records).
 *
 * @example buildQuery({ name: 'example.com.', type: 'A' }) // 40 octets, ID 0, RD, DO
 * @example buildQuery({ name: 'example.com.', type: 'DNSKEY', cd: true })
 */
export function buildQuery({
  name,
  type,
  cd = false,
  do: dnssecOk = true,
  payload = DEFAULT_UDP_PAYLOAD,
}: QueryOptions): Uint8Array {
  const typeCode = typeof type === 'number' ? type : typeFromText(type);
  if (typeCode === undefined || !Number.isInteger(typeCode) || typeCode < 0 || typeCode > 0xffff) {
    throw new RangeError(`unknown record type: ${String(type)}`);
  }
  const bytes = encode({
    type: 'query',
    id: 0,
    flags: RECURSION_DESIRED | (cd ? CHECKING_DISABLED : 0),
    // dns-packet's own table lacks SVCB, HTTPS and others; `UNKNOWN_<n>` (the form it
    // decodes unknown types to) encodes any 16-bit type number.
    questions: [{ name: plainName(name), type: `UNKNOWN_${typeCode}`, class: 'IN' }],
    additionals: [
      {
        type: 'OPT',
        name: '.',
        udpPayloadSize: payload,
        flags: dnssecOk ? DNSSEC_OK : 0,
        options: [],
      },
    ],
  });
  // A plain copy: dns-packet hands out a Buffer, possibly a view into a shared pool.
  return Uint8Array.from(bytes);
}
