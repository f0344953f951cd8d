/**
 * Builds the lab's DNS tree: `.` → `lab.` → scenario zones, keys and signatures included.
 *
 * Children are signed first because a parent publishes their DS; the root's KSK digest
 * becomes the lab's trust anchor. Everything is generated fresh, so nothing expires.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPaths } from './paths';
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
import { LAB_ZONES, type DnssecAlgorithm, type LabZone, type ZoneSigning } from './zones';

/** The root is signed like the real one (RSA/SHA-256); the TLD with P-256. */
export const ROOT_ALGORITHM: DnssecAlgorithm = 8;
export const TLD_ALGORITHM: DnssecAlgorithm = 13;
export const TLD = 'lab.';

export interface ServedZone {
  readonly name: string;
  readonly server: AuthServerId;
  /** The file `named` loads (the signed one when the zone is signed). */
  readonly file: string;
}

export interface LabTree {
  readonly zones: readonly ServedZone[];
  /** DS records of the root KSK in presentation format. */
  readonly trustAnchors: readonly string[];
}

interface BuiltChild {
  readonly served: ServedZone | null;
  /** What `lab.` publishes for it: NS, glue and DS records. */
  readonly delegation: readonly string[];
}

const rootSigning: ZoneSigning = { algorithm: ROOT_ALGORITHM, denial: 'nsec', validity: 'current' };
const tldSigning: ZoneSigning = { algorithm: TLD_ALGORITHM, denial: 'nsec', validity: 'current' };

function fileName(zone: string): string {
  return zone === '.' ? 'root' : zone.replace(/\.$/, '');
}

/** Writes the zone (with its DNSKEYs when signed), signs it, returns the file to serve. */
async function writeZone(
  origin: string,
  content: { nameserver: string; serial: number; records: readonly string[] },
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

function nameserverAddress(zone: LabZone): string {
  return zone.nameserver === 'dead' ? DEAD_ADDRESS : authServer(zone.nameserver).address;
}

async function buildChild(zone: LabZone, serial: number, now: Date): Promise<BuiltChild> {
  const label = zone.name.slice(0, -TLD.length - 1);
  const nameserver = `ns.${zone.name}`;
  const address = nameserverAddress(zone);
  const keys =
    zone.signing === null
      ? []
      : await generateKeyPair(await keyDir(label), zone.name, zone.signing.algorithm);

  let served: ServedZone | null = null;
  if (zone.served && zone.nameserver !== 'dead') {
    const records = [`ns A ${address}`, ...zone.records];
    const file = await writeZone(
      zone.name,
      { nameserver, serial, records },
      keys,
      zone.signing,
      now,
    );
    served = { name: zone.name, server: zone.nameserver, file };
  }

  const delegation = [`${zone.name} NS ${nameserver}`, `${nameserver} A ${address}`];
  if (zone.ds === 'ksk') {
    const ksk = keys.find((key) => key.role === 'ksk');
    if (ksk === undefined) throw new Error(`${zone.name}: a DS for its KSK needs a signed zone`);
    delegation.push(await dsRecord(ksk));
  } else if (zone.ds === 'unrelated-key') {
    // A key made only for its digest: it is never published in the child's DNSKEY set.
    const algorithm = zone.signing?.algorithm ?? TLD_ALGORITHM;
    const unrelated = await generateKey(
      await keyDir(`${label}-unrelated`),
      zone.name,
      algorithm,
      'ksk',
    );
    delegation.push(await dsRecord(unrelated));
  }
  return { served, delegation };
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

  const tldFile = await writeZone(
    TLD,
    {
      nameserver: `ns.${TLD}`,
      serial,
      records: [`ns A ${tldServer.address}`, ...children.flatMap((child) => child.delegation)],
    },
    tldKeys,
    tldSigning,
    now,
  );

  const rootFile = await writeZone(
    '.',
    {
      nameserver: ROOT_SERVER_NAME,
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
    { name: '.', server: 'root', file: rootFile },
    { name: TLD, server: 'tld', file: tldFile },
    ...children.flatMap((child) => (child.served === null ? [] : [child.served])),
  ];
  return { zones, trustAnchors: [await dsRecord(rootKsk)] };
}
