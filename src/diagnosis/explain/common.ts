/**
 * Pieces every explanation uses: the claim that a resolver answered so with CD=0 or CD=1,
 * and the "see it for yourself" step of dig commands.
 */

import { digOverDoh, type ShellCommand } from '../../dns/shell-command';
import type { Exchange } from '../../evidence/evidence';
import type { Claim, Fix } from '../diagnosis';
import { describeOutcome, exchangeOf, type ResolverFacts } from '../facts';
import { prose } from './prose';

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
    text: prose`${resolver.label} with CD=${cd}: ${describeOutcome(o)}.`,
    exchanges: x ? [x.id] : [],
    records,
  };
}

/** Both claims of each resolver: CD=0, then CD=1. */
export function outcomeClaims(resolvers: readonly ResolverFacts[]): Claim[] {
  return resolvers.flatMap((r) => [outcomeClaim(r, 0), outcomeClaim(r, 1)]);
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
