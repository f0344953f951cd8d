/**
 * The investigation planner: which DoH queries to send, in waves.
 *
 * Everything that does not depend on an earlier answer leaves in the first wave (design.md):
 * the target with CD=0 and CD=1 at every resolver, and the DS and DNSKEY RRsets of every
 * ancestor of the name (the zone cuts are not known yet, so every name on the path is
 * asked; a NODATA answer with an SOA is how a non-apex shows itself). Later waves only ask
 * what an answer revealed: CNAME targets, or chain material when the chain resolver failed.
 */
import type { EvidenceQuestion, ExchangePurpose } from '../evidence/evidence';
import { ancestorsAndSelf } from '../dns/name';

export interface PlannedQuery {
  readonly resolver: string;
  readonly question: EvidenceQuestion;
  readonly cd: boolean;
  readonly purpose: ExchangePurpose;
  readonly wave: number;
}

/** Upper bound of queries in one investigation, so a hostile CNAME chain cannot run away. */
export const MAX_QUERIES = 160;

/** A stable key that deduplicates queries: same resolver, question and CD bit. */
export function queryKey(q: Pick<PlannedQuery, 'resolver' | 'question' | 'cd'>): string {
  return `${q.resolver}|${q.question.name.toLowerCase()}|${q.question.type}|${q.cd ? 1 : 0}`;
}

/** The chain material for `name`: DNSKEY of every name on the path, DS of every non-root. */
export function chainQueries(name: string, resolver: string, wave: number): PlannedQuery[] {
  const out: PlannedQuery[] = [];
  for (const zone of ancestorsAndSelf(name)) {
    out.push({
      resolver,
      question: { name: zone, type: 'DNSKEY' },
      cd: true,
      purpose: 'dnskey',
      wave,
    });
    if (zone !== '.') {
      out.push({ resolver, question: { name: zone, type: 'DS' }, cd: true, purpose: 'ds', wave });
    }
  }
  return out;
}

/**
 * NS of the name and of every ancestor below the root, with CD=1 (a bogus zone still shows
 * its delegation). They reveal the zone cut, the nameserver names whose addresses the
 * next wave checks, and whether a parent still answers for a failing child.
 */
export function nsQueries(name: string, resolver: string, wave: number): PlannedQuery[] {
  return ancestorsAndSelf(name)
    .filter((zone) => zone !== '.')
    .map((zone) => ({
      resolver,
      question: { name: zone, type: 'NS' },
      cd: true,
      purpose: 'ns' as const,
      wave,
    }));
}

/**
 * The first wave: the target at every resolver with CD=0 and CD=1, and the chain material
 * with CD=1 (so a bogus zone still hands over its records) from the first resolver.
 */
export function planFirstWave(
  question: EvidenceQuestion,
  resolvers: readonly string[],
): PlannedQuery[] {
  const targets: PlannedQuery[] = [];
  for (const resolver of resolvers) {
    for (const cd of [false, true]) {
      targets.push({ resolver, question, cd, purpose: 'target', wave: 1 });
    }
  }
  const chainResolver = resolvers[0];
  const chain =
    chainResolver === undefined
      ? []
      : [
          ...chainQueries(question.name, chainResolver, 1),
          ...nsQueries(question.name, chainResolver, 1),
        ];
  return dedupe([
    ...targets,
    ...chain,
    ...resolvers.slice(1).map((resolver) => controlQuery(question.name, resolver)),
  ]);
}

/**
 * One question every other resolver can answer from its cache at once: the DS of the name's
 * top-level domain (the root's DNSKEY for a TLD or the root itself). It tells a resolver
 * that is still working on a slow or dead zone (the target times out, this answers) from
 * one the browser cannot reach at all (both fail), which the target alone cannot; its
 * answer is also chain material from a second source.
 */
export function controlQuery(name: string, resolver: string): PlannedQuery {
  const path = ancestorsAndSelf(name);
  const tld = path[1];
  return tld === undefined || tld === (name.endsWith('.') ? name : `${name}.`).toLowerCase()
    ? { resolver, question: { name: '.', type: 'DNSKEY' }, cd: true, purpose: 'dnskey', wave: 1 }
    : { resolver, question: { name: tld, type: 'DS' }, cd: true, purpose: 'ds', wave: 1 };
}

export function dedupe(queries: readonly PlannedQuery[], already: ReadonlySet<string> = new Set()) {
  const seen = new Set(already);
  const out: PlannedQuery[] = [];
  for (const q of queries) {
    const key = queryKey(q);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(q);
  }
  return out;
}
