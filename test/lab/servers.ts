/**
 * Writes each server's configuration into run/ and says how to start it in the
 * foreground (the process manager detaches it): `named -g`, `unbound -d`, and the DoH
 * gateway and the RDAP server under Node with tsx.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderBindTrustAnchors, renderRootHints } from './anchors';
import type { GatewayConfig } from './doh-gateway';
import { renderAuthConfig, renderBindResolverConfig } from './named-conf';
import { LAB_DIR, REPO_DIR, runPaths } from './paths';
import type { StartRequest } from './processes';
import {
  BROKEN_FRONTS_PORT,
  BROKEN_FRONTS_UPSTREAM,
  DELAYING_FRONTS,
  HANG_CLOSE_MS,
} from './fronts';
import { RESOLVER_HOST, RESOLVERS, resolverSpec, type ResolverSpec } from './topology';
import type { LabTree } from './tree';
import { renderUnboundConfig } from './unbound-conf';

export const AUTH_PROCESS = 'auth-named';
export const GATEWAY_PROCESS = 'doh-gateway';
export const RDAP_PROCESS = 'rdap-server';

async function writeConfig(dir: string, file: string, text: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, file);
  await writeFile(path, text);
  return path;
}

/** An empty bind.keys next to each named.conf (see `bindkeys-file` in named-conf.ts). */
async function writeNamedConfig(dir: string, text: string): Promise<string> {
  await writeConfig(dir, 'bind.keys', '');
  return writeConfig(dir, 'named.conf', text);
}

/** `-g`: foreground, log to stderr; `-4`: the lab is IPv4 loopback only. */
function namedCommand(name: string, config: string): StartRequest {
  return { name, command: 'named', args: ['-g', '-4', '-c', config] };
}

export async function prepareAuth(tree: LabTree): Promise<StartRequest> {
  const config = await writeNamedConfig(runPaths.auth, renderAuthConfig(tree.zones));
  return namedCommand(AUTH_PROCESS, config);
}

async function prepareResolver(resolver: ResolverSpec, tree: LabTree): Promise<StartRequest> {
  if (resolver.implementation === 'bind') {
    const text = renderBindResolverConfig(resolver, tree.trustAnchors);
    return namedCommand(resolver.id, await writeNamedConfig(runPaths.bindResolver, text));
  }
  const text = renderUnboundConfig(resolver);
  const config = await writeConfig(runPaths.unbound(resolver.id), 'unbound.conf', text);
  // -d: stay in the foreground; -p: no PID file of its own (run/pids/ has ours).
  return { name: resolver.id, command: 'unbound', args: ['-d', '-p', '-c', config] };
}

/** Root hints and trust anchors first: every resolver configuration points at them. */
export async function prepareResolvers(tree: LabTree): Promise<StartRequest[]> {
  await writeFile(runPaths.rootHints, renderRootHints());
  await writeFile(runPaths.trustAnchorDs, `${tree.trustAnchors.join('\n')}\n`);
  await writeFile(runPaths.delvAnchors, renderBindTrustAnchors(tree.trustAnchors));
  return Promise.all(RESOLVERS.map((resolver) => prepareResolver(resolver, tree)));
}

/** One listener per resolver, one per delaying front, and one for all broken fronts. */
export function gatewayConfig(): GatewayConfig {
  const upstream = (id: string) => ({ host: RESOLVER_HOST, port: resolverSpec(id).port });
  return {
    listeners: [
      ...RESOLVERS.map((resolver) => ({
        resolverId: resolver.id,
        host: RESOLVER_HOST,
        port: resolver.dohPort,
        upstream: upstream(resolver.id),
      })),
      ...DELAYING_FRONTS.map((front) => ({
        resolverId: front.id,
        host: RESOLVER_HOST,
        port: front.dohPort,
        upstream: upstream(front.upstream),
        servfailDelayMs: front.servfailDelayMs,
      })),
      {
        resolverId: 'broken-fronts',
        host: RESOLVER_HOST,
        port: BROKEN_FRONTS_PORT,
        upstream: upstream(BROKEN_FRONTS_UPSTREAM),
        broken: { hangMs: HANG_CLOSE_MS },
      },
    ],
  };
}

export async function prepareGateway(): Promise<StartRequest> {
  const config = gatewayConfig();
  await writeFile(runPaths.gatewayConfig, `${JSON.stringify(config, null, 2)}\n`);
  return {
    name: GATEWAY_PROCESS,
    command: process.execPath,
    args: ['--import', 'tsx', join(LAB_DIR, 'doh-gateway.ts'), runPaths.gatewayConfig],
    cwd: REPO_DIR,
  };
}

/** The registry's RDAP server; it reads run/registry.json, which buildTree wrote. */
export function prepareRdap(): StartRequest {
  return {
    name: RDAP_PROCESS,
    command: process.execPath,
    args: ['--import', 'tsx', join(LAB_DIR, 'rdap-server.ts'), runPaths.registry],
    cwd: REPO_DIR,
  };
}
