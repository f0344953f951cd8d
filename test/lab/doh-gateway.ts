/**
 * The lab's DoH fronts (RFC 8484) over cleartext HTTP/1.1, one port per resolver, all in
 * one process: `node --import tsx doh-gateway.ts <config.json>`.
 *
 * A browser cannot speak cleartext HTTP/2 and needs CORS, which the resolvers' own DoH
 * listeners get wrong or lack, so this gateway forwards the exact query bytes to each
 * resolver's UDP port (TCP on truncation) and adds the headers a page needs.
 *
 * Some listeners imitate public services on purpose (fronts.ts): a delaying front holds a
 * SERVFAIL back, and the broken-fronts listener misbehaves in one way per path. A listener
 * can also hold every answer back (`answerDelayMs`), as `npm run bench:page` does to put
 * a known round trip between the page and the resolver.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { Server as NetServer } from 'node:net';
import { rcodeOf, RCODE_SERVFAIL } from './dns-rewrite';
import { forwardQuery, UpstreamTimeout, type Upstream } from './doh-forward';
import { misbehave } from './doh-misbehave';
import { isBrokenBehaviour, type BrokenBehaviour } from './fronts';
import { CORS_HEADERS, DNS_MESSAGE, reply } from './http-reply';

export interface GatewayListener {
  readonly resolverId: string;
  readonly host: string;
  readonly port: number;
  readonly upstream: Upstream;
  /** Hold a SERVFAIL until this long after the request arrived (the delaying fronts). */
  readonly servfailDelayMs?: number;
  /**
   * Hold every DNS answer, whatever its RCODE, until this long after the request arrived:
   * a resolver one round trip away (the page benchmark). The bytes are the resolver's, as
   * without it; the gateway's own errors and the broken fronts leave as they would.
   */
  readonly answerDelayMs?: number;
  /**
   * Serve the broken fronts, `/<behaviour>/dns-query` (fronts.ts), instead of
   * `/dns-query`; `hangMs` is how long `/hang/` keeps a connection before closing it.
   */
  readonly broken?: { readonly hangMs: number };
}

export interface GatewayConfig {
  readonly listeners: readonly GatewayListener[];
}

const DOH_PATH = '/dns-query';
/** RFC 8484 §6: the answer to a DoH request must arrive; ~5 s is a stub resolver's patience. */
const UPSTREAM_TIMEOUT_MS = 5000;
/** A DNS message is at most 65535 octets (RFC 8484 §6 leaves bigger bodies to 413). */
const MAX_MESSAGE = 65_535;
const HEADER_LENGTH = 12;

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
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

/**
 * Which front a path selects: null for the standard `/dns-query`, a behaviour for the
 * broken fronts' `/<behaviour>/dns-query`, undefined for anything else (404).
 */
function frontOf(listener: GatewayListener, pathname: string): BrokenBehaviour | null | undefined {
  if (listener.broken === undefined) return pathname === DOH_PATH ? null : undefined;
  const match = /^\/([^/]+)\/dns-query$/.exec(pathname);
  const behaviour = match?.[1];
  return behaviour !== undefined && isBrokenBehaviour(behaviour) ? behaviour : undefined;
}

/** The broken fronts without CORS headers send none on any response, preflights included. */
function sendsCors(behaviour: BrokenBehaviour | null): boolean {
  return behaviour !== 'nocors' && behaviour !== '429';
}

/** How long after the request's arrival an answer may leave: the longer of the two delays. */
function holdOf(listener: GatewayListener, answer: Uint8Array): number {
  const servfail = rcodeOf(answer) === RCODE_SERVFAIL ? (listener.servfailDelayMs ?? 0) : 0;
  return Math.max(servfail, listener.answerDelayMs ?? 0);
}

