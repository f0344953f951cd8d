/**
 * Verdicts from the EDE texts public resolvers send (facts.md, "Real EDE texts"), built by
 * rewriting lab recordings' answers: Google's per-server "Lame delegation" and "rcode=REFUSED",
 * Cloudflare's "ip:53 rcode=REFUSED" and its EDE 9 + 18 + 22 on a signed zone whose servers
 * refuse — which is an authority failure, not a DNSSEC verdict — against an EDE 9 on a zone
 * whose keys were fetched and really do not match its DS.
 */

import { describe, expect, it } from 'vitest';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';
import {
  diagnoseAt,
  failureWire,
  fixture,
  isTarget,
  transform,
  withResponse,
} from './lab-evidence';

type Ede = { code: number; text: string };

/** Every target answer (all resolvers, CD=0 and CD=1) becomes SERVFAIL with these EDEs. */
const targetsFail = (evidence: Evidence, ede: readonly Ede[]): Evidence =>
  transform(evidence, isTarget(), withResponse(failureWire('SERVFAIL', ede)));

/** The zone's own queries (and those below it) fail as its servers would make them fail. */
function zoneFails(evidence: Evidence, zone: string, ede: readonly Ede[]): Evidence {
  const own = (x: Exchange) =>
    x.purpose !== 'target' &&
    !(x.purpose === 'ds' && x.question.name === zone) &&
    (x.question.name === zone || x.question.name.endsWith(`.${zone}`));
  return transform(evidence, own, withResponse(failureWire('SERVFAIL', ede)));
}

const withoutRegistry = ({ rdap: _asked, ...evidence }: Evidence): Evidence => evidence;

describe('Google Public DNS texts', () => {
  const lame = [
    { code: 22, text: 'At delegation lame.lab for www.lame.lab/a' },
    { code: 0, text: '[127.53.0.5] Lame delegation at lame.lab for www.lame.lab/a' },
  ];

  it('a lame server named by address: lame delegation, the registry’s host carries it', async () => {
    const d = await diagnoseAt(targetsFail(fixture('lame'), lame));
    expect([d.verdict, d.reason, d.zone, d.confidence]).toEqual([
      'lame-delegation',
      'ns-failure',
      'lame.lab.',
      'high',
    ]);
    // The registry lists ns.lame.lab. with glue 127.53.0.5: one suspect, not two.
    expect(d.suspects).toEqual([
      expect.objectContaining({ host: 'ns.lame.lab.', address: '127.53.0.5', problems: ['lame'] }),
    ]);
    expect(d.suspects[0]!.text).toMatch(
      /a resolver’s error text says 127\.53\.0\.5 answers, but not with authority for the zone \(lame\)/,
    );
    expect(d.suspects[0]!.text).not.toMatch(/cannot be asked from a browser/);
    expect(d.unknowns.join(' ')).toMatch(/call them lame or failing/);
  });

  it('without the registry the address alone is the suspect', async () => {
    const d = await diagnoseAt(targetsFail(withoutRegistry(fixture('lame')), lame));
    expect([d.verdict, d.reason]).toEqual(['lame-delegation', 'ns-failure']);
    expect(d.suspects).toEqual([
      {
        address: '127.53.0.5',
        problems: ['lame'],
        text: '127.53.0.5: answers, but not with authority for the zone (lame), according to a resolver’s error text.',
        exchanges: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7'],
      },
    ]);
  });

  it('"[ip] rcode=REFUSED" next to "At delegation" means refused, not unreachable', async () => {
    const d = await diagnoseAt(
      targetsFail(fixture('lame'), [
        { code: 22, text: 'At delegation lame.lab for www.lame.lab/a' },
        { code: 23, text: '[127.53.0.5] rcode=REFUSED for www.lame.lab/a' },
      ]),
    );
    expect([d.verdict, d.reason, d.confidence]).toEqual(['lame-delegation', 'ns-refused', 'high']);
    expect(d.suspects[0]).toMatchObject({ host: 'ns.lame.lab.', problems: ['refused'] });
    expect(d.detail.join(' ')).toMatch(
      /EDE 22 No Reachable Authority also covers servers that refused/,
    );
  });
});

