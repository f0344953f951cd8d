/** What one signature verification can end with. */
export type VerifyOutcome =
  'valid' | 'invalid' | 'unsupported-algorithm' | 'unsupported-key-size' | 'malformed-key';

/**
 * A pure-JS verification's outcome: @noble/curves throws when it cannot decode the public
 * key (a point off the curve, a bad encoding), so a throw means a malformed key.
 */
export function nobleOutcome(verify: () => boolean): VerifyOutcome {
  try {
    return verify() ? 'valid' : 'invalid';
  } catch {
    return 'malformed-key';
  }
}
