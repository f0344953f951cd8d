/**
 * cds-mismatch (cds-warnings.ts) on the lab's cds-ok recording — CDS and CDNSKEY of the KSK,
 * as the parent's DS — with its CDS/CDNSKEY answers rewritten the ways a zone can ask its
 * parent for something else: a delete request (RFC 8078 §4), a new digest, a stray key,
 * CDS and CDNSKEY that disagree. cds-bad (the ZSK's) is recorded as the lab serves it.
 */

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/diagnosis/diagnose';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import { dsDigest } from '../../../src/dnssec/ds-digest';
import { keyTag } from '../../../src/dnssec/key-tag';
import { answerOf } from '../../../src/evidence/decoded';
import type { Evidence, Exchange } from '../../../src/evidence/evidence';
import type { ResourceRecord } from '../../../src/dns/wire/record';
import { RRTYPE } from '../../../src/dns/wire/types';
import { mapExchanges, rewriteResponse } from '../security/hostile-evidence';
import { fixture } from './lab-evidence';

const ZONE = 'cds-ok.lab.';

async function cdsWarningOf(evidence: Evidence, d?: Diagnosis) {
  const diagnosis = d ?? (await diagnose(evidence, { now: evidence.finishedAt / 1000 }));
  return diagnosis.warnings.find((w) => w.id === 'cds-mismatch');
}

function apexExchange(evidence: Evidence, type: 'CDS' | 'CDNSKEY'): Exchange {
  return evidence.exchanges.find((x) => x.purpose === 'apex' && x.question.type === type)!;
}

/** The zone's keys as its DNSKEY exchange carried them: KSK (257) and ZSK (256). */
function keysOf(evidence: Evidence): { ksk: ResourceRecord; zsk: ResourceRecord } {
  const x = evidence.exchanges.find((e) => e.purpose === 'dnskey' && e.question.name === ZONE)!;
  const records = answerOf(x)!.answer.filter((rr) => rr.type === 'DNSKEY');
  const wire = (flags: number) =>
    records.find((rr) => rr.data.kind === 'DNSKEY' && rr.data.flags === flags)!.wire;
  return { ksk: wire(257), zsk: wire(256) };
}

/** CDS rdata for a key (RFC 7344 §3.1: the DS layout). */
function cdsRdata(key: ResourceRecord, digestType: number): Uint8Array {
  const tag = keyTag(key.rdata);
  const digest = dsDigest(key.owner, key.rdata, digestType)!;
  return Uint8Array.from([tag >> 8, tag & 0xff, key.rdata[3]!, digestType, ...digest]);
}

/** The answer of the zone's `type` exchange replaced by these RDATAs (owner, class, TTL kept). */
function withAnswer(
  evidence: Evidence,
  type: 'CDS' | 'CDNSKEY',
  rdatas: readonly Uint8Array[],
): Evidence {
  const code = RRTYPE[type];
  return mapExchanges(
    evidence,
    (x) => x.id === apexExchange(evidence, type).id,
    rewriteResponse((m) => {
      const first = m.answer.find((rr) => rr.type === code)!;
      return {
        ...m,
        answer: [
          ...rdatas.map((rdata) => ({ ...first, rdata })),
          ...m.answer.filter((rr) => rr.type !== code),
        ],
      };
    }),
  );
}

