/**
 * The lab's changes (changes.ts) against the real servers (needs `npm run lab:up`): for each
 * change, the validating resolvers (unbound 5301, bind 5302) answer the zone's first state,
 * then the changed one, then the first again after resetLabChanges.
 *
 * Unbound's caches are emptied after each change (flushUnboundCaches), so it must follow at
 * once. BIND cannot be flushed; it must follow within its cache cap (5 s), or, where it
 * found the zone bogus before, within its 30 s bad cache and the cap (BIND_BAD_CACHE_MS).
 * The expected answers below were read off Unbound 1.17 and BIND 9.18 and checked against
 * RFC 4035 §5 (a DS that matches no DNSKEY, expired RRSIGs: bogus, SERVFAIL unless CD=1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadChangeState } from './change-state';
import {
  askAuthority,
  askResolver,
  dnskeyTags,
  dsTags,
  expirations,
  outcome,
  signerTags,
  until,
  type Seen,
} from './change-probes';
import {
  applyLabChange,
  BIND_BAD_CACHE_MS,
  CHANGEABLE_ZONES,
  LAB_CHANGES,
  labChangeState,
  resetLabChanges,
  RESOLVER_CACHE_CAP_MS,
  settleLabResolvers,
  type LabChangeId,
} from './changes';
import { flushUnboundCaches } from './flush';
import { labResolver, loadLabManifest, udpEndpoint } from './manifest';
import type { RdapDomain } from './rdap-response';

const manifest = loadLabManifest();
const UNBOUND = udpEndpoint(labResolver(manifest, 'unbound')).port;
const BIND = udpEndpoint(labResolver(manifest, 'bind')).port;
/** Slack for BIND on top of a cache lifetime: one poll, one resolution. */
const SLACK_MS = 2000;
const AFTER_CAP = RESOLVER_CACHE_CAP_MS + SLACK_MS;
const AFTER_BAD_CACHE = BIND_BAD_CACHE_MS + RESOLVER_CACHE_CAP_MS + SLACK_MS;

const www = (id: LabChangeId): string => `www.${id}.lab.`;
const zoneOf = (id: LabChangeId): string => `${id}.lab.`;

/** Both validating resolvers' outcome for www.<zone> A; Unbound right after a flush. */
async function bothAnswer(id: LabChangeId): Promise<[Seen, Seen]> {
  await flushUnboundCaches();
  const unbound = await askResolver(UNBOUND, www(id), 'A');
  const bind = await askResolver(BIND, www(id), 'A');
  return [unbound, bind];
}

/** Waits until BIND answers `wanted` (after Unbound, which was flushed, answers it at once). */
async function expectBoth(id: LabChangeId, wanted: string, bindLimitMs: number): Promise<void> {
  const [unbound] = await bothAnswer(id);
  expect(outcome(unbound), `unbound ${www(id)}`).toBe(wanted);
  const bind = await until(
    `bind ${www(id)}`,
    () => askResolver(BIND, www(id), 'A'),
    (seen) => outcome(seen) === wanted,
    bindLimitMs,
  );
  expect(outcome(bind.value)).toBe(wanted);
}

/** DS and DNSKEY key tags at a resolver (CD=1: what it holds, validated or not). */
async function keysAt(port: number, id: LabChangeId) {
  const [ds, dnskey] = await Promise.all([
    askResolver(port, zoneOf(id), 'DS', true),
    askResolver(port, zoneOf(id), 'DNSKEY', true),
  ]);
  return { ds: dsTags(ds), ...dnskeyTags(dnskey), signers: signerTags(dnskey, 'DNSKEY') };
}

/** The same, as the authoritative servers publish it now. */
async function keysPublished(id: LabChangeId) {
  const [ds, dnskey] = await Promise.all([
    askAuthority('tld', zoneOf(id), 'DS'),
    askAuthority('child', zoneOf(id), 'DNSKEY'),
  ]);
  return { ds: dsTags(ds), ...dnskeyTags(dnskey), signers: signerTags(dnskey, 'DNSKEY') };
}

/** Unbound at once after a flush, BIND within its cache cap: both hold what is published. */
async function expectKeysFollow(id: LabChangeId): Promise<void> {
  const published = await keysPublished(id);
  await flushUnboundCaches();
  expect(await keysAt(UNBOUND, id)).toEqual(published);
  const bind = await until(
    `bind keys of ${zoneOf(id)}`,
    () => keysAt(BIND, id),
    (keys) => JSON.stringify(keys) === JSON.stringify(published),
    AFTER_CAP,
  );
  expect(bind.value).toEqual(published);
}

async function rdap(id: LabChangeId): Promise<RdapDomain> {
  const origin = new URL(manifest.rdap.bootstrap).origin;
  const response = await fetch(`${origin}/rdap/domain/${id}.lab`);
  expect(response.status).toBe(200);
  return (await response.json()) as RdapDomain;
}

beforeAll(async () => {
  await resetLabChanges();
  await settleLabResolvers();
}, AFTER_BAD_CACHE + 30_000);

