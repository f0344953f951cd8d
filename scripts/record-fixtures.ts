/**
 * Records every lab scenario as Evidence JSON in test/fixtures/lab/<scenario>.json, with the
 * same planner, collector and DoH transport the app's worker uses (src/investigate/run.ts),
 * asking the resolvers the scenario names (`scenario.resolvers`, test/lab/scenarios.ts).
 * The fixtures drive the unit tests that replay evidence without servers and the app's
 * built-in examples. Needs a running lab (`npm run lab:up`).
 *
 *   npx tsx scripts/record-fixtures.ts            # every scenario
 *   npx tsx scripts/record-fixtures.ts expired    # just these
 */
import { setMaxListeners } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLiveInvestigation } from '../src/investigate/run';
import { serialiseEvidence } from '../src/evidence/codec';
import type { Evidence, EvidenceQuestion } from '../src/evidence/evidence';
import { flushUnboundCaches } from '../test/lab/flush';
import {
  loadLabManifest,
  scenarioResolvers,
  type LabManifest,
  type LabResolver,
} from '../test/lab/manifest';

export const FIXTURE_DIR = resolve('test/fixtures/lab');

/**
 * Asks one question of the lab as the app would, from cold caches, like a person's first
 * look at a failure. Also used by scripts/record-pairs.ts.
 */
export async function recordEvidence(
  manifest: LabManifest,
  question: EvidenceQuestion,
  resolvers: readonly LabResolver[],
): Promise<Evidence> {
  await flushUnboundCaches();
  // Every query of a wave listens on the one signal; Node warns past ten listeners.
  const controller = new AbortController();
  setMaxListeners(500, controller.signal);
  return runLiveInvestigation({
    question,
    resolvers: resolvers.map((r) => ({ url: r.dohUrl, label: r.label })),
    trustAnchors: manifest.trustAnchors,
    rdapBootstrap: manifest.rdap.bootstrap,
    timeoutMs: 4000,
    signal: controller.signal,
  });
}

/** Writes the recording as fixtures are written, and says what it holds. */
export function writeEvidence(path: string, evidence: Evidence): string {
  writeFileSync(path, `${serialiseEvidence(evidence)}\n`);
  const waves = new Set(evidence.exchanges.map((x) => x.wave)).size;
  const failed = evidence.exchanges.filter((x) => x.error !== undefined).length;
  return (
    `${String(evidence.exchanges.length).padStart(3)} exchanges, ` +
    `${waves} waves, ${failed} transport failures, ${evidence.finishedAt - evidence.startedAt} ms`
  );
}

async function main(): Promise<void> {
  const manifest = loadLabManifest();
  const wanted = process.argv.slice(2);
  const scenarios = manifest.scenarios.filter((s) => wanted.length === 0 || wanted.includes(s.id));
  if (scenarios.length === 0) throw new Error(`no lab scenario called ${wanted.join(', ')}`);
  mkdirSync(FIXTURE_DIR, { recursive: true });
  for (const scenario of scenarios) {
    // The resolvers the scenario names, in its order: the four plain ones for most, the
    // imitating resolver or front first for the public behaviours (scenarios.ts).
    const evidence = await recordEvidence(
      manifest,
      { name: scenario.qname, type: scenario.qtype },
      scenarioResolvers(manifest, scenario),
    );
    const summary = writeEvidence(join(FIXTURE_DIR, `${scenario.id}.json`), evidence);
    console.log(`${scenario.id.padEnd(16)} ${summary}`);
  }
}

// Run as a script, not when record-pairs.ts imports the functions above.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
