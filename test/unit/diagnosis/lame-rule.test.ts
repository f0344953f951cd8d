/** The lame-delegation rule and its nameserver analysis. */

import { describe, expect, it } from 'vitest';
import { registryView } from '../../../src/diagnosis/registry';
import { collectFacts } from '../../../src/diagnosis/facts';
import { locateLameZone, suspectFindings } from '../../../src/diagnosis/lame-analysis';
import {
  explainSuspects,
  missingName,
  parentAnswerText,
} from '../../../src/diagnosis/explain/suspects';
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
    expect(parentAnswerText(located.parentAnswer!)).toMatch(
      /signed NSEC record shows the delegation/,
    );
    expect(located.failed.map((x) => x.id)).toEqual(['x16', 'x11']);
  });

  it('lame without the registry: says what a browser cannot know, and how to ask the parent', async () => {
    const { rdap: _asked, ...withoutRegistry } = fixture('lame');
    const d = await diagnoseAt(withoutRegistry);
    expect(d.verdict).toBe('lame-delegation');
    expect(d.confidence).toBe('medium');
    expect(d.unknowns.join(' ')).toMatch(/RDAP or whois/);
    expect(d.notDone.join(' ')).toMatch(/registry’s view \(RDAP/);
    expect(d.registry).toBeUndefined();
    expect(d.suspects).toEqual([]);
    const ask = d.fixes.find((f) => f.title.startsWith('Ask the servers'))!;
    expect(ask.commands).toEqual([
      'dig @ns.lab. lame.lab. NS +norec',
      'dig @NAMESERVER lame.lab. SOA +norec',
    ]);
    // A placeholder, not `<each nameserver>`: pasted, `<` and `>` would be redirections.
    expect(ask.text).toMatch(/Replace NAMESERVER with each server/);
    expect(d.claims.find((c) => c.text.startsWith('lab. still answers'))?.exchanges).toEqual([
      'x12',
    ]);
  });

  it('lame with the registry: names its nameserver and glue, and digs at that address', async () => {
    const evidence = fixture('lame');
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason]).toEqual(['lame-delegation', 'ns-failure']);
    expect(d.notDone).toEqual([]);
    expect(d.registry).toMatchObject({
      state: 'found',
      domain: 'lame.lab.',
      nameservers: [{ host: 'ns.lame.lab.', glue: ['127.53.0.5'] }],
      ds: [],
    });
    // In the zone, with glue at the registry: no glue problem; its own lookup fails with the zone.
    expect(d.suspects).toEqual([
      expect.objectContaining({ host: 'ns.lame.lab.', address: '127.53.0.5', problems: [] }),
    ]);
    expect(d.suspects[0]!.text).toMatch(
      /listed by the registry.*glue 127\.53\.0\.5.*fails along with lame\.lab\./,
    );
    expect(d.suspects[0]!.exchanges[0]).toBe('r0');
    const ask = d.fixes.find((f) => f.title.startsWith('Ask the servers'))!;
    expect(ask.commands).toContain('dig @127.53.0.5 lame.lab. SOA +norec');
    expect(d.unknowns.join(' ')).not.toMatch(/RDAP or whois/);
  });

  it('orphan: the only nameserver’s name does not exist, which only the registry reveals', async () => {
    const evidence = fixture('orphan');
    const d = await diagnoseAt(evidence);
    expect([d.verdict, d.reason, d.zone]).toEqual([
      'lame-delegation',
      'ns-no-address',
      'orphan.lab.',
    ]);
    expect(d.suspects).toEqual([
      expect.objectContaining({ host: 'ns1.gone.lab.', problems: ['no-address'] }),
    ]);
    expect(d.suspects[0]!.text).toMatch(
      /its domain gone\.lab\. does not exist \(NXDOMAIN from lab\.\): unregistered or expired/,
    );
    expect(d.confidence).toBe('high');
    const fix = d.fixes[0]!;
    expect(fix.title).toBe('Give orphan.lab. nameservers that can be found');
    expect(fix.commands).toEqual(['dig ns1.gone.lab. A']);
    // Without the registry the same evidence cannot name the server, and says so.
    const { rdap: _asked, ...withoutRegistry } = evidence;
    const blind = await diagnoseAt(withoutRegistry);
    expect([blind.verdict, blind.reason]).toEqual(['lame-delegation', 'ns-failure']);
  });

  it('tells a missing host from a missing domain by the zone that denied it', () => {
    expect(missingName('ns1.gone.lab.', 'lab.')).toBe(
      'its domain gone.lab. does not exist (NXDOMAIN from lab.): unregistered or expired',
    );
    expect(missingName('ns1.provider.net.', 'provider.net.')).toBe(
      'its name does not exist in provider.net. (NXDOMAIN)',
    );
    expect(missingName('ns.example.', 'example.')).toBe(
      'its name does not exist in example. (NXDOMAIN)',
    );
    expect(missingName('ns1.provider.net.', '')).toBe('its name does not exist (NXDOMAIN)');
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
    expect(d.suspects).toContainEqual(
      expect.objectContaining({ address: '192.0.2.53', problems: ['refused'] }),
    );
  });

  it('reads a failing authority from a bare EDE 22 (Cloudflare style), without parent evidence', async () => {
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
    // RFC 8914 §4.23: No Reachable Authority covers servers that "potentially refused to
    // reply" too, so it says that they fail, not how.
    expect([d.verdict, d.reason, d.zone]).toEqual(['lame-delegation', 'ns-failure', 'lame.lab.']);
    expect(d.uncertainty).toMatch(/error texts/);
  });

  it('flags an in-bailiwick nameserver (glue) and one whose name has no address', () => {
    const evidence = fixture('alg13');
    const facts = collectFacts(evidence);
    // The registry holds its glue: nothing to flag, and the text says where the address is.
    const [known] = explainSuspects(
      suspectFindings(facts, 'alg13.lab.', [], registryView(evidence)),
    );
    expect(known).toMatchObject({ host: 'ns.alg13.lab.', problems: [] });
    expect(known!.text).toMatch(/registry holds its glue 127\.53\.0\.3; resolves to 127\.53\.0\.3/);
    // Without the registry, only the zone's own NS set names it: it needs glue, unseen.
    const { rdap: _asked, ...withoutRegistry } = evidence;
    expect(
      explainSuspects(suspectFindings(facts, 'alg13.lab.', [], registryView(withoutRegistry))),
    ).toEqual([expect.objectContaining({ host: 'ns.alg13.lab.', problems: ['needs-glue'] })]);
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
