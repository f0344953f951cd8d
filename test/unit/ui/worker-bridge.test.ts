/**
 * The page's side of the worker: one worker, made on first use, terminated once idle (no
 * call going, no evidence held for a page) for IDLE_MS, and made again on the next call.
 * The "worker" here is the real API behind a MessageChannel, so only the thread is missing.
 */
import * as Comlink from 'comlink';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { EVIDENCE_VERSION, type Evidence, type Exchange } from '../../../src/evidence/evidence';
import { IDLE_MS, WorkerBridge, type WorkerLike } from '../../../src/ui/worker-bridge';
import { WORKER_STARTED, type InvestigateRequest } from '../../../src/worker/api';
import { createLensApi, type CollectLive } from '../../../src/worker/lens-api';

const resolver = 'https://r.example/dns-query';
const question = { name: 'www.example.com.', type: 'A' };
const exchange: Exchange = {
  id: 'x0',
  resolver,
  question,
  cd: false,
  do: true,
  purpose: 'target',
  wave: 1,
  startedAt: 0,
  durationMs: 1,
  error: { class: 'timeout', message: 'no answer' },
};
const evidence: Evidence = {
  version: EVIDENCE_VERSION,
  question,
  resolvers: [{ url: resolver, label: 'r' }],
  trustAnchors: [],
  startedAt: 0,
  finishedAt: 1000,
  exchanges: [exchange],
};
const request: InvestigateRequest = {
  question,
  resolvers: evidence.resolvers,
  trustAnchors: [],
  timeoutMs: 1000,
};

/** A live check that reports one exchange, then waits until the test lets it finish. */
function heldCheck(): { collectLive: CollectLive; finish: () => void } {
  let finish = (): void => {};
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const collectLive: CollectLive = async (_request, hooks) => {
    hooks.onExchange(exchange);
    await gate;
    return evidence;
  };
  return { collectLive, finish: () => finish() };
}

/** Workers made by the bridge, each the real API on the far end of a MessageChannel. */
function workers(collectLive: CollectLive) {
  const made: { terminated: boolean }[] = [];
  const spawn = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createLensApi(collectLive), port2);
    const record = { terminated: false };
    made.push(record);
    return Object.assign(port1, {
      terminate: () => {
        record.terminated = true;
        port1.close();
        port2.close();
      },
    });
  };
  return { made, spawn };
}

/** Lets comlink's messages through (ports are not timers, so fake timers leave them be). */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

