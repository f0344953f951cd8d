/**
 * unbound.conf for the lab's Unbound 1.17 resolvers (validating, non-validating, partial,
 * serve-stale, filtering).
 *
 * Self-contained: no include of /etc/unbound, no chroot, no user switch, no daemonising
 * (the lab's process manager detaches it and keeps its PID). Remote control listens on a
 * Unix socket in its run directory only, so `lab:check` can empty the caches first.
 */
import { runPaths } from './paths';
import { RESOLVER_HOST, type ResolverSpec } from './topology';

function quoted(value: string): string {
  return JSON.stringify(value);
}

/** sun_path holds 108 bytes; a deep checkout would overflow it with a clear error here. */
export function unboundControlSocket(id: string): string {
  const path = `${runPaths.unbound(id)}/ctl`;
  if (path.length > 100) throw new Error(`control socket path too long for a Unix socket: ${path}`);
  return path;
}

export function unboundConfigPath(id: string): string {
  return `${runPaths.unbound(id)}/unbound.conf`;
}

/**
 * Serve-stale as RFC 8767 describes it: try the authorities first, and only when they
 * fail, or have not answered within the client response timer (§5 suggests 1.8 s), answer
 * from expired data with a short TTL (§4 suggests 30 s) and EDE 3, Stale Answer (RFC 8914
 * §4.4). No limit on how long data may stay stale (§5 suggests 1–3 days): the lab may run
 * for days and must keep serving what lab:up primed.
 */
function serveExpiredOptions(): string[] {
  return [
    'serve-expired: yes',
    'serve-expired-ttl: 0',
    'serve-expired-client-timeout: 1800',
    'serve-expired-reply-ttl: 30',
    'ede-serve-expired: yes',
    // Remember a silent server for a day (default 900 s): otherwise every 15 minutes one
    // refresh attempt waits out the client timer before the stale answer goes.
    'infra-host-ttl: 86400',
  ];
}

export function renderUnboundConfig(resolver: ResolverSpec): string {
  const directory = runPaths.unbound(resolver.id);
  const server = [
    `interface: ${RESOLVER_HOST}@${resolver.port}`,
    `port: ${resolver.port}`,
    'do-ip6: no',
    'do-daemonize: no',
    'username: ""',
    'chroot: ""',
    `directory: ${quoted(directory)}`,
    `pidfile: ${quoted(`${directory}/unbound.pid`)}`,
    'use-syslog: no',
    'logfile: ""',
    'verbosity: 1',
    'log-servfail: yes',
    `access-control: 127.0.0.0/8 allow`,
    `root-hints: ${quoted(runPaths.rootHints)}`,
    // The lab's servers live on 127.0.0.0/8, which Unbound refuses to query by default.
    'do-not-query-localhost: no',
    // Extended DNS Errors (RFC 8914) in answers: the codes the lab compares against; off
    // where the resolver imitates one that sends none.
    `ede: ${resolver.ede ? 'yes' : 'no'}`,
    // Default 1900 ms: replies slower than that are dropped, so a dead server would end in
    // silence instead of SERVFAIL (see facts.md, "Lab pitfalls").
    'discard-timeout: 0',
    // Give up on unresponsive servers quickly (default 120000 ms).
    'infra-cache-max-rtt: 1000',
    // Stability over speed: no answer may come from an earlier check. Bogus results are
    // not cached (val-bogus-ttl 0, else a repeat shows a bare EDE 6 instead of the specific
    // code), nor is anything else for long, and denials are not synthesised from cached
    // NSEC ranges (RFC 8198).
    'val-bogus-ttl: 0',
    `cache-max-ttl: ${resolver.cacheMaxTtl}`,
    `cache-max-negative-ttl: ${resolver.cacheMaxTtl}`,
    'aggressive-nsec: no',
    'prefetch: no',
    `module-config: ${quoted(resolver.validating ? 'validator iterator' : 'iterator')}`,
  ];
  if (resolver.validating) {
    // The lab's root DS, in zone-file format (RFC 4034 §5.3 presentation).
    server.push(`trust-anchor-file: ${quoted(runPaths.trustAnchorDs)}`);
    server.push('val-log-level: 2');
  }
  for (const address of resolver.unreachable) {
    server.push(`do-not-query-address: ${address}`);
  }
  if (resolver.serveExpired) server.push(...serveExpiredOptions());
  for (const zone of resolver.localZones) {
    // Answered by local policy, authoritatively (AA=1). Unbound 1.17 attaches no EDE to any
    // local-zone action nor to RPZ (only `access-control: … refuse` gets EDE 18, and that
    // is per client, not per name); see README, "Surprises".
    server.push(`local-zone: ${quoted(zone.name)} ${zone.action}`);
    if (zone.action === 'redirect') {
      for (const record of zone.data) server.push(`local-data: ${quoted(record)}`);
    }
  }
  return [
    'server:',
    ...server.map((line) => `  ${line}`),
    'remote-control:',
    '  control-enable: yes',
    // A Unix socket needs no TLS keys (unbound.conf(5), control-interface) and no port.
    `  control-interface: ${quoted(unboundControlSocket(resolver.id))}`,
    '  control-use-cert: no',
    '',
  ].join('\n');
}
