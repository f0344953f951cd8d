/**
 * Warnings about the resolvers rather than the domain, on any verdict: one that gave no DNS
 * answer (it is left out of the verdict, and the person should know why), one still working
 * on the name when its time ran out, and one answering from its cache past the data's TTL
 * (RFC 8767 serve-stale), which hides a failure of the domain's servers.
 */

import type { TransportErrorClass } from '../evidence/evidence';
import type { DiagnosisWarning } from './diagnosis';
import { exchangeOf, type Facts, type ResolverFacts, type TargetOutcome } from './facts';
import { advice } from './transport-advice';
import { listText, prose } from './explain/prose';

const ids = (r: ResolverFacts): string[] =>
  [exchangeOf(r.cd0)?.id, exchangeOf(r.cd1)?.id].filter((id): id is string => id !== undefined);

function failureOf(o: TargetOutcome): { cls: TransportErrorClass; message: string } | undefined {
  return o.kind === 'transport'
    ? { cls: o.errorClass, message: o.exchange.error?.message ?? o.errorClass }
    : undefined;
}

function silentWarning(r: ResolverFacts, others: number): DiagnosisWarning {
  const failures = [failureOf(r.cd0), failureOf(r.cd1)].filter(
    (f): f is { cls: TransportErrorClass; message: string } => f !== undefined,
  );
  const said = [...new Set(failures.map((f) => prose`${f.cls}: ${f.message}`))];
  const tip = advice([...new Set(failures.map((f) => f.cls))]);
  return {
    id: 'resolver-unreachable',
    text:
      prose`${r.label} gave no DNS answer (${said.join('; ') || 'not asked'}), so it tells nothing ` +
      prose`about the domain: the verdict rests on the other ${others} ${others === 1 ? 'resolver' : 'resolvers'}.` +
      (tip ? ` ${tip}` : ''),
    exchanges: ids(r),
  };
}

function slowWarning(r: ResolverFacts): DiagnosisWarning {
  const limit = [r.cd0, r.cd1]
    .map((o) => (o.kind === 'transport' ? o.exchange.durationMs : 0))
    .reduce((a, b) => Math.max(a, b), 0);
  return {
    id: 'resolver-slow',
    text:
      prose`${r.label} answered this check’s other queries but not the name itself within ` +
      prose`${Math.round(limit / 1000)} s: it is still waiting on the domain’s servers, which are slow ` +
      'or do not answer. This is not your connection.',
    exchanges: ids(r),
  };
}

function staleWarning(stale: readonly ResolverFacts[]): DiagnosisWarning {
  const who = listText(stale.map((r) => r.label));
  return {
    id: 'resolver-stale',
    text:
      prose`${who} still ${stale.length === 1 ? 'answers' : 'answer'} from ${stale.length === 1 ? 'its' : 'their'} cache ` +
      '(EDE 3 Stale Answer or 19 Stale NXDOMAIN, RFC 8767): the data has expired and the ' +
      'domain’s servers are failing. The answer will stop working when the cache lets go of it.',
    exchanges: stale.flatMap(ids),
  };
}

export function resolverWarnings(facts: Facts): DiagnosisWarning[] {
  const out: DiagnosisWarning[] = [];
  if (facts.resolvers.length > 0) {
    for (const r of facts.silent) out.push(silentWarning(r, facts.resolvers.length));
  }
  for (const r of facts.resolvers) if (r.standing === 'slow') out.push(slowWarning(r));
  const stale = facts.resolvers.filter((r) => r.cd0.kind === 'stale' || r.cd1.kind === 'stale');
  if (stale.length > 0) out.push(staleWarning(stale));
  return out;
}
