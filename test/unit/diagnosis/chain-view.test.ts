/**
 * The chain panel's view of a validation: links in reading order (each answer step after
 * the zones it needs), statuses and reason ids as the DOM contract carries them, and plain
 * sentences that quote the records (key tags, ISO times, DS digests).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainView, isoTime } from '../../../src/diagnosis/chain-view';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import { parseEvidence } from '../../../src/evidence/codec';

async function viewOf(scenario: string) {
  const path = join(import.meta.dirname, '../../fixtures/lab', `${scenario}.json`);
  const parsed = parseEvidence(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.message);
  const v = await validateEvidence(parsed.evidence, { now: parsed.evidence.finishedAt / 1000 });
  return { v, view: chainView(v) };
}

const contract = (view: ReturnType<typeof chainView>) =>
  view.links.map((l) => [l.kind, l.zone, l.status, l.reason]);

describe('chainView', () => {
  it('secure: zones from the root down, then the answer, every key and who it signs', async () => {
    const { view } = await viewOf('alg13');
    expect(view).toMatchObject({ status: 'secure', reason: '' });
    expect(contract(view)).toEqual([
      ['zone', '.', 'secure', ''],
      ['zone', 'lab.', 'secure', ''],
      ['zone', 'alg13.lab.', 'secure', ''],
      ['answer', 'www.alg13.lab.', 'secure', ''],
    ]);
    const zone = view.links[2]!;
    const ksk = zone.keys.find((k) => k.role === 'KSK')!;
    const zsk = zone.keys.find((k) => k.role === 'ZSK')!;
    expect(ksk).toMatchObject({ entry: true, algorithm: 'ECDSAP256SHA256', sizeBits: 256 });
    expect(ksk.signs).toEqual(['DNSKEY alg13.lab.']);
    expect(zsk.signs).toEqual(['A www.alg13.lab.']);
    expect(zone.ds[0]).toMatchObject({ match: `matches KSK ${ksk.keyTag}`, matched: true });
    expect(zone.sources.map((s) => s.label)).toEqual(['DS alg13.lab.', 'DNSKEY alg13.lab.']);
    // The parent's ZSK signs the child's DS.
    expect(view.links[1]!.keys.find((k) => k.role === 'ZSK')!.signs).toContain('DS alg13.lab.');
  });

  it('cname-bogus: the CNAME step, then the target zone that breaks, with the expiry in ISO UTC', async () => {
    const { view } = await viewOf('cname-bogus');
    expect(contract(view)).toEqual([
      ['zone', '.', 'secure', ''],
      ['zone', 'lab.', 'secure', ''],
      ['zone', 'cname-bogus.lab.', 'secure', ''],
      ['answer', 'www.cname-bogus.lab.', 'secure', ''],
      ['zone', 'expired.lab.', 'bogus', 'rrsig-expired'],
      ['answer', 'www.expired.lab.', 'bogus', 'rrsig-expired'],
    ]);
    const broken = view.links[4]!;
    expect(broken.summary).toMatch(
      /^The signature \(RRSIG\) over the DNSKEY set of expired\.lab\., made with key \d+, expired at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/,
    );
    expect(broken.keys.find((k) => k.role === 'KSK')!.signs).toEqual([
      'DNSKEY expired.lab. (expired)',
    ]);
    expect(view.headline).toMatch(/^Bogus: the chain breaks at expired\.lab\. — the signature/);
    expect(view.links[5]!.summary).toBe(
      'Cannot be trusted: the chain of trust of expired.lab. is bogus (above).',
    );
  });

  it('ds-mismatch: quotes the DS digest and the key tags the zone publishes', async () => {
    const { view } = await viewOf('ds-mismatch');
    const broken = view.links.find((l) => l.status === 'bogus')!;
    const ds = broken.ds[0]!;
    expect(ds).toMatchObject({ matched: false, match: 'matches no key' });
    expect(broken.summary).toContain(`key tag ${ds.keyTag}`);
    expect(broken.summary).toContain(ds.digest);
    // The tags in the order the zone serves its DNSKEY set; the panel lists KSK first.
    const listed = /\(key tags ([\d, ]+)\)/.exec(broken.summary)?.[1]?.split(', ').map(Number);
    expect(listed?.sort()).toEqual(broken.keys.map((k) => k.keyTag).sort());
  });

  it('unsigned-ds and insecure say what the parent says', async () => {
    const unsigned = (await viewOf('unsigned-ds')).view;
    expect(unsigned.links.find((l) => l.status === 'bogus')!.summary).toMatch(
      /^lab\. has a DS record for unsigned-ds\.lab\. \(key tag \d+\), but unsigned-ds\.lab\. publishes no DNSKEY/,
    );
    const insecure = (await viewOf('insecure')).view;
    expect(insecure).toMatchObject({ status: 'insecure', reason: 'no-ds' });
    expect(insecure.links.find((l) => l.status === 'insecure')!.summary).toMatch(
      /^lab\. proves that insecure\.lab\. has no DS record/,
    );
  });

  it('denials name the proof', async () => {
    expect((await viewOf('nsec3-nxdomain')).view.headline).toBe(
      'Secure denial: nsec3.lab. proves with NSEC3 that nope.nsec3.lab. does not exist.',
    );
    expect((await viewOf('nodata')).view.headline).toBe(
      'Secure denial: alg13.lab. proves with NSEC that www.alg13.lab. has no AAAA records.',
    );
  });

  it('without a proof: indeterminate, no links, the problem as the headline', async () => {
    const { v, view } = await viewOf('lame');
    expect(view).toMatchObject({ status: 'indeterminate', reason: '', links: [] });
    expect(view.headline).toBe(v.problem);
  });

  it('formats signature times as ISO 8601 UTC', () => {
    expect(isoTime(1_798_021_407)).toBe('2026-12-23T10:23:27Z');
  });
});
