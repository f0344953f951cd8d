/**
 * DoH fronts one round trip away, for `npm run bench:page`: the lab's own gateway code
 * (test/lab/doh-gateway.ts) started in this process, one listener per lab resolver on a port
 * the OS picks, forwarding to that resolver's UDP address and holding every answer until
 * `delayMs` after its request arrived. The lab itself is neither restarted nor changed.
 *
 * They speak HTTP/2 over TLS, as public DoH services do (facts.md): one connection takes a
 * whole wave at once, where the lab's HTTP/1.1 fronts let Chromium open six connections and
 * a wave of a dozen questions waits two or three delays. The certificate is self-signed for
 * 127.0.0.1 (test/lab/self-signed.ts); the browser is launched with
 * `--ignore-certificate-errors` (FAR_FRONTS_BROWSER_ARGS). The TLS handshake itself costs
 * no delay here, where a real resolver's first query pays one or two round trips for it.
 */
import type { Http2SecureServer, ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { startSecureGateway } from '../../test/lab/doh-gateway';
import { udpEndpoint, type LabResolver } from '../../test/lab/manifest';
import { selfSignedFor } from '../../test/lab/self-signed';

/** What the browser needs to accept the fronts' self-signed certificate. */
export const FAR_FRONTS_BROWSER_ARGS = ['--ignore-certificate-errors'] as const;

const HOST = '127.0.0.1';

export interface FarFronts {
  /** The delaying front's URL for a lab front's URL. */
  readonly urlOf: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

export async function startFarFronts(
  resolvers: readonly LabResolver[],
  delayMs: number,
): Promise<FarFronts> {
  const servers: Http2SecureServer[] = await startSecureGateway(
    {
      listeners: resolvers.map((resolver) => ({
        resolverId: `${resolver.id}+${delayMs}ms`,
        host: HOST,
        // Port 0: the OS gives each listener a free one.
        port: 0,
        upstream: udpEndpoint(resolver),
        answerDelayMs: delayMs,
      })),
    },
    selfSignedFor(HOST),
  );
  // HTTP/2 sessions outlive their requests: closing a server waits for them, so each is
  // kept to be ended at close.
  const sessions = new Set<ServerHttp2Session>();
  for (const server of servers) {
    server.on('session', (session: ServerHttp2Session) => {
      sessions.add(session);
      session.once('close', () => sessions.delete(session));
    });
  }
  const urlOf = new Map(
    resolvers.map((resolver, i) => {
      const { port } = servers[i]?.address() as AddressInfo;
      return [resolver.dohUrl, `https://${HOST}:${port}/dns-query`] as const;
    }),
  );
  return {
    urlOf,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolvePromise) => {
              server.close(() => resolvePromise());
              for (const session of sessions) session.destroy();
            }),
        ),
      );
    },
  };
}
