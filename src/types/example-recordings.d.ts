/** Provided by build/example-recordings.ts: one loader per scenario of EXAMPLE_SCENARIOS. */
declare module 'virtual:example-recordings' {
  export const recordings: Readonly<Record<string, () => Promise<{ readonly default: unknown }>>>;
}
