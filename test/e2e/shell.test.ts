import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, startAppServer, type AppServer } from './harness';

describe('app shell', () => {
  let server: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startAppServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders without console errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context, server.baseUrl);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'SERVFAIL Lens',
    );
    await screenshot(page, 'shell-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
