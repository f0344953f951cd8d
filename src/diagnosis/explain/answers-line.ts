/**
 * The history list's line for a check saved without a diagnosis: what the resolvers
 * answered to the name with DNSSEC checking on (CD=0), most frequent first, e.g.
 * `CD=0: SERVFAIL ×3, NOERROR ×1`. Worded here, with the verdicts' sentences, so the
 * history never says the evidence in other words than the card.
 */

/**
 * @param statuses how each CD=0 query for the name ended (`SERVFAIL`, `NOERROR`, a transport
 *   error class…), one per query, in the order they were asked.
 * @example answersLine(['SERVFAIL', 'NOERROR', 'SERVFAIL']) // 'CD=0: SERVFAIL ×2, NOERROR ×1'
 */
export function answersLine(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  // Array.prototype.sort is stable: equal counts keep the order first seen.
  const parts = [...counts].sort((a, b) => b[1] - a[1]).map(([status, n]) => `${status} ×${n}`);
  return parts.length === 0 ? 'no answers' : `CD=0: ${parts.join(', ')}`;
}