// The analysis chunk (validation, diagnosis) is a large first import: load it before any
// call, so no test pays for it within its own time limit.
beforeAll(async () => {
  await import('../../../src/worker/worker-analysis');
}, 60_000);
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the worker bridge', () => {
  it('makes no worker until the first call, and one for live checks and recorded evidence', async () => {
    const check = heldCheck();
    const { made, spawn } = workers(check.collectLive);
    const bridge = new WorkerBridge(spawn);
    expect(made).toHaveLength(0);
    const run = bridge.investigate(request, () => {}, new AbortController().signal);
    const loaded = await bridge.load(evidence);
    check.finish();
    const result = await run;
    expect(made).toHaveLength(1);
    expect(result.evidenceId).not.toBe(loaded.evidenceId);
    bridge.release(result.evidenceId);
    bridge.release(loaded.evidenceId);
  });

  it('terminates the worker IDLE_MS after the last evidence is released, and makes a new one on demand', async () => {
    expect(IDLE_MS).toBe(60_000);
    const { made, spawn } = workers(heldCheck().collectLive);
    const bridge = new WorkerBridge(spawn);
    const loaded = await bridge.load(evidence);
    // Held for a page: never idle, however long it stays open.
    vi.advanceTimersByTime(10 * IDLE_MS);
    expect(bridge.alive).toBe(true);
    expect((await bridge.describe(loaded.evidenceId, 'x0'))?.dig).toContain('r.example');

    bridge.release(loaded.evidenceId);
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(made[0]?.terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(made[0]?.terminated).toBe(true);
    expect(bridge.alive).toBe(false);

    // Evidence from the stopped worker is gone, and asking about it starts nothing.
    expect(await bridge.describe(loaded.evidenceId, 'x0')).toBeNull();
    expect(made).toHaveLength(1);
    const again = await bridge.load(evidence);
    expect(made).toHaveLength(2);
    expect((await bridge.describe(again.evidenceId, 'x0'))?.dig).toContain('r.example');
  });

  it('keeps the worker while a run goes or a describe is pending, and counts idle from the end', async () => {
    const check = heldCheck();
    const { made, spawn } = workers(check.collectLive);
    const bridge = new WorkerBridge(spawn);
    let evidenceId = '';
    const stop = new AbortController();
    const run = bridge.investigate(
      request,
      (event) => {
        if (event.kind === 'started') evidenceId = event.evidenceId;
      },
      stop.signal,
    );
    await settle();
    expect(evidenceId).not.toBe('');
    // A cell opened while the run goes: its exchange is already described.
    expect((await bridge.describe(evidenceId, 'x0'))?.dig).toContain('r.example');
    vi.advanceTimersByTime(2 * IDLE_MS);
    expect(bridge.alive).toBe(true);

    check.finish();
    await run;
    bridge.release(evidenceId);
    vi.advanceTimersByTime(IDLE_MS / 2);
    // A new call resets the clock.
    const loaded = await bridge.load(evidence);
    bridge.release(loaded.evidenceId);
    vi.advanceTimersByTime(IDLE_MS / 2);
    expect(bridge.alive).toBe(true);
    vi.advanceTimersByTime(IDLE_MS / 2);
    expect(made[0]?.terminated).toBe(true);
  });

  it('tells when the worker runs (its first message), or after the wait at most', async () => {
    const bridge = new WorkerBridge(() => {
      const { port1, port2 } = new MessageChannel();
      Comlink.expose(createLensApi(heldCheck().collectLive), port2);
      // What lens.worker.ts says first; here it comes when the test lets it.
      speak = () => port2.postMessage(WORKER_STARTED);
      return Object.assign(port1, { terminate: () => port1.close() });
    });
    let speak = (): void => {};
    // No worker yet: nothing to wait for.
    await bridge.whenStarted(1000);
    void bridge.load(evidence).catch(() => undefined);
    let started = false;
    void bridge.whenStarted(1000).then(() => (started = true));
    await settle();
    expect(started).toBe(false);
    speak();
    await settle();
    expect(started).toBe(true);

    const silent = new WorkerBridge(workers(heldCheck().collectLive).spawn);
    void silent.load(evidence).catch(() => undefined);
    let waited = false;
    void silent.whenStarted(150).then(() => (waited = true));
    vi.advanceTimersByTime(149);
    await settle();
    expect(waited).toBe(false);
    vi.advanceTimersByTime(1);
    await settle();
    expect(waited).toBe(true);
  });

  it('rejects with a sentence when the worker cannot start, and tries a new one next time', async () => {
    let spawned = 0;
    const terminated: boolean[] = [];
    const bridge = new WorkerBridge(() => {
      // What a worker whose script does not load does: a plain `error` event, no answer.
      const index = spawned++;
      terminated[index] = false;
      const dead = Object.assign(new EventTarget(), {
        postMessage: () => {},
        terminate: () => void (terminated[index] = true),
      });
      setImmediate(() => dead.dispatchEvent(new Event('error')));
      return dead;
    });
    await expect(bridge.load(evidence)).rejects.toThrow(
      'the part of the app that checks DNS could not be started',
    );
    expect(terminated).toEqual([true]);
    expect(bridge.alive).toBe(false);
    await expect(bridge.load(evidence)).rejects.toThrow('could not be started');
    expect(spawned).toBe(2);
  });
});
