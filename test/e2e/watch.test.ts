/**
 * Issue 15, deliverable 1 in Chromium against the lab: `watch=10` starts watching, each run
 * is a [data-testid=watch-run] with its verdict and per-resolver CD=0 outcome (the same as
 * the grid's), at least 10 s apart; a reload continues the timeline from the store; Stop
 * stops; the title says what the watch does; notification permission is asked only on the
 * person's click, and a change of verdict is announced, put in the title and notified.
 * The scenarios do not change here (the lab fixing or breaking a zone is another test's):
 * the change is one between a stored timeline and the live lab. Also the store's upgrade
 * from schema v1 with a saved result in it. Screenshots: watch-*.png at 1280/360, light/dark.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadLabFixture } from '../fixtures/lab-fixtures';
import { flushUnboundCaches } from '../lab/flush';
import { makeRecord } from '../../src/store/investigation-record';
import { SCREENSHOT_DIR, openPage } from './harness';
import { readCells, scenarioCheckUrl, useLabApp, waitForDone, type LabApp } from './lab-app';
import { recordNotifications, runsOf, waitForRuns, watching } from './watch-page';

const DESKTOP = { width: 1280, height: 900 };

function scenarioUrl(app: LabApp, id: string, watch?: number): string {
  const scenario = app.manifest.scenarios.find((s) => s.id === id);
  if (!scenario) throw new Error(`no lab scenario ${id}`);
  const url = scenarioCheckUrl(app.server.baseUrl, app.manifest, scenario);
  return watch === undefined ? url : `${url}&watch=${watch}`;
}

/** A stored watch as the test edits it (the fields it changes). */
interface StoredWatchLike {
  background: boolean;
  runs: {
    verdict: string;
    reason: string;
    outcomes: { status: string; ad: boolean; ede: unknown[] }[];
  }[];
}

/** Rewrites a stored watch in the page's IndexedDB (as another run of the app would). */
async function editWatch(
  page: Page,
  id: string,
  edit: (watch: StoredWatchLike) => StoredWatchLike,
): Promise<void> {
  const watch = await page.evaluate(async (watchId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('servfail-lens');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const get = db.transaction('watches').objectStore('watches').get(watchId);
    const value = await new Promise<unknown>(
      (resolve) => (get.onsuccess = () => resolve(get.result)),
    );
    db.close();
    return value as StoredWatchLike;
  }, id);
  await page.evaluate(async (next) => {
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open('servfail-lens');
      open.onsuccess = () => resolve(open.result);
    });
    const put = db.transaction('watches', 'readwrite').objectStore('watches').put(next);
    await new Promise((resolve) => (put.onsuccess = resolve));
    db.close();
  }, edit(watch));
}

