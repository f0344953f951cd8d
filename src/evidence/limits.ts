/**
 * The bounds on untrusted Evidence, in a module of their own: the Evidence reader
 * (evidence-codec.ts, evidence-codec-rdap.ts) enforces them, and the live check
 * (check-limits.ts) refuses up front what the reader would refuse later. Kept apart so the
 * app shell can read the numbers without carrying the reader itself.
 */

/** Bounds on untrusted Evidence. The planner asks at most 160 queries (investigate/plan). */
export const EVIDENCE_LIMITS = {
  exchanges: 400,
  resolvers: 64,
  trustAnchors: 64,
  /** RFC 1035 §2.3.4: "names 255 octets or less" (wire form). */
  nameOctets: 255,
  /** The largest DNS message (RFC 1035 §4.2.2: a two-octet length prefix over TCP). */
  responseOctets: 65_535,
  idCharacters: 64,
  urlCharacters: 2048,
  labelCharacters: 200,
  trustAnchorCharacters: 8192,
  contentTypeCharacters: 256,
  errorMessageCharacters: 4096,
  /** The last millisecond a JavaScript Date can hold. */
  timeMs: 8.64e15,
  waves: 100,
} as const;

/** Bounds on the registry's (RDAP) part of untrusted Evidence. */
export const RDAP_LIMITS = {
  lookups: 4,
  nameservers: 32,
  addresses: 16,
  dsData: 16,
  status: 32,
  events: 32,
  textCharacters: 256,
  urlCharacters: 2048,
  digestCharacters: 256,
  errorMessageCharacters: 4096,
  timeMs: 8.64e15,
} as const;
