/**
 * The part of `npm run bench:page` that runs inside the page (an init script, before any of
 * the app's own): phase marks from the DOM, and the main thread's long tasks and layout
 * shifts from PerformanceObserver (Long Tasks API; Layout Instability API).
 */
import type { Page } from 'playwright-core';

/** Marks found in the page, epoch ms. */
export const PAGE_MARKS = ['shell', 'verdict', 'settled'] as const;
export type PageMark = (typeof PAGE_MARKS)[number];

export interface MainThread {
  /** Long tasks (each over 50 ms by the API's definition) overlapping the span. */
  readonly longTasks: number;
  /** The longest of them, ms (0 when there is none). */
  readonly longestTask: number;
  /** Sum of the layout shifts in the span that had no recent input (CLS's own rule). */
  readonly cls: number;
  /** Sum of all the layout shifts in the span, those within 500 ms of an input too. */
  readonly allShifts: number;
}

export interface PageReading {
  readonly marks: Partial<Record<PageMark, number>>;
  /** When the Check button was clicked, epoch ms (the event's own time stamp); warm only. */
  readonly clicked?: number;
  readonly mainThread: MainThread;
}

/**
 * Notes (as epoch ms) when the search box appears, when the verdict's final id appears
 * (then two frames, so it has been painted) and when the evidence link does; keeps every
 * long task and layout shift. `__lensBench.reset()` starts a warm measurement, which runs
 * from the next click on Check.
 */
export const IN_PAGE = `(() => {
  // The contexts block service workers (see bench-page.ts), which Playwright does by making
  // register() resolve to nothing: the page would show its "could not install for offline
  // use" notice, a shift no visitor sees. Without the API, the page is one that has none.
  delete Navigator.prototype.serviceWorker;
  const state = { marks: {}, from: performance.timeOrigin, clicked: undefined };
  const now = () => performance.timeOrigin + performance.now();
  const epoch = (t) => performance.timeOrigin + t;
  const afterPaint = (key) => requestAnimationFrame(() => requestAnimationFrame(() => {
    if (!(key in state.marks)) state.marks[key] = now();
  }));
  const seen = new Set();
  const look = () => {
    if (!seen.has('shell') && document.querySelector('[data-testid="name-input"]')) {
      seen.add('shell'); state.marks.shell = now();
    }
    const verdict = document.querySelector('[data-testid="verdict"]');
    const id = verdict && verdict.getAttribute('data-verdict');
    if (!seen.has('verdict') && id && id !== 'running') { seen.add('verdict'); afterPaint('verdict'); }
    if (!seen.has('settled') && seen.has('verdict') &&
        document.querySelector('[data-testid="evidence-link"]')) { seen.add('settled'); afterPaint('settled'); }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true });

  const longTasks = [];
  const shifts = [];
  const keep = (list) => (entries) => { for (const e of entries.getEntries()) list.push(e); };
  const observers = [
    ['longtask', longTasks],
    ['layout-shift', shifts],
  ].map(([type, list]) => {
    const observer = new PerformanceObserver(keep(list));
    observer.observe({ type, buffered: true });
    return [observer, list];
  });
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (state.clicked === undefined && target && target.closest('[data-testid="check"]')) {
      state.clicked = epoch(event.timeStamp);
    }
  }, { capture: true });

  const mainThread = () => {
    // Entries not yet handed to the callbacks (they come in a later task).
    for (const [observer, list] of observers) list.push(...observer.takeRecords());
    const from = state.clicked ?? state.from;
    const to = state.marks.settled ?? now();
    const inSpan = (e) => epoch(e.startTime) < to && epoch(e.startTime + e.duration) >= from;
    const tasks = longTasks.filter((e) => e.duration > 50 && inSpan(e));
    const moved = shifts.filter(inSpan);
    const sum = (entries) => entries.reduce((total, e) => total + e.value, 0);
    return {
      longTasks: tasks.length,
      longestTask: tasks.reduce((longest, e) => Math.max(longest, e.duration), 0),
      cls: sum(moved.filter((e) => !e.hadRecentInput)),
      allShifts: sum(moved),
    };
  };
  window.__lensBench = {
    settled: () => 'settled' in state.marks,
    read: () => ({ marks: state.marks, clicked: state.clicked, mainThread: mainThread() }),
    reset: () => { state.marks = {}; state.clicked = undefined; seen.clear(); seen.add('shell'); },
  };
})();`;

interface BenchWindow {
  readonly __lensBench: { settled(): boolean; read(): PageReading; reset(): void };
}

/** Waits until the page has settled, then reads its marks and main-thread figures. */
export async function readPage(page: Page): Promise<PageReading> {
  await page.waitForFunction(
    () => (window as unknown as BenchWindow).__lensBench.settled(),
    undefined,
    { timeout: 30_000, polling: 50 },
  );
  return page.evaluate(() => (window as unknown as BenchWindow).__lensBench.read());
}

/** Starts a warm measurement in an open page: from the next click on Check. */
export async function resetPage(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as BenchWindow).__lensBench.reset());
}