afterAll(async () => {
  await resetLabChanges();
});

describe('the changeable zones', () => {
  it('are all in their first state after resetLabChanges, and each change has its zone', () => {
    for (const change of LAB_CHANGES) {
      const zone = CHANGEABLE_ZONES.find((candidate) => candidate.name === change.zone);
      expect(zone, change.id).toBeDefined();
      expect(labChangeState(change.id)).toBe(zone?.states[0].id);
    }
  });

  it('are not scenarios: lab:check and the recorded examples never see them', () => {
    const zones = new Set(manifest.scenarios.map((scenario) => scenario.zone));
    for (const change of LAB_CHANGES) expect(zones.has(change.zone)).toBe(false);
  });

  it('publish realistic TTLs: NS 7200 and DS 3600 in lab., DNSKEY 1800, SOA minimum 300', async () => {
    const referral = await askAuthority('tld', 'fixme.lab.', 'NS');
    expect(referral.message.authorities.filter((r) => r.type === 'NS').map((r) => r.ttl)).toEqual([
      7200,
    ]);
    expect(referral.message.additionals.filter((r) => r.type === 'A').map((r) => r.ttl)).toEqual([
      7200,
    ]);
    const ds = await askAuthority('tld', 'fixme.lab.', 'DS');
    expect(ds.message.answers.filter((r) => r.type === 'DS').map((r) => r.ttl)).toEqual([3600]);
    const dnskey = await askAuthority('child', 'fixme.lab.', 'DNSKEY');
    expect(new Set(dnskey.message.answers.map((r) => r.ttl))).toEqual(new Set([1800]));
    const soa = await askAuthority('child', 'fixme.lab.', 'SOA');
    const [record] = soa.message.answers.filter((r) => r.type === 'SOA');
    expect([record?.ttl, record?.data.split(' ')[6]]).toEqual([300, '300']);
  });
});

describe('fixme: the right DS is published', () => {
  it('starts bogus: SERVFAIL with EDE 9 at Unbound, SERVFAIL at BIND, data with CD=1', async () => {
    const [unbound, bind] = await bothAnswer('fixme');
    expect([outcome(unbound), unbound.ede]).toEqual(['SERVFAIL', [9]]);
    expect(outcome(bind)).toBe('SERVFAIL');
    const published = await keysPublished('fixme');
    expect(published.ksk).not.toContain(published.ds[0]);
    expect(outcome(await askResolver(UNBOUND, www('fixme'), 'A', true))).toBe('NOERROR');
  });

  it(
    'after the change: NOERROR, AD; the DS names the KSK; RDAP lists the new DS',
    async () => {
      const before = await rdap('fixme');
      const applied = await applyLabChange('fixme');
      expect([applied.changed, applied.state]).toEqual([true, 'right-ds']);
      // BIND found the zone bogus a moment ago: its bad cache holds that up to 30 s.
      await expectBoth('fixme', 'NOERROR, AD', AFTER_BAD_CACHE);
      const published = await keysPublished('fixme');
      expect(published.ds).toEqual(published.ksk);
      const after = await rdap('fixme');
      expect(after.secureDNS.dsData?.map((ds) => ds.keyTag)).toEqual(published.ds);
      expect(after.secureDNS.dsData).not.toEqual(before.secureDNS.dsData);
      const changed = (o: RdapDomain) => o.events.find((e) => e.eventAction === 'last changed');
      expect(changed(after)?.eventDate).not.toBe(changed(before)?.eventDate);
    },
    AFTER_BAD_CACHE + 20_000,
  );

  it('applying it again changes nothing', async () => {
    const serial = loadChangeState().tld.serial;
    const again = await applyLabChange('fixme');
    expect([again.changed, again.state]).toEqual([false, 'right-ds']);
    expect(loadChangeState().tld.serial).toBe(serial);
  });

  it('resetLabChanges makes it bogus again', async () => {
    await resetLabChanges(['fixme']);
    await expectBoth('fixme', 'SERVFAIL', AFTER_CAP);
  });
});

describe('breakme: the signatures run out', () => {
  it('starts secure', async () => {
    await expectBoth('breakme', 'NOERROR, AD', AFTER_CAP);
  });

  it(
    'after the change: SERVFAIL with EDE 7 at Unbound; every RRSIG has expired',
    async () => {
      await applyLabChange('breakme');
      await expectBoth('breakme', 'SERVFAIL', AFTER_CAP);
      const [unbound] = await bothAnswer('breakme');
      expect(unbound.ede).toEqual([7]);
      const data = await askResolver(UNBOUND, www('breakme'), 'A', true);
      expect(outcome(data)).toBe('NOERROR');
      const now = Date.now() / 1000;
      expect(expirations(data, 'A').every((expiration) => expiration < now)).toBe(true);
      // Keys and DS stay as they were: only the signatures changed.
      const published = await keysPublished('breakme');
      expect(published.ds).toEqual(published.ksk);
    },
    AFTER_CAP + 20_000,
  );

  it(
    'resetLabChanges re-signs it: secure again (BIND after its bad cache)',
    async () => {
      await resetLabChanges(['breakme']);
      await expectBoth('breakme', 'NOERROR, AD', AFTER_BAD_CACHE);
    },
    AFTER_BAD_CACHE + 20_000,
  );
});

