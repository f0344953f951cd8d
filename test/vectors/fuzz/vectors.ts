/**
 * Inputs the fuzzer (`npm run fuzz`, test/fuzz/) once broke the app with. A vector is a saved
 * input (`entry.save`), optionally with one field grown by repeating a piece (`repeat`), so
 * a multi-megabyte link stays a few lines in vectors.json. The unit test replays each
 * through its entry point; `npm run bench` times them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Saved } from '../../fuzz/entry';

export interface FuzzVector {
  readonly name: string;
  /** How it was found and what was wrong (with the time it took then and after the fix). */
  readonly found: string;
  readonly entry: string;
  readonly input: Saved;
  readonly repeat?: { readonly field: string; readonly unit: string; readonly times: number };
}

export const FUZZ_VECTORS = JSON.parse(
  readFileSync(join(import.meta.dirname, 'vectors.json'), 'utf8'),
) as readonly FuzzVector[];

export function expandVector(v: FuzzVector): Saved {
  if (v.repeat === undefined) return v.input;
  const { field, unit, times } = v.repeat;
  return { ...v.input, [field]: `${String(v.input[field] ?? '')}${unit.repeat(times)}` };
}
