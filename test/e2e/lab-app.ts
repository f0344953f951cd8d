/**
 * Helpers for browser tests that run the app against the DNS lab: live-check URLs that
 * carry the lab's resolvers and trust anchor (design.md: `resolver=` and `ta=`), and
 * reading the grid's DOM contract.
 */
import type { Page } from 'playwright-core';
import { checkFragment } from '../../src/report/route';
import type { LabManifest } from '../lab/manifest';

export function labCheckUrl(
  baseUrl: string,
  manifest: LabManifest,
  qname: string,
  qtype: string,
  resolvers: readonly string[] = manifest.resolvers.map((r) => r.dohUrl),
): string {
  return baseUrl + checkFragment(qname, qtype, { resolvers, trustAnchors: manifest.trustAnchors });
}

export interface CellState {
  readonly resolver: string;
  readonly cd: string;
  readonly rcode: string;
  readonly ede: string;
  readonly ad: string;
}

/** Waits until the investigation has finished (the progress line says `done`). */
export async function waitForDone(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForSelector('[data-testid="progress"][data-status="done"]', {
    timeout: timeoutMs,
  });
}

export async function readCells(page: Page): Promise<CellState[]> {
  return page.$$eval('[data-testid="cell"]', (elements) =>
    elements.map((element) => {
      const data = (element as HTMLElement).dataset;
      return {
        resolver: data.resolver ?? '',
        cd: data.cd ?? '',
        rcode: data.rcode ?? '',
        ede: data.ede ?? '',
        ad: data.ad ?? '',
      };
    }),
  );
}