describe('Cloudflare 1.1.1.1 texts', () => {
  it('"ip:53 rcode=REFUSED for x. A" with EDE 22: refused', async () => {
    const d = await diagnoseAt(
      targetsFail(withoutRegistry(fixture('lame')), [
        { code: 22, text: 'at delegation lame.lab.' },
        { code: 23, text: '127.53.0.5:53 rcode=REFUSED for www.lame.lab. A' },
      ]),
    );
    expect([d.verdict, d.reason, d.zone]).toEqual(['lame-delegation', 'ns-refused', 'lame.lab.']);
    expect(d.suspects).toEqual([
      expect.objectContaining({ address: '127.53.0.5', problems: ['refused'] }),
    ]);
    expect(d.suspects[0]!.text).toMatch(/refuses to answer for the zone \(REFUSED\)/);
  });

  it('a bare EDE 22 says the servers fail, not how (RFC 8914 §4.23): ns-failure, medium', async () => {
    const d = await diagnoseAt(
      targetsFail(fixture('lame'), [{ code: 22, text: 'at delegation lame.lab.' }]),
    );
    expect([d.verdict, d.reason, d.confidence]).toEqual([
      'lame-delegation',
      'ns-failure',
      'medium',
    ]);
    expect(d.uncertainty).toMatch(/refused as well as for silent ones/);
    expect(d.unknowns.join(' ')).toMatch(/EDE 22 No Reachable Authority\) cover all three/);
  });

  describe('EDE 9 + 18 + 22 on a signed zone whose servers refuse', () => {
    const refusing = [
      { code: 9, text: 'no SEP matching the DS found for alg13.lab.' },
      { code: 18, text: '' },
      { code: 22, text: 'at delegation alg13.lab.' },
    ];
    // alg13.lab. is signed (its DS is in lab.); here its servers give nobody its DNSKEY or NS.
    const signedButRefusing = (ede: readonly Ede[]) =>
      targetsFail(zoneFails(fixture('alg13'), 'alg13.lab.', [ede.at(-1)!]), ede);

    it('is a lame delegation, not dnssec-bogus', async () => {
      const d = await diagnoseAt(signedButRefusing(refusing));
      expect([d.verdict, d.reason, d.zone]).toEqual([
        'lame-delegation',
        'ns-failure',
        'alg13.lab.',
      ]);
      expect(d.claims.map((c) => c.text).join(' ')).toMatch(
        /lab\. still answers for alg13\.lab\.: it publishes its DS record/,
      );
      expect(d.detail.join(' ')).toMatch(
        /EDE 9 DNSKEY Missing beside it follows from the same failure: alg13\.lab\.’s keys cannot be fetched/,
      );
    });

    it('with a per-server text as well, the refusing server is named', async () => {
      const d = await diagnoseAt(
        signedButRefusing([
          ...refusing,
          { code: 23, text: '127.53.0.3:53 rcode=REFUSED for www.alg13.lab. A' },
        ]),
      );
      expect([d.verdict, d.reason]).toEqual(['lame-delegation', 'ns-refused']);
      expect(d.suspects).toEqual([
        expect.objectContaining({
          host: 'ns.alg13.lab.',
          address: '127.53.0.3',
          problems: ['refused'],
        }),
      ]);
    });
  });

  describe('EDE 9 "no SEP matching the DS" on a zone whose keys were fetched', () => {
    const noSep = { code: 9, text: 'no SEP matching the DS found for ds-mismatch.lab.' };

    it('is still dnssec-bogus with ds-mismatch', async () => {
      const d = await diagnoseAt(
        transform(
          fixture('ds-mismatch'),
          isTarget(undefined, false),
          withResponse(failureWire('SERVFAIL', [noSep])),
        ),
      );
      expect([d.verdict, d.reason, d.zone]).toEqual([
        'dnssec-bogus',
        'ds-mismatch',
        'ds-mismatch.lab.',
      ]);
    });

    it('next to an EDE 22 with CD=1 failing too, the answered DNSKEY keeps it DNSSEC, named from the text', async () => {
      const d = await diagnoseAt(
        targetsFail(fixture('ds-mismatch'), [
          noSep,
          { code: 22, text: 'at delegation ds-mismatch.lab.' },
        ]),
      );
      // No answer at all, so our own validator has nothing to check: the text names the link.
      expect([d.verdict, d.reason, d.zone, d.confidence]).toEqual([
        'dnssec-bogus',
        'ds-mismatch',
        'ds-mismatch.lab.',
        'medium',
      ]);
      expect(d.headline).toMatch(
        /the DS record for ds-mismatch\.lab\. in lab\. matches none of the keys/,
      );
    });
  });
});
