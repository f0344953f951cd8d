/** The lame-delegation rule and its nameserver analysis. */

import { describe, expect, it } from 'vitest';
import { registryView } from '../../../src/diagnosis/registry';
import { collectFacts } from '../../../src/diagnosis/facts';
import { locateLameZone, nameserverSuspects } from '../../../src/diagnosis/lame-analysis';
import {
  diagnoseAt,
  failureWire,
  fixture,
  isTarget,
  transform,
  withResponse,
} from './lab-evidence';

describe('lame delegation', () => {
  it('finds the zone whose parent still answers while it does not', () => {
    const facts = collectFacts(fixture('lame'));
    const located = locateLameZone(facts)!;
    expect(located.zone).toBe('lame.lab.');
    expect(located.parentAnswer?.parent).toBe('lab.');
    expect(located.parentAnswer?.text).toMatch(/signed NSEC record shows the delegation/);
    expect(located.failed.map((x) => x.id)).toEqual(['x16', 'x11']);
  });

  it('lame: says what a browser cannot know, and how to ask the parent directly', async () => {
    const d = await diagnoseAt(fixture('lame'));
    expect(d.verdict).toBe('lame-delegation');
    expect(d.confidence).toBe('medium');
    expect(d.unknowns.join(' ')).toMatch(/RDAP or whois/);
    expect(d.suspects).toEqual([]);
    const ask = d.fixes.find((f) => f.title.startsWith('Ask the servers'))!;
    expect(ask.commands).toEqual([
      'dig @ns.lab. lame.lab. NS +norec',
      'dig @<each nameserver> lame.lab. SOA +norec',
    ]);
    expect(d.claims.find((c) => c.text.startsWith('lab. still answers'))?.exchanges).toEqual([
      'x12',
    ]);
  });

  it('reads REFUSED from a resolver’s error text (Google style) and names the server', async () => {
    const text = '[192.0.2.53] rcode=REFUSED for www.lame.lab/a';
    const evidence = transform(
      fixture('lame'),
      isTarget(),
      withResponse(failureWire('SERVFAIL', { code: 23, text })),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.confidence]).toEqual(['lame-delegation', 'ns-refused', 'high']);
    expect(d.suspects).toEqual([
      expect.objectContaining({ address: '192.0.2.53', problems: ['refused'] }),
    ]);
  });

  it('reads an unreachable authority from EDE 22 (Cloudflare style), without parent evidence', async () => {
    const lame = fixture('lame');
    const targetsOnly = {
      ...lame,
      exchanges: lame.exchanges.filter((x) => x.purpose === 'target'),
    };
    const evidence = transform(
      targetsOnly,
      isTarget(),
      withResponse(failureWire('SERVFAIL', { code: 22, text: 'at delegation lame.lab.' })),
    );
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.zone]).toEqual([
      'lame-delegation',
      'ns-unreachable',
      'lame.lab.',
    ]);
    expect(d.uncertainty).toMatch(/error texts/);
  });

  it('flags an in-bailiwick nameserver (glue) and one whose name has no address', () => {
    const evidence = fixture('alg13');
    const facts = collectFacts(evidence);
    const suspects = nameserverSuspects(facts, 'alg13.lab.', [], registryView(evidence));
    expect(suspects).toEqual([
      expect.objectContaining({ host: 'ns.alg13.lab.', problems: ['needs-glue'] }),
    ]);
  });

  it('every resolver failing with nothing to locate it is inconclusive, not a guess', async () => {
    const lame = fixture('lame');
    const targetsOnly = {
      ...lame,
      exchanges: lame.exchanges.filter((x) => x.purpose === 'target'),
    };
    const d = await diagnoseAt(targetsOnly);
    expect([d.verdict, d.reason]).toEqual(['inconclusive', 'failure-unlocated']);
  });
});
