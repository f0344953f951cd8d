/**
 * A warning as data, keyed by its contract id (design.md `data-warning`): what was found
 * (zone, hosts, networks, times, resolvers, counts) and the exchanges it rests on. The
 * detection modules (warnings.ts, resolver-warnings.ts, registry.ts) return these;
 * explain/warnings.ts and explain/registry.ts word them into the Diagnosis's warnings.
 */

import type { TransportErrorClass } from '../evidence/evidence';

interface Resting {
  /** Exchange (and RDAP lookup) ids the warning rests on. */
  readonly exchanges: readonly string[];
}

/**
 * The first signature to lapse on a secure chain, within EXPIRY_WARNING_SECONDS, or one with
 * less validity left than its RRset's TTL (warnings.ts).
 */
export interface ExpiringWarning extends Resting {
  readonly id: 'signatures-expiring';
  readonly owner: string;
  readonly type: string;
  /** Seconds since the epoch: the signature's expiration, and when it was judged. */
  readonly expiration: number;
  readonly now: number;
  /**
   * The RRset's TTL (the RRSIG's Original TTL), when less than one TTL of validity is left:
   * the signer renews late. Absent when only the 3-day horizon raised the warning.
   */
  readonly ttl?: number;
}

export interface SingleNameserverWarning extends Resting {
  readonly id: 'single-nameserver';
  readonly zone: string;
  readonly host: string;
}

export interface OneNetworkWarning extends Resting {
  readonly id: 'one-network';
  readonly zone: string;
  /** How many nameservers the zone has. */
  readonly hosts: number;
  /** `192.0.2.0/24`, `2001:db8:1::/48`, sorted. */
  readonly networks: readonly string[];
}

/** How a resolver's DoH request failed. */
export interface TransportFailure {
  readonly cls: TransportErrorClass;
  readonly message: string;
}

export interface UnreachableResolverWarning extends Resting {
  readonly id: 'resolver-unreachable';
  readonly resolver: string;
  /** Its CD=0 and CD=1 failures, in that order (empty: it was not asked). */
  readonly failures: readonly TransportFailure[];
  /** How many resolvers were asked in all. */
  readonly others: number;
}

export interface SlowResolverWarning extends Resting {
  readonly id: 'resolver-slow';
  readonly resolver: string;
  /** The time it was given, whole seconds. */
  readonly seconds: number;
}

export interface StaleResolverWarning extends Resting {
  readonly id: 'resolver-stale';
  readonly resolvers: readonly string[];
}

export interface RegistryNsWarning extends Resting {
  readonly id: 'registry-ns-mismatch';
  readonly domain: string;
  /** Hosts only the registry lists, and hosts only the zone's NS set names. */
  readonly onlyRegistry: readonly string[];
  readonly onlyZone: readonly string[];
}

export interface RegistryDsWarning extends Resting {
  readonly id: 'registry-ds-mismatch';
  readonly domain: string;
  /** DS lines (`tag alg type DIGEST`) the registry holds that the parent does not publish. */
  readonly missing: readonly string[];
  /** DS lines the parent publishes that the registry no longer holds. */
  readonly extra: readonly string[];
  /** The registry's key tags, when its DS set matches none of the zone's keys. */
  readonly brokenTags: readonly number[] | undefined;
}

/** NSEC3 parameters other than RFC 9276 §3.1's: 0 extra iterations, an empty salt. */
export interface Nsec3IterationsWarning extends Resting {
  readonly id: 'nsec3-iterations';
  readonly zone: string;
  /** The highest iteration count seen in the zone's NSEC3 and NSEC3PARAM records. */
  readonly iterations: number;
  /** Distinct salts seen, hex, upper case (empty: no salt). */
  readonly salts: readonly string[];
  /** One record it rests on, presentation format. */
  readonly record: string;
}

/** A zone whose every key uses an algorithm RFC 8624 §3.1 says not to sign with. */
export interface AlgorithmDeprecatedWarning extends Resting {
  readonly id: 'algorithm-deprecated';
  readonly zone: string;
  /** The zone's key algorithms, numbers, ascending. */
  readonly algorithms: readonly number[];
  /** Key tags of the zone's keys. */
  readonly keyTags: readonly number[];
}

/** The parent publishes only digest type 1 (SHA-1) DS records for the zone. */
export interface DsSha1OnlyWarning extends Resting {
  readonly id: 'ds-sha1-only';
  readonly zone: string;
  readonly parent: string;
  /** The DS records, presentation format. */
  readonly records: readonly string[];
}

/** A DS that matches no DNSKEY of the zone while another DS does. */
export interface DsUnusedWarning extends Resting {
  readonly id: 'ds-unused';
  readonly zone: string;
  /** The DS records that match no key, presentation format. */
  readonly unused: readonly string[];
  /** Key tags of the zone's keys that the other DS records match. */
  readonly matchedTags: readonly number[];
}

/** One CDS or CDNSKEY record of a zone, and the key it stands for. */
export interface ChildRecordCheck {
  /** Presentation format. */
  readonly record: string;
  readonly type: string;
  /** The zone key it describes, when one of the published keys matches. */
  readonly keyTag?: number;
  /** `signing`: that key signs the DNSKEY set; `not-signing`: it is published but does not. */
  readonly state: 'signing' | 'not-signing' | 'no-key';
}

/**
 * CDS/CDNSKEY records (RFC 7344, RFC 8078) that would change the parent's DS set, and how:
 * `breaks` (no record leads to a key that signs the DNSKEY set), `insecure` (a delete
 * record), `stray` (some records lead nowhere beside one that works), `inconsistent` (CDS
 * and CDNSKEY name different keys), `replaces` (a working new set: a rollover under way).
 */
export interface CdsMismatchWarning extends Resting {
  readonly id: 'cds-mismatch';
  readonly zone: string;
  readonly parent: string;
  readonly outcome: 'breaks' | 'insecure' | 'stray' | 'inconsistent' | 'replaces';
  /** The CDS and CDNSKEY records, presentation format. */
  readonly records: readonly string[];
  /** Each record other than a delete one, with the key it stands for. */
  readonly checks: readonly ChildRecordCheck[];
  /** The parent's DS records today, presentation format. */
  readonly ds: readonly string[];
}

export type WarningFinding =
  | ExpiringWarning
  | Nsec3IterationsWarning
  | AlgorithmDeprecatedWarning
  | DsSha1OnlyWarning
  | DsUnusedWarning
  | CdsMismatchWarning
  | SingleNameserverWarning
  | OneNetworkWarning
  | UnreachableResolverWarning
  | SlowResolverWarning
  | StaleResolverWarning
  | RegistryNsWarning
  | RegistryDsWarning;
