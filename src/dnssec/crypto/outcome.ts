/** What one signature verification can end with. */
export type VerifyOutcome =
  'valid' | 'invalid' | 'unsupported-algorithm' | 'unsupported-key-size' | 'malformed-key';
