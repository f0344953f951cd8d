/**
 * The watch timeline's rules: which verdict changes are a fix or a break, which runs count
 * as unchanged (the interval backs off on them), and the compact outcome words.
 */
import { describe, expect, it } from 'vitest';
import {
  outcomeWords,
  sameObservation,
  stretchesOf,
  unchangedRuns,
  verdictChange,
  type WatchRun,
} from '../../../src/report/watch-timeline';

const G = 'https://dns.google/dns-query';
const C = 'https://cloudflare-dns.com/dns-query';

function run(
  verdict: string,
  reason: string,
  statuses: readonly [string, boolean, number[]][],
  at = 0,
): WatchRun {
  return {
    at,
    verdict,
    reason,
    savedId: null,
    outcomes: statuses.map(([status, ad, ede], i) => ({
      resolver: i === 0 ? G : C,
      status,
      ad,
      ede: ede.map((code) => ({ code, text: `at ${at}` })),
    })),
  };
}

const BOGUS = run('dnssec-bogus', 'ds-mismatch', [
  ['SERVFAIL', false, [9]],
  ['SERVFAIL', false, []],
]);
const OK = run('ok', 'secure', [
  ['NOERROR', true, []],
  ['NOERROR', true, []],
]);

describe('verdictChange', () => {
  it.each([
    ['dnssec-bogus', 'ok', 'fixed'],
    ['lame-delegation', 'nxdomain', 'fixed'],
    ['inconclusive', 'ok', 'fixed'],
    ['failed', 'nodata', 'fixed'],
    ['ok', 'dnssec-bogus', 'broke'],
    ['nodata', 'resolver-specific', 'broke'],
    // No evidence either way is not a break: the network may be the one that failed.
    ['ok', 'inconclusive', 'changed'],
    ['ok', 'failed', 'changed'],
    ['dnssec-bogus', 'lame-delegation', 'changed'],
    ['ok', 'nxdomain', 'changed'],
  ])('%s → %s: %s', (before, after, expected) => {
    expect(verdictChange({ verdict: before, reason: 'r' }, { verdict: after, reason: 'r' })).toBe(
      expected,
    );
  });

  it('a new reason under the same verdict is a change; the same pair is none', () => {
    const a = { verdict: 'dnssec-bogus', reason: 'ds-mismatch' };
    expect(verdictChange(a, { ...a, reason: 'rrsig-expired' })).toBe('changed');
    expect(verdictChange(a, { ...a })).toBeNull();
  });
});

describe('sameObservation and unchangedRuns', () => {
  it('ignores the time, the saved id and EDE texts; not codes, AD or RCODEs', () => {
    const later = { ...BOGUS, at: 99, savedId: 'x' };
    expect(sameObservation(BOGUS, later)).toBe(true);
    const textOnly = run(
      'dnssec-bogus',
      'ds-mismatch',
      [
        ['SERVFAIL', false, [9]],
        ['SERVFAIL', false, []],
      ],
      5,
    );
    expect(sameObservation(BOGUS, textOnly)).toBe(true);
    const otherCode = run('dnssec-bogus', 'ds-mismatch', [
      ['SERVFAIL', false, [6]],
      ['SERVFAIL', false, []],
    ]);
    expect(sameObservation(BOGUS, otherCode)).toBe(false);
    const noAd = run('ok', 'secure', [
      ['NOERROR', true, []],
      ['NOERROR', false, []],
    ]);
    expect(sameObservation(OK, noAd)).toBe(false);
    expect(sameObservation(OK, { ...OK, outcomes: OK.outcomes.slice(1) })).toBe(false);
  });

  it('counts the runs at the end that repeat the one before', () => {
    expect(unchangedRuns([])).toBe(0);
    expect(unchangedRuns([BOGUS])).toBe(0);
    expect(unchangedRuns([BOGUS, BOGUS, BOGUS])).toBe(2);
    expect(unchangedRuns([BOGUS, BOGUS, OK])).toBe(0);
    expect(unchangedRuns([BOGUS, OK, OK])).toBe(1);
  });

  it('groups consecutive runs that observed the same', () => {
    const stretches = stretchesOf([
      { ...BOGUS, at: 1 },
      { ...BOGUS, at: 2 },
      { ...OK, at: 3 },
      { ...BOGUS, at: 4 },
    ]);
    expect(stretches.map((s) => [s.first.at, s.last.at, s.count])).toEqual([
      [1, 2, 2],
      [3, 3, 1],
      [4, 4, 1],
    ]);
  });
});

describe('outcomeWords', () => {
  it.each([
    [{ status: 'NOERROR', ad: true, ede: [] }, 'NOERROR AD'],
    [{ status: 'SERVFAIL', ad: false, ede: [{ code: 9, text: 'x' }] }, 'SERVFAIL EDE 9'],
    [
      {
        status: 'SERVFAIL',
        ad: false,
        ede: [
          { code: 22, text: '' },
          { code: 23, text: '' },
        ],
      },
      'SERVFAIL EDE 22 EDE 23',
    ],
    [{ status: 'timeout', ad: false, ede: [] }, 'timeout'],
  ])('%o → %s', (outcome, words) => {
    expect(outcomeWords(outcome)).toBe(words);
  });
});
