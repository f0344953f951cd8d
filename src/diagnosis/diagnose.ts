/**
 * The verdict engine: `diagnose(evidence, {now})` → Diagnosis. Pure and deterministic
 * (design.md): no clock, no network, no randomness — the same evidence and `now` give the
 * same verdict in the worker, in Node tests and in whoever's browser opens a permalink.
 *
 * Rules are tried in order and the first that applies decides. The order encodes the
 * issue's logic: a cancelled or unreachable check decides nothing; a broken chain of trust
 * is a DNSSEC failure even when non-validating resolvers answer; a lame delegation needs
 * every resolver to fail with CD=0 and CD=1; only then is a lone failing resolver
 * resolver-specific; agreeing answers are ok / nxdomain / nodata; anything else is
 * inconclusive.
 */

import type { TrustAnchors } from '../dnssec/anchors/trust-anchors';
import type { Evidence } from '../evidence/evidence';
import type { Diagnosis, DiagnosisStats } from './diagnosis';
import { explain } from './explain';
import { collectFacts } from './facts';
import type { Rule, RuleContext } from './rule';
import { cancelledRule } from './rules/cancelled';
import { disagreementRule } from './rules/disagreement';
import { dnssecRule } from './rules/dnssec';
import { inconclusiveRule } from './rules/inconclusive';
import { lameRule } from './rules/lame';
import { outcomeRule } from './rules/outcome';
import { resolverSpecificRule } from './rules/resolver-specific';
import { slowAuthorityRule } from './rules/slow-authority';
import { resolverWarnings } from './resolver-warnings';
import { chainWarnings } from './chain-warnings';
import { unreachableRule } from './rules/unreachable';
import { validateEvidence, type EvidenceValidation } from './validate-evidence';
import { registryView, registryWarnings } from './registry';
import { REGISTRY_NOT_ASKED, registrySentence, registrySummary } from './explain/registry';
import { okButHeadline } from './explain/outcome';
import { explainWarning } from './explain/warnings';

export interface DiagnoseOptions {
  /** Seconds since the epoch; signatures are judged at this time (usually evidence.finishedAt). */
  readonly now: number;
  readonly trustAnchors?: TrustAnchors;
  /** Our own validation, when the caller already has it (the worker does). */
  readonly validation?: EvidenceValidation;
}

export const RULES: readonly Rule[] = [
  cancelledRule,
  unreachableRule,
  dnssecRule,
  lameRule,
  slowAuthorityRule,
  resolverSpecificRule,
  disagreementRule,
  outcomeRule,
  inconclusiveRule,
];

/** Verdicts on which the registry's view is shown and compared with DNS. */
const REGISTRY_VERDICTS = new Set([
  'ok',
  'nxdomain',
  'nodata',
  'dnssec-bogus',
  'lame-delegation',
  'resolver-specific',
]);

function statsOf(evidence: Evidence): DiagnosisStats {
  return {
    queries: evidence.exchanges.length,
    rounds: new Set(evidence.exchanges.map((x) => x.wave)).size,
    resolvers: evidence.resolvers.length,
    transportErrors: evidence.exchanges.filter((x) => x.error !== undefined).length,
    registryLookups: evidence.rdap?.length ?? 0,
  };
}

/**
 * Diagnoses recorded or live evidence.
 *
 * @example
 * const d = await diagnose(evidence, { now: evidence.finishedAt / 1000 });
 * d.verdict; // 'dnssec-bogus'
 * d.reason; //  'rrsig-expired'
 * d.headline; // 'www.expired.lab. fails because the DNSSEC signatures of expired.lab. expired on …'
 */
export async function diagnose(evidence: Evidence, options: DiagnoseOptions): Promise<Diagnosis> {
  const validation =
    options.validation ??
    (await validateEvidence(evidence, {
      now: options.now,
      ...(options.trustAnchors ? { trustAnchors: options.trustAnchors } : {}),
    }));
  const facts = collectFacts(evidence);
  const registry = registryView(evidence);
  const context: RuleContext = { facts, validation, now: options.now, registry };
  for (const rule of RULES) {
    const finding = rule(context);
    if (finding === null) continue;
    const verdict = explain(finding);
    const summary = registrySummary(registry);
    const compare = REGISTRY_VERDICTS.has(verdict.verdict);
    const sentence = compare ? registrySentence(registry) : undefined;
    // About the resolvers first (which answers the verdict rests on), then the domain's.
    const warnings = [
      ...resolverWarnings(facts).map(explainWarning),
      ...(verdict.warnings ?? []),
      ...(compare ? chainWarnings(facts, validation).map(explainWarning) : []),
      ...(compare ? registryWarnings(facts, registry).map(explainWarning) : []),
    ];
    return {
      oddResolvers: [],
      suspects: [],
      unknowns: [],
      ...verdict,
      ...(verdict.verdict === 'ok' ? { headline: okButHeadline(verdict.headline, warnings) } : {}),
      warnings,
      ...(compare ? { detail: [...verdict.detail, ...(sentence ? [sentence] : [])] } : {}),
      notDone: registry.state === 'not-asked' ? [REGISTRY_NOT_ASKED] : [],
      ...(summary ? { registry: summary } : {}),
      stats: statsOf(evidence),
    };
  }
  // inconclusiveRule always answers; this keeps the types honest.
  throw new Error('diagnose: no rule produced a verdict');
}
