/**
 * The DS check's report as the page gets it from the worker: one sentence per record, the
 * meanwhile advice in words with its TTLs, the exchanges it rests on as text, and a clear
 * sentence when the zone's keys cannot be read (a transport failure with the transport's
 * own message, a failing zone, a name that is no zone apex).
 */

import { describe, expect, it } from 'vitest';
import { dsCheckReport } from '../../../../src/diagnosis/explain/ds-check-report';
import type { Exchange } from '../../../../src/evidence/evidence';
import { failureWire } from '../lab-evidence';
import { dsOfKey, material, onlyKey, recorded, type Recorded } from './recorded';

const report = (r: Recorded, pasted: readonly string[], dnskey = r.dnskey, ds = r.ds) =>
  dsCheckReport({ zone: r.zone, pasted, dnskey, ds, now: r.now, resolverLabel: 'Unbound' });

describe('the DS check report', () => {
  const r = recorded('ds-mismatch', 'ds-mismatch.lab.');
  const ksk = onlyKey(material(r), 257);
  const zsk = onlyKey(material(r), 256);

  it('says the answer, a sentence per record, and what to do with the old DS', async () => {
    const out = await report(r, [dsOfKey(r.zone, ksk), dsOfKey(r.zone, zsk), 'oops']);
    expect(out.result).toBe('secure');
    expect(out.headline).toMatch(/^Publishing exactly this DS set keeps ds-mismatch\.lab\. secure/);
    expect(out.headline).toMatch(/1 record could not be read/);
    expect(out.items.map((i) => i.status)).toEqual(['valid', 'key-not-signing', 'malformed']);
    expect(out.items[0]?.sentence).toMatch(
      /^Matches the KSK \d+ \(ECDSAP256SHA256\), which signs the DNSKEY set/,
    );
    expect(out.items[1]?.sentence).toMatch(/the ZSK \d+ .*does not sign the DNSKEY set/);
    expect(out.items[2]?.sentence).toMatch(/^This record could not be read: /);
    expect(out.meanwhile?.kind).toBe('remove-now');
    expect(out.meanwhile?.sentences.join(' ')).toMatch(/Remove the old DS \d+ now/);
    expect(out.meanwhile?.sentences.join(' ')).toMatch(/300 s \(5 minutes\)/);
    expect(out.meanwhile?.rows.map((row) => row.change)).toEqual(['removed', 'added', 'added']);
    expect(out.keys).toHaveLength(2);
    expect(out.keys.join(' ')).toMatch(/KSK \d+ \(ECDSAP256SHA256\): signs the DNSKEY set/);
  });

  it('a set that breaks the zone is not said to end today’s failure', async () => {
    const out = await report(r, [dsOfKey(r.zone, zsk)]);
    expect(out.result).toBe('breaks');
    expect(out.meanwhile?.kind).toBe('remove-now');
    expect(out.meanwhile?.sentences.join(' ')).not.toMatch(/fails today/);
  });

  it('shows each exchange it rests on: resolver, question, status and the records as text', async () => {
    const out = await report(r, []);
    expect(out.exchanges.map((x) => [x.question.type, x.cd, x.status])).toEqual([
      ['DNSKEY', true, 'NOERROR'],
      ['DS', true, 'NOERROR'],
    ]);
    expect(out.exchanges[0]?.records.some((l) => /\sDNSKEY\s257 3 13 /.test(l))).toBe(true);
    expect(out.exchanges[1]?.records.some((l) => /\sRRSIG\sDS 13 /.test(l))).toBe(true);
    expect(out.raw).toEqual([r.dnskey, r.ds]);
  });

  it('the empty set: insecure, said plainly', async () => {
    const out = await report(r, []);
    expect(out.result).toBe('insecure');
    expect(out.headline).toMatch(/With no DS at the parent, ds-mismatch\.lab\. is insecure/);
  });

  it('a DNSKEY query that timed out: the transport’s class and message, nothing judged', async () => {
    const timedOut: Exchange = {
      ...r.dnskey,
      error: { class: 'timeout', message: 'no answer within 4 s' },
    };
    delete (timedOut as { response?: string }).response;
    const out = await report(r, [dsOfKey(r.zone, ksk)], timedOut);
    expect(out.result).toBeNull();
    expect(out.problem).toBe(
      'The DNSKEY set of ds-mismatch.lab. could not be fetched from Unbound (timeout): no answer within 4 s. Nothing was checked; try again, or choose another resolver in the settings.',
    );
    expect(out.exchanges[0]).toMatchObject({ status: 'timeout', error: 'no answer within 4 s' });
  });

  it('a zone whose servers fail even with CD=1', async () => {
    const failing: Exchange = { ...r.dnskey, response: failureWire('SERVFAIL') };
    const out = await report(r, [], failing);
    expect(out.result).toBeNull();
    expect(out.problem).toMatch(/answered SERVFAIL for the DNSKEY set of ds-mismatch\.lab\./);
  });

  it('a name below the zone apex: the zone it lies in is named', async () => {
    const below = recorded('ds-mismatch', 'www.ds-mismatch.lab.');
    const out = await report(below, []);
    expect(out.result).toBeNull();
    expect(out.problem).toMatch(
      /www\.ds-mismatch\.lab\. is not the apex of a zone: it lies inside ds-mismatch\.lab\./,
    );
  });

  it('the parent’s DS query failed: the keys are still judged, the meanwhile says it cannot tell', async () => {
    const failed: Exchange = { ...r.ds, error: { class: 'http-status', message: 'HTTP 502' } };
    delete (failed as { response?: string }).response;
    const out = await report(r, [dsOfKey(r.zone, ksk)], r.dnskey, failed);
    expect(out.result).toBe('secure');
    expect(out.meanwhile?.kind).toBe('unknown');
    expect(out.meanwhile?.sentences[0]).toMatch(/could not be read/);
  });

  it('pasted text stays one line of visible text in every sentence', async () => {
    const out = await report(r, ['<b>x</b>\u202E\nnext 1 2']);
    expect(out.items[0]?.status).toBe('malformed');
    for (const text of [out.headline, ...out.items.map((i) => i.sentence)]) {
      expect(text).not.toMatch(/[\u202E\n]/);
    }
  });
});
