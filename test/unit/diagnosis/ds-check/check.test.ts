/**
 * The DS check before publishing (issue 16) on lab recordings: the zone's DNSKEY RRset and
 * the parent's DS RRset as the lab's Unbound handed them over with CD=1, and DS sets an
 * owner might paste — the right one, a ZSK's, none, a mistyped digest, a revoked key, an
 * unsupported algorithm or digest, SHA-1, unreadable lines, a DNSKEY instead of a DS.
 */

import { describe, expect, it } from 'vitest';
import { checkDsSet, type DsItem, type DsSetCheck } from '../../../../src/diagnosis/ds-check/check';
import { MAX_PASTED_RECORDS } from '../../../../src/diagnosis/ds-check/pasted-records';
import { keyTag } from '../../../../src/dnssec/key-tag';
import type { ResourceRecord } from '../../../../src/dns/wire/record';
import {
  dnskeyText,
  dsOfKey,
  material,
  onlyKey,
  pairSide,
  recorded,
  type Recorded,
} from './recorded';

async function check(r: Recorded, pasted: readonly string[], m = material(r)): Promise<DsSetCheck> {
  return checkDsSet({ zone: r.zone, pasted, now: r.now, ...m });
}

const statuses = (c: DsSetCheck): string[] =>
  c.items.map((i) => (i.kind === 'ds' ? i.status : 'malformed'));

function dsItem(c: DsSetCheck, index: number): Extract<DsItem, { kind: 'ds' }> {
  const item = c.items[index];
  if (item?.kind !== 'ds') throw new Error(`item ${index} is not a DS`);
  return item;
}

