/**
 * Inputs the fuzzer once broke the app with (vectors.ts), replayed through the same entry
 * points: each must now give a well-shaped result. How long each takes is a benchmark
 * figure (`npm run bench`), not a timed assertion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from '../../fuzz/corpus';
import { ENTRIES } from '../../fuzz/entries';
import { FUZZ_VECTORS, expandVector } from './vectors';

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

describe('fuzz vectors', () => {
  for (const v of FUZZ_VECTORS) {
    it(
      v.name,
      async () => {
        const entry = ENTRIES.find((e) => e.name === v.entry);
        expect(entry, `entry ${v.entry}`).toBeDefined();
        const input = entry!.load(expandVector(v), corpus);
        const cls = await entry!.run(input, corpus);
        expect(cls.length).toBeGreaterThan(0);
      },
      // The quadratic bug this guards against took 56 s: a regression fails here.
      60_000,
    );
  }
});