describe('watch a check', () => {
  const app = useLabApp();

  it('watch=10: runs every 10 s into a timeline that survives a reload, until Stop', async () => {
    await flushUnboundCaches();
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const url = scenarioUrl(app, 'ds-mismatch', 10);
    const { page, errors } = await openPage(context, url);

    // The page's own check is the first run; watching starts at once.
    expect(await watching(page)).toBe('true');
    expect(await page.textContent('[data-testid="watch"]')).toBe('Stop watching');
    await waitForRuns(page, 1);
    await waitForDone(page);
    expect(await page.title()).toBe('watching: www.ds-mismatch.lab — SERVFAIL Lens');
    await waitForRuns(page, 2, 30_000);
    const runs = await runsOf(page);
    // The page shows the newest run. (A resolver's cached bogus state may word the second
    // run's failure otherwise, so its reason is read from the page, not assumed.)
    const card = page.locator('[data-testid="verdict"]');
    expect(runs.map((r) => [r.verdict, r.reason])).toEqual([
      ['dnssec-bogus', 'ds-mismatch'],
      ['dnssec-bogus', await card.getAttribute('data-reason')],
    ]);
    // 10 s at the least between the end of one run and the end of the next.
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(10_000);
    // Each run is saved like any check, and its CD=0 outcomes are the grid's (newest run).
    expect(runs.every((r) => r.saved?.startsWith('#/saved/'))).toBe(true);
    expect(runs[0]!.saved).not.toBe(runs[1]!.saved);
    const cells = (await readCells(page)).filter((c) => c.cd === '0');
    expect(runs[1]!.outcomes).toEqual(
      cells.map((c) => ({ resolver: c.resolver, rcode: c.rcode, ede: c.ede, ad: c.ad })),
    );
    expect(await page.getAttribute('[data-testid="verdict"]', 'data-verdict')).toBe('dnssec-bogus');
    // The owner's report includes the timeline: one stretch of two runs, per resolver.
    await page.click('[data-testid="report-toggle"]');
    const report = (await page.textContent('[data-testid="report-text"]')) ?? '';
    expect(report).toContain('## Watch timeline');
    expect(report).toMatch(/: 2 runs, (no change|1 change)\./);
    expect(report).toMatch(/\| dnssec-bogus \/ ds-mismatch \| (SERVFAIL|NOERROR)/);
    const id = await page.getAttribute('[data-testid="watch-panel"]', 'data-watch-id');

    // A reload continues: the two runs from the store, then the page's own check as the third.
    await page.reload();
    await waitForRuns(page, 3);
    expect(await watching(page)).toBe('true');
    expect(await page.textContent('[data-testid="watch-note"]')).toContain(
      'Continuing the watch started',
    );
    const after = await runsOf(page);
    expect(after.slice(0, 2)).toEqual(runs);
    expect(await page.getAttribute('[data-testid="watch-panel"]', 'data-watch-id')).toBe(id);

    // Stop: no more runs, the URL no longer asks to watch, and the title is the app's again.
    await page.click('[data-testid="watch"]');
    expect(await watching(page)).toBe('false');
    expect(await page.textContent('[data-testid="watch-status"]')).toBe('Stopped after 3 runs.');
    expect(await page.textContent('[data-testid="watch-announce"]')).toBe(
      'Stopped watching www.ds-mismatch.lab.',
    );
    expect(new URL(page.url()).hash).not.toContain('watch=');
    expect(await page.title()).toBe('SERVFAIL Lens');
    await page.waitForTimeout(11_000);
    expect(await page.locator('[data-testid="watch-run"]').count()).toBe(3);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for notifications only on a click, and says when they are blocked', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const { page, errors } = await openPage(context, scenarioUrl(app, 'alg13'));
    await waitForDone(page);
    // A working name: the watch looks for a break. Nothing is asked before the click.
    expect(await page.textContent('[data-testid="watch"]')).toBe('Watch for a break');
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    await page.click('[data-testid="watch"]');
    expect(await watching(page)).toBe('true');
    expect(new URL(page.url()).hash).toMatch(/&watch=10$/);
    await waitForRuns(page, 1);
    expect(await page.title()).toBe('watching: www.alg13.lab — SERVFAIL Lens');
    const state = '[data-testid="watch-notify-state"]';
    expect(await page.getAttribute(state, 'data-permission')).toBe('default');
    // Headless Chromium answers the browser's question with a refusal: the page says so.
    await page.click('[data-testid="watch-notify"]');
    await page.waitForSelector(`${state}[data-permission="denied"]`);
    expect(await page.textContent(state)).toContain('Notifications are blocked for this site');
    await page.click('[data-testid="watch"]');
    await context.close();

    // Allowed in the browser: the page says a notification will be shown, and asks nothing.
    const allowed = await app.browser.newContext({ viewport: DESKTOP });
    await allowed.grantPermissions(['notifications']);
    const second = await openPage(allowed, scenarioUrl(app, 'alg13', 10));
    await waitForRuns(second.page, 1);
    expect(await second.page.getAttribute(state, 'data-permission')).toBe('granted');
    expect(await second.page.locator('[data-testid="watch-notify"]').count()).toBe(0);
    expect([...errors, ...second.errors]).toEqual([]);
    await allowed.close();
  });

  it('a change of verdict is said, put in the title and notified', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['notifications']);
    await recordNotifications(context);
    const url = scenarioUrl(app, 'ds-mismatch', 10);
    const first = await openPage(context, url);
    await waitForRuns(first.page, 1);
    const id = await first.page.getAttribute('[data-testid="watch-panel"]', 'data-watch-id');
    await first.page.close();

    // The stored timeline says the name worked: the live lab's bogus answer is a break.
    const blank = await context.newPage();
    await blank.goto(`${app.server.baseUrl}manifest.webmanifest`);
    await editWatch(blank, id ?? '', (watch) => ({
      ...watch,
      runs: watch.runs.map((run) => ({ ...run, verdict: 'ok', reason: 'secure' })),
    }));
    await blank.close();

    const { page, errors } = await openPage(context, url);
    await waitForRuns(page, 2);
    const runs = await runsOf(page);
    expect(runs.map((r) => r.verdict)).toEqual(['ok', 'dnssec-bogus']);
    await page.waitForFunction(() => document.title.startsWith('✗ broken'));
    expect(await page.title()).toBe('✗ broken: www.ds-mismatch.lab — SERVFAIL Lens');
    expect(await page.textContent('[data-testid="watch-announce"]')).toContain(
      'Broken: www.ds-mismatch.lab. The DNSSEC chain of trust is broken',
    );
    expect(await page.getAttribute('[data-testid="watch-announce"]', 'role')).toBe('status');
    const shown = await page.waitForFunction(() => {
      const list = (window as unknown as { __notifications: unknown[] }).__notifications;
      return list.length > 0 ? list : null;
    });
    expect(await shown.jsonValue()).toEqual([
      {
        title: 'Broken: www.ds-mismatch.lab',
        body: expect.stringContaining('Now dnssec-bogus (ds-mismatch), before ok (secure).'),
      },
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('watch= that is not a number runs the check once and says why; saving off is said', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    // Saving turned off first: nothing of this page is saved.
    const { page, errors } = await openPage(context, app.server.baseUrl);
    await page.click('[data-testid="settings-toggle"]');
    await page.uncheck('[data-testid="settings"] input[type="checkbox"]');
    await page.goto(`${scenarioUrl(app, 'alg13')}&watch=soon`);
    await waitForDone(page);
    expect(await page.textContent('[data-testid="watch-note"]')).toBe(
      'watch=soon is not a number of seconds: the check runs once, without watching.',
    );
    expect(await watching(page)).toBe('false');
    expect(await page.locator('[data-testid="watch-run"]').count()).toBe(0);

    // The runs are not saved, and the page says the timeline will not survive a reload.
    await page.click('[data-testid="watch"]');
    await waitForRuns(page, 1);
    const notKept = await page.textContent('[data-testid="watch-not-kept"]');
    expect(notKept?.replace(/\s+/g, ' ')).toContain('this timeline will not survive a reload');
    expect(await page.locator('[data-testid="watch-run-saved"]').count()).toBe(0);
    expect(await page.getAttribute('[data-testid="watch-background"]', 'data-offer')).toBe(
      'unavailable',
    );
    await page.click('[data-testid="watch"]');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('background: unavailable until installed; the service worker’s check is real', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    await context.grantPermissions(['notifications']);
    const first = await openPage(context, scenarioUrl(app, 'ds-mismatch', 10));
    await waitForRuns(first.page, 1);
    await first.page.evaluate(() => navigator.serviceWorker.ready);
    // Chromium grants Periodic Background Sync to installed apps only: this page is not one.
    const offer = first.page.locator('[data-testid="watch-background"][data-offer="unavailable"]');
    await offer.waitFor();
    expect(await offer.textContent()).toContain('only to installed apps');
    const id = await first.page.getAttribute('[data-testid="watch-panel"]', 'data-watch-id');
    const seen = (await runsOf(first.page))[0]!.outcomes;
    await first.page.close();

    // What the checkbox stores (background: true), and a last run the live lab differs from.
    const page = await context.newPage();
    await page.goto(`${app.server.baseUrl}manifest.webmanifest`);
    await editWatch(page, id ?? '', (watch) => ({
      ...watch,
      background: true,
      runs: watch.runs.map((run) => ({
        ...run,
        outcomes: run.outcomes.map((o) => ({ ...o, status: 'NOERROR', ad: true, ede: [] })),
      })),
    }));
    // The browser's periodic wake-up, as DevTools fires it.
    const cdp = await context.newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
        const found = event.registrations.find((r) => !r.isDeleted);
        if (found) resolve(found.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchPeriodicSyncEvent', {
      origin: new URL(app.server.baseUrl).origin,
      registrationId: await registration,
      tag: 'servfail-lens-watch',
    });
    const checks = await page.waitForFunction(
      async (watchId) => {
        const db = await new Promise<IDBDatabase>((resolve) => {
          const open = indexedDB.open('servfail-lens');
          open.onsuccess = () => resolve(open.result);
        });
        const watch = await new Promise<{ backgroundChecks: { outcomes: unknown[] }[] }>(
          (resolve) => {
            const get = db.transaction('watches').objectStore('watches').get(watchId);
            get.onsuccess = () => resolve(get.result);
          },
        );
        db.close();
        return watch.backgroundChecks.length > 0 ? watch.backgroundChecks : null;
      },
      id ?? '',
      { timeout: 30_000, polling: 250 },
    );
    const [check] = (await checks.jsonValue()) as {
      outcomes: { resolver: string; status: string; ad: boolean }[];
    }[];
    // Every resolver asked with CD=0, answering as the page's own check saw.
    expect(check!.outcomes.map((o) => [o.resolver, o.status, o.ad ? '1' : '0'])).toEqual(
      seen.map((o) => [o.resolver, o.rcode, o.ad]),
    );
    const notices = await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready;
      const shown = await registration.getNotifications();
      return shown.length > 0 ? shown.map((n) => ({ title: n.title, body: n.body })) : null;
    });
    expect(await notices.jsonValue()).toEqual([
      {
        title: 'Changed: www.ds-mismatch.lab',
        body: expect.stringMatching(/^127\.0\.0\.1:853\d: NOERROR AD → SERVFAIL/),
      },
    ]);
    await context.close();
  });

  it('the store upgrades from schema v1 and keeps what was saved', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${app.server.baseUrl}manifest.webmanifest`);
    const record = makeRecord(loadLabFixture('alg13'), { verdict: 'ok', reason: 'secure' }, 1);
    // Schema v1 exactly as the first version of the app made it, with one saved result.
    await page.evaluate(
      async (saved) => {
        await new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('servfail-lens', 1);
          open.onupgradeneeded = () => {
            const store = open.result.createObjectStore('investigations', { keyPath: 'id' });
            store.createIndex('savedAt', 'savedAt');
            store.createIndex('name', 'name');
            store.put(saved);
          };
          open.onsuccess = () => {
            open.result.close();
            resolve();
          };
          open.onerror = () => reject(open.error);
        });
      },
      JSON.parse(JSON.stringify(record)) as unknown,
    );
    await page.goto(`${app.server.baseUrl}#/history`);
    await page.waitForSelector('[data-testid="history-item"]');
    expect(
      await page.$$eval('[data-testid="history-item"]', (items) =>
        items.map((item) => (item as HTMLElement).dataset.id),
      ),
    ).toEqual([record.id]);
    const schema = await page.evaluate(
      () =>
        new Promise<{ version: number; stores: string[] }>((resolve) => {
          const open = indexedDB.open('servfail-lens');
          open.onsuccess = () => {
            const db = open.result;
            resolve({ version: db.version, stores: Array.from(db.objectStoreNames) });
            db.close();
          };
        }),
    );
    expect(schema).toEqual({ version: 2, stores: ['investigations', 'watches'] });
    await context.close();
  });

  it('screenshots of the timeline at 1280 and 360 px, light and dark', async () => {
    const context = await app.browser.newContext({ viewport: DESKTOP });
    const { page, errors } = await openPage(context, scenarioUrl(app, 'ds-mismatch', 10));
    await waitForRuns(page, 2);
    await page.waitForSelector('[data-testid="watch-panel"][data-state="waiting"]');
    // The "ready to work offline" message would cover the timeline: dismissed, as a person would.
    const toast = page.locator('[data-testid="sw-toast"] button');
    await toast.click({ timeout: 10_000 }).catch(() => undefined);
    for (const [name, width, height] of [
      ['desktop', 1280, 900],
      ['phone', 360, 780],
    ] as const) {
      await page.setViewportSize({ width, height });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        // Nothing scrolls sideways, on a phone either.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          width,
        );
        await page.locator('[data-testid="watch-panel"]').screenshot({
          path: `${SCREENSHOT_DIR}/watch-${name}-${colorScheme}.png`,
        });
      }
    }
    await page.click('[data-testid="watch"]');
    expect(errors).toEqual([]);
    await context.close();
  });
});
