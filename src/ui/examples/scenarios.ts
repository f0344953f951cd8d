/**
 * The lab scenarios whose recordings the examples gallery shows, in gallery order. The
 * build (build/example-recordings.ts) reads this list to put exactly these recordings into
 * the bundle, one lazily loaded chunk each; the catalog describes them.
 */
export const EXAMPLE_SCENARIOS = [
  'alg13',
  'insecure',
  'expired',
  'ds-mismatch',
  'unsigned-ds',
  'cname-bogus',
  'lame',
  'dead',
  'orphan',
  'partial',
  'blocked',
  'nxdomain',
  'held',
  'nodata',
] as const;
