/**
 * Every single mutation of the signed vectors yields its expected status and reason
 * (mutations/cases.ts). One runner; set VECTOR_FILTER to run a subset.
 */

import { describe, expect, it } from 'vitest';
import { validateChain } from '../../../src/dnssec/validate';
import { mutatedInput } from './apply';
import { MUTATIONS } from './cases';

const only = process.env['VECTOR_FILTER'];

describe('single mutations of signed zones', () => {
  it('has at least 100 mutations', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(100);
  });
  for (const m of MUTATIONS.filter((x) => !only || x.id.includes(only))) {
    it(`${m.id} → ${m.expect.status} (${m.expect.reason})`, async () => {
      const tree = await validateChain(mutatedInput(m));
      expect({ status: tree.status, reason: tree.reason }).toEqual(m.expect);
      if (m.expect.reason === 'material-missing') expect(tree.needs.length).toBeGreaterThan(0);
    });
  }
});
