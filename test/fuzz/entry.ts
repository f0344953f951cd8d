/**
 * What the fuzzer knows about one entry point: how to generate its inputs, how to run one
 * through the app's code and classify the result, and how to save an input that failed so
 * it can be replayed as a regression vector (test/vectors/fuzz/).
 *
 * Two kinds of failure: an exception escaping the entry point (a crash: every entry point
 * promises a typed result instead), and a result of the wrong shape (`ShapeError`: a
 * missing message, an unknown kind, a claim citing an exchange that does not exist).
 */
import type fc from 'fast-check';
import type { Corpus } from './corpus';

export type Saved = Readonly<Record<string, unknown>>;

/**
 * Methods, not function properties: method parameters are bivariant in TypeScript, so the
 * four entries of different input types share one list as `Entry<unknown>`.
 */
export interface Entry<T> {
  readonly name: string;
  arbitrary(corpus: Corpus): fc.Arbitrary<T>;
  /** Runs one input; returns its class (e.g. `decoded → dnssec-bogus/ds-mismatch`). */
  run(input: T, corpus: Corpus): Promise<string>;
  /** A JSON form of the input, for test/vectors/fuzz/. */
  save(input: T, corpus: Corpus): Saved;
  load(saved: Saved, corpus: Corpus): T;
}

/** A result that breaks its entry point's contract. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export function shape(condition: unknown, what: string): asserts condition {
  if (!condition) throw new ShapeError(what);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function nonEmptyString(value: unknown, what: string): asserts value is string {
  shape(
    isNonEmptyString(value),
    `${what} must be a non-empty string, not ${JSON.stringify(value)}`,
  );
}

export function stringList(value: unknown, what: string): asserts value is readonly string[] {
  shape(Array.isArray(value), `${what} must be a list`);
  (value as unknown[]).forEach((v, i) =>
    shape(typeof v === 'string', `${what}[${i}] must be a string`),
  );
}

/** Bytes as base64 for a saved input. */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
