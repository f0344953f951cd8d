/**
 * How the diagnosis writes a sentence that quotes names and received text. Rules decide
 * and return findings; the explain/ modules word them with `prose`, so two things hold
 * wherever a sentence is shown (card, report, history) without a pass over the text
 * afterwards:
 *
 * - A fully qualified name that ends a sentence (`… in example.com.`) keeps one dot: its
 *   trailing dot doubles as the full stop. The joint between a quoted value and the words
 *   after it is the only place where `..` can arise (DNS names have no empty label), and
 *   the template sees exactly that joint.
 * - What is quoted is one line of visible text (dns/visible-text.ts): names are escaped
 *   where they are decoded, but EDE texts, resolver labels and error messages arrive as
 *   received, and a line break or a bidi override in one of them would split or reorder
 *   the sentence.
 */

import { visibleText } from '../../dns/visible-text';

export type ProseValue = string | number;

/**
 * A sentence from our words and quoted values.
 *
 * @example prose`No address for ${'ns1.gone.example.'}.` // 'No address for ns1.gone.example.'
 * @example prose`from ${'.'}.` // 'from .'
 */
export function prose(words: TemplateStringsArray, ...values: readonly ProseValue[]): string {
  let out = words[0] ?? '';
  values.forEach((value, i) => {
    const quoted = visibleText(String(value));
    const next = words[i + 1] ?? '';
    out += quoted + (quoted.endsWith('.') && next.startsWith('.') ? next.slice(1) : next);
  });
  return out;
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

/** `1 resolver`, `3 resolvers` */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
