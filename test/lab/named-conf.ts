/**
 * named.conf for the two BIND 9.18 processes: the authoritative servers (one process, one
 * view per server address) and the validating recursive resolver.
 *
 * Both configurations are self-contained: every path points into run/, `controls {}`
 * turns rndc off (no /etc/bind/rndc.key, no port 953 shared between the two), and nothing
 * is read from /etc/bind.
 */
import { renderBindTrustAnchors } from './anchors';
import { runPaths } from './paths';
import { AUTH_PORT, AUTH_SERVERS, RESOLVER_HOST, type ResolverSpec } from './topology';
import type { ServedZone } from './tree';

function quoted(path: string): string {
  return JSON.stringify(path);
}

/** Options both processes share: own directories, no IPv6, no rndc. */
function commonOptions(directory: string): string[] {
  return [
    `  directory ${quoted(directory)};`,
    '  pid-file none;',
    `  session-keyfile ${quoted(`${directory}/session.key`)};`,
    `  managed-keys-directory ${quoted(directory)};`,
    `  dump-file ${quoted(`${directory}/cache.db`)};`,
    `  statistics-file ${quoted(`${directory}/named.stats`)};`,
    // Not /etc/bind/bind.keys: the public root's anchors mean nothing in the lab. The
    // file is written empty (servers.ts); the resolver's anchor is `trust-anchors` below.
    `  bindkeys-file ${quoted(`${directory}/bind.keys`)};`,
    '  listen-on-v6 { none; };',
    '  notify no;',
  ];
}

/**
 * Authoritative only. Each server address is a `view` selected by `match-destinations`
 * (BIND ARM, "view"), so one process plays every authoritative server. A zone served on
 * two addresses (two-ns.lab., spread-ns.lab.) is loaded in both views from the same
 * read-only file. The lame server's view holds no zone: with recursion off, named answers
 * REFUSED for anything (RFC 1035 §4.1.1). A view may answer minimally (topology.ts says
 * which and why).
 */
export function renderAuthConfig(zones: readonly ServedZone[]): string {
  const addresses = AUTH_SERVERS.map((server) => `${server.address};`).join(' ');
  const views = AUTH_SERVERS.map((server) => {
    const served = zones.filter((zone) => zone.servers.includes(server.id));
    return [
      `view ${quoted(server.id)} {`,
      `  match-destinations { ${server.address}; };`,
      ...(server.minimalResponses === true ? ['  minimal-responses yes;'] : []),
      ...served.map(
        (zone) => `  zone ${quoted(zone.name)} { type primary; file ${quoted(zone.file)}; };`,
      ),
      '};',
    ].join('\n');
  });
  return [
    'options {',
    ...commonOptions(runPaths.auth),
    `  listen-on port ${AUTH_PORT} { ${addresses} };`,
    '  recursion no;',
    '  allow-query-cache { none; };',
    '  dnssec-validation no;',
    // Referrals carry glue, answers stay small: what the root and TLD servers do.
    '  minimal-responses no-auth-recursive;',
    '};',
    'controls { };',
    ...views,
    '',
  ].join('\n');
}

/**
 * A validating recursive resolver that knows only the lab's root. The SERVFAIL cache is
 * off (`servfail-ttl 0`) and positive and negative caching is capped at a few seconds, so
 * repeated checks see the servers, not an earlier failure.
 */
export function renderBindResolverConfig(
  resolver: ResolverSpec,
  trustAnchors: readonly string[],
): string {
  return [
    'options {',
    ...commonOptions(runPaths.bindResolver),
    `  listen-on port ${resolver.port} { ${RESOLVER_HOST}; };`,
    '  recursion yes;',
    '  allow-query { 127.0.0.0/8; };',
    '  allow-recursion { 127.0.0.0/8; };',
    '  dnssec-validation yes;',
    '  servfail-ttl 0;',
    '  max-cache-ttl 5;',
    '  max-ncache-ttl 5;',
    // Lab answers arrive in microseconds; a stuck query should fail well inside the DoH
    // gateway's 5 s budget instead of BIND's default 10 s (resolver-query-timeout).
    '  resolver-query-timeout 4000;',
    '};',
    'controls { };',
    renderBindTrustAnchors(trustAnchors),
    `zone "." { type hint; file ${quoted(runPaths.rootHints)}; };`,
    '',
  ].join('\n');
}
