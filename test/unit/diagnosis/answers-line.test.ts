/** The history line for a check saved without a diagnosis (explain/answers-line.ts). */

import { describe, expect, it } from 'vitest';
import { answersLine } from '../../../src/diagnosis/explain/answers-line';

describe('answersLine', () => {
  it('counts each status, most frequent first, ties in the order first seen', () => {
    expect(answersLine(['NOERROR', 'SERVFAIL', 'SERVFAIL', 'timeout'])).toBe(
      'CD=0: SERVFAIL ×2, NOERROR ×1, timeout ×1',
    );
    expect(answersLine(['SERVFAIL', 'SERVFAIL', 'SERVFAIL'])).toBe('CD=0: SERVFAIL ×3');
  });

  it('says so when nothing answered', () => {
    expect(answersLine([])).toBe('no answers');
  });
});
