/**
 * Builds the lab's DNS tree: `.` → `lab.` → scenario zones, keys and signatures included,
 * and the registry of `lab.` from which the TLD's delegations are generated.
 *
 * Children are signed first because a parent publishes their DS; the root's KSK digest
 * becomes the lab's trust anchor. Everything is generated fresh, so nothing expires.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDs } from './anchors';
import { runPaths } from './paths';
import {
  delegationRecords,
  ldhName,
  type Registry,
  type RegistryDomain,
  type RegistryDs,
} from './registry';
import {
  dnskeyRecord,
  dsRecord,
  generateKey,
  generateKeyPair,
  signZone,
  type ZoneKey,
} from './signing';
import { authServer, DEAD_ADDRESS, ROOT_SERVER_NAME, type AuthServerId } from './topology';
import { renderZone } from './zonefile';
import {
  LAB_ZONES,
  type DnssecAlgorithm,
  type LabZone,
  type ZoneNameserver,
  type ZoneSigning,
} from './zones';

/** The root is signed like the real one (RSA/SHA-256); the TLD with P-256. */
export const ROOT_ALGORITHM: DnssecAlgorithm = 8;
export const TLD_ALGORITHM: DnssecAlgorithm = 13;
export const TLD = 'lab.';

export interface ServedZone {
  readonly name: string;
  /** Every server that loads it (two-ns.lab. and spread-ns.lab. have two). */
  readonly servers: readonly AuthServerId[];
  /** The file `named` loads (the signed one when the zone is signed). */
  readonly file: string;
}

export interface LabTree {
  readonly zones: readonly ServedZone[];
  /** DS records of the root KSK in presentation format. */
  readonly trustAnchors: readonly string[];
  /** What the registry of `lab.` holds; also written to run/registry.json. */
  readonly registry: Registry;
}

interface BuiltChild {
  readonly served: ServedZone | null;
  /** The registry's record, from which `lab.` publishes NS, glue and DS. */
  readonly registration: RegistryDomain;
}

const rootSigning: ZoneSigning = { algorithm: ROOT_ALGORITHM, denial: 'nsec', validity: 'current' };
const tldSigning: ZoneSigning = { algorithm: TLD_ALGORITHM, denial: 'nsec', validity: 'current' };

function fileName(zone: string): string {
  return zone === '.' ? 'root' : zone.replace(/\.$/, '');
}

/** Writes the zone (with its DNSKEYs when signed), signs it, returns the file to serve. */
async function writeZone(
  origin: string,
  content: { nameservers: readonly string[]; serial: number; records: readonly string[] },
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

async function keyDir(name: string): Promise<string> {
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

/** The A records of the name servers that lie inside the zone: in the zone and as glue. */
function inZoneAddresses(zone: LabZone): { readonly host: string; readonly address: string }[] {
  return zone.nameservers.flatMap((host) => {
    const address = hostAddress(host);
    return address !== null && isInside(host.host, zone.name) ? [{ host: host.host, address }] : [];
  });
}

/** The DS records the registry holds for the zone, in presentation format. */
async function delegationDs(
  zone: LabZone,
  label: string,
  keys: readonly ZoneKey[],
): Promise<string[]> {
  if (zone.ds === 'ksk') {
    const ksk = keys.find((key) => key.role === 'ksk');
    if (ksk === undefined) throw new Error(`${zone.name}: a DS for its KSK needs a signed zone`);
    return [await dsRecord(ksk)];
  }
  if (zone.ds === 'unrelated-key') {
    // A key made only for its digest: it is never published in the child's DNSKEY set.
    const algorithm = zone.signing?.algorithm ?? TLD_ALGORITHM;
    const unrelated = await generateKey(
      await keyDir(`${label}-unrelated`),
      zone.name,
      algorithm,
      'ksk',
    );
    return [await dsRecord(unrelated)];
  }
  return [];
}

function registration(
  zone: LabZone,
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

async function buildChild(zone: LabZone, serial: number, now: Date): Promise<BuiltChild> {
  const label = zone.name.slice(0, -TLD.length - 1);
  const keys =
    zone.signing === null
      ? []
      : await generateKeyPair(await keyDir(label), zone.name, zone.signing.algorithm);

  let served: ServedZone | null = null;
  if (zone.servedBy.length > 0) {
    const addresses = inZoneAddresses(zone).map(({ host, address }) => `${host} A ${address}`);
    const file = await writeZone(
      zone.name,
      {
        nameservers: zone.nameservers.map((host) => host.host),
        serial,
        records: [...addresses, ...zone.records],
      },
      keys,
      zone.signing,
      now,
    );
    served = { name: zone.name, servers: zone.servedBy, file };
  }
  const dsRecords = await delegationDs(zone, label, keys);
  return { served, registration: registration(zone, label, dsRecords, now) };
}

/** Generates keys, writes and signs every zone under run/zones, returns what to serve. */
export async function buildTree(now: Date): Promise<LabTree> {
  await mkdir(runPaths.zones, { recursive: true });
  const serial = Math.floor(now.getTime() / 1000);
  const tldServer = authServer('tld');
  const rootServer = authServer('root');

  const [children, tldKeys, rootKeys] = await Promise.all([
    Promise.all(LAB_ZONES.map((zone) => buildChild(zone, serial, now))),
    keyDir('lab').then((dir) => generateKeyPair(dir, TLD, TLD_ALGORITHM)),
    keyDir('root').then((dir) => generateKeyPair(dir, '.', ROOT_ALGORITHM)),
  ]);
  const [tldKsk] = tldKeys;
  const [rootKsk] = rootKeys;

  const registry: Registry = {
    tld: ldhName(TLD),
    publishedAt: now.toISOString(),
    domains: children.map((child) => child.registration),
  };
  await writeFile(runPaths.registry, `${JSON.stringify(registry, null, 2)}\n`);

  const tldFile = await writeZone(
    TLD,
    {
      nameservers: [`ns.${TLD}`],
      serial,
      records: [`ns A ${tldServer.address}`, ...registry.domains.flatMap(delegationRecords)],
    },
    tldKeys,
    tldSigning,
    now,
  );

  const rootFile = await writeZone(
    '.',
    {
      nameservers: [ROOT_SERVER_NAME],
      serial,
      records: [
        `${ROOT_SERVER_NAME} A ${rootServer.address}`,
        `${TLD} NS ns.${TLD}`,
        `ns.${TLD} A ${tldServer.address}`,
        await dsRecord(tldKsk),
      ],
    },
    rootKeys,
    rootSigning,
    now,
  );

  const zones: ServedZone[] = [
    { name: '.', servers: ['root'], file: rootFile },
    { name: TLD, servers: ['tld'], file: tldFile },
    ...children.flatMap((child) => (child.served === null ? [] : [child.served])),
  ];
  return { zones, trustAnchors: [await dsRecord(rootKsk)], registry };
}
