/**
 * Warnings about the resolvers rather than the domain, on any verdict: one that gave no DNS
 * answer (it is left out of the verdict, and the person should know why), one still working
 * on the name when its time ran out, and one answering from its cache past the data's TTL
 * (RFC 8767 serve-stale), which hides a failure of the domain's servers. Found here, worded
 * in explain/warnings.ts.
 */

import { exchangeOf, type Facts, type ResolverFacts, type TargetOutcome } from './facts';
import type {
  SlowResolverWarning,
  StaleResolverWarning,
  TransportFailure,
  UnreachableResolverWarning,
  WarningFinding,
} from './warning-finding';

const ids = (r: ResolverFacts): string[] =>
  [exchangeOf(r.cd0)?.id, exchangeOf(r.cd1)?.id].filter((id): id is string => id !== undefined);

function failureOf(o: TargetOutcome): TransportFailure | undefined {
  return o.kind === 'transport'
    ? { cls: o.errorClass, message: o.exchange.error?.message ?? o.errorClass }
    : undefined;
}

function silentWarning(r: ResolverFacts, others: number): UnreachableResolverWarning {
  const failures = [failureOf(r.cd0), failureOf(r.cd1)].filter(
    (f): f is TransportFailure => f !== undefined,
  );
  return { id: 'resolver-unreachable', resolver: r.label, failures, others, exchanges: ids(r) };
}

function slowWarning(r: ResolverFacts): SlowResolverWarning {
  const limit = [r.cd0, r.cd1]
    .map((o) => (o.kind === 'transport' ? o.exchange.durationMs : 0))
    .reduce((a, b) => Math.max(a, b), 0);
  return {
    id: 'resolver-slow',
    resolver: r.label,
    seconds: Math.round(limit / 1000),
    exchanges: ids(r),
  };
}

function staleWarning(stale: readonly ResolverFacts[]): StaleResolverWarning {
  return {
    id: 'resolver-stale',
    resolvers: stale.map((r) => r.label),
    exchanges: stale.flatMap(ids),
  };
}

export function resolverWarnings(facts: Facts): WarningFinding[] {
  const out: WarningFinding[] = [];
  if (facts.resolvers.length > 0) {
    for (const r of facts.silent) out.push(silentWarning(r, facts.resolvers.length));
  }
  for (const r of facts.resolvers) if (r.standing === 'slow') out.push(slowWarning(r));
  const stale = facts.resolvers.filter((r) => r.cd0.kind === 'stale' || r.cd1.kind === 'stale');
  if (stale.length > 0) out.push(staleWarning(stale));
  return out;
}
