/**
 * Bounded work (CVE-2023-50387 "KeyTrap", CVE-2023-50868): an answer with many colliding
 * keys or signatures must not make validation quadratic. Past a limit the result is
 * `indeterminate` with reason `work-limit`, never secure.
 */

export interface WorkLimits {
  /** Keys tried for one signature (keys sharing a key tag and algorithm). */
  readonly keysPerSignature: number;
  /** Signatures tried on one RRset. */
  readonly signaturesPerRrset: number;
  /** Signature verifications in one validation. */
  readonly verifications: number;
  /** CNAME/DNAME steps followed. */
  readonly chainSteps: number;
  /** NSEC3 hash computations (each costs iterations+1 SHA-1 runs). */
  readonly nsec3Hashes: number;
}

export const DEFAULT_LIMITS: WorkLimits = {
  keysPerSignature: 4,
  signaturesPerRrset: 8,
  verifications: 256,
  chainSteps: 12,
  nsec3Hashes: 512,
};

export class WorkBudget {
  readonly limits: WorkLimits;
  #verifications = 0;
  #hashes = 0;

  constructor(limits: Partial<WorkLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get verifications(): number {
    return this.#verifications;
  }

  /** Takes one verification from the budget; false when it is spent. */
  takeVerification(): boolean {
    if (this.#verifications >= this.limits.verifications) return false;
    this.#verifications++;
    return true;
  }

  takeHash(): boolean {
    if (this.#hashes >= this.limits.nsec3Hashes) return false;
    this.#hashes++;
    return true;
  }
}
