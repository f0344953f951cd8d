/**
 * A watch's timing (issue 15): one run at a time, the next a delay after the last ended
 * (a slow run delays the next, runs never pile up), the interval from the function the
 * watch is given and never under the floor, offline runs skipped until the network is
 * back, a stop by Stop or after 24 h, and a run already under way adopted as the first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WatchRun } from '../../../src/report/watch-timeline';
import { WATCH_DAY_MS } from '../../../src/store/watch-record';
import {
  boundedDelaySeconds,
  defaultNextDelaySeconds,
  type NextDelaySeconds,
} from '../../../src/ui/watch/schedule';
import { WatchLoop, type LoopHost, type LoopState } from '../../../src/ui/watch/watch-loop';

const T0 = Date.UTC(2026, 4, 1, 12);

function observed(verdict: string, at: number): WatchRun {
  return { at, verdict, reason: 'r', savedId: null, outcomes: [] };
}

/** A host whose runs take `runMs` and observe what `verdicts` says, in turn. */
function host(options: {
  runMs?: number;
  verdicts?: string[];
  next?: NextDelaySeconds;
  online?: () => boolean;
}) {
  const started: number[] = [];
  const states: LoopState[] = [];
  const calls: [number, number][] = [];
  let inFlight = 0;
  let most = 0;
  const verdicts = options.verdicts ?? [];
  const h: LoopHost = {
    now: () => Date.now(),
    setTimeout: (run, ms) => setTimeout(run, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    online: options.online ?? (() => true),
    runOnce: (signal) => {
      started.push(Date.now());
      inFlight += 1;
      most = Math.max(most, inFlight);
      if ((options.runMs ?? 100) === 0) {
        inFlight -= 1;
        return Promise.resolve(observed(verdicts[started.length - 1] ?? 'ok', Date.now()));
      }
      return new Promise((resolve) => {
        const done = setTimeout(() => {
          inFlight -= 1;
          resolve(observed(verdicts[started.length - 1] ?? 'ok', Date.now()));
        }, options.runMs ?? 100);
        signal.addEventListener('abort', () => {
          clearTimeout(done);
          inFlight -= 1;
          resolve(null);
        });
      });
    },
    nextDelaySeconds: (index, unchanged, last) => {
      calls.push([index, unchanged]);
      return (options.next ?? defaultNextDelaySeconds)(index, unchanged, last);
    },
    onrun: () => undefined,
    onstate: (state) => states.push(state),
  };
  return { h, started, states, calls, most: () => most };
}

/** Seconds after T0 at which each run started. */
const secondsOf = (started: number[]) => started.map((t) => (t - T0) / 1000);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => vi.useRealTimers());

describe('the default interval', () => {
  it('starts at 10 s and grows ×1.5 per unchanged run up to 10 min', () => {
    const run = observed('ok', 0);
    const waits = [0, 1, 2, 3, 10, 11, 50].map((n) => defaultNextDelaySeconds(0, n, run));
    expect(waits).toEqual([10, 15, 22.5, 33.75, 576.650390625, 600, 600]);
  });

  it('is bounded below by the floor and the minimum; a non-number counts as the floor', () => {
    expect(boundedDelaySeconds(3, 10)).toBe(10);
    expect(boundedDelaySeconds(15, 30)).toBe(30);
    expect(boundedDelaySeconds(45, 30)).toBe(45);
    expect(boundedDelaySeconds(Number.NaN, 30)).toBe(30);
    expect(boundedDelaySeconds(Infinity, 10)).toBe(10);
    expect(boundedDelaySeconds(12, 2)).toBe(12);
  });
});

describe('WatchLoop', () => {
  it('runs at once, then backs off while nothing changes', async () => {
    const { h, started, calls } = host({ runMs: 0 });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(60_000);
    // 0, +10, +15, +22.5 (the run itself takes no time here).
    expect(secondsOf(started)).toEqual([0, 10, 25, 47.5]);
    expect(calls.slice(0, 3)).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    loop.stop('person');
  });

  it('starts again from the shortest interval after a change', async () => {
    const { h, started } = host({ runMs: 0, verdicts: ['bogus', 'bogus', 'bogus', 'ok', 'ok'] });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(70_000);
    // bogus@0, bogus@10, bogus@25, ok@47.5 (a change: 10 s again) → 57.5, then 15 s → 72.5.
    expect(secondsOf(started)).toEqual([0, 10, 25, 47.5, 57.5]);
    loop.stop('person');
  });

  it('takes the interval from the function it is given, never under the floor', async () => {
    const { h, started } = host({ runMs: 0, next: () => 12 });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 30 });
    await vi.advanceTimersByTimeAsync(95_000);
    expect(secondsOf(started)).toEqual([0, 30, 60, 90]);
    loop.stop('person');
  });

  it('never runs two at once: a run longer than the interval delays the next', async () => {
    const { h, started, most } = host({ runMs: 25_000, next: () => 10 });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(100_000);
    // Each run takes 25 s, and the next starts 10 s after it ended.
    expect(secondsOf(started)).toEqual([0, 35, 70]);
    expect(most()).toBe(1);
    loop.stop('person');
  });

  it('adopts a run under way as the first, and follows a restored timeline', async () => {
    const { h, started } = host({ runMs: 0 });
    const loop = new WatchLoop(h);
    const first = new Promise<WatchRun | null>((resolve) =>
      setTimeout(() => resolve(observed('ok', Date.now())), 2000),
    );
    const restored = [observed('ok', T0 - 60_000), observed('ok', T0 - 50_000)];
    loop.begin({ startedAt: T0 - 60_000, runs: restored, floorSeconds: 10, first });
    expect(loop.state.kind).toBe('running');
    await vi.advanceTimersByTimeAsync(1999);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(loop.runs).toHaveLength(3);
    // Three runs alike: two unchanged, so 22.5 s after the adopted one.
    expect(loop.state).toEqual({ kind: 'waiting', until: T0 + 2000 + 22_500 });
    await vi.advanceTimersByTimeAsync(22_500);
    expect(secondsOf(started)).toEqual([24.5]);
    loop.stop('person');
  });

  it('skips a run that falls due offline and runs it when the network is back', async () => {
    let online = true;
    const { h, started, states } = host({ runMs: 0, online: () => online });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(1);
    online = false;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(secondsOf(started)).toEqual([0]);
    expect(states.at(-1)).toEqual({ kind: 'offline', since: T0 + 10_000 });
    online = true;
    loop.online();
    expect(secondsOf(started)).toEqual([0, 60.001]);
    loop.stop('person');
  });

  it('stops when asked, aborting a run under way, and runs nothing after', async () => {
    const { h, started, states } = host({ runMs: 5000 });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(1000);
    loop.stop('person');
    expect(loop.active).toBe(false);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(started).toHaveLength(1);
    expect(loop.runs).toHaveLength(0);
    expect(states.at(-1)).toEqual({ kind: 'stopped', why: 'person', at: T0 + 1000 });
  });

  it('stops by itself 24 h after the start', async () => {
    const { h, started, states } = host({ runMs: 0, next: () => 600 });
    const loop = new WatchLoop(h);
    loop.begin({ startedAt: T0 - WATCH_DAY_MS + 900_000, runs: [], floorSeconds: 10 });
    await vi.advanceTimersByTimeAsync(3_600_000);
    // At 0, 600 s; the next would be at 1200 s, past the end at 900 s.
    expect(secondsOf(started)).toEqual([0, 600]);
    expect(states.at(-1)).toEqual({ kind: 'stopped', why: 'day', at: T0 + 900_000 });
  });
});
