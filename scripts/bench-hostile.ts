/**
 * How long hostile inputs take where the app meets them (Node, one thread): the inputs the
 * unit tests check for correctness only (test/helpers/hostile-inputs.ts, the fuzz vectors).
 * Medians; nothing passes or fails here.
 */
import { readEdeText } from '../src/dns/ede-text';
import { decodeEvidenceLink } from '../src/report/permalink';
import { loadCorpus } from '../test/fuzz/corpus';
import { ENTRIES } from '../test/fuzz/entries';
import { BACKTRACKING_EDE_TEXTS, zipBombLinkPayload } from '../test/helpers/hostile-inputs';
import { FUZZ_VECTORS, expandVector } from '../test/vectors/fuzz/vectors';
import { median } from './bench-worker';

async function timed(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return median(times);
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export async function benchHostile(): Promise<void> {
  console.log('\nHostile input (Node, median):');
  const ede = await Promise.all(
    BACKTRACKING_EDE_TEXTS.map((extraText) =>
      timed(50, () => readEdeText({ infoCode: 0, extraText })),
    ),
  );
  console.log(
    `  EDE texts built for backtracking (${ede.length}): slowest ${ms(Math.max(...ede))}, median ${ms(median(ede))}`,
  );
  const bomb = zipBombLinkPayload();
  console.log(
    `  evidence link zip bomb (64 MiB of zeros): refused in ${ms(await timed(5, () => decodeEvidenceLink(bomb)))}`,
  );
  const corpus = await loadCorpus();
  for (const vector of FUZZ_VECTORS) {
    const entry = ENTRIES.find((e) => e.name === vector.entry);
    if (entry === undefined) continue;
    const input = entry.load(expandVector(vector), corpus);
    console.log(
      `  fuzz vector "${vector.name}": ${ms(await timed(3, () => entry.run(input, corpus)))}`,
    );
  }
}
