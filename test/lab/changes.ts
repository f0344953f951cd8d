/**
 * Changes to the running lab, for checks that watch a name while it changes (issue 15):
 * `applyLabChange('fixme')` publishes the right DS for fixme.lab., `resetLabChanges()`
 * puts every changeable zone back the way `lab:up` started it. The zones and what each
 * change does are in changeable.ts and the README ("Changeable zones").
 *
 * A change regenerates what it touches as `lab:up` would: the child zone re-signed with BIND's
 * tools when its keys or signatures change; the registry record (run/registry.json, which
 * the RDAP server re-reads) and `lab.`, re-signed, when its delegation or DS set changes.
 * It then reloads the authoritative `named` and returns once every server touched serves
 * the new serial. A multi-step change (roll) pauses between steps until no resolver of the
 * lab can still hold the previous step. Changes are idempotent and one runs at a time.
 *
 * Free of vitest: the browser tests import these functions.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { reloadAuthoritative, type ServedSerial } from './auth-reload';
import { withChangeLock } from './change-lock';
import { askResolver, outcome } from './change-probes';
import { loadChangeState, saveChangeState, type ChangeState } from './change-state';
import {
  changeableZone,
  LAB_CHANGES,
  labChange,
  zoneState,
  type ChangeableState,
  type ChangeableZone,
  type LabChange,
  type LabChangeId,
} from './changeable';
import { changeableRegistration, changeableServers, writeChangeableZone } from './changeable-build';
import { flushUnboundCaches } from './flush';
import { loadRegistry, registryDomain, saveRegistry } from './registry';
import { authServer, RESOLVERS } from './topology';
import { TLD, writeTldZone } from './tree';

export {
  CHANGEABLE_TTLS,
  CHANGEABLE_ZONES,
  LAB_CHANGES,
  type ChangeableState,
  type ChangeableTtls,
  type ChangeableZone,
  type LabChange,
  type LabChangeId,
} from './changeable';

/**
 * The longest any of the lab's plain resolvers keeps an answer (`cache-max-ttl`,
 * `max-cache-ttl`: 5 s), in milliseconds. unbound-stale, which serves expired answers
 * (RFC 8767), is not counted: it only does so when the servers fail.
 */
export const RESOLVER_CACHE_CAP_MS =
  Math.max(...RESOLVERS.filter((r) => !r.serveExpired).map((r) => r.cacheMaxTtl)) * 1000;

export interface AppliedChange {
  readonly id: LabChangeId;
  readonly zone: string;
  /** The state the zone is in now (changeable.ts). */
  readonly state: string;
  /** False when the zone already was in that state and nothing was touched. */
  readonly changed: boolean;
  /** When the authoritative servers served it (ms since the epoch). */
  readonly servedAt: number;
}

export interface ApplyOptions {
  /**
   * Pause between two steps of a multi-step change, after the first is served: by default
   * the resolvers' cache cap and one second more, so no resolver holds the step before.
   */
  readonly stepPauseMs?: number;
}

/** Higher than the last one, and the time in seconds when that is higher still (as lab:up). */
function nextSerial(previous: number, now: Date): number {
  return Math.max(previous + 1, Math.floor(now.getTime() / 1000));
}

function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function sameDelegation(a: ChangeableState, b: ChangeableState): boolean {
  const hosts = (state: ChangeableState) =>
    state.delegation.map(({ host, server }) => `${host}@${String(server)}`);
  return sameSet(hosts(a), hosts(b)) && sameSet(a.ds, b.ds);
}

function zoneRecord(state: ChangeState, zone: ChangeableZone) {
  const record = state.zones[zone.name];
  if (record === undefined) throw new Error(`run/changes.json does not know ${zone.name}`);
  return record;
}

/** The serials the zone and `lab.` must be served with, at every server of each. */
function servedNow(zone: ChangeableZone, serial: number, tldSerial: number): ServedSerial[] {
  return [
    ...changeableServers(zone).map((server) => ({
      zone: zone.name,
      address: authServer(server).address,
      serial,
    })),
    { zone: TLD, address: authServer('tld').address, serial: tldSerial },
  ];
}

/** Registry and `lab.` as `target` has them; returns the serial `lab.` is served with. */
async function republishDelegation(
  zone: ChangeableZone,
  target: ChangeableState,
  state: ChangeState,
  now: Date,
): Promise<number> {
  const registry = loadRegistry();
  const next = await changeableRegistration(zone, target, zoneRecord(state, zone).keys, now);
  // Registered once by lab:up; only `lastChanged` moves (RFC 9083 §4.5 events).
  const registered = registryDomain(registry, zone.name)?.registered ?? next.registered;
  const domains = registry.domains.map((domain) =>
    domain.ldhName === next.ldhName ? { ...next, registered } : domain,
  );
  const updated = { ...registry, domains };
  const serial = nextSerial(state.tld.serial, now);
  await writeTldZone(updated, state.tld.keys, serial, now);
  saveRegistry(updated);
  return serial;
}

/**
 * Moves the zone to `target` in one step (the caller holds the lock): rewrites what differs,
 * records it, reloads named and waits until it serves it. False if it was there already.
 */
