/**
 * The worker's API as the page drives it: through comlink over a real MessageChannel, with
 * the page's AbortSignal crossing as a port (abort-signal-transfer.ts). Runs are
 * independent: an aborted run whose answers keep arriving late writes only into its own
 * evidence, never into the run that started after it, even though both number their
 * exchanges x0, x1…
 */
import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../../../src/evidence/evidence';
import { collect } from '../../../src/investigate/collect';
import type { PlannedQuery } from '../../../src/investigate/plan';
import type { InvestigateRequest, LensWorkerApi, RunEvent } from '../../../src/worker/api';
import { transferAbortSignals } from '../../../src/worker/abort-signal-transfer';
import { createLensApi, type CollectLive } from '../../../src/worker/lens-api';
import { plannedExchange } from '../../helpers/planned-exchange';
import type { Evidence } from '../../../src/evidence/evidence';
import { loadLabFixture } from '../../fixtures/lab-fixtures';
import { failureWire } from '../diagnosis/lab-evidence';

/** One query the scripted network holds until the test answers it. */
interface Held {
  readonly query: PlannedQuery;
  readonly id: string;
  readonly signal: AbortSignal;
  readonly answer: () => void;
}

/**
 * A network whose answers come only when the test says, and which ignores the abort (a
 * transport whose answer was already on its way): the worst case for a cancelled run.
 */
function scriptedNetwork() {
  const held: Held[] = [];
  const collectLive: CollectLive = (request, hooks) =>
    collect({
      question: request.question,
      resolvers: request.resolvers,
      trustAnchors: request.trustAnchors,
      signal: hooks.signal,
      onSent: (sent) => hooks.onSent({ ...sent, limitMs: request.timeoutMs }),
      onExchange: hooks.onExchange,
      runQuery: (query, id, signal) =>
        new Promise<Exchange>((resolve) => {
          const answer = (): void =>
            resolve(
              plannedExchange(query, id, {
                class: 'timeout',
                message: `late answer from ${query.resolver}`,
              }),
            );
          held.push({ query, id, signal, answer });
        }),
    });
  /** Answers every held query of `resolver` (or only the first `count`). */
  const answer = (resolver: string, count = Infinity): number => {
    let answered = 0;
    for (const h of [...held]) {
      if (h.query.resolver !== resolver || answered >= count) continue;
      held.splice(held.indexOf(h), 1);
      h.answer();
      answered++;
    }
    return answered;
  };
  const sentTo = (resolver: string): readonly Held[] =>
    held.filter((h) => h.query.resolver === resolver);
  return { collectLive, answer, sentTo };
}

const A = 'https://a.example/dns-query';
const B = 'https://b.example/dns-query';
const request = (url: string): InvestigateRequest => ({
  question: { name: 'www.example.com.', type: 'A' },
  resolvers: [{ url, label: new URL(url).host }],
  trustAnchors: [],
  timeoutMs: 1000,
});

const open: MessagePort[] = [];
/** The API exposed on one end of a channel and wrapped on the other, as in the app. */
function connect(collectLive: CollectLive): Comlink.Remote<LensWorkerApi> {
  transferAbortSignals();
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  Comlink.expose(createLensApi(collectLive), port2);
  return Comlink.wrap<LensWorkerApi>(port1);
}
// The analysis chunk (validation, diagnosis) is a large first import: load it before any
// run, so no test pays for it within its own time limit.
beforeAll(async () => {
  await import('../../../src/worker/worker-analysis');
}, 60_000);
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

/** Waits until `condition` holds (comlink messages are delivered on later turns). */
async function until(condition: () => boolean): Promise<void> {
  const give = Date.now() + 10_000;
  while (!condition() && Date.now() < give) await new Promise((r) => setTimeout(r, 2));
  expect(condition()).toBe(true);
}

/** A run's events, recorded as they come. */
function listener(): { events: RunEvent[]; onEvent: (e: RunEvent) => void } {
  const events: RunEvent[] = [];
  return { events, onEvent: Comlink.proxy((e: RunEvent) => void events.push(e)) };
}
const resolversOf = (events: readonly RunEvent[]): Set<string> =>
  new Set(events.flatMap((e) => (e.kind === 'exchange' ? [e.summary.resolver] : [])));
const idOf = (events: readonly RunEvent[]): string | undefined =>
  events.flatMap((e) => (e.kind === 'started' ? [e.evidenceId] : []))[0];

