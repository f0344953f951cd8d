/**
 * Bringing the lab up and down. Both are idempotent: `labUp` on a healthy lab does
 * nothing, on a half-started one it cleans up first; `labDown` on a stopped lab does
 * nothing.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resetLabChanges } from './changes';
import { addLoopbackAddresses, removeAddedLoopbackAddresses } from './loopback';
import type { LabManifest, LabResolver } from './manifest';
import { RUN_DIR, runPaths } from './paths';
import {
  checkEndpointsFree,
  checkNoIntruders,
  checkPrerequisites,
  type Endpoint,
} from './preflight';
import {
  isRunning,
  logTail,
  recordedProcesses,
  startDetached,
  stopProcess,
  type LabProcess,
} from './processes';
import { dohHealthy, httpHealthy, waitForDoh, waitForHttp, waitForProbes } from './health';
import { BROKEN_FRONTS, BROKEN_FRONTS_PORT, brokenFrontUrl, DELAYING_FRONTS } from './fronts';
import { LAB_SCENARIOS } from './scenarios';
import {
  AUTH_PROCESS,
  GATEWAY_PROCESS,
  prepareAuth,
  prepareGateway,
  prepareRdap,
  prepareResolvers,
  RDAP_PROCESS,
} from './servers';
import {
  AUTH_PORT,
  AUTH_SERVERS,
  authServer,
  dohUrl,
  RDAP_HOST,
  RDAP_PORT,
  rdapOrigin,
  RESOLVER_HOST,
  RESOLVERS,
  resolverSpec,
  type ResolverSpec,
} from './topology';
import { askStale, isStale, primeStale, STALE_QNAME } from './stale';
import { buildTree, TLD } from './tree';

export type Log = (line: string) => void;

const EXPECTED_PROCESSES = [
  AUTH_PROCESS,
  ...RESOLVERS.map((resolver) => resolver.id),
  GATEWAY_PROCESS,
  RDAP_PROCESS,
];
/** Every DoH listener: resolvers, delaying fronts, and one path of the broken fronts. */
const DOH_URLS = [
  ...RESOLVERS.map(dohUrl),
  ...DELAYING_FRONTS.map(dohUrl),
  brokenFrontUrl('nocors'),
];

const RDAP_BOOTSTRAP = `${rdapOrigin()}/bootstrap/dns.json`;
const RDAP_BOOTSTRAP_NOCORS = `${rdapOrigin()}/bootstrap/nocors.json`;
/** Ready when the bootstrap file and a domain object come back 200. */
const RDAP_PROBES = [RDAP_BOOTSTRAP, `${rdapOrigin()}/rdap/domain/alg8.lab`];

const authEndpoints: readonly Endpoint[] = AUTH_SERVERS.map((server) => ({
  address: server.address,
  port: AUTH_PORT,
}));

const localEndpoints: readonly Endpoint[] = [
  ...RESOLVERS.flatMap((resolver) => [
    { address: RESOLVER_HOST, port: resolver.port },
    { address: RESOLVER_HOST, port: resolver.dohPort },
  ]),
  ...DELAYING_FRONTS.map((front) => ({ address: RESOLVER_HOST, port: front.dohPort })),
  { address: RESOLVER_HOST, port: BROKEN_FRONTS_PORT },
  { address: RDAP_HOST, port: RDAP_PORT },
];

/**
 * Stops the HTTP fronts (DoH gateway, RDAP) first and the authoritative servers last;
 * removes added addresses.
 */
export async function labDown(log: Log): Promise<void> {
  const order = (name: string): number =>
    name === GATEWAY_PROCESS || name === RDAP_PROCESS ? 0 : name === AUTH_PROCESS ? 2 : 1;
  const processes = recordedProcesses().sort((a, b) => order(a.name) - order(b.name));
  for (const labProcess of processes) {
    const wasRunning = isRunning(labProcess);
    await stopProcess(labProcess);
    log(
      `${wasRunning ? 'stopped' : 'cleared stale PID file of'} ${labProcess.name} (pid ${labProcess.pid})`,
    );
  }
  const removed = await removeAddedLoopbackAddresses();
  if (removed.length > 0) log(`removed loopback addresses ${removed.join(', ')}`);
  rmSync(runPaths.manifest, { force: true });
  if (processes.length === 0 && removed.length === 0) log('lab is down (nothing to stop)');
}

async function isHealthy(): Promise<boolean> {
  const processes = recordedProcesses();
  const names = new Set(processes.filter(isRunning).map((labProcess) => labProcess.name));
  if (!EXPECTED_PROCESSES.every((name) => names.has(name))) return false;
  // A lab started before the changeable zones existed has no run/changes.json: start afresh.
  if (!existsSync(runPaths.manifest) || !existsSync(runPaths.changes)) return false;
  const [doh, rdap, stale] = await Promise.all([
    dohHealthy(DOH_URLS, TLD),
    httpHealthy(RDAP_PROBES),
    staleHealthy(),
  ]);
  return doh && rdap && stale;
}