async function moveZone(zone: ChangeableZone, target: ChangeableState): Promise<boolean> {
  const now = new Date();
  const state = loadChangeState();
  const record = zoneRecord(state, zone);
  const current = zoneState(zone, record.state);
  if (current.id === target.id) {
    // Nothing to write; but a change whose reload failed must still end up served.
    await reloadAuthoritative(servedNow(zone, record.serial, state.tld.serial));
    return false;
  }

  let serial = record.serial;
  if (!sameSet(current.ksks, target.ksks) || current.validity !== target.validity) {
    serial = nextSerial(record.serial, now);
    await writeChangeableZone(zone, target, record.keys, serial, now);
  }
  let tld = state.tld;
  if (!sameDelegation(current, target)) {
    tld = { ...tld, serial: await republishDelegation(zone, target, state, now) };
  }
  // The files on disk are the new state from here on, served or not yet.
  saveChangeState({
    tld,
    zones: { ...state.zones, [zone.name]: { ...record, state: target.id, serial } },
  });
  await reloadAuthoritative(servedNow(zone, serial, tld.serial));
  return true;
}

/** The id of the state the change's zone is in now (its first state after `lab:up`). */
export function labChangeState(id: LabChangeId): string {
  const change = labChange(id);
  return zoneRecord(loadChangeState(), changeableZone(change.zone)).state;
}

/**
 * Applies the change: every step not yet taken, in order, each served before the next and
 * followed by `stepPauseMs`. Applying a change already made does nothing.
 */
export async function applyLabChange(
  id: LabChangeId,
  options: ApplyOptions = {},
): Promise<AppliedChange> {
  const change = labChange(id);
  const zone = changeableZone(change.zone);
  const pauseMs = options.stepPauseMs ?? RESOLVER_CACHE_CAP_MS + 1000;
  return withChangeLock(async () => {
    const at = change.steps.indexOf(labChangeState(id));
    const remaining = change.steps.slice(at + 1);
    for (const [index, step] of remaining.entries()) {
      if (index > 0) await sleep(pauseMs);
      await moveZone(zone, zoneState(zone, step));
    }
    const state = labChangeState(id);
    return { id, zone: zone.name, state, changed: remaining.length > 0, servedAt: Date.now() };
  });
}

/**
 * Puts the zones of these changes (all by default) back in their first state, each in one
 * step (a reset is not a rollover: a resolver may see a key or DS mismatch for up to
 * RESOLVER_CACHE_CAP_MS). Zones already there are left alone.
 */
export async function resetLabChanges(
  ids: readonly LabChangeId[] = LAB_CHANGES.map((change) => change.id),
): Promise<AppliedChange[]> {
  return withChangeLock(async () => {
    const results: AppliedChange[] = [];
    for (const id of ids) {
      const zone = changeableZone(labChange(id).zone);
      const [initial] = zone.states;
      const changed = await moveZone(zone, initial);
      results.push({ id, zone: zone.name, state: initial.id, changed, servedAt: Date.now() });
    }
    return results;
  });
}

/**
 * How long BIND 9.18 keeps a failed validation in its bad cache: lib/dns/resolver.c,
 * DNS_RESOLVER_BADCACHETTL, the larger of lame-ttl (always 0 since 9.18) and 30 s. Without
 * rndc it cannot be flushed, so a zone BIND found bogus stays SERVFAIL there up to 30 s
 * after that, whatever the fix (measured: 29.7 s; asking meanwhile does not extend it).
 * Unbound's bogus key entries last 60 s (BOGUS_KEY_TTL); flushUnboundCaches() clears them.
 */
export const BIND_BAD_CACHE_MS = 30_000;

/** What a validating resolver answers for the change's question now (change-probes.ts). */
async function validatingAnswer(change: LabChange, port: number): Promise<string> {
  try {
    return outcome(await askResolver(port, change.qname, change.qtype));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * After a change (or a reset): waits until every validating plain resolver (unbound, bind,
 * unbound-partial) answers each change's question as its zone's state says. First the
 * resolvers' cache cap, so no DS or DNSKEY set from before is left anywhere; then the
 * Unbound caches are emptied (flush.ts); then BIND is asked until its bad cache lets go
 * (BIND_BAD_CACHE_MS at most). Returns how long it waited, in milliseconds.
 */
export async function settleLabResolvers(
  ids: readonly LabChangeId[] = LAB_CHANGES.map((change) => change.id),
): Promise<number> {
  const started = Date.now();
  await sleep(RESOLVER_CACHE_CAP_MS);
  await flushUnboundCaches();
  const deadline = Date.now() + BIND_BAD_CACHE_MS + RESOLVER_CACHE_CAP_MS;
  const ports = RESOLVERS.filter((r) => r.validating && r.askedByDefault).map((r) => r.port);
  const wanted = ids.map((id) => {
    const change = labChange(id);
    return { change, answer: zoneState(changeableZone(change.zone), labChangeState(id)).answer };
  });
  for (;;) {
    const asked = wanted.flatMap(({ change, answer }) =>
      ports.map(async (port) => ({
        change,
        port,
        answer,
        seen: await validatingAnswer(change, port),
      })),
    );
    const differ = (await Promise.all(asked)).filter(({ answer, seen }) => answer !== seen);
    if (differ.length === 0) return Date.now() - started;
    if (Date.now() > deadline) {
      const report = differ.map((d) => `${d.change.qname} @${d.port}: ${d.seen}, not ${d.answer}`);
      throw new Error(`resolvers did not follow the lab's changes: ${report.join('; ')}`);
    }
    await sleep(500);
  }
}
