/** The record types offered in the picker (issue #3), most asked first. */
export const RECORD_TYPES: readonly string[] = [
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'TXT',
  'NS',
  'SOA',
  'DS',
  'DNSKEY',
  'CAA',
  'HTTPS',
  'SVCB',
  'SRV',
  'PTR',
];
