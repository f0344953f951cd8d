/**
 * The analysis of recorded or collected Evidence, in the worker's analysis chunk
 * (worker-analysis.ts): our DNSSEC validation and the verdict resting on it, and what
 * changed between two results. lens-api.ts calls these once the chunk is loaded.
 */
import { diagnose } from '../diagnosis/diagnose';
import type { Diagnosis } from '../diagnosis/diagnosis';
import { diffResults } from '../diagnosis/diff/diff-results';
import type { Difference } from '../diagnosis/diff/difference';
import { fixEta, type FixEta } from '../diagnosis/fix-eta';
import { validateEvidence, type EvidenceValidation } from '../diagnosis/validate-evidence';
import type { Evidence } from '../evidence/evidence';

/** What the analysis derives from one body of evidence. */
export interface Analysis {
  readonly validation: EvidenceValidation;
  readonly diagnosis: Diagnosis;
  /** When each resolver follows a fix, from the same evidence and validation (null: none). */
  readonly fixEta: FixEta | null;
}

/** The chain of trust, the verdict and the fix ETA of one body of evidence. */
export async function analyseEvidence(evidence: Evidence): Promise<Analysis> {
  // DNSSEC is checked as of the end of collection, for a live check and for a permalink
  // alike, so both show the same chain of trust (signatures may expire in between).
  const now = evidence.finishedAt / 1000;
  const validation = await validateEvidence(evidence, { now });
  // The verdict rests on the same validation, judged at the same moment.
  const diagnosis = await diagnose(evidence, { now, validation });
  return { validation, diagnosis, fixEta: fixEta(evidence, diagnosis, validation) };
}

/**
 * What changed from `before` to `after`, each analysed as `load` analyses it; rejects with
 * a sentence when they answer different questions (diff-results.ts).
 */
export async function compareEvidence(
  before: Evidence,
  after: Evidence,
): Promise<readonly Difference[]> {
  const [then, now] = await Promise.all([analyseEvidence(before), analyseEvidence(after)]);
  return diffResults(
    { evidence: before, validation: then.validation, diagnosis: then.diagnosis },
    { evidence: after, validation: now.validation, diagnosis: now.diagnosis },
  );
}
