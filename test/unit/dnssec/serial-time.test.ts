import { describe, expect, it } from 'vitest';
import { serialLessThan, validityAt } from '../../../src/dnssec/serial-time';

describe('RFC 1982 signature times', () => {
  it('compares across the 2^32 wrap', () => {
    expect(serialLessThan(0xfffffff0, 0x10)).toBe(true);
    expect(serialLessThan(0x10, 0xfffffff0)).toBe(false);
    expect(serialLessThan(5, 5)).toBe(false);
  });
  it('tells expired, valid and not yet valid', () => {
    expect(validityAt(100, 50, 150)).toBe('valid');
    expect(validityAt(150, 50, 150)).toBe('valid');
    expect(validityAt(151, 50, 150)).toBe('expired');
    expect(validityAt(49, 50, 150)).toBe('not-yet-valid');
  });
  it('handles a window that spans 2106 (wrap)', () => {
    const now = 2 ** 32 + 10; // shortly after the wrap
    expect(validityAt(now, 0xfffffff0, 100)).toBe('valid');
  });
});
