/**
 * The lab's DoH fronts (RFC 8484) over cleartext HTTP/1.1, one port per resolver, all in
 * one process: `node --import tsx doh-gateway.ts <config.json>`.
 *
 * A browser cannot speak cleartext HTTP/2 and needs CORS, which the resolvers' own DoH
 * listeners get wrong or lack, so this gateway forwards the exact query bytes to each
 * resolver's UDP port (TCP on truncation) and adds the headers a page needs.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { forwardQuery, UpstreamTimeout, type Upstream } from './doh-forward';

export interface GatewayListener {
  readonly resolverId: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: Upstream;
}

export interface GatewayConfig {
  readonly listeners: readonly GatewayListener[];
}

const DOH_PATH = '/dns-query';
const DNS_MESSAGE = 'application/dns-message';
/** RFC 8484 §6: the answer to a DoH request must arrive; ~5 s is a stub resolver's patience. */
const UPSTREAM_TIMEOUT_MS = 5000;
/** A DNS message is at most 65535 octets (RFC 8484 §6 leaves bigger bodies to 413). */
const MAX_MESSAGE = 65_535;
const HEADER_LENGTH = 12;

/** Every response allows any origin: the app is a static page on another port or host. */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, accept',
  'Access-Control-Max-Age': '86400',
} as const;

function reply(
  response: ServerResponse,
  status: number,
  body: Uint8Array | string,
  headers: Record<string, string> = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(`${body}\n`) : body;
  response.writeHead(status, {
    ...CORS_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : DNS_MESSAGE,
    'Content-Length': String(bytes.length),
    ...headers,
  });
  response.end(bytes);
}

/** The `dns` parameter: base64url without padding (RFC 8484 §4.1, RFC 4648 §5). */
function queryFromGet(url: URL): Uint8Array | string {
  const encoded = url.searchParams.get('dns');
  if (encoded === null) return 'missing dns parameter';
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(encoded)) return 'dns parameter is not base64url';
  return new Uint8Array(Buffer.from(encoded, 'base64url'));
}

async function queryFromPost(request: IncomingMessage): Promise<Uint8Array | string> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== DNS_MESSAGE) return `content-type must be ${DNS_MESSAGE}`;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    length += buffer.length;
    if (length > MAX_MESSAGE) return 'body larger than a DNS message';
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function handle(
  listener: GatewayListener,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${listener.host}:${listener.port}`);
  if (url.pathname !== DOH_PATH) return reply(response, 404, `not found; DoH is at ${DOH_PATH}`);

  if (request.method === 'OPTIONS') {
    // CORS preflight for POST; Chromium's Private Network Access asks for one more header.
    const extra: Record<string, string> =
      request.headers['access-control-request-private-network'] === 'true'
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {};
    response.writeHead(204, { ...CORS_HEADERS, ...extra, 'Content-Length': '0' });
    return void response.end();
  }

  let query: Uint8Array | string;
  if (request.method === 'GET') query = queryFromGet(url);
  else if (request.method === 'POST') query = await queryFromPost(request);
  else return reply(response, 405, 'use GET or POST', { Allow: 'GET, POST, OPTIONS' });

  if (typeof query === 'string') {
    const status = query.startsWith('content-type') ? 415 : 400;
    return reply(response, status, query);
  }
  if (query.length < HEADER_LENGTH || query.length > MAX_MESSAGE) {
    return reply(response, 400, 'not a DNS message');
  }

  try {
    return reply(response, 200, await forwardQuery(listener.upstream, query, UPSTREAM_TIMEOUT_MS));
  } catch (error) {
    const reason = error instanceof UpstreamTimeout ? 'resolver did not answer' : String(error);
    process.stderr.write(`${listener.resolverId}: ${reason}\n`);
    return reply(response, 502, reason);
  }
}

export function startGateway(config: GatewayConfig): Promise<Server[]> {
  return Promise.all(
    config.listeners.map(
      (listener) =>
        new Promise<Server>((resolvePromise, reject) => {
          const server = createServer((request, response) => {
            handle(listener, request, response).catch((error: unknown) => {
              process.stderr.write(`${listener.resolverId}: ${String(error)}\n`);
              if (!response.headersSent) reply(response, 500, 'gateway error');
            });
          });
          server.once('error', reject);
          server.listen(listener.port, listener.host, () => resolvePromise(server));
        }),
    ),
  );
}

function isGatewayConfig(value: unknown): value is GatewayConfig {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { listeners?: unknown }).listeners)
  );
}

async function main(configPath: string): Promise<void> {
  const config: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
  if (!isGatewayConfig(config)) throw new Error(`${configPath} is not a gateway config`);
  const servers = await startGateway(config);
  for (const listener of config.listeners) {
    process.stdout.write(
      `DoH ${listener.resolverId}: http://${listener.host}:${listener.port}${DOH_PATH} → ${listener.upstream.host}:${listener.upstream.port}\n`,
    );
  }
  const stop = (): void => {
    for (const server of servers) server.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const configArgument = process.argv[2];
if (configArgument !== undefined && process.argv[1]?.endsWith('doh-gateway.ts')) {
  main(configArgument).catch((error: unknown) => {
    process.stderr.write(`doh-gateway: ${String(error)}\n`);
    process.exit(1);
  });
}
