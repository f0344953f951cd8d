/**
 * SVCB and HTTPS (RFC 9460 §2.2): priority, target name and SvcParams. In presentation
 * form each SvcParam is `key`, `key=value` or `key="value"` (§2.1); the zone tokenizer
 * hands `key=` and a following quoted value as two tokens, joined again here.
 */

import { RRTYPE } from '../wire/types';
import type { RdataCodec } from './codec';
import type { DataOf } from './data';
import { RdataTextError, unescapeText, type TextFields } from './fields';
import { RdataError } from './reader';
import { readSvcParams, svcParamFromText, svcParamsToWire, type SvcParam } from './svc-params';

type Svcb = DataOf<'SVCB'>;

function textParams(f: TextFields): readonly SvcParam[] {
  const params: SvcParam[] = [];
  while (f.remaining > 0) {
    const token = f.token('SvcParam');
    const eq = token.text.indexOf('=');
    const keyText = eq < 0 ? token.text : token.text.slice(0, eq);
    let value = eq < 0 ? undefined : token.text.slice(eq + 1);
    if (value === '' && f.remaining > 0 && f.tokens[f.tokens.length - f.remaining]!.quoted) {
      value = f.token('SvcParam value').text;
    }
    const param = svcParamFromText(keyText, value === undefined ? undefined : unescapeText(value));
    if (typeof param === 'string') throw new RdataTextError('syntax', param);
    params.push(param);
  }
  // §2.2: keys in increasing order on the wire, each at most once.
  params.sort((a, b) => a.key - b.key);
  if (params.some((p, i) => i > 0 && params[i - 1]!.key === p.key)) {
    throw new RdataTextError('syntax', 'a SvcParamKey appears twice');
  }
  return params;
}

export const svcbCodec: RdataCodec<Svcb> = {
  types: [RRTYPE.SVCB, RRTYPE.HTTPS],
  decode(type, r) {
    const priority = r.u16('SvcPriority');
    const target = r.name('TargetName');
    const params = readSvcParams(r.rest());
    if (typeof params === 'string') throw new RdataError(params);
    return { kind: type === RRTYPE.SVCB ? 'SVCB' : 'HTTPS', priority, target, params };
  },
  encode: (d, w) => void w.u16(d.priority).name(d.target).bytes(svcParamsToWire(d.params)),
  toText: (d) => [String(d.priority), d.target, ...d.params.map((p) => p.text)].join(' '),
  fromText: (type, f) => ({
    kind: type === RRTYPE.SVCB ? 'SVCB' : 'HTTPS',
    priority: f.uint(0xffff, 'SvcPriority'),
    target: f.name('TargetName'),
    params: textParams(f),
  }),
};
