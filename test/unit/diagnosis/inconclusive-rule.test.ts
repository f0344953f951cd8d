/** Inconclusive: every resolver unreachable, a cancelled run — say why, never guess. */

import { describe, expect, it } from 'vitest';
import {
  asTransportError,
  diagnoseAt,
  fixture,
  isTarget,
  RESOLVER,
  transform,
} from './lab-evidence';

describe('inconclusive', () => {
  it('every resolver unreachable (all exchanges turned into transport errors)', async () => {
    const evidence = transform(
      fixture('expired'),
      () => true,
      asTransportError('unreachable', 'Failed to fetch'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.confidence]).toEqual(['inconclusive', 'all-unreachable', 'low']);
    expect(d.headline).toMatch(/None of the 4 resolvers gave a DNS answer/);
    expect(d.whatToDo).toMatch(/Check that you are online/);
    expect(d.detail.join(' ')).toMatch(/CORS/);
    expect(d.stats.transportErrors).toBe(evidence.exchanges.length);
  });

  it('timeouts everywhere are unreachable too', async () => {
    const evidence = transform(
      fixture('lame'),
      () => true,
      asTransportError('timeout', 'no answer in 5 s'),
    );
    const d = await diagnoseAt(evidence);
    expect(d.reason).toBe('all-unreachable');
    expect(d.detail[0]).toMatch(/did not answer in time/);
  });

  it('a cancelled run is inconclusive while target answers are missing', async () => {
    const evidence = transform(
      fixture('ds-mismatch'),
      (x) => isTarget(RESOLVER.novalidate)(x) || isTarget(RESOLVER.partial)(x),
      asTransportError('aborted', 'cancelled'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['inconclusive', 'cancelled']);
    expect(d.detail[0]).toMatch(/^2 of 4 resolvers/);
  });

  it('a run cancelled after every target answered still gets its verdict', async () => {
    const evidence = transform(
      fixture('ds-mismatch'),
      (x) => x.purpose === 'address',
      asTransportError('aborted', 'cancelled'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['dnssec-bogus', 'ds-mismatch']);
  });
});
