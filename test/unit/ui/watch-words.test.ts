/**
 * What a watch says: the tab's title and the change sentence (live region, notification),
 * with the name made visible text (no bidi override or line break can rearrange them).
 */
import { describe, expect, it } from 'vitest';
import type { WatchRun } from '../../../src/report/watch-timeline';
import { changeWords, clockText, watchTitle } from '../../../src/ui/watch/watch-words';

const run = (verdict: string, reason: string): WatchRun => ({
  at: 0,
  verdict,
  reason,
  savedId: null,
  outcomes: [],
});

describe('watchTitle', () => {
  it.each([
    ['watching', 'watching: www.x.lab — SERVFAIL Lens'],
    ['fixed', '✓ fixed: www.x.lab — SERVFAIL Lens'],
    ['broke', '✗ broken: www.x.lab — SERVFAIL Lens'],
    ['changed', 'changed: www.x.lab — SERVFAIL Lens'],
    ['ended', 'watch ended: www.x.lab — SERVFAIL Lens'],
  ] as const)('%s', (mark, title) => {
    expect(watchTitle(mark, 'www.x.lab')).toBe(title);
  });

  it('keeps a hostile name to one line of visible text', () => {
    expect(watchTitle('fixed', 'a\u202Eb\nc')).toBe('✓ fixed: a\\u202Eb\\u000Ac — SERVFAIL Lens');
  });
});

describe('changeWords', () => {
  it('a fix: the new verdict’s sentence, then both verdicts', () => {
    const words = changeWords(
      'fixed',
      run('dnssec-bogus', 'ds-mismatch'),
      run('ok', 'secure'),
      'www.x.lab',
    );
    expect(words).toEqual({
      title: 'Fixed: www.x.lab',
      body: 'The name resolves and its answer checks out. Now ok (secure), before dnssec-bogus (ds-mismatch).',
      sentence:
        'Fixed: www.x.lab. The name resolves and its answer checks out. Now ok (secure), before dnssec-bogus (ds-mismatch).',
    });
  });

  it('a break, and a run that could not finish', () => {
    expect(
      changeWords('broke', run('ok', 'secure'), run('lame-delegation', 'ns-failure'), 'x').title,
    ).toBe('Broken: x');
    expect(changeWords('changed', run('ok', 'secure'), run('failed', ''), 'x').body).toBe(
      'The check could not finish. Now failed, before ok (secure).',
    );
  });
});

describe('clockText', () => {
  it('is the local time of day to the second', () => {
    const at = new Date(2026, 0, 2, 3, 4, 5).getTime();
    expect(clockText(at)).toBe('03:04:05');
    expect(clockText(Number.NaN)).toBe('--:--:--');
  });
});