describe('roll: KSK rollover, double signature', () => {
  let first: Awaited<ReturnType<typeof keysPublished>>;

  it('starts with one KSK, which signs the DNSKEY set and has the DS', async () => {
    first = await keysPublished('roll');
    expect(first.ksk).toHaveLength(1);
    expect([first.ds, first.signers]).toEqual([first.ksk, first.ksk]);
    await expectKeysFollow('roll');
  });

  it(
    'rolls without a moment of failure at either resolver, to a new KSK with the DS',
    async () => {
      const seen = new Set<string>();
      let rolling = true;
      const watching = (async () => {
        while (rolling) {
          for (const port of [UNBOUND, BIND]) {
            seen.add(`${port} ${outcome(await askResolver(port, www('roll'), 'A'))}`);
          }
          await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
        }
      })();
      const applied = await applyLabChange('roll');
      rolling = false;
      await watching;
      expect(applied.state).toBe('ksk2');
      expect([...seen].sort()).toEqual([`${UNBOUND} NOERROR, AD`, `${BIND} NOERROR, AD`].sort());
      const last = await keysPublished('roll');
      expect(last.ksk).toHaveLength(1);
      expect(last.ksk).not.toEqual(first.ksk);
      expect([last.ds, last.signers, last.zsk]).toEqual([last.ksk, last.ksk, first.zsk]);
      await expectKeysFollow('roll');
    },
    3 * RESOLVER_CACHE_CAP_MS + AFTER_CAP + 30_000,
  );

  it('resetLabChanges brings KSK1 back', async () => {
    await resetLabChanges(['roll']);
    expect(await keysPublished('roll')).toEqual(first);
    await expectKeysFollow('roll');
  });
});

describe('dsswap: the registry swaps the DS', () => {
  let first: Awaited<ReturnType<typeof keysPublished>>;

  it('starts with two KSKs signing and the DS of one', async () => {
    first = await keysPublished('dsswap');
    expect(first.ksk).toHaveLength(2);
    expect(first.signers).toEqual(first.ksk);
    expect(first.ds).toHaveLength(1);
    await expectKeysFollow('dsswap');
  });

  it('after the change: the DS of the other KSK, the same DNSKEY set, still secure', async () => {
    await applyLabChange('dsswap');
    const last = await keysPublished('dsswap');
    expect(last.ds).toHaveLength(1);
    expect(last.ds).not.toEqual(first.ds);
    expect(first.ksk).toContain(last.ds[0]);
    expect({ ...last, ds: first.ds }).toEqual(first);
    await expectKeysFollow('dsswap');
    await expectBoth('dsswap', 'NOERROR, AD', AFTER_CAP);
    expect((await rdap('dsswap')).secureDNS.dsData?.map((ds) => ds.keyTag)).toEqual(last.ds);
  });

  it('resetLabChanges swaps it back', async () => {
    await resetLabChanges(['dsswap']);
    expect(await keysPublished('dsswap')).toEqual(first);
    await expectKeysFollow('dsswap');
  });
});

describe('relame: the delegation moves off the lame server', () => {
  const nsAtParent = async () => {
    const referral = await askAuthority('tld', 'relame.lab.', 'NS');
    return {
      ns: referral.message.authorities.filter((r) => r.type === 'NS').map((r) => r.data),
      glue: referral.message.additionals.filter((r) => r.type === 'A').map((r) => r.data),
    };
  };

  it('starts lame: SERVFAIL at both, with CD=1 too', async () => {
    expect(await nsAtParent()).toEqual({ ns: ['ns1.relame.lab'], glue: ['127.53.0.5'] });
    await expectBoth('relame', 'SERVFAIL', AFTER_CAP);
    expect(outcome(await askResolver(BIND, www('relame'), 'A', true))).toBe('SERVFAIL');
  });

  it('after the change: NOERROR, AD; lab. and RDAP name ns2.relame.lab at 127.53.0.3', async () => {
    await applyLabChange('relame');
    expect(await nsAtParent()).toEqual({ ns: ['ns2.relame.lab'], glue: ['127.53.0.3'] });
    await expectBoth('relame', 'NOERROR, AD', AFTER_CAP);
    const object = await rdap('relame');
    expect(object.nameservers.map((ns) => [ns.ldhName, ns.ipAddresses?.v4])).toEqual([
      ['ns2.relame.lab', ['127.53.0.3']],
    ]);
  });

  it('resetLabChanges makes it lame again', async () => {
    await resetLabChanges(['relame']);
    expect(await nsAtParent()).toEqual({ ns: ['ns1.relame.lab'], glue: ['127.53.0.5'] });
    await expectBoth('relame', 'SERVFAIL', AFTER_CAP);
  });
});
