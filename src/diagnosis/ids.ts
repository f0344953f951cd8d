/**
 * Every verdict and reason id the app can show, in one table (design.md: the ids appear in
 * the DOM contract `data-verdict` / `data-reason`, and tests rely on them). Kebab-case.
 */

import type { ReasonId as DnssecReasonId } from '../dnssec/status';
import type { DnssecReason } from './finding';

export const VERDICTS = {
  ok: 'The name resolves and its answer checks out.',
  'dnssec-bogus': 'The DNSSEC chain of trust is broken; validating resolvers refuse the answer.',
  'lame-delegation': 'The zone’s nameservers do not answer for it.',
  'resolver-specific': 'Some resolvers fail while others answer: the domain is not the problem.',
  nxdomain: 'The name does not exist.',
  nodata: 'The name exists but has no record of the asked type.',
  inconclusive: 'The evidence cannot decide.',
} as const;

export type VerdictId = keyof typeof VERDICTS;

export const REASONS = {
  // ok / nxdomain / nodata
  secure: 'validated from the trust anchor',
  insecure: 'no DNSSEC: an insecure delegation (proven absence of DS) or unsigned tree',
  'not-validated': 'answered, but our own validation could not be completed',
  // dnssec-bogus
  'ds-mismatch': 'the DS at the parent matches no DNSKEY of the zone',
  'dnskey-missing': 'the zone publishes no DNSKEY although the parent has a DS',
  'rrsig-expired': 'the signatures have expired',
  'rrsig-not-yet-valid': 'the signatures are not valid yet',
  'rrsig-missing': 'records are unsigned in a signed zone',
  'signature-invalid': 'a signature does not verify',
  'nsec-proof-invalid': 'the proof of non-existence does not hold',
  'dnssec-failure': 'validating resolvers report a DNSSEC failure',
  // lame-delegation
  'ns-refused': 'the nameservers refuse to answer for the zone',
  'ns-unreachable': 'the nameservers cannot be reached',
  'ns-failure': 'the nameservers fail to answer for the zone',
  'ns-no-address': 'the nameservers’ names do not resolve to an address',
  // resolver-specific
  blocked: 'a resolver blocks the name by policy',
  filtered: 'a resolver filters the name',
  censored: 'a resolver censors the name',
  prohibited: 'a resolver refuses the query by policy',
  'resolver-unreachable': 'a resolver cannot be reached from this browser',
  'resolver-failure': 'a resolver fails where others succeed',
  'resolver-refused': 'a resolver refuses the query (REFUSED), usually by its own policy',
  'resolver-dnssec': 'a resolver rejects as bogus an answer that validates elsewhere',
  'resolver-disagrees': 'a resolver’s answer contradicts the validated one',
  forged: 'a resolver hands out an address the zone does not publish',
  // inconclusive
  'all-unreachable': 'no resolver could be reached from this browser',
  'mixed-evidence': 'the answers do not point to one cause',
  'failure-unlocated': 'every resolver fails, and the evidence does not show which zone breaks',
  cancelled: 'the check was cancelled before enough answers arrived',
  'authority-slow': 'resolvers answer the rest of the check but not the name itself in time',
} as const;

export type ReasonId = keyof typeof REASONS;

/** Which reasons each verdict may carry (a diagnosis never pairs them otherwise). */
export const VERDICT_REASONS: Readonly<Record<VerdictId, readonly ReasonId[]>> = {
  ok: ['secure', 'insecure', 'not-validated'],
  nxdomain: ['secure', 'insecure', 'not-validated'],
  nodata: ['secure', 'insecure', 'not-validated'],
  'dnssec-bogus': [
    'ds-mismatch',
    'dnskey-missing',
    'rrsig-expired',
    'rrsig-not-yet-valid',
    'rrsig-missing',
    'signature-invalid',
    'nsec-proof-invalid',
    'dnssec-failure',
  ],
  'lame-delegation': ['ns-refused', 'ns-unreachable', 'ns-failure', 'ns-no-address'],
  'resolver-specific': [
    'blocked',
    'filtered',
    'censored',
    'prohibited',
    'resolver-unreachable',
    'resolver-failure',
    'resolver-refused',
    'resolver-dnssec',
    'resolver-disagrees',
    'forged',
  ],
  inconclusive: [
    'all-unreachable',
    'mixed-evidence',
    'cancelled',
    'failure-unlocated',
    'authority-slow',
  ],
};

/**
 * The validator's bogus reasons (src/dnssec/status.ts) as diagnosis reasons: the specific
 * ones keep their id, the rest become the generic `dnssec-failure`.
 */
export const DNSSEC_REASON: Readonly<Record<DnssecReasonId, DnssecReason>> = {
  'no-trust-anchor': 'dnssec-failure',
  'no-ds': 'dnssec-failure',
  'nsec3-opt-out': 'dnssec-failure',
  'unsupported-algorithm': 'dnssec-failure',
  'unsupported-digest': 'dnssec-failure',
  'unsupported-key-size': 'dnssec-failure',
  'nsec3-iterations': 'dnssec-failure',
  'rrsig-expired': 'rrsig-expired',
  'rrsig-not-yet-valid': 'rrsig-not-yet-valid',
  'rrsig-missing': 'rrsig-missing',
  'rrsig-malformed': 'signature-invalid',
  'signature-invalid': 'signature-invalid',
  'dnskey-missing': 'dnskey-missing',
  'no-zone-key-bit': 'dnskey-missing',
  'ds-mismatch': 'ds-mismatch',
  'nsec-missing': 'nsec-proof-invalid',
  'nsec-proof-invalid': 'nsec-proof-invalid',
  'dname-mismatch': 'signature-invalid',
  'malformed-record': 'dnssec-failure',
  'work-limit': 'dnssec-failure',
  'material-missing': 'dnssec-failure',
  'chain-too-long': 'dnssec-failure',
};
