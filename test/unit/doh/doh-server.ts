/**
 * A real HTTP/1.1 server on loopback that plays a DoH resolver, well or badly, one route per
 * behaviour. The transport is tested against it through the real `fetch`, not a mock.
 */

import { Buffer } from 'node:buffer';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { encode, RECURSION_AVAILABLE, RECURSION_DESIRED, DNSSEC_OK } from 'dns-packet';
import { decodeMessage } from '../../../src/dns/message';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

interface Asked {
  readonly name: string;
  readonly type: string;
}

function asked(url: URL): Asked {
  const dns = url.searchParams.get('dns') ?? '';
  const r = decodeMessage(Uint8Array.from(Buffer.from(dns, 'base64url')));
  const q = r.ok ? r.message.question[0] : undefined;
  return { name: q?.name ?? 'invalid.', type: q?.type ?? 'A' };
}

interface AnswerSpec {
  readonly id?: number;
  readonly qr?: boolean;
  readonly rcode?: number;
  /** Set TC, as a resolver that could not get the whole answer may (RFC 8484 §10). */
  readonly tc?: boolean;
  readonly name: string;
  readonly type: string;
}

/** The TC bit of the header's flag word (RFC 1035 §4.1.1). */
const TRUNCATED = 0x0200;

export function answer({
  id = 0,
  qr = true,
  rcode = 0,
  tc = false,
  name,
  type,
}: AnswerSpec): Buffer {
  const typeField = type === 'A' ? 'A' : `UNKNOWN_${type === 'AAAA' ? 28 : 16}`;
  return encode({
    type: qr ? 'response' : 'query',
    id,
    flags: RECURSION_DESIRED | RECURSION_AVAILABLE | (tc ? TRUNCATED : 0) | rcode,
    questions: [{ name: name.replace(/\.$/, ''), type: typeField }],
    answers:
      type === 'A'
        ? [{ type: 'A', name: name.replace(/\.$/, ''), ttl: 60, data: '192.0.2.1' }]
        : [],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: 1232, flags: DNSSEC_OK }],
  }) as Buffer;
}

const DNS = 'application/dns-message';

function send(
  res: ServerResponse,
  status: number,
  type: string | null,
  body: Buffer | string,
): void {
  const headers: Record<string, string> = { 'access-control-allow-origin': '*' };
  if (type !== null) headers['content-type'] = type;
  res.writeHead(status, headers);
  res.end(body);
}

type Route = (url: URL, res: ServerResponse) => void;

const ROUTES: Record<string, Route> = {
  '/ok': (url, res) => send(res, 200, DNS, answer(asked(url))),
  '/ok-charset': (url, res) => send(res, 200, `${DNS}; charset=utf-8`, answer(asked(url))),
  '/ok-upper': (url, res) =>
    send(
      res,
      200,
      'Application/DNS-Message',
      answer({ ...asked(url), name: asked(url).name.toUpperCase() }),
    ),
  '/servfail-no-question': (_url, res) => {
    const m = answer({ name: 'x.', type: 'A', rcode: 2 });
    m.writeUInt16BE(0, 4); // QDCOUNT 0, and drop the question and answer
    send(
      res,
      200,
      DNS,
      Buffer.concat([
        m.subarray(0, 12).fill(0, 6, 8),
        Buffer.from([0, 0, 41, 4, 208, 0, 0, 128, 0, 0, 0]),
      ]),
    );
  },
  '/slow': (url, res) => {
    setTimeout(() => send(res, 200, DNS, answer(asked(url))), 1500).unref();
  },
  '/slow-body': (url, res) => {
    const body = answer(asked(url));
    res.writeHead(200, { 'content-type': DNS, 'content-length': String(body.length) });
    res.write(body.subarray(0, 5));
    setTimeout(() => res.end(body.subarray(5)), 1500).unref();
  },
  '/500': (_url, res) => send(res, 500, 'text/plain', 'oops'),
  '/404': (_url, res) => send(res, 404, 'text/html', '<h1>Not Found</h1>'),
  '/429': (_url, res) => send(res, 429, null, ''),
  '/503-dns': (url, res) => send(res, 503, DNS, answer({ ...asked(url), rcode: 2 })),
  '/html': (_url, res) =>
    send(res, 200, 'text/html; charset=utf-8', '<!doctype html><p>captive portal</p>'),
  '/json': (_url, res) => send(res, 200, 'application/dns-json', '{"Status":0}'),
  '/no-type': (url, res) => send(res, 200, null, answer(asked(url))),
  '/empty': (_url, res) => send(res, 200, DNS, Buffer.alloc(0)),
  '/garbage': (_url, res) =>
    send(res, 200, DNS, Buffer.from('ff00ff00ff00ff00ff00ff00ff00ff00c0ff', 'hex')),
  '/short': (_url, res) => send(res, 200, DNS, Buffer.from([0, 0, 0x81])),
  '/truncated': (url, res) => {
    const full = answer(asked(url));
    send(res, 200, DNS, full.subarray(0, full.length - 9));
  },
  '/wrong-id': (url, res) => send(res, 200, DNS, answer({ ...asked(url), id: 0x1234 })),
  '/other-question': (_url, res) =>
    send(res, 200, DNS, answer({ name: 'www.other.com.', type: 'A' })),
  '/other-type': (url, res) => send(res, 200, DNS, answer({ name: asked(url).name, type: 'AAAA' })),
  '/huge': (url, res) => {
    // A real answer followed by 5 MiB, sent as fast as the socket takes it, no Content-Length.
    res.writeHead(200, { 'content-type': DNS, 'access-control-allow-origin': '*' });
    res.write(answer(asked(url)));
    const chunk = Buffer.alloc(64 * 1024);
    let left = 80;
    const pump = (): void => {
      while (left > 0) {
        left -= 1;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    res.on('close', () => (left = 0));
    pump();
  },
  '/tc': (url, res) => send(res, 200, DNS, answer({ ...asked(url), tc: true })),
  '/qr0': (url, res) => send(res, 200, DNS, answer({ ...asked(url), qr: false })),
  '/redirect': (url, res) => {
    res.writeHead(302, { location: `/ok${url.search}` });
    res.end();
  },
};

export interface DohServer {
  readonly base: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startDohServer(): Promise<DohServer> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const route = ROUTES[url.pathname];
    if (route) route(url, res);
    else send(res, 404, 'text/plain', 'no such route');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port with nothing listening: bind one, then close it. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
