/**
 * Forwards one DNS message to a resolver and returns its answer, unchanged.
 *
 * UDP first; when the answer has TC=1 the same query goes over TCP with the two-octet
 * length prefix (RFC 1035 §4.2.2, RFC 7766 §5), as any stub resolver would.
 */
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

export interface Upstream {
  readonly host: string;
  readonly port: number;
}

export class UpstreamTimeout extends Error {}

/** TC is bit 9 of the flags, i.e. 0x02 of the third header octet (RFC 1035 §4.1.1). */
function truncated(message: Uint8Array): boolean {
  return ((message[2] ?? 0) & 0x02) !== 0;
}

function sameId(query: Uint8Array, answer: Uint8Array): boolean {
  return answer.length >= 12 && answer[0] === query[0] && answer[1] === query[1];
}

function overUdp(upstream: Upstream, query: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolvePromise, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(
      () => finish(new UpstreamTimeout(`no UDP answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let done = false;
    function finish(outcome: Uint8Array | Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      if (outcome instanceof Error) reject(outcome);
      else resolvePromise(outcome);
    }
    socket.on('message', (message) => {
      // Anything else on this ephemeral port is not our answer (RFC 5452 §9.1).
      if (sameId(query, message)) finish(new Uint8Array(message));
    });
    socket.on('error', (error) => finish(error));
    socket.send(query, upstream.port, upstream.host);
  });
}

function overTcp(upstream: Upstream, query: Uint8Array, timeoutMs: number): Promise<Uint8Array> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: upstream.host, port: upstream.port });
    let received = Buffer.alloc(0);
    const timer = setTimeout(
      () => finish(new UpstreamTimeout(`no TCP answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    let done = false;
    function finish(outcome: Uint8Array | Error): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolvePromise(outcome);
    }
    socket.on('connect', () => {
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(query.length);
      socket.write(Buffer.concat([prefix, query]));
    });
    socket.on('data', (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length >= 2 + length) finish(new Uint8Array(received.subarray(2, 2 + length)));
    });
    socket.on('error', (error) => finish(error));
    socket.on('end', () => finish(new Error('resolver closed the TCP connection early')));
  });
}

/** The resolver's answer, or UpstreamTimeout when none arrives within `timeoutMs` overall. */
export async function forwardQuery(
  upstream: Upstream,
  query: Uint8Array,
  timeoutMs: number,
): Promise<Uint8Array> {
  const started = Date.now();
  const answer = await overUdp(upstream, query, timeoutMs);
  if (!truncated(answer)) return answer;
  return overTcp(upstream, query, Math.max(1, timeoutMs - (Date.now() - started)));
}
