/** Local date and time written out by hand (ui/local-time.ts). */
import { describe, expect, it } from 'vitest';
import { localTimeText } from '../../../src/ui/local-time';

describe('localTimeText', () => {
  it('writes the local date, time and offset, zero-padded', () => {
    const ms = Date.UTC(2026, 0, 2, 3, 4, 5);
    const date = new Date(ms);
    const offset = 0 - date.getTimezoneOffset();
    const text = localTimeText(ms);
    expect(text).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(UTC[+−]\d{2}:\d{2}\)$/);
    // Reading it back in its own offset gives the same moment.
    const [, y, mo, d, h, mi, s, sign, oh, om] =
      /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+) \(UTC([+−])(\d+):(\d+)\)$/.exec(text ?? '') ?? [];
    const minutes = (sign === '−' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    expect(minutes).toBe(offset);
    const back =
      Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) -
      minutes * 60_000;
    expect(back).toBe(ms);
  });

  it('is null for a time that is not one', () => {
    expect(localTimeText(Number.NaN)).toBeNull();
    expect(localTimeText(8.64e15 + 1)).toBeNull();
  });
});
