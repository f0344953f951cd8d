/**
 * BIND-signed zones (scripts/make-vectors.ts): every scenario validates to its expected
 * status, answer kind and reason at a fixed `now`. One runner, scenarios as data.
 */

import { describe, expect, it } from 'vitest';
import { validateChain } from '../../src/dnssec/validate';
import { inputFor, scenarios } from './helpers/signed-evidence';

const only = process.env['VECTOR_FILTER'];

describe('BIND-signed zones', () => {
  for (const s of scenarios.filter((x) => !only || x.id.includes(only))) {
    it(`${s.id}: ${s.qname} ${s.qtype} is ${s.status}${s.kind ? ` (${s.kind})` : ''}`, async () => {
      const tree = await validateChain(inputFor(s));
      expect({
        status: tree.status,
        kind: tree.kind,
        reason: tree.reason,
        needs: tree.needs,
      }).toEqual({
        status: s.status,
        kind: s.kind,
        reason: s.reason,
        needs: [],
      });
    });
  }
});
