/**
 * Response codes (IANA "DNS RCODEs"), including the extended RCODE of EDNS.
 *
 * RFC 6891 §6.1.3: "EXTENDED-RCODE: Forms the upper 8 bits of extended 12-bit RCODE
 * (together with the 4 bits defined in [RFC1035])." A response without OPT has only the
 * four header bits. The mnemonics are the RFC ones, as `dig` prints them and as the grid's
 * `data-rcode` attribute carries them.
 */

/** The RCODEs that can appear in a message header (TSIG/TKEY-only codes 17–22 included). */
export const RCODE_MNEMONICS: Readonly<Record<number, string>> = {
  0: 'NOERROR',
  1: 'FORMERR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  4: 'NOTIMP',
  5: 'REFUSED',
  6: 'YXDOMAIN',
  7: 'YXRRSET',
  8: 'NXRRSET',
  9: 'NOTAUTH',
  10: 'NOTZONE',
  11: 'DSOTYPENI', // RFC 8490
  16: 'BADVERS', // RFC 6891 (BADSIG inside a TSIG record, never in a header)
  17: 'BADKEY',
  18: 'BADTIME',
  19: 'BADMODE',
  20: 'BADNAME',
  21: 'BADALG',
  22: 'BADTRUNC',
  23: 'BADCOOKIE', // RFC 7873
};

/** The numbers of the RCODEs the app reasons about. */
export const RCODE = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  BADVERS: 16,
} as const;

/**
 * @example rcodeMnemonic(2) // 'SERVFAIL'
 * @example rcodeMnemonic(12) // 'RCODE12'
 */
export function rcodeMnemonic(rcode: number): string {
  return RCODE_MNEMONICS[rcode] ?? `RCODE${rcode}`;
}

/**
 * The 12-bit RCODE from the header's 4 bits and the OPT record's EXTENDED-RCODE octet.
 *
 * @example fullRcode(0, 1) // 16 (BADVERS)
 */
export function fullRcode(headerRcode: number, extendedRcode = 0): number {
  return ((extendedRcode & 0xff) << 4) | (headerRcode & 0xf);
}
