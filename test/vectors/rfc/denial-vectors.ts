/**
 * Denial-of-existence vectors from the RFC example zones, as data. Their signatures are
 * placeholders or expired (RFC 4035 Appendix B truncates them; RFC 5155's used 2005 keys),
 * so these exercise the proof rules on the NSEC/NSEC3 records themselves.
 */

import type { DenialKind } from '../../../src/dnssec/proof-tree';
import type { ReasonId, Status } from '../../../src/dnssec/status';

export interface DenialVector {
  readonly id: string;
  readonly source: string;
  readonly qname: string;
  readonly qtype: string;
  readonly question: 'nxdomain' | 'nodata' | 'no-ds' | 'wildcard-expansion';
  /** For wildcard expansion: the RRSIG Labels of the expanded answer. */
  readonly labels?: number;
  /** Owners (first label for NSEC3, full name for NSEC) of the records in the response. */
  readonly records: readonly string[];
  readonly expect: {
    readonly status: Status;
    readonly kind?: DenialKind;
    readonly reason?: ReasonId;
  };
}

/** RFC 4035 Appendix A: the NSEC chain of the zone `example.` */
export const RFC4035_NSEC_CHAIN = `
example.       3600 IN NSEC a.example. NS SOA MX RRSIG NSEC DNSKEY
a.example.     3600 IN NSEC ai.example. NS DS RRSIG NSEC
ai.example.    3600 IN NSEC b.example. A HINFO AAAA RRSIG NSEC
b.example.     3600 IN NSEC ns1.example. NS RRSIG NSEC
ns1.example.   3600 IN NSEC ns2.example. A RRSIG NSEC
ns2.example.   3600 IN NSEC *.w.example. A RRSIG NSEC
*.w.example.   3600 IN NSEC x.w.example. MX RRSIG NSEC
x.w.example.   3600 IN NSEC x.y.w.example. MX RRSIG NSEC
x.y.w.example. 3600 IN NSEC xx.example. MX RRSIG NSEC
xx.example.    3600 IN NSEC example. A HINFO AAAA RRSIG NSEC
`;