describe('cds-mismatch', () => {
  it('CDS and CDNSKEY of the key the DS matches: nothing would change, no warning', async () => {
    const evidence = fixture('cds-ok');
    expect(apexExchange(evidence, 'CDS')).toMatchObject({ cd: true, wave: 2 });
    expect(await cdsWarningOf(evidence)).toBeUndefined();
  });

  it('cds-bad: a CDS of the ZSK would break the zone, and says which key signs instead', async () => {
    const evidence = fixture('cds-bad');
    const w = (await cdsWarningOf(evidence))!;
    expect(w.text).toMatch(/which the zone publishes but which does not sign its DNSKEY set/);
    expect(w.text).toMatch(/every validating resolver would answer SERVFAIL for the whole zone/);
    expect(w.text).toMatch(/^cds-bad\.lab\. publishes CDS\/CDNSKEY records/);
    // It rests on the CDS and CDNSKEY answers and the DS and DNSKEY the proof used.
    const ids = ['CDS', 'CDNSKEY'].map(
      (t) => evidence.exchanges.find((x) => x.purpose === 'apex' && x.question.type === t)!.id,
    );
    expect(w.exchanges.slice(0, 2)).toEqual(ids);
    const v = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    const source = v.sources.find((s) => s.zone === 'cds-bad.lab.')!;
    expect(w.exchanges.slice(2)).toEqual([source.ds, source.dnskey]);
  });

  it('a delete request (CDS 0 0 0 00, CDNSKEY 0 3 0 AA==) would make the zone insecure', async () => {
    let evidence = withAnswer(fixture('cds-ok'), 'CDS', [Uint8Array.from([0, 0, 0, 0, 0])]);
    evidence = withAnswer(evidence, 'CDNSKEY', [Uint8Array.from([0, 0, 3, 0, 0])]);
    const w = (await cdsWarningOf(evidence))!;
    expect(w.text).toMatch(
      /^cds-ok\.lab\. publishes a delete request \(.*IN CDS 0 0 0 00.*; RFC 8078 §4\)/,
    );
    expect(w.text).toMatch(/the zone turns insecure/);
  });

  it('a CDS of the same key with another digest: a working new DS set, the parent keeps it secure', async () => {
    const evidence = fixture('cds-ok');
    const { ksk } = keysOf(evidence);
    const w = (await cdsWarningOf(withAnswer(evidence, 'CDS', [cdsRdata(ksk, 4)])))!;
    expect(w.text).toMatch(
      new RegExp(
        `^cds-ok\\.lab\\. asks lab\\. to replace its DS set today \\(.*\\) with a DS for key ${keyTag(ksk.rdata)} \\(.* IN CDS ${keyTag(ksk.rdata)} 13 4 `,
      ),
    );
    expect(w.text).toMatch(/keeps the zone secure/);
  });

  it('a CDS of the ZSK beside the KSK’s: stray records, not an outage', async () => {
    const evidence = fixture('cds-ok');
    const { ksk, zsk } = keysOf(evidence);
    const w = (await cdsWarningOf(
      withAnswer(evidence, 'CDS', [cdsRdata(ksk, 2), cdsRdata(zsk, 2)]),
    ))!;
    expect(w.text).toMatch(
      new RegExp(
        `^Beside the CDS/CDNSKEY for key ${keyTag(ksk.rdata)}, which signs the DNSKEY set, cds-ok\\.lab\\. publishes some for key ${keyTag(zsk.rdata)}, which the zone publishes but which does not sign`,
      ),
    );
  });

  it('a CDS whose digest matches no published key: stray beside the CDNSKEY, an outage alone', async () => {
    const evidence = fixture('cds-ok');
    const { ksk } = keysOf(evidence);
    const wrong = cdsRdata(ksk, 2);
    wrong[wrong.length - 1] = wrong.at(-1)! ^ 0xff;
    const stray = (await cdsWarningOf(withAnswer(evidence, 'CDS', [wrong])))!;
    expect(stray.text).toMatch(
      new RegExp(
        `^Beside the CDS/CDNSKEY for key ${keyTag(ksk.rdata)}, .* publishes some for a key the zone does not publish`,
      ),
    );
    const otherKey = Uint8Array.from(ksk.rdata);
    otherKey[otherKey.length - 1] = otherKey.at(-1)! ^ 0xff;
    const alone = withAnswer(withAnswer(evidence, 'CDS', [wrong]), 'CDNSKEY', [otherKey]);
    const w = (await cdsWarningOf(alone))!;
    expect(w.text).toMatch(/for keys? the zone does not publish\./);
    expect(w.text).toMatch(/would answer SERVFAIL/);
  });

  it('CDS and CDNSKEY that name different signing keys are inconsistent', async () => {
    const evidence = fixture('cds-ok');
    const { ksk, zsk } = keysOf(evidence);
    const changed = withAnswer(evidence, 'CDNSKEY', [zsk.rdata]);
    // The ZSK signing the DNSKEY set too, as in a zone with two KSK-capable keys.
    const v = await validateEvidence(changed, { now: evidence.finishedAt / 1000 });
    const proof = v.proof!;
    const validation = {
      ...v,
      proof: {
        ...proof,
        zones: proof.zones.map((z) =>
          z.zone === ZONE
            ? { ...z, dnskeys: z.dnskeys.map((k) => ({ ...k, signs: ['DNSKEY'] })) }
            : z,
        ),
      },
    };
    const d = await diagnose(changed, { now: evidence.finishedAt / 1000, validation });
    const w = (await cdsWarningOf(changed, d))!;
    expect(w.text).toMatch(/^cds-ok\.lab\.'s CDS and CDNSKEY records name different keys/);
    expect(w.text).toMatch(/dnssec-cds prefers the CDS/);
    expect(keyTag(ksk.rdata)).not.toBe(keyTag(zsk.rdata));
  });
});
