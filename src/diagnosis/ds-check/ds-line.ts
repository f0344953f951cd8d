/**
 * A DS record in one canonical line (RFC 4034 §5.3 presentation format, the digest in
 * upper-case hex), the form in which the DS check compares, shows and links records. Its
 * own module, so the verdict card's link (target.ts) pulls in no parser or digest code.
 */

import { toHex } from '../../dns/wire/encoding';

/** `zone. IN DS 12345 13 2 ABCD…` */
export function dsLine(
  zone: string,
  ds: {
    readonly keyTag: number;
    readonly algorithm: number;
    readonly digestType: number;
    readonly digest: Uint8Array;
  },
): string {
  return `${zone} IN DS ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${toHex(ds.digest).toUpperCase()}`;
}
