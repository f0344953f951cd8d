import { describe, expect, it } from 'vitest';
import { ancestorsAndSelf, fqdn, fullyQualified, sameName } from '../../../src/dns/name';

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

  it.each([
    ['WWW.Example.COM', 'www.example.com.'],
    ['example.com.', 'example.com.'],
    ['.', '.'],
    ['\\065.Example.', 'a.example.'],
    ['A\\.B.example', 'a\\.b.example.'],
    ['a\\.', 'a\\..'],
  ])('fqdn(%s) is %s: one canonical text per name', (name, text) => {
    expect(fqdn(name)).toBe(text);
  });

  it.each([
    ['www.Example.com.', ['.', 'com.', 'Example.com.', 'www.Example.com.']],
    ['example.com', ['.', 'com.', 'example.com.']],
    ['.', ['.']],
    ['a\\.b.example.', ['.', 'example.', 'a\\.b.example.']],
  ])('ancestorsAndSelf(%s) splits at label boundaries, not at escaped dots', (name, path) => {
    expect(ancestorsAndSelf(name)).toEqual(path);
  });
});
