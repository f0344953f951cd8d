/**
 * A live link's check started before the page is drawn (ui/early-run.ts): the request is the
 * one the page would make, the view that mounts adopts the run without losing an event, and
 * a run nobody adopts is stopped and released.
 */
import { describe, expect, it } from 'vitest';
import { parseRoute, type Route } from '../../../src/report/route';
import { defaultSettings, type Settings } from '../../../src/store/settings';
import {
  adoptEarlyRun,
  dropIfUnadopted,
  EarlyRun,
  liveRequestOf,
  sameRequest,
  startEarlyRun,
  type RunHost,
} from '../../../src/ui/early-run';
import type {
  InvestigateRequest,
  InvestigationResult,
  PendingQuery,
  RunEvent,
} from '../../../src/worker/api';

const LAB = 'http://127.0.0.1:8531/dns-query';
const OTHER = 'http://127.0.0.1:8532/dns-query';
const settings: Settings = defaultSettings(['https://dns.google/dns-query']);

function route(fragment: string): Route {
  return parseRoute(fragment, '');
}

/** A worker bridge that records calls and lets the test speak for the worker. */
function fakeHost() {
  const calls: { request: InvestigateRequest; signal: AbortSignal }[] = [];
  const released: string[] = [];
  let speak: (event: RunEvent) => void = () => {};
  let finish: (result: InvestigationResult) => void = () => {};
  const host: RunHost = {
    investigate(request, onEvent, signal) {
      calls.push({ request, signal });
      speak = onEvent;
      return new Promise((resolve) => (finish = resolve));
    },
    release: (id) => void released.push(id),
  };
  return {
    host,
    calls,
    released,
    speak: (event: RunEvent) => speak(event),
    finish: (result: InvestigationResult) => finish(result),
  };
}

const sent = (id: string): RunEvent => ({
  kind: 'sent',
  query: { id } as unknown as PendingQuery,
});

