/** SOA (RFC 1035 §3.3.13): two names and five 32-bit counters. */

import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';

type Soa = DataOf<'SOA'>;

export const soaCodec: RdataCodec<Soa> = {
  types: [RRTYPE.SOA],
  decode(_type, r) {
    const data: Soa = {
      kind: 'SOA',
      mname: r.name('MNAME'),
      rname: r.name('RNAME'),
      serial: r.u32('SERIAL'),
      refresh: r.u32('REFRESH'),
      retry: r.u32('RETRY'),
      expire: r.u32('EXPIRE'),
      minimum: r.u32('MINIMUM'),
    };
    r.end('SOA');
    return data;
  },
  encode(data, w) {
    w.name(data.mname).name(data.rname).u32(data.serial).u32(data.refresh);
    w.u32(data.retry).u32(data.expire).u32(data.minimum);
  },
  toText: (d) =>
    `${d.mname} ${d.rname} ${d.serial} ${d.refresh} ${d.retry} ${d.expire} ${d.minimum}`,
  fromText(_type, f) {
    const data: Soa = {
      kind: 'SOA',
      mname: f.name('MNAME'),
      rname: f.name('RNAME'),
      serial: f.uint(0xffffffff, 'serial'),
      // The timers accept BIND's units (`1h`, `2d`), as zone files write them.
      refresh: f.ttl(),
      retry: f.ttl(),
      expire: f.ttl(),
      minimum: f.ttl(),
    };
    f.end('SOA');
    return data;
  },
};
