/**
 * base64url without padding (RFC 4648 §5), the form of the `dns` parameter of a DoH GET:
 * RFC 8484 §4.1 "the DNS request is encoded with base64url … Padding characters for
 * base64url MUST NOT be included."
 */

import { toBase64 } from './wire/encoding';

/** @example toBase64Url(Uint8Array.of(0xfb, 0xff)) // '-_8' */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
