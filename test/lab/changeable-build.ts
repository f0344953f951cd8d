/**
 * Building a changeable zone (changeable.ts) in one of its states: the keys `lab:up` makes
 * once for all its states, the signed zone file, and the registry's record from which
 * `lab.` publishes its delegation. `lab:up` builds the first state, changes.ts the others.
 */
import type { ChangeableZoneRecord } from './change-state';
import {
  CHANGEABLE_TTLS,
  zoneKeyIds,
  type ChangeableKeyId,
  type ChangeableState,
  type ChangeableZone,
} from './changeable';
import type { RegistryDomain } from './registry';
import { dsRecord, generateKey, type ZoneKey } from './signing';
import type { AuthServerId } from './topology';
import {
  inZoneAddresses,
  keyDir,
  labelOf,
  registration,
  writeZone,
  type BuiltChild,
} from './zone-build';

export type ChangeableKeys = Readonly<Partial<Record<ChangeableKeyId, ZoneKey>>>;

/** Every key the zone's states use; the stray one in a directory of its own. */
async function makeChangeableKeys(zone: ChangeableZone): Promise<ChangeableKeys> {
  const label = labelOf(zone.name);
  const entries = await Promise.all(
    zoneKeyIds(zone).map(async (id) => {
      const dir = await keyDir(id === 'stray' ? `${label}-stray` : label);
      const role = id === 'zsk' ? 'zsk' : 'ksk';
      const key = await generateKey(dir, zone.name, zone.algorithm, role, CHANGEABLE_TTLS.dnskey);
      return [id, key] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function keyOf(keys: ChangeableKeys, id: ChangeableKeyId, zone: ChangeableZone): ZoneKey {
  const key = keys[id];
  if (key === undefined) throw new Error(`${zone.name}: no key ${id} in run/changes.json`);
  return key;
}

/** Writes and signs a changeable zone as it is in `state`; returns the file to serve. */
export async function writeChangeableZone(
  zone: ChangeableZone,
  state: ChangeableState,
  keys: ChangeableKeys,
  serial: number,
  now: Date,
): Promise<string> {
  const published = [...state.ksks, 'zsk' as const].map((id) => keyOf(keys, id, zone));
  const addresses = inZoneAddresses(zone).map(({ host, address }) => `${host} A ${address}`);
  return writeZone(
    zone.name,
    {
      nameservers: zone.nameservers.map((host) => host.host),
      serial,
      records: [...addresses, ...zone.records],
      ttls: { default: CHANGEABLE_TTLS.records, negative: CHANGEABLE_TTLS.negative },
    },
    published,
    { algorithm: zone.algorithm, denial: 'nsec', validity: state.validity },
    now,
  );
}

/** The registry's record of a changeable zone in `state`: its delegation and DS set. */
export async function changeableRegistration(
  zone: ChangeableZone,
  state: ChangeableState,
  keys: ChangeableKeys,
  now: Date,
): Promise<RegistryDomain> {
  const ds = await Promise.all(state.ds.map((id) => dsRecord(keyOf(keys, id, zone))));
  const delegated = { name: zone.name, nameservers: state.delegation, status: ['active'] as const };
  return registration(delegated, labelOf(zone.name), ds, now);
}

/** The servers that load a changeable zone: those of its own NS set, whatever `lab.` says. */
export function changeableServers(zone: ChangeableZone): AuthServerId[] {
  const servers = zone.nameservers.flatMap(({ server }) =>
    server === null || server === 'dead' ? [] : [server],
  );
  return [...new Set(servers)];
}

/** A changeable zone in its first state, with all the keys it will ever use. */
export async function buildChangeable(
  zone: ChangeableZone,
  serial: number,
  now: Date,
): Promise<BuiltChild & { readonly name: string; readonly record: ChangeableZoneRecord }> {
  const keys = await makeChangeableKeys(zone);
  const [state] = zone.states;
  const file = await writeChangeableZone(zone, state, keys, serial, now);
  return {
    name: zone.name,
    served: { name: zone.name, servers: changeableServers(zone), file },
    registration: await changeableRegistration(zone, state, keys, now),
    record: { state: state.id, serial, keys },
  };
}
