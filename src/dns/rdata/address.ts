/** A (RFC 1035 §3.4.1) and AAAA (RFC 3596 §2.2): one address of fixed length. */

import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from '../ip';
import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataTextError } from './fields';
import { RdataError } from './reader';

type Address = DataOf<'A'>;

export const addressCodec: RdataCodec<Address> = {
  types: [RRTYPE.A, RRTYPE.AAAA],
  decode(type, r) {
    const kind = type === RRTYPE.A ? 'A' : 'AAAA';
    const length = kind === 'A' ? 4 : 16;
    if (r.remaining !== length) {
      throw new RdataError(`an ${kind} record has ${length} octets, not ${r.remaining}`);
    }
    const bytes = r.rest();
    return { kind, address: kind === 'A' ? formatIpv4(bytes) : formatIpv6(bytes) };
  },
  encode(data, w) {
    const bytes = data.kind === 'A' ? parseIpv4(data.address) : parseIpv6(data.address);
    if (bytes === undefined) throw new RdataError(`bad ${data.kind} address ${data.address}`);
    w.bytes(bytes);
  },
  toText: (data) => data.address,
  fromText(type, f) {
    const kind = type === RRTYPE.A ? 'A' : 'AAAA';
    const text = f.word(`${kind} address`);
    const bytes = kind === 'A' ? parseIpv4(text) : parseIpv6(text);
    if (bytes === undefined) {
      throw new RdataTextError('syntax', `bad ${kind === 'A' ? 'IPv4' : 'IPv6'} address ${text}`);
    }
    f.end(kind);
    return { kind, address: kind === 'A' ? formatIpv4(bytes) : formatIpv6(bytes) };
  },
};
