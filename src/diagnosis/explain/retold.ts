/**
 * The verdict retold outside the card, from the same words explain/ wrote: as the owner's
 * report takes it (report/markdown.ts escapes all of it; it is never HTML) and as the saved
 * history lists it. Nothing is reworded here; the sentences are only gathered.
 */

import type { Diagnosis, DsCheckProposal, Fix } from '../diagnosis';

/** The verdict as the Markdown report takes it. */
export interface VerdictReport {
  /** Verdict id, e.g. `dnssec-bogus` (diagnosis/ids.ts). */
  readonly id: string;
  /** Reason id, e.g. `ds-mismatch`. */
  readonly reason: string;
  /** One sentence. */
  readonly summary: string;
  /** What the evidence shows, a paragraph or a few. */
  readonly detail: string;
  /** What the domain owner should change. */
  readonly fix: string;
  /** Commands to see it from a terminal (built by dns/shell-command.ts), one per line. */
  readonly commands?: readonly string[];
  /** The card's warnings: what will break later (or already bites), each with its id. */
  readonly warnings?: readonly { readonly id: string; readonly text: string }[];
  /** The DS records a fix proposes, to test before publishing them (the first DS fix's). */
  readonly dsCheck?: DsCheckProposal;
}

/** The verdict as the history list keeps it beside the Evidence. */
export interface VerdictLine {
  readonly verdict: string;
  readonly reason: string;
  readonly headline: string;
}

/** `Title: text (cost) Records: a; b` */
function fixParagraph(fix: Fix): string {
  const records = fix.records.length > 0 ? ` Records: ${fix.records.join('; ')}` : '';
  const cost = fix.cost ? ` (${fix.cost})` : '';
  return `${fix.title}: ${fix.text}${cost}${records}`;
}

/**
 * @example verdictReport(diagnosis) // { id: 'dnssec-bogus', reason: 'rrsig-expired', … }
 */
export function verdictReport(diagnosis: Diagnosis): VerdictReport {
  const steps = diagnosis.fixes.filter((f) => f.kind === 'fix' || f.kind === 'emergency');
  const dsCheck = diagnosis.fixes.find(
    (f) => f.dsCheck !== undefined && f.dsCheck.records.length > 0,
  )?.dsCheck;
  return {
    id: diagnosis.verdict,
    reason: diagnosis.reason,
    summary: diagnosis.headline,
    detail: [
      ...diagnosis.detail,
      ...(diagnosis.suspects.length > 0
        ? [`Suspect nameservers: ${diagnosis.suspects.map((s) => s.text).join(' ')}`]
        : []),
    ].join('\n\n'),
    fix: steps.length > 0 ? steps.map(fixParagraph).join('\n\n') : diagnosis.whatToDo,
    // Built and quoted by dns/shell-command.ts; the report puts them in a fenced block.
    commands: [...new Set(diagnosis.fixes.flatMap((f) => f.commands))],
    warnings: diagnosis.warnings.map((w) => ({ id: w.id, text: w.text })),
    ...(dsCheck === undefined ? {} : { dsCheck }),
  };
}

/** What the history list keeps besides the Evidence: the ids and the card's headline. */
export function verdictLine(diagnosis: Diagnosis): VerdictLine {
  return { verdict: diagnosis.verdict, reason: diagnosis.reason, headline: diagnosis.headline };
}