describe('the worker API', () => {
  it('keeps an aborted run whose answers arrive late out of the next run', async () => {
    const net = scriptedNetwork();
    const api = connect(net.collectLive);

    // Run A: one answer in, then the person cancels while the rest are still out.
    const a = listener();
    const stopA = new AbortController();
    const runA = api.investigate(request(A), a.onEvent, stopA.signal);
    await until(() => net.sentTo(A).length > 2);
    net.answer(A, 1);
    await until(() => a.events.some((e) => e.kind === 'exchange'));
    // The page's abort reaches the worker's queries of this run (through the port).
    const outstandingA = net.sentTo(A).map((h) => h.signal);
    expect(outstandingA.some((signal) => signal.aborted)).toBe(false);
    stopA.abort();
    await until(() => outstandingA.every((signal) => signal.aborted));

    // Run B starts and finishes while A's answers are still on their way.
    const b = listener();
    const runB = api.investigate(request(B), b.onEvent, new AbortController().signal);
    await until(() => net.sentTo(B).length > 2);
    expect(net.sentTo(B).every((h) => !h.signal.aborted)).toBe(true);
    net.answer(B);
    const resultB = await runB;

    // A's late answers come in only now.
    expect(net.answer(A)).toBeGreaterThan(0);
    const resultA = await runA;

    expect(resultA.evidenceId).not.toBe(resultB.evidenceId);
    expect(idOf(a.events)).toBe(resultA.evidenceId);
    expect(idOf(b.events)).toBe(resultB.evidenceId);
    // Each run's events, evidence and summaries are its own resolver's only.
    expect(resolversOf(a.events)).toEqual(new Set([A]));
    expect(resolversOf(b.events)).toEqual(new Set([B]));
    expect(new Set(resultA.evidence.exchanges.map((x) => x.resolver))).toEqual(new Set([A]));
    expect(new Set(resultB.evidence.exchanges.map((x) => x.resolver))).toEqual(new Set([B]));
    expect(resultB.summaries.map((s) => s.id)).toEqual(resultB.evidence.exchanges.map((x) => x.id));
    // The same exchange id names a different exchange in each.
    expect((await api.describe(resultA.evidenceId, 'x0'))?.dig).toContain('a.example');
    expect((await api.describe(resultB.evidenceId, 'x0'))?.dig).toContain('b.example');
  });

  it('lets a run released while it goes write nowhere, and gives no verdict for it', async () => {
    const net = scriptedNetwork();
    const api = connect(net.collectLive);
    const a = listener();
    const stopA = new AbortController();
    const runA = api.investigate(request(A), a.onEvent, stopA.signal);
    const failedA = runA.then(
      () => null,
      (error: unknown) => error,
    );
    await until(() => idOf(a.events) !== undefined && net.sentTo(A).length > 0);
    const idA = idOf(a.events) ?? '';
    net.answer(A, 1);
    await until(() => a.events.some((e) => e.kind === 'exchange'));
    expect(await api.describe(idA, 'x0')).not.toBeNull();
    // The page goes away: abort and release, as Investigation.dispose does.
    stopA.abort();
    await api.release(idA);

    const b = listener();
    const runB = api.investigate(request(B), b.onEvent, new AbortController().signal);
    await until(() => net.sentTo(B).length > 0);
    net.answer(A);
    net.answer(B);
    const resultB = await runB;

    expect(await failedA).toMatchObject({ message: 'This check was closed.' });
    expect(await api.describe(idA, 'x0')).toBeNull();
    expect(new Set(resultB.evidence.exchanges.map((x) => x.resolver))).toEqual(new Set([B]));
    expect((await api.describe(resultB.evidenceId, 'x0'))?.dig).toContain('b.example');
  });

  it('holds loaded evidence under an id of its own until released', async () => {
    const net = scriptedNetwork();
    const api = connect(net.collectLive);
    const run = api.investigate(request(B), listener().onEvent, new AbortController().signal);
    await until(() => net.sentTo(B).length > 0);
    net.answer(B);
    const { evidence } = await run;

    const first = await api.load(evidence);
    const second = await api.load(evidence);
    expect(first.evidenceId).not.toBe(second.evidenceId);
    expect(first.summaries).toEqual(second.summaries);
    expect(first.diagnosis).toEqual(second.diagnosis);
    await api.release(first.evidenceId);
    expect(await api.describe(first.evidenceId, 'x0')).toBeNull();
    expect((await api.describe(second.evidenceId, 'x0'))?.dig).toContain('b.example');
    expect(await api.describe(second.evidenceId, 'x999')).toBeNull();
  });

  it('compares two results of one question as load derives them, and refuses two questions', async () => {
    const api = connect(scriptedNetwork().collectLive);
    const before = loadLabFixture('alg13');
    // The same zone a moment later, answering nothing: every resolver now fails.
    const failed = failureWire('SERVFAIL');
    const after: Evidence = {
      ...before,
      exchanges: before.exchanges.map((x) =>
        x.purpose === 'target' ? { ...x, response: failed } : x,
      ),
    };
    const { diagnosis: then } = await api.load(before);
    const { diagnosis: now } = await api.load(after);
    const differences = await api.compare(before, after);
    expect(differences[0]).toMatchObject({
      kind: 'verdict',
      before: { verdict: then.verdict, reason: then.reason },
      after: { verdict: now.verdict, reason: now.reason },
    });
    expect(differences.filter((d) => d.kind === 'resolver').length).toBeGreaterThan(0);
    expect(await api.compare(before, before)).toEqual([]);
    await expect(api.compare(before, loadLabFixture('expired'))).rejects.toThrow(
      /answer different questions \(www\.alg13\.lab\. A and www\.expired\.lab\. A\)/,
    );
  });
});
