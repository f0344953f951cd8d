/** Resolver-specific failures: the odd ones out, and why. */

import { describe, expect, it } from 'vitest';
import {
  diagnoseAt,
  failureWire,
  fixture,
  isTarget,
  RESOLVER,
  transform,
  withResponse,
  asTransportError,
} from './lab-evidence';

describe('resolver-specific', () => {
  it('partial: one resolver cannot reach the zone; the others answer and validate', async () => {
    const d = await diagnoseAt(fixture('partial'));
    expect(d.oddResolvers).toEqual([RESOLVER.partial]);
    expect(d.confidence).toBe('high');
    expect(d.headline).toMatch(/fails to resolve it; other resolvers answer normally/);
    expect(d.fixes[0]!.kind).toBe('workaround');
  });

  it('blocked: REFUSED without EDE is the resolver’s policy', async () => {
    const d = await diagnoseAt(fixture('blocked'));
    expect(d.oddResolvers).toEqual([RESOLVER.partial]);
    expect(d.headline).toMatch(/refuses to answer for www\.blocked\.lab\./);
  });

  it.each([
    [15, 'blocked'],
    [16, 'censored'],
    [17, 'filtered'],
    [18, 'prohibited'],
  ] as const)('one resolver failing alone with EDE %i → %s', async (code, reason) => {
    const evidence = transform(
      fixture('alg13'),
      isTarget(RESOLVER.bind),
      withResponse(failureWire(code === 18 ? 'REFUSED' : 'NXDOMAIN', { code, text: 'policy' })),
    );
    // NXDOMAIN with a policy EDE is an answer, not a failure: the REFUSED kind is
    // resolver-specific by failure, the NXDOMAIN kind by disagreement; either way the EDE
    // names the policy.
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('resolver-specific');
    expect(d.oddResolvers).toEqual([RESOLVER.bind]);
    expect(d.reason).toBe(reason);
  });

  it.each([
    [15, 'blocked'],
    [16, 'censored'],
    [17, 'filtered'],
  ] as const)('SERVFAIL with EDE %i → %s', async (code, reason) => {
    const evidence = transform(
      fixture('alg13'),
      isTarget(RESOLVER.bind),
      withResponse(failureWire('SERVFAIL', { code, text: 'policy' })),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['resolver-specific', reason]);
    expect(d.detail.join(' ')).toMatch(/Unbound \(validating\)/);
  });

  it('a resolver that fails validation alone, where our proof is secure', async () => {
    const evidence = transform(
      fixture('alg13'),
      isTarget(RESOLVER.unbound, false),
      withResponse(failureWire('SERVFAIL', { code: 6, text: 'validation failure' })),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['resolver-specific', 'resolver-dnssec']);
  });

  it('one resolver unreachable from the browser is a warning, not the verdict', async () => {
    const evidence = transform(
      fixture('alg13'),
      (x) => x.resolver === RESOLVER.bind,
      asTransportError('unreachable', 'Failed to fetch'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['ok', 'secure']);
    expect(d.oddResolvers).toEqual([]);
    const warning = d.warnings.find((w) => w.id === 'resolver-unreachable');
    expect(warning?.text).toMatch(
      /BIND \(validating\) gave no DNS answer \(unreachable: Failed to fetch\)/,
    );
    expect(warning?.text).toMatch(/the verdict rests on the other 3 resolvers/);
    expect(warning?.exchanges.length).toBe(2);
  });

  it('non-validating resolvers answering do not make a DNSSEC failure resolver-specific', async () => {
    const d = await diagnoseAt(fixture('cname-bogus'));
    expect(d.verdict).toBe('dnssec-bogus');
    expect(d.oddResolvers).toEqual([]);
  });
});
