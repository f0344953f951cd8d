/**
 * Sentences in a diagnosis often end with a fully qualified name (`… in example.com.`), whose
 * trailing dot then doubles as the full stop. Rules write sentences naturally; this pass
 * drops the second dot of `example.com..` in prose (never in records or commands, where
 * every character counts). DNS names cannot contain an empty label, so `..` is never a name.
 *
 * The same pass makes the prose one line of visible text (dns/visible-text.ts): names are
 * escaped where they are decoded, but sentences also quote EDE texts, resolver labels and
 * error messages as received, and a line break or a bidi override in one of those would
 * split or reorder the sentence wherever it is shown (page, report, history).
 */

import { visibleText } from '../dns/visible-text';
import type { Diagnosis, Fix } from './diagnosis';

const DOUBLE_DOT = /\.\.(?=\s|$|[”’),;:])/g;

export function tidy(text: string): string {
  return visibleText(text.replace(DOUBLE_DOT, '.'));
}

function tidyFix(fix: Fix): Fix {
  return {
    ...fix,
    title: tidy(fix.title),
    text: tidy(fix.text),
    ...(fix.cost === undefined ? {} : { cost: tidy(fix.cost) }),
  };
}

/** The same diagnosis with its prose tidied; records and commands untouched. */
export function tidyDiagnosis(d: Diagnosis): Diagnosis {
  return {
    ...d,
    headline: tidy(d.headline),
    whatToDo: tidy(d.whatToDo),
    detail: d.detail.map(tidy),
    fixes: d.fixes.map(tidyFix),
    ...(d.uncertainty === undefined ? {} : { uncertainty: tidy(d.uncertainty) }),
    claims: d.claims.map((c) => ({ ...c, text: tidy(c.text) })),
    warnings: d.warnings.map((w) => ({ ...w, text: tidy(w.text) })),
    suspects: d.suspects.map((s) => ({ ...s, text: tidy(s.text) })),
    unknowns: d.unknowns.map(tidy),
  };
}
