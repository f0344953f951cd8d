/**
 * Zone files in RFC 1035 §5 master-file syntax, as BIND reads them.
 */

/** Default TTL of the lab's records; the SOA minimum (negative TTL, RFC 2308 §5) is shorter. */
export const RECORD_TTL = 300;
const NEGATIVE_TTL = 60;

export interface ZoneContent {
  /** Absolute name with the trailing dot. */
  readonly origin: string;
  /** Absolute name of the primary name server (SOA MNAME and the apex NS). */
  readonly nameserver: string;
  readonly serial: number;
  /** Further records, one per line, owner relative to the origin or absolute. */
  readonly records: readonly string[];
}

/** Renders SOA, the apex NS and the given records. */
export function renderZone(zone: ZoneContent): string {
  const hostmaster = zone.origin === '.' ? 'hostmaster.lab.' : `hostmaster.${zone.origin}`;
  return [
    `$ORIGIN ${zone.origin}`,
    `$TTL ${RECORD_TTL}`,
    `@ SOA ${zone.nameserver} ${hostmaster} ${zone.serial} 3600 600 86400 ${NEGATIVE_TTL}`,
    `@ NS ${zone.nameserver}`,
    ...zone.records,
    '',
  ].join('\n');
}
