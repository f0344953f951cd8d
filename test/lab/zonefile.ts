/**
 * Zone files in RFC 1035 §5 master-file syntax, as BIND reads them.
 */

/** Default TTL of the lab's records; the SOA minimum (negative TTL, RFC 2308 §5) is shorter. */
export const RECORD_TTL = 300;
const NEGATIVE_TTL = 60;

export interface ZoneContent {
  /** Absolute name with the trailing dot. */
  readonly origin: string;
  /** Absolute names of the apex NS set; the first is also the SOA MNAME (RFC 1035 §3.3.13). */
  readonly nameservers: readonly string[];
  readonly serial: number;
  /** Further records, one per line, owner relative to the origin or absolute. */
  readonly records: readonly string[];
  /** `$TTL` and the SOA minimum when not the lab's usual 300 and 60 s (changeable zones). */
  readonly ttls?: { readonly default: number; readonly negative: number };
}

/** Renders SOA, the apex NS set and the given records. */
export function renderZone(zone: ZoneContent): string {
  const [primary] = zone.nameservers;
  if (primary === undefined) throw new Error(`${zone.origin}: a zone needs a name server`);
  const hostmaster = zone.origin === '.' ? 'hostmaster.lab.' : `hostmaster.${zone.origin}`;
  return [
    `$ORIGIN ${zone.origin}`,
    `$TTL ${zone.ttls?.default ?? RECORD_TTL}`,
    `@ SOA ${primary} ${hostmaster} ${zone.serial} 3600 600 86400 ${zone.ttls?.negative ?? NEGATIVE_TTL}`,
    ...zone.nameservers.map((host) => `@ NS ${host}`),
    ...zone.records,
    '',
  ].join('\n');
}