describe('liveRequestOf', () => {
  it('asks what the link asks: its name, type, resolvers, anchors and registry', () => {
    const request = liveRequestOf(
      route(
        `#/check/WWW.Example.COM?type=aaaa&resolver=${encodeURIComponent(LAB)}&rdap=off&ta=${encodeURIComponent('. 172800 IN DS 1 8 2 00')}`,
      ),
      settings,
    );
    expect(request).toEqual({
      question: { name: 'www.example.com.', type: 'AAAA' },
      resolvers: [{ url: LAB, label: '127.0.0.1:8531' }],
      trustAnchors: ['. 172800 IN DS 1 8 2 00'],
      timeoutMs: settings.timeoutMs,
    });
  });

  it('takes what the link leaves out from the settings', () => {
    const own: Settings = { ...settings, resolvers: [OTHER], timeoutMs: 7000 };
    const request = liveRequestOf(route('#/check/example.com'), own);
    expect(request?.resolvers.map((r) => r.url)).toEqual([OTHER]);
    expect(request?.timeoutMs).toBe(7000);
    expect(request?.question).toEqual({ name: 'example.com.', type: 'A' });
    expect(request?.rdapBootstrap).toMatch(/^https:\/\/data\.iana\.org\//);
  });

  it('is null where the page would not start a check', () => {
    expect(liveRequestOf(route('#/'), settings)).toBeNull();
    expect(liveRequestOf(route('#/history'), settings)).toBeNull();
    expect(liveRequestOf(route('#/check/exa mple..com'), settings)).toBeNull();
    expect(liveRequestOf(route('#/check/example.com?resolver=ftp%3A%2F%2Fx'), settings)).toBeNull();
    // A type the Evidence reader would refuse: the page shows why instead of running.
    expect(liveRequestOf(route('#/check/example.com?type=NO%20SUCH'), settings)).toBeNull();
  });
});

describe('sameRequest', () => {
  const base = liveRequestOf(route(`#/check/example.com?resolver=${LAB}`), settings)!;

  it('is true for the same question, resolvers, anchors, limit and registry', () => {
    expect(sameRequest(base, structuredClone(base))).toBe(true);
  });

  it('is false when any of them differs', () => {
    expect(sameRequest(base, { ...base, question: { name: 'example.com.', type: 'MX' } })).toBe(
      false,
    );
    expect(sameRequest(base, { ...base, resolvers: [{ url: OTHER, label: 'x' }] })).toBe(false);
    expect(sameRequest(base, { ...base, trustAnchors: ['x'] })).toBe(false);
    expect(sameRequest(base, { ...base, timeoutMs: base.timeoutMs + 1 })).toBe(false);
    const { rdapBootstrap: _, ...noRegistry } = base;
    expect(sameRequest(base, noRegistry)).toBe(false);
  });
});

describe('EarlyRun', () => {
  const request = liveRequestOf(route(`#/check/example.com?resolver=${LAB}`), settings)!;

  it('replays what it heard before adoption in order, then passes on each event', () => {
    const fake = fakeHost();
    const run = new EarlyRun(request, fake.host);
    fake.speak({ kind: 'started', evidenceId: 'e1' });
    fake.speak(sent('x0'));
    const heard: RunEvent[] = [];
    void run.adopt((event) => heard.push(event), new AbortController().signal);
    expect(heard).toEqual([{ kind: 'started', evidenceId: 'e1' }, sent('x0')]);
    fake.speak(sent('x1'));
    expect(heard.at(-1)).toEqual(sent('x1'));
    expect(heard).toHaveLength(3);
  });

  it("stops when the adopter's signal aborts, also one aborted before adoption", () => {
    const fake = fakeHost();
    const run = new EarlyRun(request, fake.host);
    const stop = new AbortController();
    void run.adopt(() => {}, stop.signal);
    expect(fake.calls[0]?.signal.aborted).toBe(false);
    stop.abort();
    expect(fake.calls[0]?.signal.aborted).toBe(true);

    const late = fakeHost();
    const aborted = new AbortController();
    aborted.abort();
    void new EarlyRun(request, late.host).adopt(() => {}, aborted.signal);
    expect(late.calls[0]?.signal.aborted).toBe(true);
  });

  it('resolves to the result the worker gives', async () => {
    const fake = fakeHost();
    const run = new EarlyRun(request, fake.host);
    const result = { evidenceId: 'e1' } as InvestigationResult;
    const adopted = run.adopt(() => {}, new AbortController().signal);
    fake.finish(result);
    await expect(adopted).resolves.toBe(result);
  });

  it('dropped, it stops its queries and releases its evidence, whenever the id comes', () => {
    const before = fakeHost();
    const run = new EarlyRun(request, before.host);
    before.speak({ kind: 'started', evidenceId: 'e1' });
    run.drop();
    expect(before.calls[0]?.signal.aborted).toBe(true);
    expect(before.released).toEqual(['e1']);

    const after = fakeHost();
    new EarlyRun(request, after.host).drop();
    expect(after.released).toEqual([]);
    after.speak({ kind: 'started', evidenceId: 'e2' });
    expect(after.released).toEqual(['e2']);
  });
});

describe('startEarlyRun, adoptEarlyRun, dropIfUnadopted', () => {
  const link = route(`#/check/example.com?resolver=${encodeURIComponent(LAB)}`);
  const other = route(`#/check/example.org?resolver=${encodeURIComponent(LAB)}`);

  it('starts nothing for a page that is not a check', () => {
    const fake = fakeHost();
    expect(startEarlyRun(route('#/examples'), settings, fake.host)).toBeNull();
    expect(fake.calls).toHaveLength(0);
  });

  it('is adopted once, by a view asking exactly the same', () => {
    const fake = fakeHost();
    const early = startEarlyRun(link, settings, fake.host)!;
    const request = fake.calls[0]!.request;
    const signal = new AbortController().signal;
    expect(adoptEarlyRun({ ...request, timeoutMs: 1 }, () => {}, signal)).toBeNull();
    expect(adoptEarlyRun(structuredClone(request), () => {}, signal)).not.toBeNull();
    expect(adoptEarlyRun(request, () => {}, signal)).toBeNull();
    // Adopted: the page's timer leaves it running.
    dropIfUnadopted(early);
    expect(fake.calls[0]?.signal.aborted).toBe(false);
  });

  it('keeps the run waiting for the same request (a submit, then its navigation)', () => {
    const fake = fakeHost();
    const first = startEarlyRun(link, settings, fake.host);
    expect(startEarlyRun(link, settings, fake.host)).toBe(first);
    expect(fake.calls).toHaveLength(1);
    dropIfUnadopted(first!);
  });

  it('drops the run waiting for another request when a new one starts', () => {
    const fake = fakeHost();
    const first = startEarlyRun(link, settings, fake.host)!;
    const second = startEarlyRun(other, settings, fake.host)!;
    expect(fake.calls[0]?.signal.aborted).toBe(true);
    expect(fake.calls[1]?.signal.aborted).toBe(false);
    // The first run's timer must not touch the second.
    dropIfUnadopted(first);
    expect(fake.calls[1]?.signal.aborted).toBe(false);
    dropIfUnadopted(second);
    expect(fake.calls[1]?.signal.aborted).toBe(true);
  });

  it('not adopted by the time the page has drawn its view, it is stopped', () => {
    const fake = fakeHost();
    const early = startEarlyRun(link, settings, fake.host)!;
    fake.speak({ kind: 'started', evidenceId: 'e9' });
    dropIfUnadopted(early);
    expect(fake.calls[0]?.signal.aborted).toBe(true);
    expect(fake.released).toEqual(['e9']);
    expect(adoptEarlyRun(fake.calls[0]!.request, () => {}, new AbortController().signal)).toBe(
      null,
    );
  });
});
