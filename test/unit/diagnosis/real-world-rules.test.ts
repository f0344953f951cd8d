/**
 * Resolvers as they really behave (issue 11): a resolver that gives no DNS answer is a
 * warning, never the verdict; a slow one is not offline; a stale answer hides a failure;
 * a filter's bare NXDOMAIN or a forged address is judged by validating each answer.
 */

import { describe, expect, it } from 'vitest';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import {
  answerWire,
  asTransportError,
  diagnoseAt,
  fixture,
  isTarget,
  RESOLVER,
  transform,
  withResponse,
} from './lab-evidence';

describe('a transport failure is never a verdict about the domain', () => {
  it('three of four resolvers unreachable: the verdict comes from the one that answered', async () => {
    const evidence = transform(
      fixture('expired'),
      (x) => x.resolver !== RESOLVER.unbound,
      asTransportError('unreachable', 'Failed to fetch'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['dnssec-bogus', 'rrsig-expired']);
    const ids = d.warnings.filter((w) => w.id === 'resolver-unreachable');
    expect(ids).toHaveLength(3);
    expect(ids[0]!.text).toMatch(/rests on the other 1 resolver\b/);
  });

  it('rate limited and garbage: named by class, with what to try', async () => {
    let evidence = transform(
      fixture('alg13'),
      (x) => x.resolver === RESOLVER.bind,
      asTransportError('rate-limited', '127.0.0.1:8532 is rate limiting this browser (HTTP 429)'),
    );
    evidence = transform(
      evidence,
      (x) => x.resolver === RESOLVER.partial,
      asTransportError('too-large', 'the body is longer than 65535 octets'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['ok', 'secure']);
    const texts = d.warnings.filter((w) => w.id === 'resolver-unreachable').map((w) => w.text);
    expect(texts.join(' ')).toMatch(/rate-limited: .*HTTP 429.*Wait a minute/);
    expect(texts.join(' ')).toMatch(/too-large: .*Use other resolvers/);
  });

  it('only when none gave a DNS answer is the verdict inconclusive', async () => {
    const evidence = transform(
      fixture('alg13'),
      () => true,
      asTransportError('rate-limited', 'HTTP 429'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['inconclusive', 'all-unreachable']);
    expect(d.whatToDo).not.toMatch(/online/);
    expect(d.whatToDo).toMatch(/Wait a minute/);
  });
});

describe('slow is not offline', () => {
  it('a resolver that timed out on the name but answered the rest is slow, not unreachable', async () => {
    const evidence = transform(
      fixture('alg13'),
      isTarget(RESOLVER.bind),
      asTransportError('timeout', 'no answer from 127.0.0.1:8532 within 10 s'),
    );
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('resolver-specific');
    expect(d.oddResolvers).toEqual([RESOLVER.bind]);
    expect(d.detail.join(' ')).toMatch(/still trying the domain’s servers/);
    expect(d.warnings.map((w) => w.id)).toContain('resolver-slow');
    expect(d.warnings.map((w) => w.id)).not.toContain('resolver-unreachable');
  });

  it('every resolver timed out on the name while answering the rest: the servers are slow', async () => {
    const evidence = transform(
      fixture('dead'),
      isTarget(),
      asTransportError('timeout', 'no answer within 10 s'),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['inconclusive', 'authority-slow']);
    expect(d.headline).toMatch(/dead\.lab\./);
    expect(`${d.headline} ${d.whatToDo}`).not.toMatch(/online/);
    expect(d.whatToDo).toMatch(/not your connection/);
  });
});

describe('stale answers count as failures', () => {
  it('one resolver serving stale data beside SERVFAILs: the delegation is still lame', async () => {
    const stale = answerWire('www.lame.lab.', '127.53.0.3', { code: 3, text: 'stale answer' });
    const evidence = transform(fixture('lame'), isTarget(RESOLVER.bind), withResponse(stale));
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('lame-delegation');
    const warning = d.warnings.find((w) => w.id === 'resolver-stale');
    expect(warning?.text).toMatch(/BIND \(validating\) still answers from its cache/);
    expect(warning?.text).toMatch(/domain’s servers are failing/);
  });

  it('a stale answer where others answer fresh is that resolver’s failure', async () => {
    const stale = answerWire('www.alg13.lab.', '127.53.0.3', { code: 3, text: '' });
    const evidence = transform(fixture('alg13'), isTarget(RESOLVER.bind), withResponse(stale));
    const d = await diagnoseAt(evidence);
    expect(d.verdict).toBe('resolver-specific');
    expect(d.oddResolvers).toEqual([RESOLVER.bind]);
  });
});

describe('disagreeing answers are validated one by one', () => {
  it('a bare NXDOMAIN from the first resolver in a signed zone is filtering', async () => {
    const blocked = answerWire('www.alg13.lab.');
    const evidence = transform(fixture('alg13'), isTarget(RESOLVER.unbound), withResponse(blocked));
    const validation = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    expect(validation.proof?.status).toBe('secure');
    expect(validation.resolver).not.toBe(RESOLVER.unbound);
    const filtered = validation.answers.find((a) => a.resolvers.includes(RESOLVER.unbound));
    expect(filtered?.rcode).toBe('NXDOMAIN');
    expect(filtered?.status).toBe('bogus');
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.confidence]).toEqual(['resolver-specific', 'filtered', 'high']);
    expect(d.oddResolvers).toEqual([RESOLVER.unbound]);
  });

  it('an unsigned address in a signed zone is forged', async () => {
    const forged = answerWire('www.alg13.lab.', '127.66.6.6');
    const evidence = transform(fixture('alg13'), isTarget(RESOLVER.bind), withResponse(forged));
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['resolver-specific', 'forged']);
    expect(d.oddResolvers).toEqual([RESOLVER.bind]);
    expect(d.detail.join(' ')).toMatch(/127\.66\.6\.6/);
  });

  it('different addresses in an unsigned zone are normal (answers by location), not forged', async () => {
    const other = answerWire('www.insecure.lab.', '127.66.6.7');
    const evidence = transform(fixture('insecure'), isTarget(RESOLVER.bind), withResponse(other));
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['ok', 'insecure']);
  });
});
