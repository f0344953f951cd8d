/**
 * Whether and where the registry is asked: the URL's `rdap=` (a bootstrap file URL, or
 * `off`) over the stored setting (setUpRegistry), and the stored `registry` setting itself
 * (parseSettings), which is on unless the person turned it off.
 */
import { describe, expect, it } from 'vitest';
import { IANA_DNS_BOOTSTRAP } from '../../../src/rdap/bootstrap';
import {
  defaultSettings,
  loadSettings,
  parseSettings,
  saveSettings,
  SETTINGS_KEY,
} from '../../../src/store/settings';
import { setUpRegistry } from '../../../src/ui/resolver-setup';

const AS_USUAL = 'the registry is looked up as usual.';
const httpsOnly = (param: string) =>
  `rdap=${param}: an RDAP bootstrap file must be https:// (plain http only on this machine); ${AS_USUAL}`;
const notUrl = (param: string) => `rdap=${param} is not a URL; ${AS_USUAL}`;

describe('setUpRegistry', () => {
  it('without rdap=: IANA’s bootstrap file when the setting is on, nothing when off', () => {
    expect(setUpRegistry(null, true)).toEqual({ bootstrap: IANA_DNS_BOOTSTRAP });
    expect(setUpRegistry(null, false)).toEqual({});
  });

  it.each(['off', 'OFF', 'Off'])(
    'rdap=%s: the registry is not asked, whatever the setting',
    (p) => {
      expect(setUpRegistry(p, true)).toEqual({});
      expect(setUpRegistry(p, false)).toEqual({});
    },
  );

  it.each([
    ['https://rdap.example/bootstrap/dns.json', 'https://rdap.example/bootstrap/dns.json'],
    [IANA_DNS_BOOTSTRAP, IANA_DNS_BOOTSTRAP],
    ['http://127.0.0.1:8540/rdap/dns.json', 'http://127.0.0.1:8540/rdap/dns.json'],
    ['http://127.0.0.2:8540/dns.json', 'http://127.0.0.2:8540/dns.json'],
    ['http://localhost:8540/dns.json', 'http://localhost:8540/dns.json'],
    ['http://[::1]:8540/dns.json', 'http://[::1]:8540/dns.json'],
    // Normalised the way URL writes it.
    ['HTTPS://RDAP.Example/dns.json', 'https://rdap.example/dns.json'],
    ['https://rdap.example', 'https://rdap.example/'],
  ])('rdap=%s is used', (param, bootstrap) => {
    expect(setUpRegistry(param, true)).toEqual({ bootstrap });
  });

  it('a bootstrap URL in the link wins over a setting that is off', () => {
    expect(setUpRegistry('https://rdap.example/dns.json', false)).toEqual({
      bootstrap: 'https://rdap.example/dns.json',
    });
  });

  it.each([
    ['http://example.com/', httpsOnly('http://example.com/')],
    ['http://rdap.example:8540/dns.json', httpsOnly('http://rdap.example:8540/dns.json')],
    ['http://192.0.2.1/dns.json', httpsOnly('http://192.0.2.1/dns.json')],
    ['ftp://rdap.example/dns.json', httpsOnly('ftp://rdap.example/dns.json')],
    ['javascript:alert(1)', httpsOnly('javascript:alert(1)')],
    ['file:///etc/passwd', httpsOnly('file:///etc/passwd')],
    ['rdap.example/dns.json', notUrl('rdap.example/dns.json')],
    ['on', notUrl('on')],
    ['', notUrl('')],
  ])('rdap=%s: a problem, and the usual lookup as fallback', (param, problem) => {
    expect(setUpRegistry(param, true)).toEqual({ bootstrap: IANA_DNS_BOOTSTRAP, problem });
    expect(setUpRegistry(param, false)).toEqual({ problem });
  });
});

describe('the registry setting (store/settings.ts)', () => {
  const defaults = defaultSettings(['https://dns.google/dns-query']);
  const stored = (fields: Record<string, unknown>) =>
    JSON.stringify({ version: 1, resolvers: ['https://dns.google/dns-query'], ...fields });

  it('is on by default', () => {
    expect(defaults.registry).toBe(true);
    expect(parseSettings(null, defaults).registry).toBe(true);
  });

  it('is on for settings stored before it existed', () => {
    expect(parseSettings(stored({ timeoutMs: 3000, autoSave: false }), defaults)).toMatchObject({
      registry: true,
      timeoutMs: 3000,
      autoSave: false,
    });
  });

  it('keeps a stored false, and a stored true', () => {
    expect(parseSettings(stored({ registry: false }), defaults).registry).toBe(false);
    expect(
      parseSettings(stored({ registry: true }), { ...defaults, registry: false }).registry,
    ).toBe(true);
  });

  it.each<[unknown]>([['false'], [0], [null], [{}], [[]]])('ignores a stored %j', (value) => {
    expect(parseSettings(stored({ registry: value }), defaults).registry).toBe(true);
    expect(
      parseSettings(stored({ registry: value }), { ...defaults, registry: false }).registry,
    ).toBe(false);
  });

  it('falls back to the default when the whole value is damaged', () => {
    expect(parseSettings('{"registry": false', defaults).registry).toBe(true);
  });

  it('survives a save and a load', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    } as unknown as Storage;
    expect(saveSettings(storage, { ...defaults, registry: false })).toBeNull();
    expect(JSON.parse(items.get(SETTINGS_KEY)!)).toMatchObject({ registry: false });
    expect(loadSettings(storage, defaults).registry).toBe(false);
  });
});