async function handle(
  listener: GatewayListener,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const arrived = Date.now();
  const url = new URL(request.url ?? '/', `http://${listener.host}:${listener.port}`);
  const behaviour = frontOf(listener, url.pathname);
  if (behaviour === undefined) {
    const where = listener.broken === undefined ? DOH_PATH : `/<behaviour>${DOH_PATH}`;
    return reply(response, 404, `not found; DoH is at ${where}`);
  }
  const cors = sendsCors(behaviour);

  if (request.method === 'OPTIONS') {
    // CORS preflight for POST; Chromium's Private Network Access asks for one more header.
    const extra: Record<string, string> =
      request.headers['access-control-request-private-network'] === 'true'
        ? { 'Access-Control-Allow-Private-Network': 'true' }
        : {};
    response.writeHead(204, {
      ...(cors ? { ...CORS_HEADERS, ...extra } : {}),
      'Content-Length': '0',
    });
    return void response.end();
  }

  let query: Uint8Array | string;
  if (request.method === 'GET') query = queryFromGet(url);
  else if (request.method === 'POST') query = await queryFromPost(request);
  else
    return reply(response, 405, 'use GET or POST', {
      headers: { Allow: 'GET, POST, OPTIONS' },
      cors,
    });

  if (typeof query === 'string') {
    const status = query.startsWith('content-type') ? 415 : 400;
    return reply(response, status, query, { cors });
  }
  if (query.length < HEADER_LENGTH || query.length > MAX_MESSAGE) {
    return reply(response, 400, 'not a DNS message', { cors });
  }

  const resolve = (message: Uint8Array): Promise<Uint8Array> =>
    forwardQuery(listener.upstream, message, UPSTREAM_TIMEOUT_MS);
  try {
    if (behaviour !== null) {
      const hangMs = listener.broken?.hangMs ?? 0;
      return await misbehave({ behaviour, query, request, response, resolve, hangMs });
    }
    const answer = await resolve(query);
    const remaining = arrived + holdOf(listener, answer) - Date.now();
    if (remaining > 0) await sleep(remaining);
    return reply(response, 200, answer);
  } catch (error) {
    const reason = error instanceof UpstreamTimeout ? 'resolver did not answer' : String(error);
    process.stderr.write(`${listener.resolverId}: ${reason}\n`);
    return reply(response, 502, reason, { cors });
  }
}

/** The request handler of one listener; a failure inside it is a 500, and logged. */
function serve(
  listener: GatewayListener,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    handle(listener, request, response).catch((error: unknown) => {
      process.stderr.write(`${listener.resolverId}: ${String(error)}\n`);
      if (!response.headersSent) reply(response, 500, 'gateway error');
    });
  };
}

function listening<T extends NetServer>(server: T, listener: GatewayListener): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(listener.port, listener.host, () => resolvePromise(server));
  });
}

export function startGateway(config: GatewayConfig): Promise<Server[]> {
  return Promise.all(
    config.listeners.map((listener) => listening(createServer(serve(listener)), listener)),
  );
}

/** A certificate and its key, PEM, for the HTTP/2 fronts. */
export interface GatewayTls {
  readonly key: string;
  readonly cert: string;
}

/**
 * The same fronts over HTTP/2 with TLS, as public resolvers serve DoH: one connection with
 * many streams, so all of a wave's questions leave at once (over HTTP/1.1 a browser opens at
 * most six connections to one front, and a wave of a dozen waits two or three answers).
 * Node's HTTP/2 compatibility API gives the handler what it uses of a request and a
 * response (url, method, headers, the body as an async iterable, writeHead, end,
 * headersSent); its types are not node:http's, hence the casts. The broken fronts stay on
 * HTTP/1.1 (they misbehave at the socket).
 */
export function startSecureGateway(
  config: GatewayConfig,
  tls: GatewayTls,
): Promise<Http2SecureServer[]> {
  return Promise.all(
    config.listeners.map((listener) => {
      if (listener.broken !== undefined) throw new Error('the broken fronts are HTTP/1.1 only');
      const handler = serve(listener);
      const server = createSecureServer(
        { key: tls.key, cert: tls.cert, allowHTTP1: true },
        (request, response) =>
          handler(request as unknown as IncomingMessage, response as unknown as ServerResponse),
      );
      return listening(server, listener);
    }),
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
    const path = listener.broken === undefined ? DOH_PATH : `/<behaviour>${DOH_PATH}`;
    const delay = [
      listener.servfailDelayMs === undefined
        ? ''
        : ` (SERVFAIL after ${listener.servfailDelayMs} ms)`,
      listener.answerDelayMs === undefined ? '' : ` (answers after ${listener.answerDelayMs} ms)`,
    ].join('');
    process.stdout.write(
      `DoH ${listener.resolverId}: http://${listener.host}:${listener.port}${path} → ${listener.upstream.host}:${listener.upstream.port}${delay}\n`,
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
