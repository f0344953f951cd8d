/**
 * Checks that make a failed start explain itself: root, the Debian tools, and sockets.
 *
 * On a fresh Debian machine the packaged `named` or `unbound` service may already run. The
 * packaged named listens on every interface address and picks up new ones on its own, so
 * it could end up sharing 127.53.0.x:53 with the lab's server; that is reported, not
 * silently tolerated.
 */
import { existsSync, readFileSync } from 'node:fs';
import { runTool } from './shell';

const REQUIRED_TOOLS: readonly (readonly [string, string])[] = [
  ['named', 'bind9'],
  ['dnssec-keygen', 'bind9-utils'],
  ['dnssec-signzone', 'bind9-utils'],
  ['dnssec-dsfromkey', 'bind9-utils'],
  ['delv', 'bind9-dnsutils'],
  ['unbound', 'unbound'],
  ['unbound-control', 'unbound'],
  ['ip', 'iproute2'],
  ['ss', 'iproute2'],
];

export async function checkPrerequisites(): Promise<void> {
  if (process.getuid?.() !== 0) {
    throw new Error('the lab needs root: port 53 on extra loopback addresses (`ip addr add`)');
  }
  const missing: string[] = [];
  for (const [tool, pkg] of REQUIRED_TOOLS) {
    const found = await runTool('sh', ['-c', `command -v ${tool}`]);
    if (found.status !== 0) missing.push(`${tool} (apt-get install ${pkg})`);
  }
  if (missing.length > 0) throw new Error(`missing tools: ${missing.join(', ')}`);
  checkAppArmor();
}

const APPARMOR_PROFILES = '/sys/kernel/security/apparmor/profiles';

/**
 * Debian's AppArmor profiles for named and unbound (/etc/apparmor.d/usr.sbin.*) allow
 * /etc/bind, /var/cache/bind, /etc/unbound … but not the lab's run directory; enforced,
 * they make the servers fail on their own configuration files.
 */
function checkAppArmor(): void {
  if (!existsSync(APPARMOR_PROFILES)) return;
  const profiles = readFileSync(APPARMOR_PROFILES, 'utf8');
  const enforced = [...profiles.matchAll(/^(\S*(?:named|unbound)) \(enforce\)$/gm)].map(
    (match) => match[1],
  );
  if (enforced.length > 0) {
    throw new Error(
      `AppArmor enforces ${enforced.join(', ')}, which forbids reading test/lab/run/: ` +
        'run `aa-complain /usr/sbin/named /usr/sbin/unbound` (apparmor-utils) for the lab',
    );
  }
}

export interface ListeningSocket {
  readonly protocol: 'udp' | 'tcp';
  readonly address: string;
  readonly port: number;
  readonly pids: readonly number[];
  readonly processNames: readonly string[];
}

function parseSs(protocol: 'udp' | 'tcp', output: string): ListeningSocket[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const local = line.trim().split(/\s+/)[3] ?? '';
      const colon = local.lastIndexOf(':');
      if (colon < 0) return [];
      const address = local
        .slice(0, colon)
        .replace(/^\[|\]$/g, '')
        .replace(/%.*$/, '');
      const pids = [...line.matchAll(/pid=(\d+)/g)].map((match) => Number(match[1]));
      const processNames = [...line.matchAll(/\(\("([^"]+)"/g)].map((match) => match[1] ?? '');
      return [{ protocol, address, port: Number(local.slice(colon + 1)), pids, processNames }];
    });
}

/** Listening UDP and TCP sockets, with their owners when `ss` can tell. */
export async function listeningSockets(): Promise<ListeningSocket[]> {
  const [udp, tcp] = await Promise.all([runTool('ss', ['-Hlnup']), runTool('ss', ['-Hlntp'])]);
  return [...parseSs('udp', udp.stdout), ...parseSs('tcp', tcp.stdout)];
}

export interface Endpoint {
  readonly address: string;
  readonly port: number;
}

const WILDCARDS = new Set(['0.0.0.0', '*', '::']);

function describe(socket: ListeningSocket): string {
  const owner =
    socket.pids.length > 0
      ? ` by ${socket.processNames.join(',')} pid ${socket.pids.join(',')}`
      : '';
  return `${socket.protocol} ${socket.address}:${socket.port}${owner}`;
}

/** Fails when anything already listens where the lab is about to. */
export async function checkEndpointsFree(endpoints: readonly Endpoint[]): Promise<void> {
  const sockets = await listeningSockets();
  const taken = sockets.filter((socket) =>
    endpoints.some(
      (endpoint) =>
        endpoint.port === socket.port &&
        (endpoint.address === socket.address || WILDCARDS.has(socket.address)),
    ),
  );
  if (taken.length > 0) {
    throw new Error(
      `already in use: ${taken.map(describe).join('; ')}. Stop that service ` +
        '(e.g. `systemctl stop named unbound`) or an old lab (`npm run lab:down`).',
    );
  }
}

/** Fails when a process outside `ours` shares one of the endpoints (SO_REUSEPORT). */
export async function checkNoIntruders(
  endpoints: readonly Endpoint[],
  ours: readonly number[],
): Promise<void> {
  const sockets = await listeningSockets();
  const intruders = sockets.filter(
    (socket) =>
      endpoints.some(
        (endpoint) => endpoint.port === socket.port && endpoint.address === socket.address,
      ) && socket.pids.some((pid) => !ours.includes(pid)),
  );
  if (intruders.length > 0) {
    throw new Error(
      `another server also listens on a lab address: ${intruders.map(describe).join('; ')}. ` +
        'Stop it (e.g. `systemctl stop named`) and run `npm run lab:up` again.',
    );
  }
}
