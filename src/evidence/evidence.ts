/**
 * Evidence: the raw DoH exchanges of one investigation, and nothing derived from them.
 *
 * Evidence is the source of truth of SERVFAIL Lens (design.md): the permalink, the saved
 * result, the unit-test fixture and the built-in example are all Evidence. A verdict is
 * recomputed from it by the pure `diagnose()` wherever it is opened. Therefore:
 * - response bytes are kept exactly as received (base64 of the wire message), so that
 *   signatures can be re-checked by whoever opens it;
 * - transport failures are kept as a classified error, never dropped;
 * - nothing that a later version could compute differently (verdicts, validation results)
 *   is stored here.
 */

/** Bump when the JSON shape changes incompatibly; importers reject unknown versions. */
export const EVIDENCE_VERSION = 1 as const;

/** Why a query was asked: the planner's wave and purpose, shown in the report. */
export type ExchangePurpose =
  | 'target' // the name the person asked about, at every resolver, CD=0 and CD=1
  | 'dnskey' // DNSKEY of a zone on the chain
  | 'ds' // DS of a zone cut on the chain
  | 'ns' // NS of the name or an ancestor (zone cuts, lame-delegation analysis)
  | 'soa' // SOA, to locate zone cuts and denial proofs
  | 'cname' // a CNAME/DNAME target followed in a later wave
  | 'address' // A/AAAA of a nameserver host
  | 'apex'; // CDS, CDNSKEY, NSEC3PARAM of a signed zone: what it asks its parent, how it denies

/**
 * How a DoH exchange failed before a DNS message could be trusted. A browser cannot tell a
 * CORS refusal from a network failure (both are a TypeError from fetch), so both are
 * `unreachable`.
 */
export type TransportErrorClass =
  | 'timeout' // no response within the per-request time limit
  | 'unreachable' // network error, DNS failure of the DoH host, TLS failure or CORS block
  | 'http-status' // the HTTP response was not 2xx
  | 'content-type' // 2xx, but not application/dns-message
  | 'malformed' // the body is not a decodable DNS message
  | 'mismatch' // a DNS message, but not the answer to the question asked
  | 'rate-limited' // HTTP 429: the service limits how often this client may ask
  | 'too-large' // the body is longer than any DNS message can be (65,535 octets, RFC 1035 §4.2.2)
  | 'truncated' // a DNS message with TC=1: RFC 8484 §5.1 lets DoH pass it on; it is incomplete
  | 'local-network-denied' // the browser (Local Network Access) was not allowed to reach loopback
  | 'aborted'; // cancelled by the person

export interface TransportError {
  readonly class: TransportErrorClass;
  /** A specific, human-readable explanation (never rendered as HTML). */
  readonly message: string;
}

export interface EvidenceQuestion {
  /** Fully qualified, lower-case A-label name with a trailing dot, e.g. `www.example.com.` */
  readonly name: string;
  /** Record type mnemonic, e.g. `A`, `DNSKEY`. */
  readonly type: string;
}

export interface Exchange {
  /** Unique within the Evidence, e.g. `x0`, `x1`; claims in a diagnosis refer to it. */
  readonly id: string;
  /** The resolver's DoH URL (the same string as in `Evidence.resolvers`). */
  readonly resolver: string;
  readonly question: EvidenceQuestion;
  /** The CD (checking disabled) bit of the query. */
  readonly cd: boolean;
  /** The DO (DNSSEC OK) bit of the query's OPT record. */
  readonly do: boolean;
  readonly purpose: ExchangePurpose;
  /** 1 for the first wave, 2 for queries that depended on an answer of wave 1, … */
  readonly wave: number;
  /** When the request left, milliseconds since the Unix epoch. */
  readonly startedAt: number;
  /** Wall time from request to complete body (or to the failure), in milliseconds. */
  readonly durationMs: number;
  /** HTTP status, when an HTTP response arrived. */
  readonly httpStatus?: number;
  /** The response Content-Type header, when an HTTP response arrived. */
  readonly contentType?: string;
  /** The response body, base64 (standard alphabet, padded), when one arrived. */
  readonly response?: string;
  /** Present when the exchange did not yield a usable answer (bytes may still be kept). */
  readonly error?: TransportError;
}

export interface EvidenceResolver {
  readonly url: string;
  readonly label: string;
}

export interface Evidence {
  readonly version: typeof EVIDENCE_VERSION;
  /** The question the person asked. */
  readonly question: EvidenceQuestion;
  /** The resolvers asked, in display order. */
  readonly resolvers: readonly EvidenceResolver[];
  /** Trust anchors in force (DS or DNSKEY presentation text); empty means the root's. */
  readonly trustAnchors: readonly string[];
  /** Milliseconds since the Unix epoch. */
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly exchanges: readonly Exchange[];
  /**
   * What the registry said about the registered domain over RDAP (RFC 9083), when it was
   * asked: usually one lookup, a second when a name one label deeper had to be tried.
   * Absent in evidence from before the registry was consulted.
   */
  readonly rdap?: readonly RdapLookup[];
}

/**
 * Why an RDAP lookup gave no domain record. Besides the transport classes: the bootstrap
 * file names no RDAP service for the TLD (`no-service`), or the registry answered 404
 * (`not-found`: it has no such domain).
 */
export type RdapErrorClass =
  Exclude<TransportErrorClass, 'mismatch' | 'truncated'> | 'no-service' | 'not-found';

export interface RdapError {
  readonly class: RdapErrorClass;
  /** A specific, human-readable explanation (never rendered as HTML). */
  readonly message: string;
}

/** One DS record as the registry lists it (RFC 9083 §5.3 `dsData`). */
export interface RdapDsData {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Hex, as the registry wrote it. */
  readonly digest: string;
}

export interface RdapNameserver {
  /** As the registry wrote it (often upper case, usually without a trailing dot). */
  readonly ldhName: string;
  /** Glue the registry holds for it (`ipAddresses.v4` / `.v6`). */
  readonly v4: readonly string[];
  readonly v6: readonly string[];
}

/**
 * The fields of an RDAP domain object (RFC 9083 §5.3) that the diagnosis reads, copied as
 * received. The rest of the response (entities, notices, remarks, links) is not kept: it
 * is large, says nothing about DNS, and may name people.
 */
export interface RdapDomainRecord {
  readonly ldhName: string;
  /** RFC 9083 §10.2.2 status values, e.g. `active`, `client hold`. */
  readonly status: readonly string[];
  readonly nameservers: readonly RdapNameserver[];
  /** `secureDNS.delegationSigned`, when the registry says. */
  readonly delegationSigned?: boolean;
  readonly dsData: readonly RdapDsData[];
  /** `events`: e.g. `registration`, `expiration`, `last changed`, with ISO 8601 dates. */
  readonly events: readonly { readonly action: string; readonly date: string }[];
}

export interface RdapLookup {
  /** Unique within the Evidence, `r0`, `r1`; claims refer to it. */
  readonly id: string;
  /** The registered domain asked about, fully qualified, lower case: `example.com.` */
  readonly domain: string;
  /** The bootstrap file (RFC 9224) that named the registry's RDAP service. */
  readonly bootstrap: string;
  /** The domain query sent, when the bootstrap file named a service. */
  readonly url?: string;
  readonly startedAt: number;
  readonly durationMs: number;
  readonly httpStatus?: number;
  readonly record?: RdapDomainRecord;
  readonly error?: RdapError;
}
