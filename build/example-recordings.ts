/**
 * A Vite plugin that gives the examples gallery its recordings through the build: the app
 * imports `virtual:example-recordings` and never reaches into test/. Each recording (lab
 * evidence written by scripts/record-fixtures.ts) becomes its own lazily loaded chunk, so
 * the shell carries none of them and the service worker precaches them for offline use.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { EXAMPLE_SCENARIOS } from '../src/ui/examples/scenarios.ts';

const INDEX_ID = 'virtual:example-recordings';
const ONE_PREFIX = 'virtual:example-recording/';
/** Rollup's convention: a leading NUL keeps other plugins from treating the id as a file. */
const RESOLVED = '\0';

/** Where scripts/record-fixtures.ts writes the lab recordings. */
export const RECORDINGS_DIR = resolve(import.meta.dirname, '../test/fixtures/lab');

function recordingModule(scenario: string): string {
  const path = resolve(RECORDINGS_DIR, `${scenario}.json`);
  const text = readFileSync(path, 'utf8');
  // Fails the build on a damaged recording instead of shipping it; JSON is a JavaScript
  // expression, so the parsed value is re-emitted as a literal (no eval at run time).
  const value: unknown = JSON.parse(text);
  return `export default ${JSON.stringify(value)};`;
}

function indexModule(): string {
  const entries = EXAMPLE_SCENARIOS.map(
    (scenario) =>
      `  ${JSON.stringify(scenario)}: () => import(${JSON.stringify(ONE_PREFIX + scenario)}),`,
  );
  return `export const recordings = {\n${entries.join('\n')}\n};\n`;
}

export function exampleRecordings(): Plugin {
  const known = new Set<string>(EXAMPLE_SCENARIOS);
  return {
    name: 'servfail-lens:example-recordings',
    resolveId(id) {
      if (id === INDEX_ID) return RESOLVED + INDEX_ID;
      if (id.startsWith(ONE_PREFIX) && known.has(id.slice(ONE_PREFIX.length))) return RESOLVED + id;
      return null;
    },
    load(id) {
      if (id === RESOLVED + INDEX_ID) return indexModule();
      if (id.startsWith(RESOLVED + ONE_PREFIX))
        return recordingModule(id.slice(RESOLVED.length + ONE_PREFIX.length));
      return null;
    },
  };
}
