/**
 * The scenario zones delegated from `lab.`: what each one is and what is broken in it.
 *
 * Each zone breaks exactly one thing (relaycorp/dnssec-js style), so a verdict about it
 * has one right answer. Zone names are a contract with the tests and the app's examples.
 */
import type { AuthServerId } from './topology';

/** DNSSEC algorithm numbers (IANA "DNS Security Algorithm Numbers") the lab signs with. */
export type DnssecAlgorithm = 8 | 10 | 13 | 14 | 15 | 16;

/** dnssec-keygen's name for each algorithm; RSA needs a size (RFC 8624 §3.1: ≥ 2048 bits). */
export const KEYGEN_ALGORITHM: Readonly<
  Record<DnssecAlgorithm, { readonly mnemonic: string; readonly bits?: number }>
> = {
  8: { mnemonic: 'RSASHA256', bits: 2048 },
  10: { mnemonic: 'RSASHA512', bits: 2048 },
  13: { mnemonic: 'ECDSAP256SHA256' },
  14: { mnemonic: 'ECDSAP384SHA384' },
  15: { mnemonic: 'ED25519' },
  16: { mnemonic: 'ED448' },
};

export interface ZoneSigning {
  readonly algorithm: DnssecAlgorithm;
  /** NSEC (RFC 4034) or NSEC3 without salt and with 0 extra iterations (RFC 9276 §3.1). */
  readonly denial: 'nsec' | 'nsec3';
  /** `expired`: every RRSIG's inception and expiration lie in the past (RFC 4035 §5.3.1). */
  readonly validity: 'current' | 'expired';
}

/**
 * The DS set the parent publishes for the zone.
 * - `ksk`: the DS of the zone's own KSK (a secure delegation);
 * - `unrelated-key`: the DS of a key that never appears in the zone's DNSKEY set;
 * - `none`: no DS, an insecure delegation (RFC 4035 §5.2, proven by the parent's NSEC).
 */
export type DelegationDs = 'ksk' | 'unrelated-key' | 'none';

export interface LabZone {
  /** Absolute name, e.g. `alg8.lab.`. */
  readonly name: string;
  /** What is wrong with it (or that nothing is). */
  readonly description: string;
  /** Where the delegation in `lab.` points (the glue of `ns.<zone>`). */
  readonly nameserver: AuthServerId | 'dead';
  /** Whether that server has the zone; a lame server answers REFUSED instead. */
  readonly served: boolean;
  /** Null: served unsigned. */
  readonly signing: ZoneSigning | null;
  readonly ds: DelegationDs;
  /** Records besides SOA, NS and the name server's A, relative to the zone apex. */
  readonly records: readonly string[];
}

const current = 'current' as const;

function secureZone(algorithm: DnssecAlgorithm, www: string): LabZone {
  return {
    name: `alg${algorithm}.lab.`,
    description: `correctly signed with algorithm ${algorithm} (${KEYGEN_ALGORITHM[algorithm].mnemonic}), NSEC, secure delegation`,
    nameserver: 'child',
    served: true,
    signing: { algorithm, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: [`www A ${www}`],
  };
}

export const LAB_ZONES: readonly LabZone[] = [
  secureZone(8, '127.0.80.8'),
  secureZone(10, '127.0.80.10'),
  secureZone(13, '127.0.80.13'),
  secureZone(14, '127.0.80.14'),
  secureZone(15, '127.0.80.15'),
  secureZone(16, '127.0.80.16'),
  {
    name: 'nsec3.lab.',
    description: 'correctly signed (algorithm 13) with NSEC3, no salt, 0 extra iterations',
    nameserver: 'child',
    served: true,
    signing: { algorithm: 13, denial: 'nsec3', validity: current },
    ds: 'ksk',
    records: ['www A 127.0.80.31'],
  },
  {
    name: 'expired.lab.',
    description: 'signed (algorithm 13) with every RRSIG expired; the DS in lab. is correct',
    nameserver: 'child',
    served: true,
    signing: { algorithm: 13, denial: 'nsec', validity: 'expired' },
    ds: 'ksk',
    records: ['www A 127.0.80.32'],
  },
  {
    name: 'ds-mismatch.lab.',
    description:
      'signed (algorithm 13), but the DS in lab. is that of a key the zone never publishes',
    nameserver: 'child',
    served: true,
    signing: { algorithm: 13, denial: 'nsec', validity: current },
    ds: 'unrelated-key',
    records: ['www A 127.0.80.33'],
  },
  {
    name: 'unsigned-ds.lab.',
    description: 'lab. has a DS for it, but the zone is served unsigned (no DNSKEY, no RRSIG)',
    nameserver: 'child',
    served: true,
    signing: null,
    ds: 'unrelated-key',
    records: ['www A 127.0.80.34'],
  },
  {
    name: 'lame.lab.',
    description: 'delegated to a server that does not have the zone and answers REFUSED',
    nameserver: 'lame',
    served: false,
    signing: null,
    ds: 'none',
    records: [],
  },
  {
    name: 'dead.lab.',
    description: 'delegated to a loopback address where nothing listens (ICMP port unreachable)',
    nameserver: 'dead',
    served: false,
    signing: null,
    ds: 'none',
    records: [],
  },
  {
    name: 'insecure.lab.',
    description: 'unsigned, no DS (insecure delegation), resolves fine',
    nameserver: 'child',
    served: true,
    signing: null,
    ds: 'none',
    records: ['www A 127.0.80.37'],
  },
  {
    name: 'cname-bogus.lab.',
    description: 'correctly signed (algorithm 13); www is a CNAME into expired.lab.',
    nameserver: 'child',
    served: true,
    signing: { algorithm: 13, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: ['www CNAME www.expired.lab.'],
  },
  {
    name: 'partial.lab.',
    description:
      'correctly signed (algorithm 13) on its own address, which the "partial" resolver may not query',
    nameserver: 'partial',
    served: true,
    signing: { algorithm: 13, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: ['www A 127.0.80.39'],
  },
  {
    name: 'blocked.lab.',
    description:
      'correctly signed (algorithm 13); the "partial" resolver refuses www.blocked.lab. by local policy',
    nameserver: 'child',
    served: true,
    signing: { algorithm: 13, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: ['www A 127.0.80.40'],
  },
];

export function labZone(name: string): LabZone {
  const zone = LAB_ZONES.find((candidate) => candidate.name === name);
  if (zone === undefined) throw new Error(`no lab zone ${name}`);
  return zone;
}
