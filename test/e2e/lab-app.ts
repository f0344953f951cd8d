/**
 * Helpers for browser tests that run the app against the DNS lab: live-check URLs that
 * carry the lab's resolvers, trust anchor and registry (`resolver=`, `ta=`, `rdap=`), and
 * reading the grid's DOM contract.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { checkFragment } from '../../src/report/route';
import { loadLabManifest, scenarioResolvers, type LabManifest } from '../lab/manifest';
import type { LabScenario } from '../lab/scenarios';
import { launchBrowser, startAppServer, type AppServer } from './harness';

export function labCheckUrl(
  baseUrl: string,
  manifest: LabManifest,
  qname: string,
  qtype: string,
  resolvers: readonly string[] = manifest.resolvers.map((r) => r.dohUrl),
  rdap: string = manifest.rdap.bootstrap,
): string {
  return (
    baseUrl + checkFragment(qname, qtype, { resolvers, trustAnchors: manifest.trustAnchors, rdap })
  );
}

/** A lab scenario's live check, asking the resolvers the scenario names. */
export function scenarioCheckUrl(
  baseUrl: string,
  manifest: LabManifest,
  scenario: LabScenario,
): string {
  const resolvers = scenarioResolvers(manifest, scenario).map((r) => r.dohUrl);
  return labCheckUrl(baseUrl, manifest, scenario.qname, scenario.qtype, resolvers);
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

/** What a browser-test file against the lab needs, started once for the file. */
export interface LabApp {
  readonly manifest: LabManifest;
  readonly server: AppServer;
  readonly browser: Browser;
  /** A 1280 × 900 context shared by the file's tests (with `{ desktop: true }`). */
  readonly desktop: BrowserContext;
}

/**
 * Registers beforeAll/afterAll hooks that load the lab manifest, serve the built app and
 * launch Chromium; the returned object's fields are valid inside tests.
 */
export function useLabApp(options: { readonly desktop?: boolean } = {}): LabApp {
  const state: {
    manifest?: LabManifest;
    server?: AppServer;
    browser?: Browser;
    desktop?: BrowserContext;
  } = {};
  beforeAll(async () => {
    state.manifest = loadLabManifest();
    state.server = await startAppServer();
    state.browser = await launchBrowser();
    if (options.desktop) {
      state.desktop = await state.browser.newContext({ viewport: { width: 1280, height: 900 } });
    }
  });
  afterAll(async () => {
    await state.desktop?.close();
    await state.browser?.close();
    await state.server?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (use inside a test)`);
    return value;
  };
  return {
    get manifest() {
      return started(state.manifest, 'the lab manifest');
    },
    get server() {
      return started(state.server, 'the app server');
    },
    get browser() {
      return started(state.browser, 'the browser');
    },
    get desktop() {
      return started(state.desktop, 'the desktop context (useLabApp({ desktop: true }))');
    },
  };
}
