/**
 * Saved-investigation records without IndexedDB: identity from the Evidence, the list's
 * search and order, and reading back entries that another version (or damage) wrote.
 */
import { describe, expect, it } from 'vitest';
import {
  investigationId,
  listLimit,
  makeRecord,
  readRecord,
  selectInvestigations,
  summariseRecord,
  summariseStored,
} from '../../../src/store/investigation-record';
import { labEvidence, smallEvidence } from '../report/evidence-fixtures';

const small = smallEvidence();

describe('investigationId', () => {
  it('is 32 hex digits and follows the Evidence, not the object identity', () => {
    const id = investigationId(small);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(investigationId(JSON.parse(JSON.stringify(small)))).toBe(id);
    expect(investigationId({ ...small, finishedAt: small.finishedAt + 1 })).not.toBe(id);
  });
});

describe('makeRecord', () => {
  it('indexes the question and keeps the summary', () => {
    const record = makeRecord(small, { verdict: 'dnssec-bogus', headline: 'Broken' }, 1000);
    expect(record).toEqual({
      id: investigationId(small),
      savedAt: 1000,
      name: 'www.example.com.',
      type: 'A',
      summarySource: 'diagnosis',
      verdict: 'dnssec-bogus',
      headline: 'Broken',
      evidence: small,
    });
  });

  it('drops summary fields that are empty, too long or not strings', () => {
    const summary = { verdict: '', reason: 'r'.repeat(65), headline: 7 as unknown as string };
    const record = makeRecord(small, summary, 0);
    expect(Object.keys(record)).toEqual(['id', 'savedAt', 'name', 'type', 'evidence']);
  });
});

function record(name: string, savedAt: number) {
  const evidence = { ...small, question: { name, type: 'A' }, finishedAt: savedAt };
  return makeRecord(evidence, { verdict: 'ok' }, savedAt);
}

describe('selectInvestigations', () => {
  const records = [
    record('www.example.com.', 3),
    record('mail.example.org.', 5),
    record('example.com.', 1),
    record('shop.example.com.', 4),
  ];
  const names = (options: { search?: string; limit?: number }) =>
    selectInvestigations(records, options).map((r) => r.name);

  it.each([
    [{}, ['mail.example.org.', 'shop.example.com.', 'www.example.com.', 'example.com.']],
    [{ search: 'example.com' }, ['shop.example.com.', 'www.example.com.', 'example.com.']],
    [{ search: '  EXAMPLE.COM. ' }, ['shop.example.com.', 'www.example.com.', 'example.com.']],
    [{ search: 'mail' }, ['mail.example.org.']],
    [{ search: 'nothing' }, []],
    [{ limit: 2 }, ['mail.example.org.', 'shop.example.com.']],
    [{ search: 'com', limit: 1 }, ['shop.example.com.']],
  ])('%j', (options, expected) => {
    expect(names(options)).toEqual(expected);
  });

  it('summaries carry no Evidence', () => {
    const [first] = selectInvestigations(records, { limit: 1 });
    expect(first).toEqual({
      id: records[1]!.id,
      savedAt: 5,
      name: 'mail.example.org.',
      type: 'A',
      verdict: 'ok',
      exchangeCount: 4,
      observedAt: records[1]!.evidence.startedAt,
      recheck: false,
    });
  });
});

describe('listLimit', () => {
  it.each([
    [undefined, 100],
    [Number.NaN, 100],
    [0, 1],
    [7.9, 7],
    [1e9, 10_000],
  ])('%s → %s', (limit, expected) => {
    expect(listLimit(limit)).toBe(expected);
  });
});

describe('readRecord', () => {
  const stored = makeRecord(labEvidence('ed25519-nsec.lens.'), { headline: 'h' }, 42);

  it('reads back what was stored', () => {
    expect(readRecord(structuredClone(stored))).toEqual({ ok: true, record: stored });
  });

  it('keeps the stored id (an older id scheme) and rebuilds the index fields', () => {
    const value = { ...structuredClone(stored), id: 'legacy-1', name: 'wrong.', type: 'MX' };
    const read = readRecord(value);
    expect(read.ok && [read.record.id, read.record.name, read.record.type]).toEqual([
      'legacy-1',
      'www.ed25519-nsec.lens.',
      'A',
    ]);
  });

  it.each([
    [null, 'The saved entry is not an object.'],
    [{ id: 'x' }, 'The saved evidence is unreadable: Evidence must be a JSON object, not missing'],
    [
      { id: 'x', evidence: { ...small, version: 9 } },
      'The saved evidence is unreadable: This evidence was made by a newer version of SERVFAIL Lens (evidence version 9; this app reads version 1). Open it with the current app.',
    ],
  ])('refuses %j', (value, message) => {
    expect(readRecord(value)).toEqual({ ok: false, message });
  });
});

describe('summariseStored', () => {
  it.each([null, 'x', { id: 1 }, { id: 'a', name: 'n.', type: 'A' }, { id: 'a', evidence: {} }])(
    'skips the damaged entry %j',
    (value) => {
      expect(summariseStored(value)).toBeNull();
    },
  );
});

describe('summaries of our own and of others', () => {
  const ours = makeRecord(small, { verdict: 'dnssec-bogus', headline: 'Broken' }, 7);

  it("a stored verdict without the app's mark (an older import) is not shown: re-check it", () => {
    const legacy: Record<string, unknown> = { ...structuredClone(ours) };
    delete legacy.summarySource;
    legacy.headline = 'All good, nothing to fix';
    const read = readRecord(legacy);
    expect(read.ok && read.record).not.toHaveProperty('headline');
    expect(summariseStored(legacy)).toMatchObject({ recheck: true });
    expect(summariseStored(legacy)).not.toHaveProperty('verdict');
    expect(summariseStored(structuredClone(ours))).toMatchObject({
      verdict: 'dnssec-bogus',
      headline: 'Broken',
      recheck: false,
    });
  });

  it('says when the evidence was observed, which an import makes differ from when it was saved', () => {
    const imported = makeRecord({ ...small, startedAt: 1_000 }, {}, 9_000);
    expect(summariseStored(structuredClone(imported))).toMatchObject({
      savedAt: 9_000,
      observedAt: 1_000,
    });
    expect(summariseRecord(imported)).toMatchObject({ savedAt: 9_000, observedAt: 1_000 });
    const undated: Record<string, unknown> = { ...structuredClone(imported) };
    undated.evidence = { ...small, startedAt: 'yesterday' };
    expect(summariseStored(undated)).not.toHaveProperty('observedAt');
  });

  it("marks evidence validated against anchors that are not the root's, with their key tags", () => {
    const lab = labEvidence('ed25519-nsec.lens.');
    expect(summariseStored(structuredClone(ours))).not.toHaveProperty('ownTrustAnchors');
    const anchors = [
      '. IN DS 13522 8 2 F6783601DE962B4227AD6D435F53B8F6E867F31085047B134614DFC8E9ED3EA8',
    ];
    const custom = makeRecord({ ...lab, trustAnchors: anchors }, {}, 1);
    expect(summariseStored(structuredClone(custom))?.ownTrustAnchors).toEqual({ keyTags: [13522] });
    expect(selectInvestigations([custom])[0]?.ownTrustAnchors).toEqual({ keyTags: [13522] });
    const unreadable = makeRecord({ ...lab, trustAnchors: ['junk'] }, {}, 1);
    expect(summariseStored(structuredClone(unreadable))?.ownTrustAnchors).toEqual({ keyTags: [] });
  });
});
