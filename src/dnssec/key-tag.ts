/** Key tags (RFC 4034 Appendix B). */

/**
 * The key tag of a DNSKEY RDATA: RFC 4034 Appendix B's ones-complement-like sum, except for
 * algorithm 1 (RSA/MD5), whose tag is "the most significant 16 bits of the least significant
 * 24 bits of the public key modulus" (Appendix B.1), i.e. octets [len-3] and [len-2].
 *
 * @example keyTag(dnskeyRdata) // 60485 for the RFC 4034 §5.4 example key
 */
export function keyTag(dnskeyRdata: Uint8Array): number {
  if (dnskeyRdata[3] === 1) {
    const n = dnskeyRdata.length;
    return n < 7 ? 0 : (dnskeyRdata[n - 3]! << 8) | dnskeyRdata[n - 2]!;
  }
  let ac = 0;
  for (let i = 0; i < dnskeyRdata.length; i++) {
    ac += i & 1 ? dnskeyRdata[i]! : dnskeyRdata[i]! << 8;
  }
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}
