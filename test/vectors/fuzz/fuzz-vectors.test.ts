/**
 * Inputs the fuzzer (`npm run fuzz`, test/fuzz/) once broke the app with, replayed through
 * the same entry points: each must now give a well-shaped result, within its time bound.
 * A vector is a saved input (`entry.save`), optionally with one field grown by repeating a
 * piece (`repeat`), so a multi-megabyte link stays a few lines here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from '../../fuzz/corpus';
import type { Saved } from '../../fuzz/entry';
import { ENTRIES } from '../../fuzz/entries';

interface Vector {
  readonly name: string;
  /** How it was found and what was wrong. */
  readonly found: string;
  readonly entry: string;
  readonly input: Saved;
  readonly repeat?: { readonly field: string; readonly unit: string; readonly times: number };
  /** The time the input may take now (generous: the machine may be busy). */
  readonly maxMs?: number;
}

const VECTORS = JSON.parse(
  readFileSync(join(import.meta.dirname, 'vectors.json'), 'utf8'),
) as readonly Vector[];

function expand(v: Vector): Saved {
  if (v.repeat === undefined) return v.input;
  const { field, unit, times } = v.repeat;
  return { ...v.input, [field]: `${String(v.input[field] ?? '')}${unit.repeat(times)}` };
}

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

describe('fuzz vectors', () => {
  for (const v of VECTORS) {
    it(
      v.name,
      async () => {
        const entry = ENTRIES.find((e) => e.name === v.entry);
        expect(entry, `entry ${v.entry}`).toBeDefined();
        const input = entry!.load(expand(v), corpus);
        const started = performance.now();
        const cls = await entry!.run(input, corpus);
        const ms = performance.now() - started;
        expect(cls.length).toBeGreaterThan(0);
        if (v.maxMs !== undefined)
          expect(ms, `${v.name}: ${ms.toFixed(0)} ms`).toBeLessThan(v.maxMs);
      },
      60_000,
    );
  }
});
