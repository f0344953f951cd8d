/**
 * The renderer: a rule's finding (finding.ts) in words — the headline, the plain sentence
 * for the person who hit the SERVFAIL, the owner's detail, the fixes and the claims. Every
 * sentence of a verdict is written by the explain/ modules, so the card, the Markdown report
 * and the saved history (which all read the Diagnosis this makes) say the same thing.
 */

import type { DiagnosisFinding } from '../finding';
import type { Verdict } from '../rule';
import { explainDnssec } from './dnssec';
import { explainLame } from './lame';
import {
  explainCancelled,
  explainInconclusive,
  explainSlowAuthority,
  explainUnreachable,
} from './no-verdict';
import { explainOutcome } from './outcome';
import { explainDisagreement, explainResolverFails } from './resolvers';

export function explain(finding: DiagnosisFinding): Verdict {
  switch (finding.rule) {
    case 'cancelled':
      return explainCancelled(finding);
    case 'unreachable':
      return explainUnreachable(finding);
    case 'dnssec':
      return explainDnssec(finding);
    case 'lame':
      return explainLame(finding);
    case 'slow-authority':
      return explainSlowAuthority(finding);
    case 'resolver-fails':
      return explainResolverFails(finding);
    case 'disagreement':
      return explainDisagreement(finding);
    case 'outcome':
      return explainOutcome(finding);
    case 'inconclusive':
      return explainInconclusive(finding);
  }
}