describe('the DS check on ds-mismatch.lab. (the parent holds a DS of a key the zone never had)', () => {
  const r = recorded('ds-mismatch', 'ds-mismatch.lab.');
  const ksk = onlyKey(material(r), 257);
  const zsk = onlyKey(material(r), 256);

  it('the DS of the zone’s KSK keeps it secure, and the old DS can go now', async () => {
    const c = await check(r, [dsOfKey(r.zone, ksk)]);
    expect(c.result).toBe('secure');
    const item = dsItem(c, 0);
    expect(item.status).toBe('valid');
    expect(item.key).toMatchObject({ keyTag: keyTag(ksk.rdata), role: 'KSK', flags: 257 });
    expect(item.signing?.state).toBe('valid');
    // The recorded DS at lab. matches no key: nothing to wait for.
    expect(c.meanwhile.kind).toBe('remove-now');
    expect(c.meanwhile.current).toHaveLength(1);
    expect(c.meanwhile.current[0]).toMatchObject({ works: false, kept: false });
    expect(c.meanwhile.currentResult).toBe('breaks');
    expect(c.meanwhile.dsTtl).toEqual({ seconds: 300, full: true });
  });

  it('the DS of the ZSK breaks it: that key signs no DNSKEY set', async () => {
    const c = await check(r, [dsOfKey(r.zone, zsk)]);
    expect(c.result).toBe('breaks');
    expect(dsItem(c, 0)).toMatchObject({ status: 'key-not-signing', key: { role: 'ZSK' } });
    expect(dsItem(c, 0).signing).toEqual({ state: 'none' });
  });

  it('no DS at all makes it insecure', async () => {
    const c = await check(r, []);
    expect(c.result).toBe('insecure');
    expect(c.items).toEqual([]);
  });

  it('a mistyped digest of the KSK’s tag is a digest mismatch, and the right DS is offered', async () => {
    const right = dsOfKey(r.zone, ksk);
    const wrong = right.replace(/[0-9A-F]$/, (c) => (c === '0' ? '1' : '0'));
    const c = await check(r, [wrong]);
    expect(c.result).toBe('breaks');
    const item = dsItem(c, 0);
    expect(item.status).toBe('digest-mismatch');
    expect(item.sameTag.map((k) => k.keyTag)).toEqual([keyTag(ksk.rdata)]);
    expect(item.suggestion).toBe(right);
  });

  it('the parent’s current DS matches no key of the zone', async () => {
    const current = material(r).parentDs!.records.filter((rr) => rr.type === 43);
    expect(current).toHaveLength(1);
    const tag = (current[0]!.rdata[0]! << 8) | current[0]!.rdata[1]!;
    const c = await check(r, [`${tag} 13 2 ${'AB'.repeat(32)}`]);
    expect(statuses(c)).toEqual(['no-key']);
    expect(c.result).toBe('breaks');
  });

  it('a DNSKEY pasted instead of a DS is read as its SHA-256 DS', async () => {
    const c = await check(r, [dnskeyText(r.zone, ksk)]);
    expect(c.result).toBe('secure');
    const item = dsItem(c, 0);
    expect(item.fromDnskey).toBe(true);
    expect(item.line).toBe(dsOfKey(r.zone, ksk, 2));
    expect(item.status).toBe('valid');
  });

  it('unreadable lines are reported and the rest are still checked', async () => {
    const c = await check(r, [
      '12345 13 2 XYZ',
      'hello world',
      dsOfKey(r.zone, ksk),
      `${r.zone} IN A 192.0.2.1`,
    ]);
    expect(statuses(c)).toEqual(['malformed', 'malformed', 'valid', 'malformed']);
    expect(c.result).toBe('secure');
    const messages = c.items.flatMap((i) => (i.kind === 'malformed' ? [i.message] : []));
    expect(messages[0]).toMatch(/not hexadecimal/);
    expect(messages[1]).toMatch(/neither a DS nor a DNSKEY record/);
    expect(messages[2]).toMatch(/type A, not a DS or DNSKEY/);
  });

  it('SHA-1: a SHA-1 DS of the KSK leads in, with a warning; beside a SHA-256 DS it is ignored', async () => {
    const sha1 = await check(r, [dsOfKey(r.zone, ksk, 1)]);
    expect(sha1.result).toBe('secure');
    expect(dsItem(sha1, 0)).toMatchObject({
      status: 'valid-sha1',
      suggestion: dsOfKey(r.zone, ksk, 2),
    });
    // RFC 4509 §3: with a SHA-256 DS present, validators skip the SHA-1 one; the SHA-256
    // one points to the ZSK, so nothing leads in.
    const mixed = await check(r, [dsOfKey(r.zone, ksk, 1), dsOfKey(r.zone, zsk, 2)]);
    expect(statuses(mixed)).toEqual(['sha1-ignored', 'key-not-signing']);
    expect(mixed.result).toBe('breaks');
  });

  it('unsupported algorithms and digest types are skipped: alone, they make the zone insecure', async () => {
    const gost = `${r.zone} IN DS 1234 12 3 ${'00'.repeat(32)}`;
    const unknownAlgorithm = `${r.zone} IN DS 1234 253 2 ${'00'.repeat(32)}`;
    const gostDigest = `${r.zone} IN DS ${keyTag(ksk.rdata)} 13 3 ${'00'.repeat(32)}`;
    const c = await check(r, [gost, unknownAlgorithm, gostDigest]);
    expect(statuses(c)).toEqual([
      'unsupported-algorithm',
      'unsupported-algorithm',
      'unsupported-digest',
    ]);
    expect(c.result).toBe('insecure');
    // Beside a DS that works, they change nothing.
    const withKsk = await check(r, [gost, dsOfKey(r.zone, ksk)]);
    expect(withKsk.result).toBe('secure');
  });

  it('lists the zone’s keys and which of them signs the DNSKEY set', async () => {
    const c = await check(r, []);
    const byRole = Object.fromEntries(c.keys.map((k) => [k.role, k.signing?.state]));
    expect(byRole).toEqual({ KSK: 'valid', ZSK: 'none' });
  });

  it('reads at most MAX_PASTED_RECORDS records and says how many it left', async () => {
    const many = Array.from({ length: MAX_PASTED_RECORDS + 3 }, () => dsOfKey(r.zone, ksk));
    const c = await check(r, many);
    expect(c.items).toHaveLength(MAX_PASTED_RECORDS);
    expect(c.skipped).toBe(3);
  });
});

describe('keys that sign badly', () => {
  it('a revoked KSK (RFC 5011): its DS leads nowhere', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    const m = material(r);
    const ksk = onlyKey(m, 257);
    // The same key with the REVOKE bit (flags 385): its RDATA, so its tag, changes with it.
    const revoked: ResourceRecord = {
      ...ksk,
      rdata: Uint8Array.from([0x01, 0x81, ...ksk.rdata.subarray(2)]),
    };
    const records = m.dnskeyRecords.map((rr) => (rr === ksk ? revoked : rr));
    const c = await check(r, [dsOfKey(r.zone, revoked)], { ...m, dnskeyRecords: records });
    expect(dsItem(c, 0)).toMatchObject({ status: 'revoked', key: { role: 'revoked', flags: 385 } });
    expect(c.result).toBe('breaks');
  });

  it('a KSK whose signature over the DNSKEY set has expired (expired.lab.)', async () => {
    const r = recorded('expired', 'expired.lab.');
    const ksk = onlyKey(material(r), 257);
    const c = await check(r, [dsOfKey(r.zone, ksk)]);
    const item = dsItem(c, 0);
    expect(item.status).toBe('signature-failed');
    expect(item.signing?.state).toBe('expired');
    expect(c.result).toBe('breaks');
  });

  it('a zone that serves no DNSKEY (unsigned-ds.lab.): any DS breaks it', async () => {
    const r = recorded('unsigned-ds', 'unsigned-ds.lab.');
    const m = material(r);
    expect(m.dnskeyRecords).toEqual([]);
    const c = await check(r, [`${r.zone} IN DS 1234 13 2 ${'AB'.repeat(32)}`]);
    expect(c.keys).toEqual([]);
    expect(statuses(c)).toEqual(['no-key']);
    expect(c.result).toBe('breaks');
  });
});

