/**
 * The scenario zones delegated from `lab.`: what each one is and what is broken in it.
 *
 * Each zone breaks exactly one thing (relaycorp/dnssec-js style), so a verdict about it
 * has one right answer. Zone names are a contract with the tests and the app's examples.
 */
import type { AuthServerId } from './topology';

/** DNSSEC algorithm numbers (IANA "DNS Security Algorithm Numbers") the lab signs with. */
export type DnssecAlgorithm = 5 | 8 | 10 | 13 | 14 | 15 | 16;

/** dnssec-keygen's name for each algorithm; RSA needs a size (RFC 8624 §3.1: ≥ 2048 bits). */
export const KEYGEN_ALGORITHM: Readonly<
  Record<DnssecAlgorithm, { readonly mnemonic: string; readonly bits?: number }>
> = {
  // RSASHA1: RFC 8624 §3.1 "NOT RECOMMENDED" for signing; only rsasha1.lab. uses it.
  5: { mnemonic: 'RSASHA1', bits: 2048 },
  8: { mnemonic: 'RSASHA256', bits: 2048 },
  10: { mnemonic: 'RSASHA512', bits: 2048 },
  13: { mnemonic: 'ECDSAP256SHA256' },
  14: { mnemonic: 'ECDSAP384SHA384' },
  15: { mnemonic: 'ED25519' },
  16: { mnemonic: 'ED448' },
};

export interface ZoneSigning {
  readonly algorithm: DnssecAlgorithm;
  /** NSEC (RFC 4034) or NSEC3, by default without salt and with 0 extra iterations (RFC 9276 §3.1). */
  readonly denial: 'nsec' | 'nsec3';
  /**
   * NSEC3 parameters other than RFC 9276 §3.1's: a salt in hex and extra iterations.
   * dnssec-signzone 9.18 refuses more than 150 iterations, the count above which Unbound
   * 1.17 and BIND 9.18 treat NSEC3 proofs as insecure.
   */
  readonly nsec3?: { readonly salt: string; readonly iterations: number };
  /** `expired`: every RRSIG's inception and expiration lie in the past (RFC 4035 §5.3.1). */
  readonly validity: 'current' | 'expired';
}

/**
 * The DS set the parent publishes for the zone.
 * - `ksk`: the DS of the zone's own KSK (a secure delegation);
 * - `unrelated-key`: the DS of a key that never appears in the zone's DNSKEY set;
 * - `ksk-sha1`: the KSK's DS with digest type 1 (SHA-1) only; RFC 8624 §3.3 says SHA-1
 *   "MUST NOT" be used for new DS records, yet validators still accept it;
 * - `ksk-and-retired`: the KSK's DS and the DS of a key the zone no longer publishes, as a
 *   KSK rollover leaves it when the old DS is never removed (RFC 6781 §4.1.2);
 * - `none`: no DS, an insecure delegation (RFC 4035 §5.2, proven by the parent's NSEC).
 */
export type DelegationDs = 'ksk' | 'ksk-sha1' | 'ksk-and-retired' | 'unrelated-key' | 'none';

/**
 * CDS and CDNSKEY records (RFC 7344 §3) the zone publishes at its apex for its parent:
 * - `ksk`: those of the KSK, the same key as the parent's DS (nothing for the parent to do);
 * - `zsk`: those of the ZSK, a key the zone publishes but that does not sign its DNSKEY
 *   set (dnssec-signzone -x), so a parent that acted on them would break the zone.
 */
export type ChildSync = 'ksk' | 'zsk';

/**
 * RDAP status values (RFC 9083 §10.2.2) the lab registry gives its domains. The holds are
 * EPP's clientHold and serverHold (RFC 8056 §2): "DNS delegation information MUST NOT be
 * published for the object" (RFC 5731 §2.3), so a held domain is registered but not
 * delegated.
 */
export type RegistryStatus = 'active' | 'client hold' | 'server hold';

/** One host of a zone's NS set and the server behind the host's address. */
export interface ZoneNameserver {
  /** Absolute host name, e.g. `ns.alg8.lab.`; outside the zone for orphan.lab. */
  readonly host: string;
  /**
   * The server at the host's address; `dead`: an address where nothing listens; null: the
   * host has no address at all (its name does not exist).
   */
  readonly server: AuthServerId | 'dead' | null;
}

export interface LabZone {
  /** Absolute name, e.g. `alg8.lab.`. */
  readonly name: string;
  /** What is wrong with it (or that nothing is). */
  readonly description: string;
  /**
   * The NS set, the same in the registry, in the delegation from `lab.` and at the zone's
   * apex. Hosts inside the zone get glue and an A record in the zone.
   */
  readonly nameservers: readonly ZoneNameserver[];
  /**
   * The servers that load the zone: normally those of its name servers; none for a lame or
   * dead delegation (and for held.lab., which nobody asks); a server nobody is pointed at
   * for orphan.lab.
   */
  readonly servedBy: readonly AuthServerId[];
  /** Null: served unsigned. */
  readonly signing: ZoneSigning | null;
  readonly ds: DelegationDs;
  /** Records besides SOA, NS and the name servers' A records, relative to the zone apex. */
  readonly records: readonly string[];
  /** The registry's status for the domain; a hold keeps the delegation out of `lab.`. */
  readonly status: readonly RegistryStatus[];
  /** CDS and CDNSKEY records at the apex; none when absent. */
  readonly cds?: ChildSync;
}

