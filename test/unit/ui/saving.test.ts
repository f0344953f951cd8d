import { describe, expect, it } from 'vitest';
import type { ExchangeSummary } from '../../../src/report/exchange-summary';
import { safeFileName } from '../../../src/ui/share/download';
import { headlineOf } from '../../../src/ui/history/saving';

function cell(status: string, cd: boolean, purpose: ExchangeSummary['purpose'] = 'target') {
  return {
    id: 'x',
    resolver: 'https://r/dns-query',
    cd,
    purpose,
    question: { name: 'a.example.', type: 'A' },
    answered: true,
    status,
    flags: [],
    ad: false,
    ede: [],
    answer: [],
    ttl: null,
    durationMs: 1,
  } satisfies ExchangeSummary;
}

describe('headlineOf', () => {
  it('counts CD=0 target answers, most frequent first', () => {
    const summaries = [
      cell('NOERROR', false),
      cell('SERVFAIL', false),
      cell('SERVFAIL', false),
      cell('NOERROR', true),
      cell('REFUSED', false, 'ns'),
    ];
    expect(headlineOf(summaries)).toBe('CD=0: SERVFAIL ×2, NOERROR ×1');
  });

  it('says so when nothing answered', () => {
    expect(headlineOf([])).toBe('no answers');
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, dots and dashes of a name', () => {
    expect(safeFileName('www.example.com.', Date.UTC(2026, 10, 23))).toBe(
      'servfail-lens-www.example.com-2026-11-23.json',
    );
  });

  it('neutralises markup and path characters', () => {
    expect(safeFileName('<img/src=x>.../..', 0)).toBe(
      'servfail-lens-_img_src_x_._.-1970-01-01.json',
    );
  });

  it('names the root and an invalid time', () => {
    expect(safeFileName('.', Number.NaN)).toBe('servfail-lens-root-undated.json');
  });
});
