/**
 * The proof tree names what it found: zones from the root down, DS ↔ DNSKEY matches, who
 * signs what, and what the collector must still fetch.
 */

import { describe, expect, it } from 'vitest';
import { validateChain } from '../../../src/dnssec/validate';
import { REASONS, STATUSES } from '../../../src/dnssec/status';
import { allMaterial, inputFor, responses } from '../../vectors/helpers/signed-evidence';

describe('proof tree', () => {
  it('lists each zone from the root down with DS matches and key roles', async () => {
    const tree = await validateChain(inputFor({ qname: 'www.ecdsap384-nsec.lens.', qtype: 'A' }));
    expect(tree.status).toBe('secure');
    expect(tree.zones.map((z) => [z.zone, z.status, z.anchoredBy])).toEqual([
      ['.', 'secure', 'trust-anchor'],
      ['lens.', 'secure', 'parent-ds'],
      ['ecdsap384-nsec.lens.', 'secure', 'parent-ds'],
    ]);
    const zone = tree.zones[2]!;
    const ksk = zone.dnskeys.find((k) => k.sep)!;
    expect(zone.ds[0]!.matchesKeyTag).toBe(ksk.keyTag);
    expect(ksk).toMatchObject({
      algorithm: 14,
      keySizeBits: 384,
      zoneKey: true,
      matchedByDs: true,
      signs: ['DNSKEY'],
    });
    expect(zone.dsRrset?.signatures[0]).toMatchObject({
      typeCovered: 'DS',
      signer: 'lens.',
      outcome: 'valid',
    });
    expect(tree.answer[0]).toMatchObject({
      owner: 'www.ecdsap384-nsec.lens.',
      zone: 'ecdsap384-nsec.lens.',
      kind: 'positive',
      status: 'secure',
    });
    expect(tree.verifications).toBeGreaterThanOrEqual(6);
  });

  it('reports a cross-zone CNAME target whose zone was not collected as needs, not bogus', async () => {
    const pool = new Map([...responses].filter(([k]) => !k.startsWith('rsasha256-nsec.lens. ')));
    const input = inputFor({ qname: 'alias.rsasha1-nsec.lens.', qtype: 'A' });
    const tree = await validateChain({ ...input, zones: allMaterial(pool) });
    expect(tree.status).toBe('indeterminate');
    expect(tree.reason).toBe('material-missing');
    expect(tree.needs).toEqual([
      { zone: 'rsasha256-nsec.lens.', what: 'DS' },
      { zone: 'rsasha256-nsec.lens.', what: 'DNSKEY' },
    ]);
    expect(tree.answer[0]).toMatchObject({
      kind: 'cname',
      status: 'secure',
      target: 'www.rsasha256-nsec.lens.',
    });
  });

  it('names the expired signature and its expiration time', async () => {
    const tree = await validateChain({
      ...inputFor({ qname: 'www.ed448-nsec.lens.', qtype: 'A' }),
      now: Date.UTC(2037, 0, 1) / 1000,
    });
    expect(tree.reason).toBe('rrsig-expired');
    expect(tree.findings[0]).toMatchObject({
      time: Date.UTC(2036, 0, 1) / 1000,
      rrsig: { outcome: 'expired', typeCovered: 'DNSKEY', signer: '.' },
    });
  });

  it('has kebab-case status and reason ids, each reason mapped to a status', () => {
    for (const id of [...STATUSES, ...Object.keys(REASONS)])
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const r of Object.values(REASONS)) expect(STATUSES).toContain(r.status);
  });
});
