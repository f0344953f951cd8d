/**
 * Writing one zone of the lab's tree: its file, its signatures, its key directory, and the
 * registry's record of a child of `lab.`. Shared by the tree `lab:up` builds (tree.ts) and
 * the changes made to a running lab (changes.ts), so both write zones the same way.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDs } from './anchors';
import { runPaths } from './paths';
import { ldhName, type RegistryDomain, type RegistryDs } from './registry';
import { dnskeyRecord, signZone, type ZoneKey } from './signing';
import { authServer, DEAD_ADDRESS, type AuthServerId } from './topology';
import { renderZone, type ZoneContent } from './zonefile';
import type { LabZone, ZoneNameserver, ZoneSigning } from './zones';

export const TLD = 'lab.';

export interface ServedZone {
  readonly name: string;
  /** Every server that loads it (two-ns.lab. and spread-ns.lab. have two). */
  readonly servers: readonly AuthServerId[];
  /** The file `named` loads (the signed one when the zone is signed). */
  readonly file: string;
}

export interface BuiltChild {
  readonly served: ServedZone | null;
  /** The registry's record, from which `lab.` publishes NS, glue and DS. */
  readonly registration: RegistryDomain;
}

function fileName(zone: string): string {
  return zone === '.' ? 'root' : zone.replace(/\.$/, '');
}

/** Writes the zone (with its DNSKEYs when signed), signs it, returns the file to serve. */
export async function writeZone(
  origin: string,
  content: Omit<ZoneContent, 'origin'>,
  keys: readonly ZoneKey[],
  signing: ZoneSigning | null,
  now: Date,
): Promise<string> {
  const zoneFile = join(runPaths.zones, `${fileName(origin)}.zone`);
  const dnskeys = await Promise.all(keys.map(dnskeyRecord));
  const text = renderZone({ origin, ...content, records: [...content.records, ...dnskeys] });
  await writeFile(zoneFile, text);
  if (signing === null) return zoneFile;
  const signedFile = `${zoneFile}.signed`;
  await signZone({ origin, zoneFile, signedFile, keys, signing, now });
  return signedFile;
}

export async function keyDir(name: string): Promise<string> {
  const dir = join(runPaths.keys, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

function hostAddress(host: ZoneNameserver): string | null {
  if (host.server === null) return null;
  return host.server === 'dead' ? DEAD_ADDRESS : authServer(host.server).address;
}

function isInside(host: string, zone: string): boolean {
  return host.endsWith(`.${zone}`);
}

/** `alg8.lab.` → `alg8`: the name of its key directory and of its registry handle. */
export function labelOf(zone: string): string {
  return zone.slice(0, -TLD.length - 1);
}

export type Delegated = Pick<LabZone, 'name' | 'nameservers'>;

/** The A records of the name servers that lie inside the zone: in the zone and as glue. */
export function inZoneAddresses(
  zone: Delegated,
): { readonly host: string; readonly address: string }[] {
  return zone.nameservers.flatMap((host) => {
    const address = hostAddress(host);
    return address !== null && isInside(host.host, zone.name) ? [{ host: host.host, address }] : [];
  });
}

export function registration(
  zone: Delegated & Pick<LabZone, 'status'>,
  label: string,
  dsRecords: readonly string[],
  now: Date,
): RegistryDomain {
  const glue = inZoneAddresses(zone);
  const ds = dsRecords.map((text): RegistryDs => {
    const { keyTag, algorithm, digestType, digest } = parseDs(text);
    return { keyTag, algorithm, digestType, digest };
  });
  const at = now.toISOString();
  return {
    handle: `LAB-${label.toUpperCase()}`,
    ldhName: ldhName(zone.name),
    status: zone.status,
    nameservers: zone.nameservers.map((host) => ({
      ldhName: ldhName(host.host),
      ipv4: glue.filter((item) => item.host === host.host).map((item) => item.address),
    })),
    delegationSigned: ds.length > 0,
    ds,
    registered: at,
    lastChanged: at,
  };
}
