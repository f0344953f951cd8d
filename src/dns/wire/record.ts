/**
 * One resource record as received: owner labels, type, class, TTL and the RDATA bytes with
 * any compressed names expanded (so the bytes stand alone, RFC 3597 §4).
 */

import type { Name } from './name';

export interface ResourceRecord {
  readonly owner: Name;
  readonly type: number;
  readonly class: number;
  readonly ttl: number;
  /** Uncompressed RDATA: embedded names are expanded, never re-compressed. */
  readonly rdata: Uint8Array;
}
