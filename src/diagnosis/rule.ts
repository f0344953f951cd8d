/**
 * What a diagnosis rule is: a pure function from the facts (and our own DNSSEC validation)
 * to a finding, or null when the rule does not apply. `diagnose()` tries them in order and
 * hands the first finding to the renderer (explain/), which words it.
 */

import type { Diagnosis } from './diagnosis';
import type { Facts } from './facts';
import type { DiagnosisFinding } from './finding';
import type { RegistryView } from './registry';
import type { EvidenceValidation } from './validate-evidence';

export interface RuleContext {
  readonly facts: Facts;
  readonly validation: EvidenceValidation;
  /** Seconds since the epoch: the time signatures are judged against. */
  readonly now: number;
  /** What the registry (RDAP) said, `state: 'not-asked'` when it was not asked. */
  readonly registry: RegistryView;
}

/** A finding in words; `diagnose()` adds the stats and what was not done. */
export type Verdict = Omit<
  Diagnosis,
  'stats' | 'notDone' | 'warnings' | 'oddResolvers' | 'suspects' | 'unknowns' | 'registry'
> &
  Partial<Pick<Diagnosis, 'warnings' | 'oddResolvers' | 'suspects' | 'unknowns'>>;

export type Rule = (context: RuleContext) => DiagnosisFinding | null;
