import { defineConfig } from 'vitest/config';
import { exampleRecordings } from './build/example-recordings.ts';

// Three projects, run in this order by scripts/test-all.sh:
//   unit — pure code and recorded evidence, no servers (Node);
//   lab  — real DNS servers on loopback (needs `npm run lab:up`, root);
//   e2e  — the built app in Debian's Chromium against the lab.
export default defineConfig({
  test: {
    projects: [
      {
        // The examples gallery's recordings come from the build (build/example-recordings.ts).
        plugins: [exampleRecordings()],
        test: {
          name: 'unit',
          include: [
            'test/unit/**/*.test.ts',
            'test/vectors/**/*.test.ts',
            'test/fuzz/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'lab',
          include: ['test/lab/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
