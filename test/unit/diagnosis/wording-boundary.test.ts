/**
 * Rules decide, explain/ words (issue 13): no module outside src/diagnosis/explain/ builds
 * sentences, and every lab recording — as recorded and altered the ways that raise each
 * warning, registry sentence and nameserver suspect — diagnoses to exactly what it did
 * before the wording moved (lab-diagnoses.json, recorded from the code before the move;
 * `LENS_RECORD_DIAGNOSES=1` rewrites it, and the diff is then the change to review).
 */

import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import { firstExpiry } from '../../../src/diagnosis/warnings';
import type { Evidence } from '../../../src/evidence/evidence';
import { labFixtureIds } from '../../fixtures/lab-fixtures';
import {
  asTransportError,
  diagnoseAt,
  fixture,
  isTarget,
  RESOLVER,
  transform,
} from './lab-evidence';

const ROOT = join(import.meta.dirname, '../../..');
const SNAPSHOT = join(import.meta.dirname, 'lab-diagnoses.json');
const SCENARIOS = labFixtureIds();

/** The registry's record changed to disagree with DNS on nameservers and DS records. */
function registryDisagrees(evidence: Evidence): Evidence | undefined {
  if (!evidence.rdap?.some((l) => l.record)) return undefined;
  return {
    ...evidence,
    rdap: evidence.rdap.map((l) =>
      l.record
        ? {
            ...l,
            record: {
              ...l.record,
              nameservers: [
                ...l.record.nameservers.slice(1),
                { ldhName: 'ns9.elsewhere.lab', v4: ['192.0.2.9'], v6: [] },
              ],
              dsData: [{ keyTag: 4242, algorithm: 13, digestType: 2, digest: 'ab'.repeat(32) }],
            },
          }
        : l,
    ),
  };
}

/** The diagnoses of one recording: as recorded, and altered. */
async function diagnosesOf(scenario: string): Promise<Record<string, unknown>> {
  const evidence = fixture(scenario);
  const at = evidence.finishedAt / 1000;
  const out: Record<string, unknown> = { recorded: await diagnoseAt(evidence) };
  // One resolver gives no DNS answer at all; then every resolver times out.
  out['unbound-unreachable'] = await diagnoseAt(
    transform(
      evidence,
      (x) => x.resolver === RESOLVER.unbound,
      asTransportError('unreachable', 'Failed to fetch'),
    ),
  );
  out['targets-time-out'] = await diagnoseAt(
    transform(evidence, isTarget(), asTransportError('timeout', 'no answer within 10 s')),
  );
  const registry = registryDisagrees(evidence);
  if (registry) out['registry-disagrees'] = await diagnoseAt(registry);
  const { proof } = await validateEvidence(evidence, { now: at });
  const expiry = proof?.status === 'secure' ? firstExpiry(proof) : undefined;
  if (expiry) {
    out['signatures-expiring'] = await diagnoseAt(evidence, expiry.signature.expiration - 86400);
  }
  // Saved and compared as JSON: what the history and the report read back.
  return JSON.parse(JSON.stringify(out)) as Record<string, unknown>;
}

describe('the wording moved, the diagnoses did not change', () => {
  it('every lab recording diagnoses as before', async () => {
    const now: Record<string, unknown> = {};
    for (const scenario of SCENARIOS) now[scenario] = await diagnosesOf(scenario);
    if (process.env['LENS_RECORD_DIAGNOSES'] === '1') {
      writeFileSync(SNAPSHOT, `${JSON.stringify(now, null, 1)}\n`);
    }
    const before = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(now)).toEqual(Object.keys(before));
    for (const scenario of SCENARIOS) expect(now[scenario], scenario).toEqual(before[scenario]);
  }, 60_000);
});

/** Every .ts and .svelte file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

/** The src-relative modules a source imports (static, dynamic and re-exports), resolved. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']*)'/g)].map((m) => m[1]!);
  return specifiers.map((spec) => {
    const path = resolve(dirname(file), spec);
    const candidates = [path, `${path}.ts`, join(path, 'index.ts')];
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? path;
    return relative(ROOT, found);
  });
}

const PROSE = 'src/diagnosis/explain/prose.ts';
const EXPLAIN = 'src/diagnosis/explain/';

describe('only explain/ builds sentences', () => {
  const graph = sources(join(ROOT, 'src')).map((file) => ({
    file: relative(ROOT, file),
    imports: importsOf(file, readFileSync(file, 'utf8')),
  }));

  it('reads imports the way the check needs (relative, dynamic, index)', () => {
    const file = join(ROOT, 'src/diagnosis/rules/example.ts');
    const text = [
      "import { prose } from '../explain/prose';",
      "export { explain } from '../explain';",
      "const later = () => import('../explain/prose');",
      "import type { Facts } from '../facts';",
    ].join('\n');
    expect(importsOf(file, text)).toEqual([
      PROSE,
      'src/diagnosis/explain/index.ts',
      PROSE,
      'src/diagnosis/facts.ts',
    ]);
  });

  it('no module outside src/diagnosis/explain/ imports the sentence template', () => {
    const users = graph.filter((m) => m.imports.includes(PROSE)).map((m) => m.file);
    expect(users.length).toBeGreaterThan(0);
    expect(users.filter((f) => !f.startsWith(EXPLAIN))).toEqual([]);
  });

  it('detection (rules, warnings, registry, suspects) never calls the renderer', () => {
    // diagnose.ts (a verdict) and diff/diff-results.ts (what changed between two results)
    // are where findings meet the renderer; every other diagnosis module decides.
    const meeting = ['src/diagnosis/diagnose.ts', 'src/diagnosis/diff/diff-results.ts'];
    const detection = graph.filter(
      (m) =>
        m.file.startsWith('src/diagnosis/') &&
        !m.file.startsWith(EXPLAIN) &&
        !meeting.includes(m.file),
    );
    expect(detection.length).toBeGreaterThan(10);
    const wording = detection.filter((m) => m.imports.some((i) => i.startsWith(EXPLAIN)));
    expect(wording.map((m) => m.file)).toEqual([]);
  });
});