export const RFC4035_CASES: readonly DenialVector[] = [
  {
    id: 'b.2-name-error',
    source: 'RFC 4035 Appendix B.2',
    qname: 'ml.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['b.example.', 'example.'],
    expect: { status: 'secure', kind: 'nxdomain' },
  },
  {
    id: 'b.2-without-wildcard-denial',
    source: 'RFC 4035 §5.4 (B.2 minus the NSEC covering *.example)',
    qname: 'ml.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['b.example.'],
    expect: { status: 'bogus', reason: 'nsec-missing' },
  },
  {
    id: 'b.3-no-data',
    source: 'RFC 4035 Appendix B.3',
    qname: 'ns1.example.',
    qtype: 'MX',
    question: 'nodata',
    records: ['ns1.example.'],
    expect: { status: 'secure', kind: 'nodata' },
  },
  {
    id: 'b.3-type-present',
    source: 'RFC 4035 §5.4: the type bit is set',
    qname: 'ns1.example.',
    qtype: 'A',
    question: 'nodata',
    records: ['ns1.example.'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
  {
    id: 'b.5-unsigned-delegation',
    source: 'RFC 4035 Appendix B.5 (mc.b.example: b.example has NS, no DS)',
    qname: 'b.example.',
    qtype: 'DS',
    question: 'no-ds',
    records: ['b.example.'],
    expect: { status: 'insecure', kind: 'no-ds' },
  },
  {
    id: 'b.4-signed-delegation-has-ds',
    source: 'RFC 4035 Appendix B.4: a.example lists DS',
    qname: 'a.example.',
    qtype: 'DS',
    question: 'no-ds',
    records: ['a.example.'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
  {
    id: 'b.6-wildcard-expansion',
    source: 'RFC 4035 Appendix B.6 (a.z.w.example MX from *.w.example)',
    qname: 'a.z.w.example.',
    qtype: 'MX',
    question: 'wildcard-expansion',
    labels: 2,
    records: ['x.y.w.example.'],
    expect: { status: 'secure', kind: 'wildcard-expansion' },
  },
  {
    id: 'b.6-wrong-closest-encloser',
    source: 'RFC 4035 §5.3.4: Labels 1 claims *.example, but w.example is closer',
    qname: 'a.z.w.example.',
    qtype: 'MX',
    question: 'wildcard-expansion',
    labels: 1,
    records: ['x.y.w.example.'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
  {
    id: 'b.7-wildcard-no-data',
    source: 'RFC 4035 Appendix B.7',
    qname: 'a.z.w.example.',
    qtype: 'AAAA',
    question: 'nodata',
    records: ['x.y.w.example.', '*.w.example.'],
    expect: { status: 'secure', kind: 'wildcard-nodata' },
  },
  {
    id: 'parent-side-nsec-cannot-deny-child-data',
    source: 'RFC 4035 §2.3: the NSEC at a.example (NS without SOA) is the parent side',
    qname: 'a.example.',
    qtype: 'A',
    question: 'nodata',
    records: ['a.example.'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
  {
    id: 'ancestor-delegation-cannot-deny-below',
    source: 'RFC 4035 §2.3: a.example → ai.example must not deny mc.a.example',
    qname: 'mc.a.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['a.example.', 'example.'],
    expect: { status: 'bogus', reason: 'nsec-missing' },
  },
  {
    id: 'empty-non-terminal',
    source: 'RFC 4035 §3.1.3.2: y.w.example exists (x.y.w.example below it)',
    qname: 'y.w.example.',
    qtype: 'A',
    question: 'nodata',
    records: ['x.w.example.'],
    expect: { status: 'secure', kind: 'nodata' },
  },
  {
    id: 'empty-non-terminal-not-nxdomain',
    source: 'RFC 4035 §3.1.3.2: an empty non-terminal is not a name error',
    qname: 'y.w.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['x.w.example.', 'example.'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
];

/** RFC 5155 Appendix A: the NSEC3 chain of the zone `example.` (SHA-1, opt-out flag, 12 iterations, salt aabbccdd). */
export const RFC5155_NSEC3_CHAIN = `
0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr MX DNSKEY NS SOA NSEC3PARAM RRSIG
2t7b4g4vsa5smi47k61mv5bv1a22bojr.example. 3600 IN NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG
2vptu5timamqttgl4luu9kg21e0aor3s.example. 3600 IN NSEC3 1 1 12 aabbccdd 35mthgpgcu1qg68fab165klnsnk3dpvl MX RRSIG
35mthgpgcu1qg68fab165klnsnk3dpvl.example. 3600 IN NSEC3 1 1 12 aabbccdd b4um86eghhds6nea196smvmlo4ors995 NS DS RRSIG
b4um86eghhds6nea196smvmlo4ors995.example. 3600 IN NSEC3 1 1 12 aabbccdd gjeqe526plbf1g8mklp59enfd789njgi MX RRSIG
gjeqe526plbf1g8mklp59enfd789njgi.example. 3600 IN NSEC3 1 1 12 aabbccdd ji6neoaepv8b5o6k4ev33abha8ht9fgc A HINFO AAAA RRSIG
ji6neoaepv8b5o6k4ev33abha8ht9fgc.example. 3600 IN NSEC3 1 1 12 aabbccdd k8udemvp1j2f7eg6jebps17vp3n8i58h
k8udemvp1j2f7eg6jebps17vp3n8i58h.example. 3600 IN NSEC3 1 1 12 aabbccdd kohar7mbb8dc2ce8a9qvl8hon4k53uhi
kohar7mbb8dc2ce8a9qvl8hon4k53uhi.example. 3600 IN NSEC3 1 1 12 aabbccdd q04jkcevqvmu85r014c7dkba38o0ji5r A RRSIG
q04jkcevqvmu85r014c7dkba38o0ji5r.example. 3600 IN NSEC3 1 1 12 aabbccdd r53bq7cc2uvmubfu5ocmm6pers9tk9en A RRSIG
r53bq7cc2uvmubfu5ocmm6pers9tk9en.example. 3600 IN NSEC3 1 1 12 aabbccdd t644ebqk9bibcna874givr6joj62mlhv MX RRSIG
t644ebqk9bibcna874givr6joj62mlhv.example. 3600 IN NSEC3 1 1 12 aabbccdd 0p9mhaveqvm6t7vbl5lop2u3t2rp3tom A HINFO AAAA RRSIG
`;

export const RFC5155_CASES: readonly DenialVector[] = [
  {
    id: 'b.1-name-error',
    source: 'RFC 5155 Appendix B.1 (a.c.x.w.example)',
    qname: 'a.c.x.w.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: [
      '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom',
      'b4um86eghhds6nea196smvmlo4ors995',
      '35mthgpgcu1qg68fab165klnsnk3dpvl',
    ],
    expect: { status: 'secure', kind: 'nxdomain' },
  },
  {
    id: 'b.1-without-wildcard-denial',
    source: 'RFC 5155 §8.4 (B.1 minus the NSEC3 covering *.x.w.example)',
    qname: 'a.c.x.w.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['0p9mhaveqvm6t7vbl5lop2u3t2rp3tom', 'b4um86eghhds6nea196smvmlo4ors995'],
    expect: { status: 'bogus', reason: 'nsec-missing' },
  },
  {
    id: 'b.1-without-next-closer',
    source: 'RFC 5155 §8.3 (B.1 minus the NSEC3 covering c.x.w.example)',
    qname: 'a.c.x.w.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: ['b4um86eghhds6nea196smvmlo4ors995', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
    expect: { status: 'bogus', reason: 'nsec-missing' },
  },
  {
    id: 'b.2-no-data',
    source: 'RFC 5155 Appendix B.2 (ns1.example MX)',
    qname: 'ns1.example.',
    qtype: 'MX',
    question: 'nodata',
    records: ['2t7b4g4vsa5smi47k61mv5bv1a22bojr'],
    expect: { status: 'secure', kind: 'nodata' },
  },
  {
    id: 'b.2.1-empty-non-terminal',
    source: 'RFC 5155 Appendix B.2.1 (y.w.example A)',
    qname: 'y.w.example.',
    qtype: 'A',
    question: 'nodata',
    records: ['ji6neoaepv8b5o6k4ev33abha8ht9fgc'],
    expect: { status: 'secure', kind: 'nodata' },
  },
  {
    id: 'b.3-opt-out-referral',
    source: 'RFC 5155 Appendix B.3 (mc.c.example: c.example is in an opt-out span)',
    qname: 'c.example.',
    qtype: 'DS',
    question: 'no-ds',
    records: ['0p9mhaveqvm6t7vbl5lop2u3t2rp3tom', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
    expect: { status: 'insecure', kind: 'opt-out' },
  },
  {
    id: 'b.3-opt-out-ds-nodata',
    source: 'RFC 5155 §8.6 (DS query in an opt-out span)',
    qname: 'c.example.',
    qtype: 'DS',
    question: 'nodata',
    records: ['0p9mhaveqvm6t7vbl5lop2u3t2rp3tom', '35mthgpgcu1qg68fab165klnsnk3dpvl'],
    expect: { status: 'insecure', kind: 'opt-out', reason: 'nsec3-opt-out' },
  },
  {
    id: 'b.4-wildcard-expansion',
    source: 'RFC 5155 Appendix B.4 (a.z.w.example MX)',
    qname: 'a.z.w.example.',
    qtype: 'MX',
    question: 'wildcard-expansion',
    labels: 2,
    records: ['q04jkcevqvmu85r014c7dkba38o0ji5r'],
    expect: { status: 'secure', kind: 'wildcard-expansion' },
  },
  {
    id: 'b.5-wildcard-no-data',
    source: 'RFC 5155 Appendix B.5 (a.z.w.example AAAA)',
    qname: 'a.z.w.example.',
    qtype: 'AAAA',
    question: 'nodata',
    records: [
      'k8udemvp1j2f7eg6jebps17vp3n8i58h',
      'q04jkcevqvmu85r014c7dkba38o0ji5r',
      'r53bq7cc2uvmubfu5ocmm6pers9tk9en',
    ],
    expect: { status: 'secure', kind: 'wildcard-nodata' },
  },
  {
    id: 'signed-delegation-has-ds',
    source: 'RFC 5155 §8.9: a.example lists DS',
    qname: 'a.example.',
    qtype: 'DS',
    question: 'no-ds',
    records: ['35mthgpgcu1qg68fab165klnsnk3dpvl'],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
  {
    id: 'delegation-as-closest-encloser',
    source: 'RFC 5155 §8.3: a delegation cannot be the closest encloser',
    qname: 'x.a.example.',
    qtype: 'A',
    question: 'nxdomain',
    records: [
      '35mthgpgcu1qg68fab165klnsnk3dpvl',
      'b4um86eghhds6nea196smvmlo4ors995',
      '0p9mhaveqvm6t7vbl5lop2u3t2rp3tom',
      'kohar7mbb8dc2ce8a9qvl8hon4k53uhi',
    ],
    expect: { status: 'bogus', reason: 'nsec-proof-invalid' },
  },
];
