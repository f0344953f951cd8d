/**
 * axe-core injected into a page of the built app: the violations that fail the browser
 * tests (a11y.test.ts, and the views of other issues' tests).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), {
  encoding: 'utf8',
});

/** A violation, short enough to read in a failed assertion. */
export interface Found {
  readonly rule: string;
  readonly impact: string;
  readonly targets: readonly string[];
}

/**
 * Rules left out, each with its reason. None today: colour contrast, names, landmarks and
 * ARIA use are all checked.
 */
const EXCLUDED: Readonly<Record<string, string>> = {};

/**
 * Runs axe on the whole page: the violations of `label-content-name-mismatch` (turned on,
 * since axe ships it off) and of every rule whose impact is serious or critical. `within`
 * (a CSS selector) limits the run to one part of the page, for tests that check one view
 * many times.
 */
export async function axeViolations(page: Page, within?: string): Promise<Found[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const found = await page.evaluate(
    async ([excluded, selector]) => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              context: Document | { include: string[][] },
              options: object,
            ) => Promise<{
              violations: {
                id: string;
                impact: string | null;
                nodes: { target: unknown[] }[];
              }[];
            }>;
          };
        }
      ).axe;
      const results = await axe.run(selector ? { include: [[selector]] } : document, {
        resultTypes: ['violations'],
        rules: {
          'label-content-name-mismatch': { enabled: true },
          ...Object.fromEntries(excluded.map((id) => [id, { enabled: false }])),
        },
      });
      return results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
      }));
    },
    [Object.keys(EXCLUDED), within] as const,
  );
  return found.filter(
    (v) =>
      v.rule === 'label-content-name-mismatch' || v.impact === 'serious' || v.impact === 'critical',
  );
}
