/**
 * What DiffList shows, from the differences the worker found (diagnosis/diff): grouped by
 * topic in a fixed order, each with how it changed (added, removed, changed) and the
 * exchanges of either result it rests on, labelled as the grid labels them.
 */
import type { Difference, DifferenceTopic } from '../../diagnosis/diff/difference';
import type { Evidence } from '../../evidence/evidence';

export const TOPICS: readonly { readonly topic: DifferenceTopic; readonly title: string }[] = [
  { topic: 'verdict', title: 'Verdict' },
  { topic: 'resolvers', title: 'Resolvers' },
  { topic: 'dnssec', title: 'DNSSEC: DS, keys and signatures' },
  { topic: 'delegation', title: 'Delegation: nameservers and addresses' },
  { topic: 'registry', title: 'Registry' },
];

export interface DifferenceGroup {
  readonly topic: DifferenceTopic;
  readonly title: string;
  readonly differences: readonly Difference[];
}

/** The differences by topic, in the order of TOPICS; topics without any are left out. */
export function groupDifferences(differences: readonly Difference[]): DifferenceGroup[] {
  return TOPICS.map(({ topic, title }) => ({
    topic,
    title,
    differences: differences.filter((d) => d.topic === topic),
  })).filter((g) => g.differences.length > 0);
}

export type ChangeMark = 'added' | 'removed' | 'changed';

/** How a difference changed: one thing added, one removed, or one thing otherwise. */
export function changeOf(d: Difference): ChangeMark {
  switch (d.kind) {
    case 'ds':
    case 'signer':
    case 'ns':
    case 'address':
    case 'registry-status':
    case 'registry-ds':
    case 'registry-ns':
    case 'registry-glue':
      return d.change;
    case 'dnskey':
      return d.change === 'flags' ? 'changed' : d.change;
    case 'record-set':
      return d.change === 'readable' ? 'added' : 'removed';
    case 'verdict':
    case 'trust-anchors':
    case 'expiration':
    case 'resolver':
    case 'registry':
      return 'changed';
  }
}

export interface ExchangeLink {
  readonly side: 'before' | 'after';
  readonly id: string;
  readonly label: string;
}

/** How many responses of each side a difference links to (a verdict rests on many). */
export const LINKS_PER_SIDE = 2;

/**
 * The exchanges a difference rests on that a page can open: DNS exchanges of that side's
 * evidence (RDAP lookups live in the registry panel), at most LINKS_PER_SIDE per side,
 * labelled `Unbound, CD=0` for the question itself and `example.com. DNSKEY` otherwise.
 */
export function exchangeLinks(
  d: Difference,
  evidence: { readonly before: Evidence; readonly after: Evidence },
): ExchangeLink[] {
  return (['before', 'after'] as const).flatMap((side) =>
    d.exchanges[side]
      .flatMap((id) => {
        const x = evidence[side].exchanges.find((e) => e.id === id);
        if (x === undefined) return [];
        const resolver = evidence[side].resolvers.find((r) => r.url === x.resolver);
        const label =
          x.purpose === 'target'
            ? `${resolver?.label || x.resolver}, CD=${x.cd ? 1 : 0}`
            : `${x.question.name} ${x.question.type}`;
        return [{ side, id, label }];
      })
      .slice(0, LINKS_PER_SIDE),
  );
}
