/**
 * The service worker's background check of watches: only watches that asked for it, are
 * not stopped and are within their day; every resolver asked with CD=0; the outcomes added
 * to the watch; a notification only when a resolver's RCODE or AD bit changed, naming it;
 * and how many watches still want it (none: the sync is unregistered).
 */
import { describe, expect, it } from 'vitest';
import type { WatchOutcome, WatchRun } from '../../../src/report/watch-timeline';
import { parseRoute } from '../../../src/report/route';
import { WATCH_DAY_MS, type StoredWatch } from '../../../src/store/watch-record';
import {
  changeNotice,
  checkWatchesInBackground,
  watchFragment,
  WATCH_SYNC_TAG,
  type BackgroundHost,
} from '../../../src/sw/background-check';

const NOW = Date.UTC(2026, 4, 1, 12);
const G = { url: 'https://dns.google/dns-query', label: 'Google' };
const C = { url: 'https://cloudflare-dns.com/dns-query', label: 'Cloud\u202Eflare' };

const out = (resolver: string, status: string, ad = false): WatchOutcome => ({
  resolver,
  status,
  ad,
  ede: [],
});
const run = (outcomes: WatchOutcome[]): WatchRun => ({
  at: NOW - 60_000,
  verdict: 'dnssec-bogus',
  reason: 'ds-mismatch',
  savedId: null,
  outcomes,
});

function watch(id: string, extra: Partial<StoredWatch> = {}): StoredWatch {
  return {
    id,
    name: `${id}.example.`,
    type: 'A',
    resolvers: [G, C],
    trustAnchors: [],
    intervalSeconds: 10,
    startedAt: NOW - 3_600_000,
    background: true,
    runs: [run([out(G.url, 'SERVFAIL'), out(C.url, 'SERVFAIL')])],
    backgroundChecks: [],
    ...extra,
  };
}

/** An in-memory store and resolvers that answer from `answers` (by name, then resolver). */
function host(watches: StoredWatch[], answers: Record<string, Record<string, WatchOutcome>>) {
  const stored = new Map(watches.map((w) => [w.id, w]));
  const asked: string[] = [];
  const notices: { title: string; body: string; tag: string; url: string }[] = [];
  const h: BackgroundHost = {
    now: () => NOW,
    listWatches: () => Promise.resolve([...stored.values()]),
    updateWatch: (id, change) => {
      const next = change(stored.get(id) ?? null);
      if (next === null) stored.delete(id);
      else stored.set(id, next);
      return Promise.resolve();
    },
    ask: (url, name, type) => {
      asked.push(`${url} ${name} ${type}`);
      const answer = answers[name]?.[url];
      return Promise.resolve(answer ?? out(url, 'timeout'));
    },
    notify: (title, body, tag, url) => {
      notices.push({ title, body, tag, url });
      return Promise.resolve();
    },
  };
  return { h, stored, asked, notices };
}

describe('checkWatchesInBackground', () => {
  it('asks only for watches that want it, and counts them', async () => {
    const { h, asked } = host(
      [
        watch('wants'),
        watch('off', { background: false }),
        watch('stopped', { stop: 'person', stoppedAt: NOW - 5 }),
        watch('ended', { startedAt: NOW - WATCH_DAY_MS }),
      ],
      {},
    );
    expect(await checkWatchesInBackground(h)).toBe(1);
    expect(asked).toEqual([`${G.url} wants.example. A`, `${C.url} wants.example. A`]);
  });

  it('records the outcomes; no notification while nothing changed', async () => {
    const same = { [G.url]: out(G.url, 'SERVFAIL'), [C.url]: out(C.url, 'SERVFAIL') };
    const { h, stored, notices } = host([watch('a')], { 'a.example.': same });
    await checkWatchesInBackground(h);
    expect(stored.get('a')?.backgroundChecks).toEqual([
      { at: NOW, outcomes: [out(G.url, 'SERVFAIL'), out(C.url, 'SERVFAIL')] },
    ]);
    expect(notices).toEqual([]);
  });

  it('notifies the resolvers whose RCODE or AD bit changed, against the last check', async () => {
    const before = [out(G.url, 'NOERROR', true), out(C.url, 'SERVFAIL')];
    const { h, notices } = host(
      [watch('a', { backgroundChecks: [{ at: NOW - 1000, outcomes: before }] })],
      {
        'a.example.': {
          [G.url]: out(G.url, 'NOERROR', true),
          [C.url]: out(C.url, 'NOERROR', true),
        },
      },
    );
    await checkWatchesInBackground(h);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.title).toBe('Changed: a.example');
    // The label is untrusted text: its bidi override is shown, not obeyed.
    expect(notices[0]?.body).toBe(
      'Cloud\\u202Eflare: SERVFAIL → NOERROR AD\nChecked in the background; open it for the verdict.',
    );
    expect(notices[0]?.tag).toBe(`${WATCH_SYNC_TAG}-a`);
    expect(parseRoute(notices[0]?.url ?? '', '')).toMatchObject({
      kind: 'check',
      input: 'a.example',
      type: 'A',
      resolvers: [G.url, C.url],
      watch: { seconds: 10, note: null },
    });
  });

  it('compares with the last run when there was no background check yet', async () => {
    const { h, notices } = host([watch('a')], {
      'a.example.': { [G.url]: out(G.url, 'SERVFAIL'), [C.url]: out(C.url, 'timeout') },
    });
    await checkWatchesInBackground(h);
    expect(notices.map((n) => n.body.split('\n')[0])).toEqual([
      'Cloud\\u202Eflare: SERVFAIL → timeout',
    ]);
  });

  it('is zero when no watch wants it', async () => {
    const { h, asked } = host([watch('off', { background: false })], {});
    expect(await checkWatchesInBackground(h)).toBe(0);
    expect(asked).toEqual([]);
  });
});

describe('the watch page and the notice', () => {
  it('opens the watch with its own resolvers, anchors, registry and interval', () => {
    const fragment = watchFragment(
      watch('a', {
        trustAnchors: ['. IN DS 1 8 2 AB'],
        rdapBootstrap: 'http://127.0.0.1:8540/bootstrap/dns.json',
        intervalSeconds: 30,
      }),
    );
    expect(parseRoute(fragment, '')).toEqual({
      kind: 'check',
      input: 'a.example',
      type: 'A',
      watch: { seconds: 30, note: null },
      resolvers: [G.url, C.url],
      trustAnchors: ['. IN DS 1 8 2 AB'],
      rdap: 'http://127.0.0.1:8540/bootstrap/dns.json',
    });
  });

  it('keeps a hostile name to visible text', () => {
    const notice = changeNotice(watch('x', { name: 'a\n<b>.example.' }), []);
    expect(notice.title).toBe('Changed: a\\u000A<b>.example');
  });
});
