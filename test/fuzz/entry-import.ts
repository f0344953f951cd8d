/**
 * Entry point 3: a file a person imports on `#/history` — an export of saved results or a
 * single Evidence file — through parseImportFile (JSON.parse, the export envelope, every
 * entry's parseEvidence, the record id from a SHA-256 of the canonical Evidence); the
 * first imported result is then opened as the history page would (validated, diagnosed).
 *
 * Files are real exports and Evidence files with JSON nodes replaced, removed, repeated or
 * renamed, text-edited copies (broken syntax), and random JSON.
 */
import fc from 'fast-check';
import { EVIDENCE_VERSION } from '../../src/evidence/evidence';
import { parseEvidence, serialiseEvidence } from '../../src/evidence/codec';
import { EXPORT_FORMAT, parseImportFile } from '../../src/store/export-file';
import { SUMMARY_LIMITS } from '../../src/store/investigation-record';
import { analyse } from './check-diagnosis';
import type { Corpus } from './corpus';
import { nonEmptyString, shape, type Entry } from './entry';
import { applyJsonEdits, jsonEdits, type Json } from './json-mutate';
import { mutatedText } from './mutate';

export interface ImportCase {
  readonly text: string;
}

/** The import time: a fixed clock, so a run is reproducible. */
const NOW = Date.UTC(2026, 5, 1);

function importArbitrary(corpus: Corpus): fc.Arbitrary<ImportCase> {
  const { documents } = corpus;
  const texts = documents.slice(0, 10).map((d) => JSON.stringify(d));
  const edited = fc
    .record({ i: fc.nat(documents.length - 1), edits: jsonEdits(5) })
    .map(({ i, edits }) => JSON.stringify(applyJsonEdits(documents[i]!, edits)) ?? '');
  const envelope = fc
    .record({
      format: fc.oneof(fc.constant<Json>(EXPORT_FORMAT), fc.jsonValue() as fc.Arbitrary<Json>),
      version: fc.oneof(
        fc.constantFrom<Json>(1, 2, 0, 1.5, '1', null),
        fc.jsonValue() as fc.Arbitrary<Json>,
      ),
      investigations: fc.oneof(
        fc.array(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { maxLength: 4 }),
        fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
      ),
    })
    .map((file) => JSON.stringify(file));
  const evidenceLike = fc
    .record({
      version: fc.constantFrom<Json>(EVIDENCE_VERSION, 2, null),
      exchanges: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    })
    .map((v) => JSON.stringify(v));
  return fc
    .oneof(
      { weight: 8, arbitrary: edited },
      { weight: 2, arbitrary: mutatedText(texts, 3) },
      { weight: 1, arbitrary: envelope },
      { weight: 1, arbitrary: evidenceLike },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.string({ maxLength: 100 }) },
    )
    .map((text) => ({ text }));
}

/** A refusal's wording with the numbers and quoted values taken out: its class. */
function errorClass(message: string): string {
  return message
    .replace(/^investigation \d+: /, '')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d+/g, 'N')
    .slice(0, 70);
}

export async function runImport(input: ImportCase): Promise<string> {
  const plan = parseImportFile(input.text, NOW);
  shape(Array.isArray(plan.records) && Array.isArray(plan.errors), 'plan lists');
  shape(Number.isInteger(plan.duplicates) && plan.duplicates >= 0, 'plan duplicates');
  plan.errors.forEach((e, i) => nonEmptyString(e, `error ${i}`));
  const ids = new Set<string>();
  for (const r of plan.records) {
    shape(/^[0-9a-f]{32}$/.test(r.id), `record id ${r.id}`);
    shape(!ids.has(r.id), `record id ${r.id} twice in one plan`);
    ids.add(r.id);
    shape(Number.isFinite(r.savedAt) && r.savedAt >= 0, `record savedAt ${r.savedAt}`);
    shape(
      r.name === r.evidence.question.name && r.type === r.evidence.question.type,
      'record index fields',
    );
    for (const key of ['verdict', 'reason', 'headline'] as const) {
      const v = r[key];
      shape(
        v === undefined || (typeof v === 'string' && v.length <= SUMMARY_LIMITS[key]),
        `record ${key}`,
      );
    }
    const again = parseEvidence(r.evidence);
    shape(again.ok, 'an imported record holds evidence that parseEvidence refuses');
    shape(
      serialiseEvidence(again.evidence) === serialiseEvidence(r.evidence),
      'an imported record changes when it is checked again',
    );
  }
  if (plan.records.length === 0 && plan.errors.length === 0) return 'nothing to import';
  // Opening a saved result diagnoses it: the first imported one is opened.
  const first = plan.records[0];
  if (first !== undefined) await analyse(first.evidence);
  if (plan.errors.length === 0) return 'imported';
  const why = errorClass(plan.errors[0]!);
  return plan.records.length > 0 ? `partly imported: ${why}` : `refused: ${why}`;
}

export const importEntry: Entry<ImportCase> = {
  name: 'import files',
  arbitrary: importArbitrary,
  run: (input) => runImport(input),
  save: (input) => ({ text: input.text }),
  load: (saved) => ({ text: String(saved.text) }),
};
