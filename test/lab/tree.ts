/**
 * Builds the lab's DNS tree: `.` → `lab.` → scenario zones, keys and signatures included,
 * and the registry of `lab.` from which the TLD's delegations are generated.
 *
 * Children are signed first because a parent publishes their DS; the root's KSK digest
 * becomes the lab's trust anchor. Everything is generated fresh, so nothing expires.
 */
import { mkdir } from 'node:fs/promises';
import { buildChangeable } from './changeable-build';
import { saveChangeState } from './change-state';
import { CHANGEABLE_TTLS, CHANGEABLE_ZONES } from './changeable';
import { runPaths } from './paths';
import {
  delegationRecords,
  ldhName,
  saveRegistry,
  type DelegationTtls,
  type Registry,
  type RegistryDomain,
} from './registry';
import { childSyncRecords, dsRecord, generateKey, generateKeyPair, type ZoneKey } from './signing';
import { authServer, ROOT_SERVER_NAME } from './topology';
import {
  inZoneAddresses,
  keyDir,
  labelOf,
  registration,
  TLD,
  writeZone,
  type BuiltChild,
  type ServedZone,
} from './zone-build';
import { LAB_ZONES, type DnssecAlgorithm, type LabZone, type ZoneSigning } from './zones';

export { TLD, type ServedZone } from './zone-build';

/** The root is signed like the real one (RSA/SHA-256); the TLD with P-256. */
export const ROOT_ALGORITHM: DnssecAlgorithm = 8;
export const TLD_ALGORITHM: DnssecAlgorithm = 13;

export interface LabTree {
  readonly zones: readonly ServedZone[];
  /** DS records of the root KSK in presentation format. */
  readonly trustAnchors: readonly string[];
  /** What the registry of `lab.` holds; also written to run/registry.json. */
  readonly registry: Registry;
}

const rootSigning: ZoneSigning = { algorithm: ROOT_ALGORITHM, denial: 'nsec', validity: 'current' };
const tldSigning: ZoneSigning = { algorithm: TLD_ALGORITHM, denial: 'nsec', validity: 'current' };

/** A key made only for its digest: it is never published in the child's DNSKEY set. */
async function unpublishedKey(zone: LabZone, dir: string): Promise<ZoneKey> {
  const algorithm = zone.signing?.algorithm ?? TLD_ALGORITHM;
  return generateKey(await keyDir(dir), zone.name, algorithm, 'ksk');
}

function kskOf(zone: LabZone, keys: readonly ZoneKey[]): ZoneKey {
  const ksk = keys.find((key) => key.role === 'ksk');
  if (ksk === undefined) throw new Error(`${zone.name}: a DS for its KSK needs a signed zone`);
  return ksk;
}

/** The DS records the registry holds for the zone, in presentation format. */
async function delegationDs(
  zone: LabZone,
  label: string,
  keys: readonly ZoneKey[],
): Promise<string[]> {
  switch (zone.ds) {
    case 'ksk':
      return [await dsRecord(kskOf(zone, keys))];
    case 'ksk-sha1':
      return [await dsRecord(kskOf(zone, keys), 1)];
    case 'ksk-and-retired':
      // The old KSK of a rollover whose DS stayed at the parent after the key was withdrawn.
      return [
        await dsRecord(kskOf(zone, keys)),
        await dsRecord(await unpublishedKey(zone, `${label}-retired`)),
      ];
    case 'unrelated-key':
      return [await dsRecord(await unpublishedKey(zone, `${label}-unrelated`))];
    case 'none':
      return [];
  }
}

/** CDS and CDNSKEY records (RFC 7344) the zone publishes, of the key its spec names. */
async function childSync(zone: LabZone, keys: readonly ZoneKey[]): Promise<readonly string[]> {
  if (zone.cds === undefined) return [];
  const key = keys.find((candidate) => candidate.role === zone.cds);
  if (key === undefined)
    throw new Error(`${zone.name}: CDS of its ${zone.cds} needs a signed zone`);
  return childSyncRecords(key);
}

async function buildChild(zone: LabZone, serial: number, now: Date): Promise<BuiltChild> {
  const label = labelOf(zone.name);
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
        records: [...addresses, ...zone.records, ...(await childSync(zone, keys))],
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

/** The changeable zones' delegations carry their own TTLs; the others `lab.`'s default. */
function delegationTtls(domain: RegistryDomain): DelegationTtls | undefined {
  const changeable = CHANGEABLE_ZONES.some((zone) => ldhName(zone.name) === domain.ldhName);
  return changeable ? { ns: CHANGEABLE_TTLS.parentNs, ds: CHANGEABLE_TTLS.parentDs } : undefined;
}

/** Writes and signs `lab.`: its name server, then each delegation the registry publishes. */
export async function writeTldZone(
  registry: Registry,
  keys: readonly ZoneKey[],
  serial: number,
  now: Date,
): Promise<string> {
  const delegations = registry.domains.flatMap((domain) =>
    delegationRecords(domain, delegationTtls(domain)),
  );
  return writeZone(
    TLD,
    {
      nameservers: [`ns.${TLD}`],
      serial,
      records: [`ns A ${authServer('tld').address}`, ...delegations],
    },
    keys,
    tldSigning,
    now,
  );
}

/** Generates keys, writes and signs every zone under run/zones, returns what to serve. */
export async function buildTree(now: Date): Promise<LabTree> {
  await mkdir(runPaths.zones, { recursive: true });
  const serial = Math.floor(now.getTime() / 1000);
  const tldServer = authServer('tld');
  const rootServer = authServer('root');

  const [children, changeable, tldKeys, rootKeys] = await Promise.all([
    Promise.all(LAB_ZONES.map((zone) => buildChild(zone, serial, now))),
    Promise.all(CHANGEABLE_ZONES.map((zone) => buildChangeable(zone, serial, now))),
    keyDir('lab').then((dir) => generateKeyPair(dir, TLD, TLD_ALGORITHM)),
    keyDir('root').then((dir) => generateKeyPair(dir, '.', ROOT_ALGORITHM)),
  ]);
  const [tldKsk] = tldKeys;
  const [rootKsk] = rootKeys;

  const registry: Registry = {
    tld: ldhName(TLD),
    publishedAt: now.toISOString(),
    domains: [...children, ...changeable].map((child) => child.registration),
  };
  saveRegistry(registry);
  const tldFile = await writeTldZone(registry, tldKeys, serial, now);
  saveChangeState({
    tld: { keys: tldKeys, serial },
    zones: Object.fromEntries(changeable.map((built) => [built.name, built.record])),
  });

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
    ...[...children, ...changeable].flatMap((child) =>
      child.served === null ? [] : [child.served],
    ),
  ];
  return { zones, trustAnchors: [await dsRecord(rootKsk)], registry };
}
