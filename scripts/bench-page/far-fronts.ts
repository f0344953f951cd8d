/**
 * DoH fronts one round trip away, for `npm run bench:page`: the lab's own gateway code
 * (test/lab/doh-gateway.ts) started in this process, one listener per lab resolver on a port
 * the OS picks, forwarding to that resolver's UDP address and holding every answer until
 * `delayMs` after its request arrived. The lab itself is neither restarted nor changed.
 *
 * Like the lab's, these fronts speak HTTP/1.1, and Chromium opens at most six connections
 * to one of them: a wave that asks one resolver a dozen questions waits two or three delays,
 * not one (an HTTP/2 resolver would take them at once). That wait counts as network time.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '../../test/lab/doh-gateway';
import type { LabResolver } from '../../test/lab/manifest';

const HOST = '127.0.0.1';

export interface FarFronts {
  /** The delaying front's URL for a lab front's URL. */
  readonly urlOf: ReadonlyMap<string, string>;
  close(): Promise<void>;
}

function upstreamOf(resolver: LabResolver): { host: string; port: number } {
  const match = /^(.+):(\d+)$/.exec(resolver.udp);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new Error(`${resolver.id}: no UDP address in ${resolver.udp}`);
  }
  return { host: match[1], port: Number(match[2]) };
}

export async function startFarFronts(
  resolvers: readonly LabResolver[],
  delayMs: number,
): Promise<FarFronts> {
  const servers: Server[] = await startGateway({
    listeners: resolvers.map((resolver) => ({
      resolverId: `${resolver.id}+${delayMs}ms`,
      host: HOST,
      // Port 0: the OS gives each listener a free one.
      port: 0,
      upstream: upstreamOf(resolver),
      answerDelayMs: delayMs,
    })),
  });
  const urlOf = new Map(
    resolvers.map((resolver, i) => {
      const { port } = servers[i]?.address() as AddressInfo;
      return [resolver.dohUrl, `http://${HOST}:${port}/dns-query`] as const;
    }),
  );
  return {
    urlOf,
    close: async () => {
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolvePromise) => {
              server.closeAllConnections();
              server.close(() => resolvePromise());
            }),
        ),
      );
    },
  };
}
