/**
 * Reading a watch from the page, for the browser tests of issue 15 (watch.test.ts, and
 * watch-fix.test.ts where the lab changes a zone under a watch): the timeline's runs, the
 * watch control's state, and the notifications the page asked the browser to show.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface RunItem {
  readonly verdict: string;
  readonly reason: string;
  readonly at: number;
  readonly saved: string | null;
  readonly outcomes: readonly { resolver: string; rcode: string; ede: string; ad: string }[];
}

/** The timeline's runs, oldest first (the page lists them newest first). */
export async function runsOf(page: Page): Promise<RunItem[]> {
  const items = await page.$$eval('[data-testid="watch-run"]', (elements) =>
    elements.map((element) => {
      const data = (element as HTMLElement).dataset;
      return {
        verdict: data.verdict ?? '',
        reason: data.reason ?? '',
        at: Number(data.at),
        saved:
          element.querySelector('[data-testid="watch-run-saved"]')?.getAttribute('href') ?? null,
        outcomes: Array.from(element.querySelectorAll<HTMLElement>('[data-resolver]')).map((o) => ({
          resolver: o.dataset.resolver ?? '',
          rcode: o.dataset.rcode ?? '',
          ede: o.dataset.ede ?? '',
          ad: o.dataset.ad ?? '',
        })),
      };
    }),
  );
  return items.reverse();
}

export async function waitForRuns(page: Page, count: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="watch-run"]').length >= n,
    count,
    { timeout },
  );
}

export const watching = (page: Page) => page.getAttribute('[data-testid="watch"]', 'data-watching');

/**
 * Records every notification the page shows, through either API, then lets it through:
 * the real call still happens (the test only reads what was asked of the browser).
 */
export async function recordNotifications(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown: { title: string; body: string }[] = [];
    Object.assign(window, { __notifications: shown });
    const original = ServiceWorkerRegistration.prototype.showNotification;
    ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
      shown.push({ title, body: options?.body ?? '' });
      return original.call(this, title, options);
    };
    const Page = window.Notification;
    window.Notification = class extends Page {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        shown.push({ title, body: options?.body ?? '' });
      }
    } as typeof Notification;
  });
}

/** The notifications recorded so far (recordNotifications), oldest first. */
export function notificationsOf(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(
    () =>
      (window as unknown as { __notifications: { title: string; body: string }[] }).__notifications,
  );
}
