/**
 * The layers are enforced by the lint that `npm run check` runs (eslint.layers.js): these
 * tests lint deliberately wrong-way imports as if they were files of src/ and expect the
 * lint to fail, and right-way ones to pass, so the rule cannot silently stop matching.
 */
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../../eslint.layers.js';

const eslint = new ESLint({ cwd: process.cwd() });

async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('import layers (eslint.layers.js)', () => {
  // Loading the config and the TypeScript parser takes seconds on a busy machine.
  beforeAll(() => importProblems('src/dns/warm-up.ts', 'export {};\n'), 120_000);

  it.each([
    ['src/dns/wrong-way.ts', "import { diagnose } from '../diagnosis/diagnose';"],
    [
      'src/dnssec/rdata/wrong-way.ts',
      "import { parseEvidenceLink } from '../../report/permalink';",
    ],
    ['src/evidence/wrong-way.ts', "import { validateChain } from '../dnssec/chain';"],
    ['src/diagnosis/rules/wrong-way.ts', "import { queryDoh } from '../../doh/transport';"],
    ['src/diagnosis/wrong-way.ts', "import { summariseExchange } from '../report/summarise';"],
    ['src/rdap/wrong-way.ts', "import { markdownReport } from '../report/markdown';"],
    ['src/investigate/wrong-way.ts', "import { diagnose } from '../diagnosis/diagnose';"],
    ['src/report/wrong-way.ts', "import { saveInvestigation } from '../store/investigations';"],
    ['src/store/wrong-way.ts', "import App from '../ui/App.svelte';"],
    ['src/worker/wrong-way.ts', "import { settings } from '../ui/settings.svelte';"],
    ['src/ui/examples/wrong-way.ts', "import alg13 from '../../../test/fixtures/lab/alg13.json';"],
  ])('%s: a wrong-way import fails the check', async (filePath, code) => {
    const problems = await importProblems(filePath, `${code}\nexport {};\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/may import only|never reaches into test/);
  });

  it.each([
    ['src/dns/wrong-way.ts', "import { mount } from 'svelte';"],
    ['src/diagnosis/wrong-way.ts', "import { openDB } from 'idb';"],
    ['src/report/wrong-way.ts', "import { wrap } from 'comlink';"],
  ])('%s: a pure layer importing a browser package fails the check', async (filePath, code) => {
    const problems = await importProblems(filePath, `${code}\nexport {};\n`);
    expect(problems).toEqual([expect.stringMatching(/is pure/)]);
  });

  it.each([
    ['src/dnssec/right-way.ts', "import { presentationName } from '../dns/name';"],
    ['src/diagnosis/rules/right-way.ts', "import { answerOf } from '../../evidence/decoded';"],
    ['src/diagnosis/rules/right-way.ts', "import { diagnose } from '../diagnosis';"],
    ['src/ui/right-way.ts', "import { diagnose } from '../diagnosis/diagnose';"],
    ['src/worker/right-way.ts', "import { collect } from '../investigate/collect';"],
  ])('%s: a right-way import passes', async (filePath, code) => {
    expect(await importProblems(filePath, `${code}\nexport {};\n`)).toEqual([]);
  });

  it('the layers form no cycle, and every layer is a folder of src/', async () => {
    const { readdirSync } = await import('node:fs');
    const folders = readdirSync('src', { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'types')
      .map((entry) => entry.name);
    expect(Object.keys(LAYERS).sort()).toEqual(expect.arrayContaining(folders.sort()));
    const graph: Readonly<Record<string, readonly string[]>> = LAYERS;
    const visiting = new Set<string>();
    const done = new Set<string>();
    const visit = (layer: string): void => {
      if (done.has(layer)) return;
      expect(visiting.has(layer), `cycle through ${layer}`).toBe(false);
      visiting.add(layer);
      for (const below of graph[layer] ?? []) visit(below);
      visiting.delete(layer);
      done.add(layer);
    };
    for (const layer of Object.keys(graph)) visit(layer);
  });
});
