/**
 * One share of a `npm run fuzz` entry point, run in a worker thread: the batches whose
 * number leaves `job` as remainder by `jobs`. Each batch is its own seeded fast-check
 * stream (seed + entry + batch), so the inputs do not depend on how many workers there are.
 * Posts `{ type: 'progress', inputs }` after each batch, then `{ type: 'done', report }`.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import fc from 'fast-check';
import { loadCorpus } from '../test/fuzz/corpus';
import { ShapeError, type Saved } from '../test/fuzz/entry';
import { ENTRIES } from '../test/fuzz/entries';

export interface ShareTask {
  readonly entry: number;
  readonly seed: number;
  readonly runs: number;
  readonly batch: number;
  readonly job: number;
  readonly jobs: number;
  /** Failing inputs kept per share. */
  readonly keep: number;
}

export interface Failure {
  readonly kind: 'crash' | 'shape';
  readonly error: string;
  readonly input: Saved;
}

export interface ShareReport {
  readonly inputs: number;
  readonly crashes: number;
  readonly shapeErrors: number;
  /** Exceptions that escaped the awaited call (a stray rejection or callback throw). */
  readonly stray: number;
  readonly classes: readonly (readonly [string, number])[];
  /** The longest single run, as first measured (includes GC pauses and JIT warm-up). */
  readonly firstSlowestMs: number;
  /**
   * The slowest input once the few slowest are run again (the least of three runs each):
   * what the input costs, not what the machine was doing at the time.
   */
  readonly slowestMs: number;
  readonly slowest: Saved | null;
  /** JSON length of the slowest input, to tell a large input from a slow one. */
  readonly slowestSize: number;
  readonly failures: readonly Failure[];
}

/** How many of the slowest inputs are run again to tell their cost from noise. */
const RETIME = 5;

export function batchSeed(seed: number, entry: number, batch: number): number {
  return (seed + entry * 1_000_003 + batch) | 0;
}

async function share(task: ShareTask): Promise<ShareReport> {
  let stray = 0;
  process.on('unhandledRejection', () => stray++);
  process.on('uncaughtException', () => stray++);
  const corpus = await loadCorpus();
  const entry = ENTRIES[task.entry]!;
  const arbitrary = entry.arbitrary(corpus);
  const classes = new Map<string, number>();
  const failures: Failure[] = [];
  let inputs = 0;
  let crashes = 0;
  let shapeErrors = 0;
  /** The slowest few inputs as first measured, slowest first. */
  let slow: { ms: number; input: unknown }[] = [];
  const batches = Math.ceil(task.runs / task.batch);
  for (let b = task.job; b < batches; b += task.jobs) {
    const size = Math.min(task.batch, task.runs - b * task.batch);
    const sample = fc.sample(arbitrary, {
      seed: batchSeed(task.seed, task.entry, b),
      numRuns: size,
    });
    for (const input of sample) {
      const t0 = performance.now();
      let cls: string;
      try {
        cls = await entry.run(input, corpus);
      } catch (error) {
        const kind = error instanceof ShapeError ? 'shape' : 'crash';
        if (kind === 'shape') shapeErrors++;
        else crashes++;
        const message = error instanceof Error ? error.message : String(error);
        cls = `${kind}: ${message}`.slice(0, 120);
        if (failures.length < task.keep) {
          const why = error instanceof Error ? (error.stack ?? message) : message;
          failures.push({ kind, error: why, input: entry.save(input, corpus) });
        }
      }
      classes.set(cls, (classes.get(cls) ?? 0) + 1);
      const ms = performance.now() - t0;
      if (slow.length < RETIME || ms > slow[slow.length - 1]!.ms) {
        slow = [...slow, { ms, input }].sort((a, b) => b.ms - a.ms).slice(0, RETIME);
      }
      inputs++;
    }
    parentPort?.postMessage({ type: 'progress', inputs: size });
  }
  let slowestMs = 0;
  let slowest: Saved | null = null;
  for (const { input } of slow) {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await entry.run(input, corpus).catch(() => undefined);
      best = Math.min(best, performance.now() - t0);
    }
    if (best > slowestMs) {
      slowestMs = best;
      slowest = entry.save(input, corpus);
    }
  }
  return {
    inputs,
    crashes,
    shapeErrors,
    stray,
    classes: [...classes],
    firstSlowestMs: slow[0]?.ms ?? 0,
    slowestMs,
    slowest,
    slowestSize: JSON.stringify(slowest).length,
    failures,
  };
}

if (parentPort !== null) {
  parentPort.postMessage({ type: 'done', report: await share(workerData as ShareTask) });
}
