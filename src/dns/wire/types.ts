/**
 * RR type and class numbers and their mnemonics (IANA "Resource Record (RR) TYPEs").
 * Unknown numbers are shown as `TYPEnnn` / `CLASSnnn` (RFC 3597 §5).
 */

export const RRTYPE = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  RT: 21,
  SIG: 24,
  KEY: 25,
  PX: 26,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  SRV: 33,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  OPT: 41,
  DS: 43,
  SSHFP: 44,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  CDS: 59,
  CDNSKEY: 60,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  ANY: 255,
  URI: 256,
  CAA: 257,
} as const;

export type RrTypeMnemonic = keyof typeof RRTYPE;

const TYPE_NAMES = new Map<number, string>(Object.entries(RRTYPE).map(([k, v]) => [v, k]));

export function typeToText(type: number): string {
  return TYPE_NAMES.get(type) ?? `TYPE${type}`;
}

/** `A`, `a`, `TYPE65534` → number; undefined when unknown. */
export function typeFromText(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = (RRTYPE as Record<string, number>)[upper];
  if (known !== undefined) return known;
  const m = /^TYPE([0-9]{1,5})$/.exec(upper);
  if (m && Number(m[1]) <= 0xffff) return Number(m[1]);
  return undefined;
}

export const RRCLASS = { IN: 1, CH: 3, HS: 4, NONE: 254, ANY: 255 } as const;

export function classToText(cls: number): string {
  for (const [k, v] of Object.entries(RRCLASS)) if (v === cls) return k;
  return `CLASS${cls}`;
}

export function classFromText(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = (RRCLASS as Record<string, number>)[upper];
  if (known !== undefined) return known;
  const m = /^CLASS([0-9]{1,5})$/.exec(upper);
  if (m && Number(m[1]) <= 0xffff) return Number(m[1]);
  return undefined;
}

export const RCODE_NAMES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
] as const;

export const RCODE = { NOERROR: 0, SERVFAIL: 2, NXDOMAIN: 3 } as const;