/** unbound-stale still serves the primed answer from its cache (nobody emptied it). */
async function staleHealthy(): Promise<boolean> {
  try {
    return isStale(await askStale({ qname: STALE_QNAME, qtype: 'A' }, false));
  } catch {
    return false;
  }
}

function labResolverOf(resolver: ResolverSpec): LabResolver {
  return {
    id: resolver.id,
    label: resolver.label,
    dohUrl: dohUrl(resolver),
    udp: `${RESOLVER_HOST}:${resolver.port}`,
    validating: resolver.validating,
    implementation: resolver.implementation,
    ...(resolver.imitates === undefined ? {} : { imitates: resolver.imitates }),
  };
}

function manifestOf(trustAnchors: readonly string[], startedAt: Date): LabManifest {
  return {
    trustAnchors,
    resolvers: RESOLVERS.filter((resolver) => resolver.askedByDefault).map(labResolverOf),
    extraResolvers: [
      ...RESOLVERS.filter((resolver) => !resolver.askedByDefault).map(labResolverOf),
      // A delaying front is the resolver behind it, slower to fail.
      ...DELAYING_FRONTS.map((front) => ({
        ...labResolverOf(resolverSpec(front.upstream)),
        id: front.id,
        label: front.label,
        dohUrl: dohUrl(front),
        imitates: front.imitates,
        servfailDelayMs: front.servfailDelayMs,
      })),
    ],
    brokenFronts: BROKEN_FRONTS.map((front) => ({
      id: front.id,
      url: brokenFrontUrl(front.id),
      behaviour: front.behaviour,
      cors: front.cors,
    })),
    scenarios: LAB_SCENARIOS,
    rdap: { bootstrap: RDAP_BOOTSTRAP, bootstrapNoCors: RDAP_BOOTSTRAP_NOCORS },
    startedAt: startedAt.toISOString(),
  };
}

/** Reports the first started process that has died, with the end of its log. */
function deathWatch(started: readonly LabProcess[]): () => string | null {
  return () => {
    const dead = started.find((labProcess) => !isRunning(labProcess));
    return dead === undefined
      ? null
      : `${dead.name} exited; end of its log:\n${logTail(dead.name)}`;
  };
}

async function start(log: Log): Promise<LabManifest> {
  const now = new Date();
  await checkEndpointsFree([...authEndpoints, ...localEndpoints]);
  await addLoopbackAddresses(AUTH_SERVERS.map((server) => server.address));
  const tree = await buildTree(now);
  log(`signed ${tree.zones.length} zones; root anchor ${tree.trustAnchors.join(' | ')}`);

  const started: LabProcess[] = [];
  const alive = deathWatch(started);
  const auth = startDetached(await prepareAuth(tree));
  started.push(auth);
  // The registry file is written; the RDAP server starts while named loads its zones.
  started.push(startDetached(prepareRdap()));
  await waitForProbes(
    tree.zones.flatMap((zone) =>
      zone.servers.map((server) => {
        const { address } = authServer(server);
        return {
          label: `${zone.name} SOA @${address}`,
          host: address,
          port: AUTH_PORT,
          qname: zone.name,
          qtype: 'SOA',
        };
      }),
    ),
    10_000,
    alive,
  );
  await checkNoIntruders(authEndpoints, [auth.pid]);

  for (const request of await prepareResolvers(tree)) started.push(startDetached(request));
  await waitForProbes(
    RESOLVERS.map((resolver) => ({
      label: `${resolver.id} ${TLD} SOA`,
      host: RESOLVER_HOST,
      port: resolver.port,
      qname: TLD,
      qtype: 'SOA',
    })),
    10_000,
    alive,
  );

  // The gateway starts while unbound-stale is primed and its answers expire.
  started.push(startDetached(await prepareGateway()));
  const [stale] = await Promise.all([
    primeStale(),
    waitForDoh(DOH_URLS, TLD, 15_000, alive),
    waitForHttp(RDAP_PROBES, 10_000, alive),
  ]);
  log(
    `serve-stale: primed ${stale.primed} answers, ${stale.servedStale} served stale (EDE 3) ` +
      `after ${(stale.elapsedMs / 1000).toFixed(1)} s`,
  );

  const manifest = manifestOf(tree.trustAnchors, now);
  writeFileSync(runPaths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

export interface UpResult {
  readonly alreadyUp: boolean;
  readonly manifest: LabManifest | null;
}

/** A healthy lab keeps running, but its changeable zones go back to their first state. */
async function resetChanges(log: Log): Promise<void> {
  const reset = (await resetLabChanges()).filter((result) => result.changed);
  for (const result of reset) log(`reset ${result.zone} to ${result.state}`);
}

export async function labUp(log: Log): Promise<UpResult> {
  await checkPrerequisites();
  if (recordedProcesses().length > 0 || existsSync(runPaths.addedAddresses)) {
    if (await isHealthy()) {
      await resetChanges(log);
      return { alreadyUp: true, manifest: null };
    }
    log('lab is half up: cleaning up before a fresh start');
    await labDown(log);
  }
  rmSync(RUN_DIR, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  try {
    return { alreadyUp: false, manifest: await start(log) };
  } catch (error) {
    log('start failed: taking down what was started');
    await labDown(log);
    throw error;
  }
}
