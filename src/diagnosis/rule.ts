/**
 * What a diagnosis rule is: a pure function from the facts (and our own DNSSEC validation)
 * to a verdict, or null when the rule does not apply. `diagnose()` tries them in order.
 */

import { digOverDoh, type ShellCommand } from '../dns/shell-command';
import type { Exchange } from '../evidence/evidence';
import type { Claim, Diagnosis, Fix } from './diagnosis';
import { describeOutcome, exchangeOf, type Facts, type ResolverFacts } from './facts';
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

/** A rule's verdict; `diagnose()` adds the stats and what was not done. */
export type Verdict = Omit<
  Diagnosis,
  'stats' | 'notDone' | 'warnings' | 'oddResolvers' | 'suspects' | 'unknowns' | 'registry'
> &
  Partial<Pick<Diagnosis, 'warnings' | 'oddResolvers' | 'suspects' | 'unknowns'>>;

export type Rule = (context: RuleContext) => Verdict | null;

/** `Unbound answers SERVFAIL with CD=0 (EDE 7 …)`, resting on that exchange. */
export function outcomeClaim(resolver: ResolverFacts, cd: 0 | 1): Claim {
  const o = cd === 0 ? resolver.cd0 : resolver.cd1;
  const x = exchangeOf(o);
  const records =
    o.kind === 'answer'
      ? o.message.answer
          .filter((rr) => rr.type !== 'RRSIG')
          .slice(0, 6)
          .map((rr) => `${rr.name} ${rr.ttl} ${rr.class} ${rr.type} ${rr.rdata}`)
      : [];
  return {
    text: `${resolver.label} with CD=${cd}: ${describeOutcome(o)}.`,
    exchanges: x ? [x.id] : [],
    records,
  };
}

/** dig commands that repeat these exchanges (src/dns/shell-command.ts), deduplicated. */
export function digCommands(exchanges: readonly (Exchange | undefined)[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  for (const x of exchanges) {
    if (x === undefined) continue;
    const command = digOverDoh({
      resolver: x.resolver,
      name: x.question.name,
      type: x.question.type,
      cd: x.cd,
      do: x.do,
    });
    if (!out.includes(command)) out.push(command);
  }
  return out;
}

/**
 * The "see it yourself" step every failure verdict ends with: the exchanges repeated over
 * DoH, then any `more` commands (e.g. a `+trace`).
 */
export function reproduceFix(
  exchanges: readonly (Exchange | undefined)[],
  text: string,
  more: readonly ShellCommand[] = [],
): Fix {
  return {
    kind: 'check',
    title: 'See it for yourself',
    text,
    records: [],
    commands: [...digCommands(exchanges), ...more],
  };
}

/** `a, b and c` */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `2026-11-22 11:23:26 UTC` — deterministic, no locale. */
export function utcText(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `3 days`, `5 hours`, `12 minutes` */
export function spanText(seconds: number): string {
  const s = Math.abs(seconds);
  if (s >= 2 * 86400) return `${Math.floor(s / 86400)} days`;
  if (s >= 2 * 3600) return `${Math.floor(s / 3600)} hours`;
  if (s >= 120) return `${Math.floor(s / 60)} minutes`;
  return `${Math.floor(s)} seconds`;
}
