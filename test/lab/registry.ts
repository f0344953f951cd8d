/**
 * The registry of `lab.`: what it records for each child domain, and the delegation it
 * publishes in the `lab.` zone from that record.
 *
 * As at a real registry, the zone is generated from the registry database, so the two
 * agree by construction, except where the registry says a delegation must not be
 * published (a hold). `lab:up` writes the records to run/registry.json; the RDAP server
 * (rdap-server.ts) serves them, and the tests compare them with what `lab.` answers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { replaceFile, runPaths } from './paths';
import type { RegistryStatus } from './zones';

export interface RegistryNameserver {
  /** Host name in lower case without the trailing dot (RFC 9083 §3, "LDH name"). */
  readonly ldhName: string;
  /** Glue: the host's IPv4 addresses, only when the host lies inside the domain itself. */
  readonly ipv4: readonly string[];
}

/** One DS record (RFC 4034 §5.1) as the registry holds it and RDAP `dsData` shows it. */
export interface RegistryDs {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Upper-case hex. */
  readonly digest: string;
}

export interface RegistryDomain {
  /** The registry's identifier of the domain object (RFC 9083 §5.3 `handle`). */
  readonly handle: string;
  /** `alg8.lab`: lower case, no trailing dot. */
  readonly ldhName: string;
  readonly status: readonly RegistryStatus[];
  readonly nameservers: readonly RegistryNameserver[];
  /** Whether the parent publishes a DS set (RFC 9083 §5.3 `secureDNS.delegationSigned`). */
  readonly delegationSigned: boolean;
  readonly ds: readonly RegistryDs[];
  /** ISO 8601; the lab registers every domain afresh at each `lab:up`. */
  readonly registered: string;
  readonly lastChanged: string;
}

export interface Registry {
  /** The TLD without dots, as in the RFC 9224 bootstrap file: `lab`. */
  readonly tld: string;
  /** When the records were made (the bootstrap file's `publication`). */
  readonly publishedAt: string;
  readonly domains: readonly RegistryDomain[];
}

/** `Alg8.Lab.` → `alg8.lab`. */
export function ldhName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/**
 * Whether the registry publishes the delegation. RFC 5731 §2.3 on clientHold and
 * serverHold: "DNS delegation information MUST NOT be published for the object"; RFC 8056
 * §2 maps them to the RDAP statuses `client hold` and `server hold`.
 */
export function isDelegated(domain: RegistryDomain): boolean {
  return !domain.status.some((status) => status === 'client hold' || status === 'server hold');
}

/** TTLs of a delegation's records in the parent, when not the zone's default. */
export interface DelegationTtls {
  /** The NS set and its glue. */
  readonly ns: number;
  readonly ds: number;
}

/**
 * What `lab.` publishes for a domain: its NS set, glue for the hosts inside it (without
 * which they could not be found; RFC 9471 §2 makes such glue mandatory in referrals) and
 * its DS set (RFC 4035 §5.2). Nothing when the domain is on hold.
 */
export function delegationRecords(domain: RegistryDomain, ttls?: DelegationTtls): string[] {
  if (!isDelegated(domain)) return [];
  const owner = `${domain.ldhName}.`;
  const ns = ttls === undefined ? '' : ` ${ttls.ns}`;
  const ds = ttls === undefined ? '' : ` ${ttls.ds}`;
  return [
    ...domain.nameservers.map((host) => `${owner}${ns} NS ${host.ldhName}.`),
    ...domain.nameservers.flatMap((host) =>
      host.ipv4.map((address) => `${host.ldhName}.${ns} A ${address}`),
    ),
    ...domain.ds.map(
      (record) =>
        `${owner}${ds} DS ${record.keyTag} ${record.algorithm} ${record.digestType} ${record.digest}`,
    ),
  ];
}

/** The domain the registry holds under this name (any case, trailing dot or not). */
export function registryDomain(registry: Registry, name: string): RegistryDomain | undefined {
  const wanted = ldhName(name);
  return registry.domains.find((domain) => domain.ldhName === wanted);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isRegistryDomain(value: unknown): value is RegistryDomain {
  return (
    isRecord(value) &&
    typeof value['handle'] === 'string' &&
    typeof value['ldhName'] === 'string' &&
    Array.isArray(value['status']) &&
    Array.isArray(value['nameservers']) &&
    value['nameservers'].every(
      (host: unknown) =>
        isRecord(host) && typeof host['ldhName'] === 'string' && Array.isArray(host['ipv4']),
    ) &&
    typeof value['delegationSigned'] === 'boolean' &&
    Array.isArray(value['ds']) &&
    typeof value['registered'] === 'string' &&
    typeof value['lastChanged'] === 'string'
  );
}

function isRegistry(value: unknown): value is Registry {
  return (
    isRecord(value) &&
    typeof value['tld'] === 'string' &&
    typeof value['publishedAt'] === 'string' &&
    Array.isArray(value['domains']) &&
    value['domains'].every(isRegistryDomain)
  );
}

/** Reads run/registry.json; throws with the fix when the lab is not up. */
export function loadRegistry(path: string = runPaths.registry): Registry {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: start the lab with \`npm run lab:up\` (as root)`);
  }
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isRegistry(parsed)) throw new Error(`${path} is not a lab registry`);
  return parsed;
}

/** Writes run/registry.json whole: the RDAP server re-reads it when it changes. */
export function saveRegistry(registry: Registry, path: string = runPaths.registry): void {
  replaceFile(path, `${JSON.stringify(registry, null, 2)}\n`);
}
