/**
 * The header's opcode and flag bits (RFC 1035 §4.1.1; AD and CD from RFC 4035 §3.2).
 */

/** The header flags, in the order `dig` prints them. */
export const HEADER_FLAGS = [
  { name: 'qr', mask: 0x8000 },
  { name: 'aa', mask: 0x0400 },
  { name: 'tc', mask: 0x0200 },
  { name: 'rd', mask: 0x0100 },
  { name: 'ra', mask: 0x0080 },
  { name: 'ad', mask: 0x0020 },
  { name: 'cd', mask: 0x0010 },
] as const;

export type HeaderFlagName = (typeof HEADER_FLAGS)[number]['name'];

/** Each flag of the header as a boolean, plus the reserved Z bit (must be zero). */
export type HeaderFlags = { readonly [F in HeaderFlagName]: boolean } & { readonly z: boolean };

/** Bit masks for building a header (query side). */
export const FLAG = {
  QR: 0x8000,
  AA: 0x0400,
  TC: 0x0200,
  RD: 0x0100,
  RA: 0x0080,
  Z: 0x0040,
  AD: 0x0020,
  CD: 0x0010,
} as const;

/** From the 16-bit second header word. */
export function decodeHeaderFlags(word: number): HeaderFlags {
  return {
    qr: (word & FLAG.QR) !== 0,
    aa: (word & FLAG.AA) !== 0,
    tc: (word & FLAG.TC) !== 0,
    rd: (word & FLAG.RD) !== 0,
    ra: (word & FLAG.RA) !== 0,
    z: (word & FLAG.Z) !== 0,
    ad: (word & FLAG.AD) !== 0,
    cd: (word & FLAG.CD) !== 0,
  };
}

/**
 * The set flags, lower case, in dig's order.
 *
 * @example setFlagNames(decodeHeaderFlags(0x8180)) // ['qr', 'rd', 'ra']
 */
export function setFlagNames(flags: HeaderFlags): readonly HeaderFlagName[] {
  return HEADER_FLAGS.filter((f) => flags[f.name]).map((f) => f.name);
}

/** IANA "DNS OpCodes". */
export const OPCODE_MNEMONICS: Readonly<Record<number, string>> = {
  0: 'QUERY',
  1: 'IQUERY',
  2: 'STATUS',
  4: 'NOTIFY',
  5: 'UPDATE',
  6: 'DSO',
};

/** @example opcodeMnemonic(0) // 'QUERY' */
export function opcodeMnemonic(opcode: number): string {
  return OPCODE_MNEMONICS[opcode] ?? `OPCODE${opcode}`;
}