describe('what the old DS set does meanwhile (RFC 7583)', () => {
  it('a working zone told to drop every DS turns insecure and must stay signed for the DS TTL', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    const c = await check(r, []);
    expect(c.result).toBe('insecure');
    expect(c.meanwhile.kind).toBe('going-insecure');
    expect(c.meanwhile.waitSeconds).toBe(c.meanwhile.dsTtl?.seconds);
  });

  it('the same set again changes nothing; adding a SHA-384 DS of the KSK only adds', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    const ksk = onlyKey(material(r), 257);
    expect((await check(r, [dsOfKey(r.zone, ksk)])).meanwhile.kind).toBe('unchanged');
    const more = await check(r, [dsOfKey(r.zone, ksk), dsOfKey(r.zone, ksk, 4)]);
    expect(more.result).toBe('secure');
    expect(more.meanwhile.kind).toBe('add-only');
    expect(more.meanwhile.added).toEqual([dsOfKey(r.zone, ksk, 4)]);
  });

  it('double-KSK (dsswap.lab., both KSKs sign): the DS may be swapped now, the old key kept for the DS TTL', async () => {
    const r = recorded(pairSide('dsswap', 'before'), 'dsswap.lab.');
    const m = material(r);
    const current = m.parentDs!.records.find((rr) => rr.type === 43)!;
    const currentTag = (current.rdata[0]! << 8) | current.rdata[1]!;
    const other = onlyKeyOtherThan(m.dnskeyRecords, currentTag);
    const c = await check(r, [dsOfKey(r.zone, other)]);
    expect(c.result).toBe('secure');
    expect(c.meanwhile.kind).toBe('swap');
    expect(c.meanwhile.oldKeys).toEqual([currentTag]);
    expect(c.meanwhile.newKeys).toEqual([keyTag(other.rdata)]);
    expect(c.meanwhile.dsTtl).toEqual({ seconds: 3600, full: true });
    expect(c.meanwhile.waitSeconds).toBe(3600);
  });

  it('double-DS (roll.lab. before its rollover): the new key’s DS beside the old one, kept DS TTL + DNSKEY TTL', async () => {
    const before = recorded(pairSide('roll', 'before'), 'roll.lab.');
    const after = material(recorded(pairSide('roll', 'after'), 'roll.lab.'));
    const oldKsk = onlyKey(material(before), 257);
    const newKsk = onlyKey(after, 257);
    expect(keyTag(newKsk.rdata)).not.toBe(keyTag(oldKsk.rdata));
    const both = await check(before, [dsOfKey(before.zone, oldKsk), dsOfKey(before.zone, newKsk)]);
    expect(both.result).toBe('secure');
    expect(statuses(both)).toEqual(['valid', 'no-key']);
    expect(both.meanwhile.kind).toBe('keep-old');
    expect(both.meanwhile.pendingKeys).toEqual([keyTag(newKsk.rdata)]);
    expect(both.meanwhile.waitSeconds).toBe(3600 + 1800);
    // Only the new DS: the zone breaks, and the advice is to keep the old one.
    const onlyNew = await check(before, [dsOfKey(before.zone, newKsk)]);
    expect(onlyNew.result).toBe('breaks');
    expect(onlyNew.meanwhile.kind).toBe('keep-old');
    expect(onlyNew.meanwhile.current[0]).toMatchObject({ works: true, kept: false });
  });

  it('an unknown parent DS set (the DS query failed) says so', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    const c = await check(r, [], { ...material(r), parentDs: null });
    expect(c.meanwhile.kind).toBe('unknown');
  });

  it('a parent with no DS yet: the pasted set is the first', async () => {
    const r = recorded('alg13', 'alg13.lab.');
    const ksk = onlyKey(material(r), 257);
    const c = await check(r, [dsOfKey(r.zone, ksk)], {
      ...material(r),
      parentDs: { records: [], ttl: null },
    });
    expect(c.meanwhile.kind).toBe('first-ds');
    expect(c.meanwhile.added).toEqual([dsOfKey(r.zone, ksk)]);
  });
});

function onlyKeyOtherThan(records: readonly ResourceRecord[], tag: number): ResourceRecord {
  const others = records.filter(
    (rr) => rr.type === 48 && rr.rdata[1] === 1 && keyTag(rr.rdata) !== tag,
  );
  if (others.length !== 1) throw new Error(`${others.length} other KSKs`);
  return others[0]!;
}
