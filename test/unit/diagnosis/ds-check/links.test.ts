/**
 * Where the DS check is offered (issue 16, deliverables 2 and 3): on the verdict card of
 * every signed zone, with the DS set its parent publishes today, and with a DS fix, with
 * the records that fix proposes; the report's verdict carries the fix's records.
 */
import { describe, expect, it } from 'vitest';
import { dsCheckTarget } from '../../../../src/diagnosis/ds-check/target';
import { verdictReport } from '../../../../src/diagnosis/explain/retold';
import { validateEvidence } from '../../../../src/diagnosis/validate-evidence';
import { diagnoseAt, fixture } from '../lab-evidence';
import { dsOfKey, material, onlyKey, recorded } from './recorded';

async function target(scenario: string) {
  const evidence = fixture(scenario);
  const validation = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
  const diagnosis = await diagnoseAt(evidence);
  return dsCheckTarget(validation.proof, diagnosis.zone);
}

describe('the verdict card’s DS check link', () => {
  it('a signed zone that works: its zone, with the DS set its parent publishes', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    expect(await target('alg13')).toEqual({
      zone: 'alg13.lab.',
      records: [dsOfKey('alg13.lab.', onlyKey(material(r), 257))],
    });
  });

  it('a broken zone: the zone where the chain breaks (the CNAME target of cname-bogus)', async () => {
    expect((await target('ds-mismatch'))?.zone).toBe('ds-mismatch.lab.');
    expect((await target('cname-bogus'))?.zone).toBe('expired.lab.');
  });

  it('no link for an unsigned zone, or where no chain was validated', async () => {
    expect(await target('insecure')).toBeNull();
    expect(await target('lame')).toBeNull();
  });
});

describe('the DS fix’s link', () => {
  it('ds-mismatch: the fix proposes the DS of the zone’s KSK, and the report carries it', async () => {
    const r = recorded('ds-mismatch', 'ds-mismatch.lab.');
    const ksk = onlyKey(material(r), 257);
    const diagnosis = await diagnoseAt(fixture('ds-mismatch'));
    const fix = diagnosis.fixes.find((f) => f.dsCheck !== undefined);
    expect(fix?.dsCheck).toEqual({
      zone: 'ds-mismatch.lab.',
      records: [dsOfKey(r.zone, ksk, 2), dsOfKey(r.zone, ksk, 4)],
    });
    expect(fix?.records.slice(0, 2)).toEqual(fix?.dsCheck?.records);
    expect(verdictReport(diagnosis).dsCheck).toEqual(fix?.dsCheck);
  });

  it('dnskey-missing: the "sign it" fix opens the check on the zone, for the new key’s DS', async () => {
    const diagnosis = await diagnoseAt(fixture('unsigned-ds'));
    expect(diagnosis.reason).toBe('dnskey-missing');
    expect(diagnosis.fixes.map((f) => f.dsCheck)).toContainEqual({
      zone: 'unsigned-ds.lab.',
      records: [],
    });
    // No records proposed: the report has no link to fill in.
    expect(verdictReport(diagnosis).dsCheck).toBeUndefined();
  });
});
