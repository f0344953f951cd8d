/**
 * The export file: every saved investigation in one versioned JSON document, and the
 * reader that imports it (or a single Evidence file, as the app offers when a link would
 * be too long). Each entry's Evidence is checked with `parseEvidence`: bad entries are
 * reported by position and the good ones kept.
 *
 *   { "format": "servfail-lens-export", "version": 1, "exportedAt": "2026-…Z",
 *     "investigations": [ { "id", "savedAt", "verdict"?, "reason"?, "headline"?, "evidence" } ] }
 *
 * `verdict`, `reason` and `headline` are written for whoever reads the file; an import
 * ignores them, since a file can claim anything ("ok" for a forged chain). The imported
 * entry is listed as not yet re-checked, and History recomputes its verdict from the
 * Evidence (investigation-record.ts).
 */

import type { Evidence } from '../evidence/evidence';
import { canonicalEvidence, parseEvidence } from '../evidence/codec';
import {
  cleanSummary,
  makeRecord,
  type SaveSummary,
  type StoredInvestigation,
} from './investigation-record';

export const EXPORT_FORMAT = 'servfail-lens-export';
export const EXPORT_VERSION = 1;
/** Larger files are refused before parsing (a browser string tops out near 512 MiB). */
export const MAX_IMPORT_CHARACTERS = 128 * 1024 * 1024;
/**
 * The largest import file, in bytes, checked against `File.size` before the file is read:
 * 128 MiB, room for the 10,000 entries below at about 13 KB each (a typical check's
 * Evidence is 30–60 KB of JSON, so a full export of a few thousand checks). UTF-8 never
 * takes fewer bytes than UTF-16 code units, so a file within it is within
 * MAX_IMPORT_CHARACTERS too.
 */
export const MAX_IMPORT_BYTES = MAX_IMPORT_CHARACTERS;
export const MAX_IMPORT_ENTRIES = 10_000;

/** Whole MiB, rounded up: a file one byte over the cap does not read as the cap. */
const mib = (bytes: number): string => String(Math.ceil(bytes / 1048576));

/**
 * Why a file of `size` bytes is not read at all, or null when it may be. Call it with
 * `File.size` before `file.text()`: reading a 2 GB file to refuse it would stall or crash
 * the tab.
 *
 * @example importSizeProblem(200 * 1024 * 1024) // 'The file is too large to import (200 MiB; …'
 */
export function importSizeProblem(size: number): string | null {
  if (!Number.isFinite(size) || size < 0) return 'The file has no readable size.';
  if (size <= MAX_IMPORT_BYTES) return null;
  return `The file is too large to import (${mib(size)} MiB; at most ${mib(MAX_IMPORT_BYTES)} MiB are read). It was not opened. Export fewer results at a time, or split the file.`;
}

export interface ExportEntry extends SaveSummary {
  readonly id: string;
  readonly savedAt: number;
  readonly evidence: Evidence;
}

export interface ExportFile {
  readonly format: typeof EXPORT_FORMAT;
  readonly version: typeof EXPORT_VERSION;
  readonly exportedAt: string;
  readonly investigations: readonly ExportEntry[];
}

/**
 * @example buildExportFile(records, Date.now()) // '{"format":"servfail-lens-export",…'
 */
export function buildExportFile(records: readonly StoredInvestigation[], now: number): string {
  const file: ExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    investigations: records.map((r) => ({
      id: r.id,
      savedAt: r.savedAt,
      ...cleanSummary(r as unknown as Readonly<Record<string, unknown>>),
      evidence: canonicalEvidence(r.evidence),
    })),
  };
  return JSON.stringify(file);
}

export interface ImportPlan {
  /** Checked entries, ids recomputed from their Evidence, duplicates within the file removed. */
  readonly records: readonly StoredInvestigation[];
  /** Entries that repeat an earlier entry of the same file. */
  readonly duplicates: number;
  /** One message per refused entry (or one for the whole file). */
  readonly errors: readonly string[];
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(message: string): ImportPlan {
  return { records: [], duplicates: 0, errors: [message] };
}

function readExport(file: Readonly<Record<string, unknown>>, now: number): ImportPlan {
  const version = file.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > EXPORT_VERSION) {
    return refuse(
      `This export was made by a newer version of SERVFAIL Lens (export version ${version}; this app reads version ${EXPORT_VERSION}). Import it with the current app.`,
    );
  }
  if (version !== EXPORT_VERSION) {
    return refuse(`The export file's \`version\` must be ${EXPORT_VERSION}.`);
  }
  const entries = file.investigations;
  if (!Array.isArray(entries)) {
    return refuse('The export file has no `investigations` list.');
  }
  if (entries.length > MAX_IMPORT_ENTRIES) {
    return refuse(
      `The export file holds ${entries.length} investigations; at most ${MAX_IMPORT_ENTRIES} can be imported at once.`,
    );
  }
  const records: StoredInvestigation[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  entries.forEach((entry: unknown, i) => {
    if (!isObject(entry)) {
      errors.push(`investigation ${i}: not an object`);
      return;
    }
    const parsed = parseEvidence(entry.evidence);
    if (!parsed.ok) {
      errors.push(`investigation ${i}: ${parsed.message}`);
      return;
    }
    const savedAt =
      typeof entry.savedAt === 'number' && Number.isFinite(entry.savedAt) && entry.savedAt >= 0
        ? entry.savedAt
        : now;
    // The entry's own verdict, reason and headline are not taken (see above).
    const record = makeRecord(parsed.evidence, {}, savedAt);
    if (seen.has(record.id)) {
      duplicates += 1;
      return;
    }
    seen.add(record.id);
    records.push(record);
  });
  return { records, duplicates, errors };
}

/**
 * Reads an export file or a single Evidence file. Never throws.
 *
 * @example
 *   parseImportFile(text, Date.now())
 *   // { records: [...], duplicates: 0, errors: ['investigation 2: exchange 0: `cd` must be true or false, not a string'] }
 */
export function parseImportFile(text: string, now: number): ImportPlan {
  if (text.length > MAX_IMPORT_CHARACTERS) {
    return refuse(`The file is too large to import (${Math.round(text.length / 1048576)} MiB).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse('The file is not JSON: it is neither a SERVFAIL Lens export nor evidence.');
  }
  if (!isObject(value)) {
    return refuse('The file is neither a SERVFAIL Lens export nor evidence.');
  }
  if (value.format === EXPORT_FORMAT) return readExport(value, now);
  if ('exchanges' in value || 'version' in value) {
    const parsed = parseEvidence(value);
    if (!parsed.ok) return refuse(parsed.message);
    return { records: [makeRecord(parsed.evidence, {}, now)], duplicates: 0, errors: [] };
  }
  return refuse('The file is neither a SERVFAIL Lens export nor evidence.');
}
