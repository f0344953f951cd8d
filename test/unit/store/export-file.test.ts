/**
 * The export file and the import reader: a round trip keeps every investigation, bad
 * entries are reported by position while good ones are kept, duplicates are dropped, and a
 * lone Evidence file (the download offered instead of a long link) imports as one entry.
 */
import { describe, expect, it } from 'vitest';
import { serialiseEvidence } from '../../../src/evidence/codec';
import {
  EXPORT_FORMAT,
  MAX_IMPORT_BYTES,
  buildExportFile,
  importSizeProblem,
  parseImportFile,
} from '../../../src/store/export-file';
import { makeRecord, summariseRecord } from '../../../src/store/investigation-record';
import { labEvidence, smallEvidence } from '../report/evidence-fixtures';

const NOW = Date.UTC(2026, 10, 23);
const a = makeRecord(smallEvidence(), { verdict: 'dnssec-bogus', reason: 'ds-mismatch' }, 10);
const b = makeRecord(labEvidence('ecdsap256-nsec.lens.'), { headline: 'Secure' }, 20);
/** What an import makes of them: the Evidence and the date, no verdict of the file's. */
const imported = (r: typeof a) => makeRecord(r.evidence, {}, r.savedAt);

describe('buildExportFile', () => {
  it('writes the versioned envelope', () => {
    const file = JSON.parse(buildExportFile([b, a], NOW)) as Record<string, unknown>;
    expect(file.format).toBe(EXPORT_FORMAT);
    expect(file.version).toBe(1);
    expect(file.exportedAt).toBe('2026-11-23T00:00:00.000Z');
    expect(Object.keys((file.investigations as object[])[1]!)).toEqual([
      'id',
      'savedAt',
      'verdict',
      'reason',
      'evidence',
    ]);
  });

  it('round-trips through parseImportFile, without the verdicts', () => {
    const plan = parseImportFile(buildExportFile([b, a], NOW), NOW);
    expect(plan).toEqual({ records: [imported(b), imported(a)], duplicates: 0, errors: [] });
    expect(plan.records.map((r) => r.id)).toEqual([b.id, a.id]);
  });
});

function exportOf(entries: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: 1, investigations: entries, ...extra });
}

describe('parseImportFile', () => {
  const good = JSON.parse(buildExportFile([a], NOW)).investigations[0];

  it('keeps good entries and reports bad ones by position', () => {
    const broken = { ...good, evidence: { ...good.evidence, exchanges: [{ id: 'x0' }] } };
    const plan = parseImportFile(exportOf([broken, good, 'junk', { savedAt: 1 }]), NOW);
    expect(plan.records).toEqual([imported(a)]);
    expect(plan.errors).toEqual([
      'investigation 0: exchange 0: `resolver` must be a string, not missing',
      'investigation 2: not an object',
      'investigation 3: Evidence must be a JSON object, not missing',
    ]);
  });

  it('takes no verdict, reason or headline from the file: the entry waits for a re-check', () => {
    const forged = {
      ...good,
      verdict: 'ok',
      reason: 'secure',
      headline: 'All good, nothing to fix',
    };
    const plan = parseImportFile(exportOf([forged]), NOW);
    expect(plan.records).toHaveLength(1);
    const record = plan.records[0]!;
    expect(record).not.toHaveProperty('verdict');
    expect(record).not.toHaveProperty('headline');
    expect(record).not.toHaveProperty('summarySource');
    expect(summariseRecord(record)).toMatchObject({ recheck: true });
    expect(summariseRecord(record)).not.toHaveProperty('verdict');
    // Nor can the file mark its claims as this app's own.
    const marked = parseImportFile(exportOf([{ ...forged, summarySource: 'diagnosis' }]), NOW);
    expect(marked.records[0]).not.toHaveProperty('verdict');
  });

  it('drops duplicates within the file and recomputes ids', () => {
    const plan = parseImportFile(exportOf([{ ...good, id: 'forged' }, good]), NOW);
    expect(plan.records.map((r) => r.id)).toEqual([a.id]);
    expect(plan.duplicates).toBe(1);
  });

  it('dates entries without a valid savedAt with the import time', () => {
    const plan = parseImportFile(exportOf([{ ...good, savedAt: 'yesterday' }]), NOW);
    expect(plan.records[0]!.savedAt).toBe(NOW);
  });

  it('imports a single Evidence file', () => {
    const plan = parseImportFile(serialiseEvidence(smallEvidence()), NOW);
    expect(plan).toEqual({
      records: [makeRecord(smallEvidence(), {}, NOW)],
      duplicates: 0,
      errors: [],
    });
  });

  it.each([
    ['not JSON', '{', 'The file is not JSON: it is neither a SERVFAIL Lens export nor evidence.'],
    ['a list', '[]', 'The file is neither a SERVFAIL Lens export nor evidence.'],
    [
      'another JSON file',
      '{"name":"x"}',
      'The file is neither a SERVFAIL Lens export nor evidence.',
    ],
    [
      'a newer export',
      exportOf([], { version: 2 }),
      'This export was made by a newer version of SERVFAIL Lens (export version 2; this app reads version 1). Import it with the current app.',
    ],
    [
      'an export without version',
      exportOf([], { version: undefined }),
      "The export file's `version` must be 1.",
    ],
    [
      'an export without list',
      JSON.stringify({ format: EXPORT_FORMAT, version: 1 }),
      'The export file has no `investigations` list.',
    ],
    [
      'broken evidence',
      JSON.stringify({ ...smallEvidence(), version: 5 }),
      'This evidence was made by a newer version of SERVFAIL Lens (evidence version 5; this app reads version 1). Open it with the current app.',
    ],
  ])('refuses %s', (_, text, message) => {
    expect(parseImportFile(text, NOW)).toEqual({ records: [], duplicates: 0, errors: [message] });
  });

  it('never throws on random text (seeded)', () => {
    let seed = 5;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '"format":',
      `"${EXPORT_FORMAT}"`,
      '"version":1',
      ',',
      '"investigations":',
      'null',
      '1',
      '"x"',
      '"evidence":',
    ];
    for (let i = 0; i < 3000; i++) {
      const text = Array.from(
        { length: Math.floor(next() * 12) },
        () => pieces[Math.floor(next() * pieces.length)],
      ).join('');
      const plan = parseImportFile(text, NOW);
      expect(Array.isArray(plan.errors)).toBe(true);
    }
  });
});

describe('importSizeProblem', () => {
  it('lets a file up to the cap be read, and refuses a larger one before reading', () => {
    expect(MAX_IMPORT_BYTES).toBe(128 * 1024 * 1024);
    expect(importSizeProblem(0)).toBeNull();
    expect(importSizeProblem(MAX_IMPORT_BYTES)).toBeNull();
    expect(importSizeProblem(MAX_IMPORT_BYTES + 1)).toBe(
      'The file is too large to import (129 MiB; at most 128 MiB are read). It was not opened. Export fewer results at a time, or split the file.',
    );
    expect(importSizeProblem(3 * 1024 ** 3)).toMatch(
      /^The file is too large to import \(3072 MiB;/,
    );
    expect(importSizeProblem(Number.NaN)).toBe('The file has no readable size.');
  });
});
