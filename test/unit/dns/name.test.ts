import { describe, expect, it } from 'vitest';
import { fullyQualified, sameName } from '../../../src/dns/name';

describe('names as text', () => {
  it.each([
    ['example.com', 'example.com.'],
    ['example.com.', 'example.com.'],
    ['.', '.'],
  ])('fullyQualified(%s) is %s', (name, fqdn) => {
    expect(fullyQualified(name)).toBe(fqdn);
  });

  it.each([
    ['WWW.Example.COM.', 'www.example.com', true],
    ['a\\.b.example.', 'A\\.B.example.', true],
    ['a\\.b.example.', 'a.b.example.', false],
    ['\\065.example.', 'a.example.', true],
    ['example.com.', 'example.net.', false],
    ['.', '.', true],
  ])('sameName(%s, %s) is %s (RFC 4343: ASCII case only)', (a, b, same) => {
    expect(sameName(a, b)).toBe(same);
  });
});
