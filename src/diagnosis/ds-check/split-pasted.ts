/**
 * Pasted text cut into records, one entry each: what the DS check's text area holds, what
 * its URL carries as `ds=` values, and what the check reads (pasted-records.ts). A module
 * of its own with no imports, so the page that edits the text carries no DNS code.
 */

/**
 * The pasted text as one entry per record: a record in parentheses may run over several
 * lines (dig's multi-line form, RFC 1035 §5.1), comments after `;` are dropped, and blank
 * lines are skipped.
 *
 * @example splitPastedText('a. IN DS 1 13 2 AB ; key\n\n2 13 2 CD') // ['a. IN DS 1 13 2 AB', '2 13 2 CD']
 */
export function splitPastedText(text: string): string[] {
  const entries: string[] = [];
  let pending = '';
  let depth = 0;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/;.*$/, '');
    for (const c of line) {
      if (c === '(') depth++;
      else if (c === ')') depth = Math.max(0, depth - 1);
    }
    pending = pending === '' ? line.trim() : `${pending} ${line.trim()}`;
    if (depth > 0) continue;
    if (pending.trim() !== '') entries.push(pending.trim());
    pending = '';
  }
  if (pending.trim() !== '') entries.push(pending.trim());
  return entries;
}
