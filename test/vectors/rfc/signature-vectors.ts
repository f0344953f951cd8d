/**
 * Signature test vectors transcribed from the RFC text (and verified errata), as data.
 * Each: a DNSKEY, optionally its DS, an RRset and its RRSIG, a time inside the validity
 * window, and what validation must conclude.
 */

import type { ReasonId } from '../../../src/dnssec/status';

export interface SignatureVector {
  readonly id: string;
  readonly source: string;
  readonly zone: string;
  readonly dnskey: string;
  readonly keyTag: number;
  readonly ds?: string;
  readonly rrset: string;
  readonly rrsig: string;
  /** Seconds since the epoch, inside the RRSIG validity window. */
  readonly now: number;
  /** 'valid', or the reason validation must give. */
  readonly expect: 'valid' | ReasonId;
}

const RFC8080_NOW = 1439000000; // between 1438207200 and 1440021600
const RFC6605_NOW = 1283000000; // between 2010-08-12 and 2010-09-09
const RFC5702_NOW = 1700000000; // between 2000 and 2030
const MX = 'example.com. 3600 IN MX 10 mail.example.com.';

export const SIGNATURE_VECTORS: readonly SignatureVector[] = [
  {
    id: 'rfc8080-6.1-ed25519-example-1',
    source: 'RFC 8080 §6.1, as corrected by verified Errata ID 4935 (Labels 2)',
    zone: 'example.com.',
    dnskey: 'example.com. 3600 IN DNSKEY 257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=',
    keyTag: 3613,
    ds: 'example.com. 3600 IN DS 3613 15 2 3aa5ab37efce57f737fc1627013fee07bdf241bd10f3b1964ab55c78e79a304b',
    rrset: MX,
    rrsig:
      'example.com. 3600 IN RRSIG MX 15 2 3600 1440021600 1438207200 3613 example.com. oL9krJun7xfBOIWcGHi7mag5/hdZrKWw15jPGrHpjQeRAvTdszaPD+QLs3fx8A4M3e23mRZ9VrbpMngwcrqNAg==',
    now: RFC8080_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc8080-6.1-ed25519-example-2',
    source: 'RFC 8080 §6.1, as corrected by verified Errata ID 4935',
    zone: 'example.com.',
    dnskey: 'example.com. 3600 IN DNSKEY 257 3 15 zPnZ/QwEe7S8C5SPz2OfS5RR40ATk2/rYnE9xHIEijs=',
    keyTag: 35217,
    ds: 'example.com. 3600 IN DS 35217 15 2 401781b934e392de492ec77ae2e15d70f6575a1c0bc59c5275c04ebe80c6614c',
    rrset: MX,
    rrsig:
      'example.com. 3600 IN RRSIG MX 15 2 3600 1440021600 1438207200 35217 example.com. zXQ0bkYgQTEFyfLyi9QoiY6D8ZdYo4wyUhVioYZXFdT410QPRITQSqJSnzQoSm5poJ7gD7AQR0O7KuI5k2pcBg==',
    now: RFC8080_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc8080-6.1-ed25519-as-published',
    source:
      'RFC 8080 §6.1 as published: Labels 3 counts the root (Errata ID 4935) — a known-bad vector',
    zone: 'example.com.',
    dnskey: 'example.com. 3600 IN DNSKEY 257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=',
    keyTag: 3613,
    rrset: MX,
    rrsig:
      'example.com. 3600 IN RRSIG MX 15 3 3600 1440021600 1438207200 3613 example.com. Edk+IB9KNNWg0HAjm7FazXyrd5m3Rk8zNZbvNpAcM+eysqcUOMIjWoevFkjH5GaMWeG96GUVZu6ECKOQmemHDg==',
    now: RFC8080_NOW,
    expect: 'rrsig-malformed',
  },
  {
    id: 'rfc8080-6.2-ed448-example-1',
    source: 'RFC 8080 §6.2, as corrected by verified Errata ID 4935',
    zone: 'example.com.',
    dnskey:
      'example.com. 3600 IN DNSKEY 257 3 16 3kgROaDjrh0H2iuixWBrc8g2EpBBLCdGzHmn+G2MpTPhpj/OiBVHHSfPodx1FYYUcJKm1MDpJtIA',
    keyTag: 9713,
    ds: 'example.com. 3600 IN DS 9713 16 2 6ccf18d5bc5d7fc2fceb1d59d17321402f2aa8d368048db93dd811f5cb2b19c7',
    rrset: MX,
    rrsig:
      'example.com. 3600 IN RRSIG MX 16 2 3600 1440021600 1438207200 9713 example.com. 3cPAHkmlnxcDHMyg7vFC34l0blBhuG1qpwLmjInI8w1CMB29FkEAIJUA0amxWndkmnBZ6SKiwZSAxGILn/NBtOXft0+Gj7FSvOKxE/07+4RQvE581N3Aj/JtIyaiYVdnYtyMWbSNyGEY2213WKsJlwEA',
    now: RFC8080_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc8080-6.2-ed448-example-2',
    source: 'RFC 8080 §6.2, as corrected by verified Errata ID 4935',
    zone: 'example.com.',
    dnskey:
      'example.com. 3600 IN DNSKEY 257 3 16 kkreGWoccSDmUBGAe7+zsbG6ZAFQp+syPmYUurBRQc3tDjeMCJcVMRDmgcNLp5HlHAMy12VoISsA',
    keyTag: 38353,
    ds: 'example.com. 3600 IN DS 38353 16 2 645ff078b3568f5852b70cb60e8e696cc77b75bfaaffc118cf79cbda1ba28af4',
    rrset: MX,
    rrsig:
      'example.com. 3600 IN RRSIG MX 16 2 3600 1440021600 1438207200 38353 example.com. E1/oLjSGIbmLny/4fcgM1z4oL6aqo+izT3urCyHyvEp4Sp8Syg1eI+lJ57CSnZqjJP41O/9l4m0AsQ4f7qI1gVnML8vWWiyW2KXhT9kuAICUSxv5OWbf81Rq7Yu60npabODB0QFPb/rkW3kUZmQ0YQUA',
    now: RFC8080_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc6605-6.1-p256',
    source: 'RFC 6605 §6.1',
    zone: 'example.net.',
    dnskey:
      'example.net. 3600 IN DNSKEY 257 3 13 ( GojIhhXUN/u4v54ZQqGSnyhWJwaubCvTmeexv7bR6edb krSqQpF64cYbcB7wNcP+e+MAnLr+Wi9xMWyQLc8NAA== )',
    keyTag: 55648,
    ds: 'example.net. 3600 IN DS 55648 13 2 ( b4c8c1fe2e7477127b27115656ad6256f424625bf5c1 e2770ce6d6e37df61d17 )',
    rrset: 'www.example.net. 3600 IN A 192.0.2.1',
    rrsig:
      'www.example.net. 3600 IN RRSIG A 13 3 3600 ( 20100909100439 20100812100439 55648 example.net. qx6wLYqmh+l9oCKTN6qIc+bw6ya+KJ8oMz0YP107epXA yGmt+3SNruPFKG7tZoLBLlUzGGus7ZwmwWep666VCw== )',
    now: RFC6605_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc6605-6.2-p384',
    source: 'RFC 6605 §6.2',
    zone: 'example.net.',
    dnskey:
      'example.net. 3600 IN DNSKEY 257 3 14 ( xKYaNhWdGOfJ+nPrL8/arkwf2EY3MDJ+SErKivBVSum1w/egsXvSADtNJhyem5RC OpgQ6K8X1DRSEkrbYQ+OB+v8/uX45NBwY8rp65F6Glur8I/mlVNgF6W/qTI37m40 )',
    keyTag: 10771,
    ds: 'example.net. 3600 IN DS 10771 14 4 ( 72d7b62976ce06438e9c0bf319013cf801f09ecc84b8d7e9495f27e305c6a9b0 563a9b5f4d288405c3008a946df983d6 )',
    rrset: 'www.example.net. 3600 IN A 192.0.2.1',
    rrsig:
      'www.example.net. 3600 IN RRSIG A 14 3 3600 ( 20100909102025 20100812102025 10771 example.net. /L5hDKIvGDyI1fcARX3z65qrmPsVz73QD1Mr5CEqOiLP95hxQouuroGCeZOvzFaxsT8Glr74hbavRKayJNuydCuzWTSSPdz7wnqXL5bdcJzusdnI0RSMROxxwGipWcJm )',
    now: RFC6605_NOW,
    expect: 'valid',
  },
  {
    id: 'rfc5702-6.1-rsasha256-512-bit',
    source: 'RFC 5702 §6.1: a 512-bit key, reported as an unsupported key size',
    zone: 'example.net.',
    dnskey:
      'example.net. 3600 IN DNSKEY 256 3 8 AwEAAcFcGsaxxdgiuuGmCkVImy4h99CqT7jwY3pexPGcnUFtR2Fh36BponcwtkZ4cAgtvd4Qs8PkxUdp6p/DlUmObdk=',
    keyTag: 9033,
    rrset: 'www.example.net. 3600 IN A 192.0.2.91',
    rrsig:
      'www.example.net. 3600 IN RRSIG A 8 3 3600 20300101000000 20000101000000 9033 example.net. kRCOH6u7l0QGy9qpC9l1sLncJcOKFLJ7GhiUOibu4teYp5VE9RncriShZNz85mwlMgNEacFYK/lPtPiVYP4bwg==',
    now: RFC5702_NOW,
    expect: 'unsupported-key-size',
  },
  {
    id: 'rfc5702-6.2-rsasha512-1024-bit',
    source: 'RFC 5702 §6.2',
    zone: 'example.net.',
    dnskey:
      'example.net. 3600 IN DNSKEY 256 3 10 AwEAAdHoNTOW+et86KuJOWRDp1pndvwb6Y83nSVXXyLA3DLroROUkN6X0O6pnWnjJQujX/AyhqFDxj13tOnD9u/1kTg7cV6rklMrZDtJCQ5PCl/D7QNPsgVsMu1J2Q8gpMpztNFLpPBz1bWXjDtaR7ZQBlZ3PFY12ZTSncorffcGmhOL',
    keyTag: 3740,
    rrset: 'www.example.net. 3600 IN A 192.0.2.91',
    rrsig:
      'www.example.net. 3600 IN RRSIG A 10 3 3600 20300101000000 20000101000000 3740 example.net. tsb4wnjRUDnB1BUi+t6TMTXThjVnG+eCkWqjvvjhzQL1d0YRoOe0CbxrVDYd0xDtsuJRaeUw1ep94PzEWzr0iGYgZBWm/zpq+9fOuagYJRfDqfReKBzMweOLDiNa8iP5g9vMhpuv6OPlvpXwm9Sa9ZXIbNl1MBGk0fthPgxdDLw=',
    now: RFC5702_NOW,
    expect: 'valid',
  },
];

