/**
 * Browser-test harness: the built app (dist/) served on loopback by Vite's preview server,
 * and Debian's Chromium driven by playwright-core.
 *
 * The Chromium flags are the ones this closed network needs: without the background
 * networking switches Chromium keeps trying to reach Google's hosts and hangs.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PluginOption, type PreviewServer } from 'vite';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // New headless Chromium loads its omnibox popup (a WebUI page) in the renderer process of
  // each new context's first page, on that page's main thread: a few hundred ms of someone
  // else's work inside every measurement, which a person's browser does once, elsewhere.
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup',
];

export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export interface AppServer {
  readonly baseUrl: string;
  close(): Promise<void>;
}

/**
 * The built app's folder: dist/, or LENS_DIST (so that parallel work can build and test
 * separate copies, e.g. `vite build --outDir dist-chain` with `LENS_DIST=dist-chain`).
 */
export const DIST_DIR = process.env.LENS_DIST ?? 'dist';

/**
 * Serves the built app (run `npm run build` first) on a free loopback port; `headers` are
 * sent on every response, `plugins` join the config's (e.g. a preview middleware).
 */
export async function startAppServer(
  extra: { headers?: OutgoingHttpHeaders; plugins?: PluginOption[] } = {},
): Promise<AppServer> {
  if (!existsSync(resolve(DIST_DIR, 'index.html'))) {
    throw new Error(`${DIST_DIR}/ is missing: run \`npm run build\` before the browser tests`);
  }
  const server: PreviewServer = await preview({
    logLevel: 'warn',
    build: { outDir: DIST_DIR },
    preview: {
      host: '127.0.0.1',
      port: 0,
      strictPort: false,
      open: false,
      ...(extra.headers && { headers: extra.headers }),
    },
    ...(extra.plugins && { plugins: extra.plugins }),
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview has no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}/`,
    close: () => server.close(),
  };
}

/** Debian's Chromium with CHROMIUM_ARGS, and `extraArgs` (the page benchmark's TLS fronts). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...extraArgs],
    headless: true,
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught page errors seen so far. */
  readonly errors: string[];
}

/** Opens a page that records console errors and uncaught exceptions. */
export async function openPage(
  context: BrowserContext,
  url: string,
  options: { ignoreErrors?: RegExp } = {},
): Promise<WatchedPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (options.ignoreErrors?.test(text)) return;
    errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  await page.goto(url);
  return { page, errors };
}

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = resolve(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
