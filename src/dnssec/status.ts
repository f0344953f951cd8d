/**
 * The four validation statuses of RFC 4035 §4.3 and the typed reasons a link can carry.
 * Ids are kebab-case and listed once here; the UI and the diagnosis refer to them by id.
 */

/**
 * RFC 4035 §4.3: secure (a chain of signed DNSKEY and DS RRs from a trust anchor),
 * insecure (proof that no such chain exists), bogus (a chain should exist but does not
 * verify), indeterminate (we cannot tell: material missing, or work limits hit).
 */
export const STATUSES = ['secure', 'insecure', 'bogus', 'indeterminate'] as const;
export type Status = (typeof STATUSES)[number];

export interface ReasonInfo {
  /** The status a link gets for this reason. */
  readonly status: Status;
  /** The matching Extended DNS Error info-code (RFC 8914 §4), when one fits. */
  readonly ede?: number;
  readonly summary: string;
}

export const REASONS = {
  'no-trust-anchor': { status: 'insecure', summary: 'No trust anchor covers this name' },
  'no-ds': {
    status: 'insecure',
    summary: 'The parent proves that no DS exists: an unsigned delegation',
  },
  'nsec3-opt-out': {
    status: 'insecure',
    summary: 'Covered by an NSEC3 opt-out span: may be an unsigned delegation',
  },
  'unsupported-algorithm': {
    status: 'insecure',
    ede: 1,
    summary: 'Signed only with algorithms this validator does not support',
  },
  'unsupported-digest': {
    status: 'insecure',
    ede: 2,
    summary: 'DS records use only digest types this validator does not support',
  },
  'unsupported-key-size': { status: 'insecure', ede: 1, summary: 'RSA key shorter than 1024 bits' },
  'nsec3-iterations': {
    status: 'insecure',
    ede: 27,
    summary: 'NSEC3 iterations above the limit (RFC 9276 §3.2)',
  },
  'rrsig-expired': { status: 'bogus', ede: 7, summary: 'A signature has expired' },
  'rrsig-not-yet-valid': { status: 'bogus', ede: 8, summary: 'A signature is not valid yet' },
  'rrsig-missing': {
    status: 'bogus',
    ede: 10,
    summary: 'An RRset that must be signed has no signature',
  },
  'rrsig-malformed': {
    status: 'bogus',
    ede: 6,
    summary: 'A signature does not fit the RRset it covers (labels, signer, type)',
  },
  'signature-invalid': { status: 'bogus', ede: 6, summary: 'A signature does not verify' },
  'dnskey-missing': { status: 'bogus', ede: 9, summary: 'No DNSKEY matches the signature' },
  'no-zone-key-bit': {
    status: 'bogus',
    ede: 11,
    summary: 'The only matching DNSKEY has the Zone Key bit clear',
  },
  'ds-mismatch': {
    status: 'bogus',
    ede: 9,
    summary: 'No DNSKEY of the zone matches the DS at the parent',
  },
  'nsec-missing': { status: 'bogus', ede: 12, summary: 'The denial of existence is missing' },
  'nsec-proof-invalid': {
    status: 'bogus',
    ede: 6,
    summary: 'The NSEC/NSEC3 records do not prove the denial',
  },
  'dname-mismatch': {
    status: 'bogus',
    ede: 6,
    summary: 'The CNAME does not follow from the DNAME',
  },
  'malformed-record': { status: 'bogus', ede: 24, summary: 'A DNSSEC record cannot be decoded' },
  'work-limit': {
    status: 'indeterminate',
    ede: 5,
    summary: 'Validation stopped at a work limit (KeyTrap guard)',
  },
  'material-missing': {
    status: 'indeterminate',
    ede: 5,
    summary: 'Records needed for the proof were not collected',
  },
  'chain-too-long': { status: 'indeterminate', ede: 5, summary: 'Too many CNAME/DNAME steps' },
} as const satisfies Record<string, ReasonInfo>;

export type ReasonId = keyof typeof REASONS;

export const REASON_IDS = Object.keys(REASONS) as readonly ReasonId[];

const RANK: Readonly<Record<Status, number>> = {
  secure: 0,
  insecure: 1,
  indeterminate: 2,
  bogus: 3,
};

/** The worse of two statuses for a combined verdict: bogus > indeterminate > insecure > secure. */
export function worseStatus(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}
