/**
 * run/lab.json: what a running lab offers, written by `lab:up` and read by tests.
 *
 * Tests (lab and e2e) should take resolvers, trust anchors and scenarios from here rather
 * than from the TypeScript constants, so they check the lab that is actually up.
 */
import { existsSync, readFileSync } from 'node:fs';
import { runPaths } from './paths';
import type { LabScenario } from './scenarios';
import type { ResolverImplementation } from './topology';

export interface LabResolver {
  readonly id: string;
  readonly label: string;
  /** The DoH front, e.g. `http://127.0.0.1:8531/dns-query`. */
  readonly dohUrl: string;
  /** The resolver itself, `127.0.0.1:PORT` (UDP and TCP). */
  readonly udp: string;
  readonly validating: boolean;
  readonly implementation: ResolverImplementation;
  /** The public resolvers' behaviour it imitates; absent for the four plain resolvers. */
  readonly imitates?: string;
  /** A delaying front: a SERVFAIL arrives this many ms after the request, others at once. */
  readonly servfailDelayMs?: number;
}

/** A resolver's own address (`udp`, `127.0.0.1:PORT`) as a host and a port number. */
export function udpEndpoint(resolver: LabResolver): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(resolver.udp);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new Error(`${resolver.id}: no UDP address in ${resolver.udp}`);
  }
  return { host: match[1], port: Number(match[2]) };
}

/** A DoH front that misbehaves at the HTTP layer in one way (fronts.ts). */
export interface LabBrokenFront {
  /** The behaviour, also the path segment: `nocors`, `429`, `tc`, `hang` … */
  readonly id: string;
  /** E.g. `http://127.0.0.1:8539/nocors/dns-query`. */
  readonly url: string;
  readonly behaviour: string;
  /** Whether its responses carry CORS headers (a page can read them). */
  readonly cors: boolean;
}

/** The registry of lab. over RDAP: RFC 9224 bootstrap files for the app to start from. */
export interface LabRdap {
  /** Maps `lab` to an RDAP base with CORS, e.g. `http://127.0.0.1:8540/bootstrap/dns.json`. */
  readonly bootstrap: string;
  /** Maps `lab` to a base whose answers lack CORS headers (a browser's fetch fails). */
  readonly bootstrapNoCors: string;
}

export interface LabManifest {
  /** DS records of the lab root's KSK, presentation format (`. IN DS <tag> <alg> 2 <hex>`). */
  readonly trustAnchors: readonly string[];
  /** The plain resolvers: what a check asks when nothing else is said. */
  readonly resolvers: readonly LabResolver[];
  /**
   * Resolvers and fronts that imitate public resolvers' behaviours (unbound-stale,
   * unbound-filter, slow, stuck); only the scenarios that name them ask them.
   */
  readonly extraResolvers: readonly LabResolver[];
  /** The broken DoH fronts, one per HTTP-level failure. */
  readonly brokenFronts: readonly LabBrokenFront[];
  /** Each names its resolvers (`scenario.resolvers`, ids from the two lists above). */
  readonly scenarios: readonly LabScenario[];
  readonly rdap: LabRdap;
  /** ISO 8601 time the lab was started (keys and signatures were made then). */
  readonly startedAt: string;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isLabRdap(value: unknown): value is LabRdap {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate['bootstrap'] === 'string' && typeof candidate['bootstrapNoCors'] === 'string'
  );
}

function isLabManifest(value: unknown): value is LabManifest {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    isStringArray(candidate['trustAnchors']) &&
    Array.isArray(candidate['resolvers']) &&
    Array.isArray(candidate['extraResolvers']) &&
    Array.isArray(candidate['brokenFronts']) &&
    Array.isArray(candidate['scenarios']) &&
    isLabRdap(candidate['rdap']) &&
    typeof candidate['startedAt'] === 'string'
  );
}

/** Reads run/lab.json; throws with the fix when the lab is not up. */
export function loadLabManifest(path: string = runPaths.manifest): LabManifest {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: start the lab with \`npm run lab:up\` (as root)`);
  }
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isLabManifest(parsed)) throw new Error(`${path} is not a lab manifest`);
  return parsed;
}

/** The resolver (plain or extra) with this id; throws on a typo. */
export function labResolver(manifest: LabManifest, id: string): LabResolver {
  const resolver = [...manifest.resolvers, ...manifest.extraResolvers].find(
    (candidate) => candidate.id === id,
  );
  if (resolver === undefined) throw new Error(`lab has no resolver ${id}`);
  return resolver;
}

/** The resolvers a scenario is asked at, in its order. */
export function scenarioResolvers(
  manifest: LabManifest,
  scenario: Pick<LabScenario, 'resolvers'>,
): LabResolver[] {
  return scenario.resolvers.map((id) => labResolver(manifest, id));
}

/** The broken front with this id (`nocors`, `429` …); throws on a typo. */
export function brokenFront(manifest: LabManifest, id: string): LabBrokenFront {
  const front = manifest.brokenFronts.find((candidate) => candidate.id === id);
  if (front === undefined) throw new Error(`lab has no broken front ${id}`);
  return front;
}
