/**
 * Saved results grouped by question (name and type), so History shows each name's verdict
 * over time. Groups come in the list's order, newest saved first; within a group, results
 * are ordered by when they were observed (an imported result may be older than it was
 * saved), newest first, so the first is the latest state of the name.
 */
import { fqdn } from '../../dns/name';
import type { InvestigationSummary } from '../../store/investigation-record';

export interface HistoryGroup {
  /** `name type`, the name as DNS compares it (RFC 4343). */
  readonly key: string;
  readonly name: string;
  readonly type: string;
  /** Newest observed first. */
  readonly items: readonly InvestigationSummary[];
}

/** When a saved result was observed; when it was saved for one that does not say. */
export const observedAt = (item: InvestigationSummary): number => item.observedAt ?? item.savedAt;

/** The saved results by question, in the order of their latest save; each group newest first. */
export function groupByQuestion(items: readonly InvestigationSummary[]): HistoryGroup[] {
  const groups = new Map<string, { name: string; type: string; items: InvestigationSummary[] }>();
  for (const item of [...items].sort((a, b) => b.savedAt - a.savedAt)) {
    const key = `${fqdn(item.name)} ${item.type.toUpperCase()}`;
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { name: item.name, type: item.type, items: [item] });
  }
  return [...groups].map(([key, group]) => ({
    key,
    ...group,
    items: group.items.sort((a, b) => observedAt(b) - observedAt(a)),
  }));
}
