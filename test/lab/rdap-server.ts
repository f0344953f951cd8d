/**
 * The lab registry's RDAP service (RFC 7480) over cleartext HTTP/1.1:
 * `node --import tsx rdap-server.ts <run/registry.json>`.
 *
 * Its own process rather than a listener in the DoH gateway: it speaks another protocol
 * from another source (the registry file, not a resolver), so a fault in one does not take
 * the other down, each has its own log, and lab:up starts it while named is still loading
 * zones, which keeps it off the start-up's critical path.
 *
 * Routes (all JSON, `Cache-Control: no-store`):
 * - `/bootstrap/dns.json`, `/bootstrap/nocors.json`: RFC 9224 bootstrap files (with CORS),
 *   mapping `lab` to `/rdap/` and to `/nocors/` respectively;
 * - `/rdap/domain/<name>`: RFC 9083 domain objects, with CORS;
 * - `/nocors/domain/<name>`: the same, without any Access-Control-* header, so that a
 *   browser's fetch fails the way it does against most real registries.
 *
 * The file is read again whenever it changes (registryFile), so changes to the lab's
 * delegations (changes.ts) reach RDAP without a restart.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  bootstrapFile,
  domainObject,
  errorObject,
  lookupDomain,
  type RdapError,
} from './rdap-response';
import { loadRegistry, type Registry } from './registry';
import { RDAP_HOST, RDAP_PORT, rdapOrigin } from './topology';

const RDAP_JSON = 'application/rdap+json';
/** Bootstrap registries are plain JSON (RFC 9224 §3), served as such by IANA. */
const BOOTSTRAP_JSON = 'application/json';
const METHODS = 'GET, HEAD, OPTIONS';

/**
 * RFC 7480 §5.6: servers "SHOULD include" `Access-Control-Allow-Origin: *`, so that pages
 * can read them; `/nocors/` leaves every such header out on purpose.
 */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': METHODS,
  'Access-Control-Allow-Headers': 'accept, content-type',
  'Access-Control-Max-Age': '86400',
} as const;

/** The two RDAP bases: the same registry, with and without CORS. */
type Base = 'rdap' | 'nocors';

const BOOTSTRAP_FILES: Readonly<Record<string, Base>> = {
  '/bootstrap/dns.json': 'rdap',
  '/bootstrap/nocors.json': 'nocors',
};

const DOMAIN_PATH = /^\/(rdap|nocors)\/domain\/([^/]+)$/;

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly type: string;
  readonly cors: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

function send(request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  const bytes = Buffer.from(`${JSON.stringify(reply.body, null, 2)}\n`);
  response.writeHead(reply.status, {
    ...(reply.cors ? CORS_HEADERS : {}),
    'Cache-Control': 'no-store',
    'Content-Type': reply.type,
    'Content-Length': String(bytes.length),
    ...reply.headers,
  });
  response.end(request.method === 'HEAD' ? undefined : bytes);
}

function error(status: number, title: string, description: string, cors: boolean): Reply {
  const body: RdapError = errorObject(status, title, description);
  return { status, body, type: RDAP_JSON, cors };
}

/** The answer to a GET or HEAD; `origin` is this server's `http://host:port`. */
function route(registry: Registry, origin: string, path: string): Reply {
  const bootstrap = BOOTSTRAP_FILES[path];
  if (bootstrap !== undefined) {
    const body = bootstrapFile(registry, `${origin}/${bootstrap}/`);
    return { status: 200, body, type: BOOTSTRAP_JSON, cors: true };
  }
  const match = DOMAIN_PATH.exec(path);
  if (match === null) {
    return error(404, 'Not Found', `no such path: ${path}`, !path.startsWith('/nocors/'));
  }
  const cors = match[1] !== 'nocors';
  const lookup = lookupDomain(registry, match[2] ?? '');
  // RFC 7480 §5.4: a query that cannot be interpreted gets 400.
  if (lookup.kind === 'bad-request') return error(400, 'Bad Request', lookup.reason, cors);
  if (lookup.kind === 'not-found') return error(404, 'Not Found', lookup.reason, cors);
  const self = `${origin}/rdap/domain/${lookup.domain.ldhName}`;
  return { status: 200, body: domainObject(lookup.domain, self), type: RDAP_JSON, cors };
}

function handle(
  registry: Registry,
  origin: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const path = new URL(request.url ?? '/', origin).pathname;
  const cors = !path.startsWith('/nocors/');
  if (request.method === 'OPTIONS') {
    // CORS preflight; Chromium's Private Network Access asks for one more header.
    const extra: Record<string, string> =
      cors && request.headers['access-control-request-private-network'] === 'true'
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {};
    response.writeHead(204, { ...(cors ? CORS_HEADERS : {}), ...extra, 'Content-Length': '0' });
    response.end();
    return;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const reply = error(405, 'Method Not Allowed', `use ${METHODS}`, cors);
    send(request, response, { ...reply, headers: { Allow: METHODS } });
    return;
  }
  send(request, response, route(registry, origin, path));
}

/**
 * The registry file as it is now: read again whenever its modification time or size has
 * changed, so that a change to the lab (changes.ts rewrites the file whole) shows in RDAP at
 * once, as a real registry's RDAP follows its database.
 */
export function registryFile(path: string): () => Registry {
  let seen = '';
  let registry: Registry | null = null;
  return () => {
    const stat = statSync(path);
    const version = `${stat.mtimeMs}:${stat.size}`;
    if (registry === null || version !== seen) {
      registry = loadRegistry(path);
      seen = version;
    }
    return registry;
  };
}

/**
 * Listens on host:port (0: any free port, for tests) and serves `registry`, or what the
 * function returns at each request.
 */
export function startRdapServer(
  registry: Registry | (() => Registry),
  host: string,
  port: number,
): Promise<Server> {
  const current = typeof registry === 'function' ? registry : () => registry;
  return new Promise((resolvePromise, reject) => {
    const server = createServer((request, response) => {
      const bound = server.address() as AddressInfo;
      try {
        handle(current(), `http://${host}:${bound.port}`, request, response);
      } catch (failure) {
        process.stderr.write(`rdap: ${String(failure)}\n`);
        if (!response.headersSent) {
          send(request, response, error(500, 'Internal Server Error', 'registry error', true));
        }
      }
    });
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

async function main(registryPath: string): Promise<void> {
  const read = registryFile(registryPath);
  const registry = read();
  const server = await startRdapServer(read, RDAP_HOST, RDAP_PORT);
  const origin = rdapOrigin();
  process.stdout.write(
    `RDAP for ${registry.tld} (${registry.domains.length} domains): ${origin}/rdap/, ` +
      `bootstrap ${origin}/bootstrap/dns.json\n`,
  );
  const stop = (): void => {
    server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const registryArgument = process.argv[2];
if (registryArgument !== undefined && process.argv[1]?.endsWith('rdap-server.ts')) {
  main(registryArgument).catch((failure: unknown) => {
    process.stderr.write(`rdap-server: ${String(failure)}\n`);
    process.exit(1);
  });
}