/** RFC 4034 §5.4: the DS example, key tag 60485 and SHA-1 digest. */
export const RFC4034_DS_EXAMPLE = {
  dnskey:
    'dskey.example.com. 86400 IN DNSKEY 256 3 5 ( AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw== ) ; key id = 60485',
  ds: 'dskey.example.com. 86400 IN DS 60485 5 1 ( 2BB183AF5F22588179A53B0A98631FAD1A292118 )',
  keyTag: 60485,
} as const;

/** RFC 5155 Appendix A: NSEC3 hashes with SHA-1, salt aabbccdd, 12 iterations. */
export const RFC5155_HASHES: readonly (readonly [string, string])[] = [
  ['example.', '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom'],
  ['a.example.', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
  ['ai.example.', 'gjeqe526plbf1g8mklp59enfd789njgi'],
  ['ns1.example.', '2t7b4g4vsa5smi47k61mv5bv1a22bojr'],
  ['ns2.example.', 'q04jkcevqvmu85r014c7dkba38o0ji5r'],
  ['w.example.', 'k8udemvp1j2f7eg6jebps17vp3n8i58h'],
  ['*.w.example.', 'r53bq7cc2uvmubfu5ocmm6pers9tk9en'],
  ['x.w.example.', 'b4um86eghhds6nea196smvmlo4ors995'],
  ['y.w.example.', 'ji6neoaepv8b5o6k4ev33abha8ht9fgc'],
  ['x.y.w.example.', '2vptu5timamqttgl4luu9kg21e0aor3s'],
  ['xx.example.', 't644ebqk9bibcna874givr6joj62mlhv'],
  ['2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.', 'kohar7mbb8dc2ce8a9qvl8hon4k53uhi'],
  ['A.EXAMPLE.', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
];
