/**
 * The comparison grid's model: one row per resolver, a cell per CD setting, and which
 * cells disagree with the rest of their column (they are highlighted).
 */
import type { EvidenceResolver } from '../evidence/evidence';
import {
  STALE_EDE,
  validatesObserved,
  type ValidationSignal,
  type ValidationSignals,
} from '../diagnosis/validation-observed';
import type { ExchangeSummary } from '../report/exchange-summary';

export interface GridRow {
  readonly resolver: EvidenceResolver;
  /** [CD=0, CD=1]; undefined while the query is in flight. */
  readonly cells: readonly [ExchangeSummary | undefined, ExchangeSummary | undefined];
}

/**
 * What makes two cells "say the same thing": the outcome (rcode or transport failure).
 * The AD bit is not part of it: a resolver that does not validate is labelled as such
 * (see `validationObserved`), not flagged as an odd answer.
 */
export function outcomeKey(cell: ExchangeSummary): string {
  return cell.status;
}

export type ValidationObservation = 'validates' | 'no-ad' | 'unknown';

/** What a cell shows about validation (diagnosis/validation-observed.ts). */
function signalOf(cell: ExchangeSummary | undefined): ValidationSignal | undefined {
  if (cell === undefined) return undefined;
  return {
    rcode: cell.answered ? cell.status : undefined,
    ad: cell.ad,
    stale: cell.ede.some((e) => STALE_EDE.has(e.code)),
  };
}

const signalsOf = (row: GridRow): ValidationSignals => [
  signalOf(row.cells[0]),
  signalOf(row.cells[1]),
];

/**
 * Whether a resolver validates, as observed (never assumed), by the same rule the verdict
 * uses (diagnosis/validation-observed.ts), so the grid's label and the verdict agree.
 */
export function validationObserved(row: GridRow, rows: readonly GridRow[]): ValidationObservation {
  const seen = validatesObserved(signalsOf(row), rows.map(signalsOf));
  return seen === true ? 'validates' : seen === false ? 'no-ad' : 'unknown';
}

export function buildRows(
  resolvers: readonly EvidenceResolver[],
  targets: readonly ExchangeSummary[],
): GridRow[] {
  return resolvers.map((resolver) => {
    const find = (cd: boolean) => targets.find((t) => t.resolver === resolver.url && t.cd === cd);
    return { resolver, cells: [find(false), find(true)] };
  });
}

/**
 * The ids of DNS answers that disagree with the most common answer of their column. With no
 * strict majority (a tie, or fewer than three answers) nothing is singled out: standing
 * out must mean something.
 */
export function oddCells(rows: readonly GridRow[]): ReadonlySet<string> {
  const odd = new Set<string>();
  for (const column of [0, 1] as const) {
    // Only DNS answers vote: a resolver the browser could not read says nothing about the
    // name, and ten broken endpoints must not make the two that answered look odd.
    const cells = rows
      .map((r) => r.cells[column])
      .filter((c): c is ExchangeSummary => !!c && c.answered);
    if (cells.length < 3) continue;
    const counts = new Map<string, number>();
    for (const c of cells) counts.set(outcomeKey(c), (counts.get(outcomeKey(c)) ?? 0) + 1);
    const [top, second] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (!top || (second && second[1] === top[1])) continue;
    for (const c of cells) if (outcomeKey(c) !== top[0]) odd.add(c.id);
  }
  return odd;
}