type ZoneSpec = Pick<LabZone, 'name' | 'description' | 'signing' | 'ds' | 'records'> &
  Partial<Pick<LabZone, 'nameservers' | 'servedBy' | 'status' | 'cds'>>;

/**
 * A scenario zone with the usual defaults: one name server `ns.<zone>` on the child server,
 * the zone served by its name servers' servers, status `active` in the registry.
 */
function zone(spec: ZoneSpec): LabZone {
  const nameservers = spec.nameservers ?? [{ host: `ns.${spec.name}`, server: 'child' }];
  const servers = nameservers.flatMap(({ server }) =>
    server === null || server === 'dead' ? [] : [server],
  );
  return {
    ...spec,
    nameservers,
    servedBy: spec.servedBy ?? [...new Set(servers)],
    status: spec.status ?? ['active'],
  };
}

const current = 'current' as const;
const secureAlg13: ZoneSigning = { algorithm: 13, denial: 'nsec', validity: current };

function secureZone(algorithm: DnssecAlgorithm, www: string): LabZone {
  return zone({
    name: `alg${algorithm}.lab.`,
    description: `correctly signed with algorithm ${algorithm} (${KEYGEN_ALGORITHM[algorithm].mnemonic}), NSEC, secure delegation`,
    signing: { algorithm, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: [`www A ${www}`],
  });
}

/** A correctly signed zone on two name servers, `ns1` on the child server and `ns2` on `second`. */
function twoServerZone(
  name: string,
  second: AuthServerId,
  description: string,
  www: string,
): LabZone {
  return zone({
    name,
    description,
    nameservers: [
      { host: `ns1.${name}`, server: 'child' },
      { host: `ns2.${name}`, server: second },
    ],
    signing: secureAlg13,
    ds: 'ksk',
    records: [`www A ${www}`],
  });
}

/**
 * Working (secure) zones that a careful owner would still fix (issue 16): each is signed and
 * validates today, and carries one thing that is a risk tomorrow.
 */
const EARLY_WARNING_ZONES: readonly LabZone[] = [
  zone({
    name: 'nsec3-iter.lab.',
    description:
      'correctly signed (algorithm 13) with NSEC3, salt AABBCCDD and 10 extra iterations (RFC 9276 §3.1 asks for neither)',
    signing: { ...secureAlg13, denial: 'nsec3', nsec3: { salt: 'aabbccdd', iterations: 10 } },
    ds: 'ksk',
    records: ['www A 127.0.80.48'],
  }),
  zone({
    name: 'rsasha1.lab.',
    description:
      'correctly signed with algorithm 5 (RSASHA1, RFC 8624 §3.1: not recommended for signing), NSEC, secure delegation',
    signing: { algorithm: 5, denial: 'nsec', validity: current },
    ds: 'ksk',
    records: ['www A 127.0.80.49'],
  }),
  zone({
    name: 'sha1-ds.lab.',
    description:
      'correctly signed (algorithm 13); lab. holds only a SHA-1 (digest type 1) DS for its KSK',
    signing: secureAlg13,
    ds: 'ksk-sha1',
    records: ['www A 127.0.80.50'],
  }),
  zone({
    name: 'leftover-ds.lab.',
    description:
      'correctly signed (algorithm 13); lab. holds the DS of its KSK and a second DS of a key the zone no longer publishes',
    signing: secureAlg13,
    ds: 'ksk-and-retired',
    records: ['www A 127.0.80.51'],
  }),
  zone({
    name: 'cds-ok.lab.',
    description:
      'correctly signed (algorithm 13); its CDS and CDNSKEY name the KSK, as the DS in lab. does',
    signing: secureAlg13,
    ds: 'ksk',
    cds: 'ksk',
    records: ['www A 127.0.80.52'],
  }),
  zone({
    name: 'cds-bad.lab.',
    description:
      'correctly signed (algorithm 13); its CDS and CDNSKEY name the ZSK, which does not sign the DNSKEY set: a parent acting on them would break the zone',
    signing: secureAlg13,
    ds: 'ksk',
    cds: 'zsk',
    records: ['www A 127.0.80.53'],
  }),
];

export const LAB_ZONES: readonly LabZone[] = [
  secureZone(8, '127.0.80.8'),
  secureZone(10, '127.0.80.10'),
  secureZone(13, '127.0.80.13'),
  secureZone(14, '127.0.80.14'),
  secureZone(15, '127.0.80.15'),
  secureZone(16, '127.0.80.16'),
  zone({
    name: 'nsec3.lab.',
    description: 'correctly signed (algorithm 13) with NSEC3, no salt, 0 extra iterations',
    signing: { algorithm: 13, denial: 'nsec3', validity: current },
    ds: 'ksk',
    records: ['www A 127.0.80.31'],
  }),
  zone({
    name: 'expired.lab.',
    description: 'signed (algorithm 13) with every RRSIG expired; the DS in lab. is correct',
    signing: { algorithm: 13, denial: 'nsec', validity: 'expired' },
    ds: 'ksk',
    records: ['www A 127.0.80.32'],
  }),
  zone({
    name: 'ds-mismatch.lab.',
    description:
      'signed (algorithm 13), but the DS in lab. is that of a key the zone never publishes',
    signing: secureAlg13,
    ds: 'unrelated-key',
    records: ['www A 127.0.80.33'],
  }),
  zone({
    name: 'unsigned-ds.lab.',
    description: 'lab. has a DS for it, but the zone is served unsigned (no DNSKEY, no RRSIG)',
    signing: null,
    ds: 'unrelated-key',
    records: ['www A 127.0.80.34'],
  }),
  zone({
    name: 'lame.lab.',
    description: 'delegated to a server that does not have the zone and answers REFUSED',
    nameservers: [{ host: 'ns.lame.lab.', server: 'lame' }],
    servedBy: [],
    signing: null,
    ds: 'none',
    records: [],
  }),
  zone({
    name: 'dead.lab.',
    description: 'delegated to a loopback address where nothing listens (ICMP port unreachable)',
    nameservers: [{ host: 'ns.dead.lab.', server: 'dead' }],
    signing: null,
    ds: 'none',
    records: [],
  }),
  zone({
    name: 'insecure.lab.',
    description: 'unsigned, no DS (insecure delegation), resolves fine',
    signing: null,
    ds: 'none',
    records: ['www A 127.0.80.37'],
  }),
  zone({
    name: 'cname-bogus.lab.',
    description: 'correctly signed (algorithm 13); www is a CNAME into expired.lab.',
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www CNAME www.expired.lab.'],
  }),
  zone({
    name: 'partial.lab.',
    description:
      'correctly signed (algorithm 13) on its own address, which the "partial" resolver may not query',
    nameservers: [{ host: 'ns.partial.lab.', server: 'partial' }],
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www A 127.0.80.39'],
  }),
  zone({
    name: 'blocked.lab.',
    description:
      'correctly signed (algorithm 13); the "partial" resolver refuses www.blocked.lab. by local policy',
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www A 127.0.80.40'],
  }),
  zone({
    name: 'held.lab.',
    description:
      'registered with status "client hold", so lab. publishes no delegation: NXDOMAIN, proven by NSEC',
    nameservers: [{ host: 'ns.held.lab.', server: 'child' }],
    servedBy: [],
    signing: null,
    ds: 'none',
    records: ['www A 127.0.80.41'],
    status: ['client hold'],
  }),
  zone({
    name: 'orphan.lab.',
    description:
      'delegated only to ns1.gone.lab., a name that does not exist: no glue, no address, no server to ask',
    nameservers: [{ host: 'ns1.gone.lab.', server: null }],
    servedBy: ['child'],
    signing: null,
    ds: 'none',
    records: ['www A 127.0.80.42'],
  }),
  twoServerZone(
    'two-ns.lab.',
    'child-same-net',
    'correctly signed (algorithm 13) on two name servers, both in one /24 (127.53.0.3, 127.53.0.7)',
    '127.0.80.43',
  ),
  twoServerZone(
    'spread-ns.lab.',
    'child-other-net',
    'correctly signed (algorithm 13) on two name servers in different /24s (127.53.0.3, 127.54.0.3)',
    '127.0.80.44',
  ),
  zone({
    name: 'stale.lab.',
    description:
      'correctly signed (algorithm 13) on its own server, which goes silent once unbound-stale has cached it: only that resolver still answers, with the expired data and EDE 3',
    nameservers: [{ host: 'ns.stale.lab.', server: 'stale' }],
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www A 127.0.80.45'],
  }),
  zone({
    name: 'filtered.lab.',
    description:
      'correctly signed (algorithm 13); unbound-filter answers www.filtered.lab. with a bare NXDOMAIN by local policy, no EDE',
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www A 127.0.80.46'],
  }),
  zone({
    name: 'forged.lab.',
    description:
      'correctly signed (algorithm 13); unbound-filter answers www.forged.lab. with a forged, unsigned address, no EDE',
    signing: secureAlg13,
    ds: 'ksk',
    records: ['www A 127.0.80.47'],
  }),
  ...EARLY_WARNING_ZONES,
];

export function labZone(name: string): LabZone {
  const zone = LAB_ZONES.find((candidate) => candidate.name === name);
  if (zone === undefined) throw new Error(`no lab zone ${name}`);
  return zone;
}
