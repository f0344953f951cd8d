/** SRV (RFC 2782): priority, weight, port, target. */

import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';

type Srv = DataOf<'SRV'>;

export const srvCodec: RdataCodec<Srv> = {
  types: [RRTYPE.SRV],
  decode(_type, r) {
    const data: Srv = {
      kind: 'SRV',
      priority: r.u16('priority'),
      weight: r.u16('weight'),
      port: r.u16('port'),
      target: r.name('target'),
    };
    r.end('SRV');
    return data;
  },
  encode: (d, w) => void w.u16(d.priority).u16(d.weight).u16(d.port).name(d.target),
  toText: (d) => `${d.priority} ${d.weight} ${d.port} ${d.target}`,
  fromText(_type, f) {
    const data: Srv = {
      kind: 'SRV',
      priority: f.uint(0xffff, 'priority'),
      weight: f.uint(0xffff, 'weight'),
      port: f.uint(0xffff, 'port'),
      target: f.name('target'),
    };
    f.end('SRV');
    return data;
  },
};
