/**
 * The verdict every lab scenario should get (one broken thing each, test/lab/README.md):
 * shared by the unit tests on the recordings and the browser tests against the live lab.
 */

import type { ReasonId, VerdictId } from '../../../src/diagnosis/ids';

/** Expected verdict, reason and (for failures) the zone named. */
export const EXPECTED: Readonly<Record<string, readonly [VerdictId, ReasonId, string?]>> = {
  alg8: ['ok', 'secure'],
  alg10: ['ok', 'secure'],
  alg13: ['ok', 'secure'],
  alg14: ['ok', 'secure'],
  alg15: ['ok', 'secure'],
  alg16: ['ok', 'secure'],
  nsec3: ['ok', 'secure'],
  'nsec3-nxdomain': ['nxdomain', 'secure'],
  expired: ['dnssec-bogus', 'rrsig-expired', 'expired.lab.'],
  'ds-mismatch': ['dnssec-bogus', 'ds-mismatch', 'ds-mismatch.lab.'],
  'unsigned-ds': ['dnssec-bogus', 'dnskey-missing', 'unsigned-ds.lab.'],
  // The lab's resolvers answer a lame or dead delegation with a bare SERVFAIL (no EDE), so
  // the evidence cannot tell REFUSED from unreachable: the generic reason, said as such.
  lame: ['lame-delegation', 'ns-failure', 'lame.lab.'],
  dead: ['lame-delegation', 'ns-failure', 'dead.lab.'],
  insecure: ['ok', 'insecure'],
  nxdomain: ['nxdomain', 'secure'],
  'nxdomain-child': ['nxdomain', 'secure'],
  nodata: ['nodata', 'secure'],
  'cname-bogus': ['dnssec-bogus', 'rrsig-expired', 'expired.lab.'],
  partial: ['resolver-specific', 'resolver-failure'],
  blocked: ['resolver-specific', 'resolver-refused'],
  // The registry holds it (client hold), so lab. has no delegation: a proven NXDOMAIN.
  held: ['nxdomain', 'secure'],
  // Delegated to ns1.gone.lab., a name that does not exist; only the registry names it.
  orphan: ['lame-delegation', 'ns-no-address', 'orphan.lab.'],
  'two-ns': ['ok', 'secure'],
  'spread-ns': ['ok', 'secure'],
  // Working zones that carry an early warning (issue 16): ok, with the warning beside.
  'nsec3-iter': ['ok', 'secure'],
  rsasha1: ['ok', 'secure'],
  'sha1-ds': ['ok', 'secure'],
  'leftover-ds': ['ok', 'secure'],
  'cds-ok': ['ok', 'secure'],
  'cds-bad': ['ok', 'secure'],
  // Resolvers as they really behave (issue 11). A SERVFAIL held back 6 s still arrives
  // within the target limit; one held 30 s is a time-out at a resolver that answered the
  // rest (slow, not offline): either way the other resolvers' SERVFAIL decides.
  slow: ['lame-delegation', 'ns-failure', 'dead.lab.'],
  stuck: ['lame-delegation', 'ns-failure', 'dead.lab.'],
  // A stale answer (EDE 3) hides the failure of the zone's servers: still lame.
  stale: ['lame-delegation', 'ns-failure', 'stale.lab.'],
  // A bare NXDOMAIN or an unsigned address beside a validated answer: the filter's doing.
  filtered: ['resolver-specific', 'filtered'],
  forged: ['resolver-specific', 'forged'],
};
