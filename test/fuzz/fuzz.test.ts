/**
 * The short fuzzing run of `npm test` (the long one is `npm run fuzz`, scripts/fuzz.ts):
 * a seeded sample of each entry point of untrusted input — DoH bodies, evidence links,
 * import files, URL parameters — must come back as typed, well-shaped results, never an
 * exception. fast-check shrinks a failure and prints its seed and path, so it reproduces
 * with `{ seed, path }` in the options below.
 *
 * Each run must also reach past the first check: the classes of result it saw include
 * the deep ones (a DoH body that decodes and is diagnosed, a link that opens, a file that
 * imports, a check whose name is asked), so a generator that regressed to noise fails.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type Corpus } from './corpus';
import type { Entry } from './entry';
import { dohEntry } from './entry-doh';
import { importEntry } from './entry-import';
import { linkEntry } from './entry-link';
import { routeEntry } from './entry-route';

const SEED = 20261212;

/**
 * Inputs per entry point. Routes are cheap (2,000); a DoH body, and a link or file that
 * opens, costs a validation of its whole chain and a diagnosis (milliseconds each), so
 * those entries get fewer here and their 100,000 in `npm run fuzz`.
 */
const RUNS = { doh: 400, links: 1000, imports: 600, routes: 2000 } as const;

let corpus: Corpus;
beforeAll(async () => {
  corpus = await loadCorpus();
});

async function sample<T>(entry: Entry<T>, numRuns: number): Promise<Map<string, number>> {
  const classes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(entry.arbitrary(corpus), async (input) => {
      const cls = await entry.run(input, corpus);
      classes.set(cls, (classes.get(cls) ?? 0) + 1);
    }),
    { seed: SEED, numRuns },
  );
  return classes;
}

const seen = (classes: Map<string, number>, pattern: RegExp): number =>
  [...classes].filter(([cls]) => pattern.test(cls)).reduce((sum, [, n]) => sum + n, 0);

describe('fuzzing, short run', () => {
  it('DoH bodies: decode, summarise, validate and diagnose without a throw', async () => {
    const classes = await sample(dohEntry, RUNS.doh);
    expect(seen(classes, /decoded → (ok|nxdomain|nodata)\/secure/)).toBeGreaterThan(0);
    expect(seen(classes, /decoded → dnssec-bogus\//)).toBeGreaterThan(0);
    expect(seen(classes, /^alone, decoded/)).toBeGreaterThan(0);
    expect(seen(classes, /(truncated|bad-pointer|bad-label-type|bad-rdata) →/)).toBeGreaterThan(0);
  }, 120_000);

  it('evidence links: every damaged link is refused with a kind and a message', async () => {
    const classes = await sample(linkEntry, RUNS.links);
    expect(seen(classes, /^opened → /)).toBeGreaterThan(0);
    for (const kind of ['bad-base64', 'bad-compression', 'bad-json', 'invalid']) {
      expect(classes.get(kind), kind).toBeGreaterThan(0);
    }
  }, 60_000);

  it('import files: every entry is imported or refused with a message', async () => {
    const classes = await sample(importEntry, RUNS.imports);
    expect(classes.get('imported')).toBeGreaterThan(0);
    expect(seen(classes, /^partly imported: /)).toBeGreaterThan(0);
    expect(seen(classes, /^refused: exchange N: /)).toBeGreaterThan(0);
  }, 60_000);

  it('URL parameters: every fragment and query string gives a route', async () => {
    const classes = await sample(routeEntry, RUNS.routes);
    expect(seen(classes, /^check, name ok/)).toBeGreaterThan(0);
    expect(seen(classes, /^check, name refused/)).toBeGreaterThan(0);
    expect(seen(classes, /resolver refused/)).toBeGreaterThan(0);
    expect(seen(classes, /anchors ok/)).toBeGreaterThan(0);
    expect(seen(classes, /rdap refused/)).toBeGreaterThan(0);
  }, 60_000);
});
