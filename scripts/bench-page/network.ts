/**
 * The network side of `npm run bench:page`: when each DoH request of a check was in flight,
 * from Playwright's request timing (Chromium's own), and the length of the union of those
 * intervals, which is what "network time" means in the benchmark.
 *
 * A request is in flight from its start (the page asked: `startTime`) to its answer's
 * arrival at the browser (`responseStart`, the response's headers). The lab's fronts write
 * the headers and the DNS message, a few hundred octets, in one write, so the answer is
 * there with the headers. Chromium's `responseEnd` is not used for this: it is when the
 * page's thread took the body, which while the app is busy comes up to 200 ms later (the
 * app's own time, not the network's). The union up to that end is kept beside it
 * (`toEnd`), for comparison.
 *
 * The app cancels some requests once it has what it needs (Chromium then reports
 * net::ERR_ABORTED, mostly after the response has arrived); they count like the others,
 * and one cancelled before any response is in flight until the cancel.
 */
import type { Page, Request } from 'playwright-core';

/** Epoch ms. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** A DoH request: asked at `start`, answer in at `arrived`, body taken (or cancel) at `end`. */
export interface DohTiming extends Interval {
  readonly arrived: number;
}

export interface NetworkReading {
  /** When the worker's first chunk had arrived (epoch ms), if it was fetched. */
  readonly worker?: number;
  /** The DoH requests that finished or were cancelled, in the order they ended. */
  readonly doh: readonly DohTiming[];
  /** Of those, the ones the page cancelled (net::ERR_ABORTED). */
  readonly cancelled: number;
  /** DoH requests that failed otherwise (should be none; shown so that it is not hidden). */
  readonly failed: number;
}

export interface NetworkWatch {
  /** What was seen since the watch began or since the last take, which it clears. */
  take(): NetworkReading;
}

const WORKER_CHUNK = /\/lens\.worker-[^/]*\.js$/;

function timingOf(request: Request): DohTiming | undefined {
  const timing = request.timing();
  if (timing.responseEnd < 0) return undefined;
  const end = timing.startTime + timing.responseEnd;
  const arrived = timing.responseStart < 0 ? end : timing.startTime + timing.responseStart;
  return { start: timing.startTime, arrived, end };
}

/**
 * Watches a page's requests: the DoH ones to the given fronts (`origin + path`) and the
 * worker's chunk. With the service worker blocked, Chromium attributes the worker's DoH
 * requests to the page.
 */
export function watchNetwork(page: Page, fronts: ReadonlySet<string>): NetworkWatch {
  let doh: DohTiming[] = [];
  let worker: number | undefined;
  let cancelled = 0;
  let failed = 0;
  const isDoh = (request: Request): boolean => {
    const url = new URL(request.url());
    return fronts.has(`${url.origin}${url.pathname}`);
  };
  page.on('requestfinished', (request) => {
    const timing = timingOf(request);
    if (timing === undefined) return;
    if (WORKER_CHUNK.test(new URL(request.url()).pathname)) worker ??= timing.end;
    if (isDoh(request)) doh.push(timing);
  });
  page.on('requestfailed', (request) => {
    if (!isDoh(request)) return;
    const timing = timingOf(request);
    if (request.failure()?.errorText === 'net::ERR_ABORTED' && timing !== undefined) {
      doh.push(timing);
      cancelled += 1;
    } else failed += 1;
  });
  return {
    take: () => {
      const reading = { doh, cancelled, failed, ...(worker === undefined ? {} : { worker }) };
      doh = [];
      cancelled = 0;
      failed = 0;
      worker = undefined;
      return reading;
    },
  };
}

/**
 * The union of the intervals: its total length and how many separate pieces it has (the
 * bursts of requests; the app's waves when nothing overlaps them). Gaps are not counted.
 */
export function unionOf(intervals: readonly Interval[]): { length: number; pieces: number } {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let length = 0;
  let pieces = 0;
  let current: { start: number; end: number } | undefined;
  for (const { start, end } of sorted) {
    if (current !== undefined && start <= current.end) {
      current.end = Math.max(current.end, end);
      continue;
    }
    if (current !== undefined) length += current.end - current.start;
    current = { start, end };
    pieces += 1;
  }
  if (current !== undefined) length += current.end - current.start;
  return { length, pieces };
}
