/**
 * Empties the Unbound resolvers' caches, so a check sees the servers and not what an
 * earlier check left behind.
 *
 * `val-bogus-ttl: 0` keeps bogus answers out of the message cache, but a DS or DNSKEY that
 * fails validation still blacks out its zone in the key cache for BOGUS_KEY_TTL, a fixed
 * 60 s (validator/validator.h). During that minute Unbound reports the zone with a bare
 * EDE 6 instead of the specific code (9 for ds-mismatch.lab): the check would depend on
 * how long ago the previous one ran.
 */
import { runToolOrThrow } from './shell';
import { RESOLVERS } from './topology';
import { unboundConfigPath } from './unbound-conf';

/** unbound-control(8): `flush_zone .` drops rrsets, messages and key entries; infra is RTT and lameness. */
const FLUSH_COMMANDS: readonly (readonly string[])[] = [
  ['flush_zone', '.'],
  ['flush_bogus'],
  ['flush_infra', 'all'],
];

/**
 * Every Unbound except the serve-stale one: its cache holds what lab:up primed and can
 * never fetch again (the server of stale.lab. is gone), and emptying it would end the
 * `stale` scenario until the next `lab:up`.
 */
export async function flushUnboundCaches(): Promise<void> {
  const unbounds = RESOLVERS.filter(
    (resolver) => resolver.implementation === 'unbound' && !resolver.serveExpired,
  );
  await Promise.all(
    unbounds.map(async (resolver) => {
      for (const command of FLUSH_COMMANDS) {
        await runToolOrThrow('unbound-control', ['-c', unboundConfigPath(resolver.id), ...command]);
      }
    }),
  );
}
