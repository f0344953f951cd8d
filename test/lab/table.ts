/**
 * The lab check as Markdown, laid out the way Prettier formats tables (padded columns),
 * so `prettier --check` accepts README.md after `lab:check --write`.
 */
import type { DelvRow, LabRow } from './check-lab';

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((header, column) =>
    Math.max(3, header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function resolverTable(rows: readonly LabRow[]): string {
  return markdownTable(
    ['scenario', 'qname', 'resolver', 'CD', 'rcode', 'AD', 'EDE'],
    rows.map((row) => [
      row.scenario,
      `${row.qname} ${row.qtype}`,
      row.resolver,
      row.cd ? '1' : '0',
      row.rcode,
      row.ad ? '1' : '0',
      row.ede.length > 0 ? row.ede.join(', ') : '—',
    ]),
  );
}

export function delvTable(rows: readonly DelvRow[]): string {
  return markdownTable(
    ['scenario', 'qname', 'delv (lab anchor, via unbound-novalidate)'],
    rows.map((row) => [row.scenario, `${row.qname} ${row.qtype}`, row.verdict]),
  );
}

export const TABLE_START = '<!-- lab-table:start -->';
export const TABLE_END = '<!-- lab-table:end -->';

/** Replaces what lies between the two markers; throws when they are missing. */
export function replaceBetweenMarkers(document: string, content: string): string {
  const start = document.indexOf(TABLE_START);
  const end = document.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`markers ${TABLE_START} … ${TABLE_END} not found`);
  return `${document.slice(0, start + TABLE_START.length)}\n\n${content}\n\n${document.slice(end)}`;
}
