/**
 * A finished check as a watch run: the verdict, and per resolver the CD=0 target cell's
 * RCODE (or transport error class), AD bit and EDE — the same cell the grid shows.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../src/diagnosis/diagnosis';
import type { ExchangeSummary } from '../../../src/report/exchange-summary';
import { runOf } from '../../../src/ui/watch/run-of';

const G = { url: 'https://dns.google/dns-query', label: 'Google' };
const C = { url: 'https://cloudflare-dns.com/dns-query', label: 'Cloudflare' };
const Q = { url: 'https://dns.quad9.net/dns-query', label: 'Quad9' };

function cell(
  resolver: string,
  cd: boolean,
  status: string,
  extra: Partial<ExchangeSummary> = {},
): ExchangeSummary {
  return {
    id: `${resolver}${cd}`,
    resolver,
    cd,
    purpose: 'target',
    question: { name: 'www.example.', type: 'A' },
    answered: !['timeout', 'unreachable'].includes(status),
    status,
    flags: [],
    ad: false,
    ede: [],
    answer: [],
    ttl: null,
    durationMs: 5,
    ...extra,
  };
}

const summaries = [
  cell(G.url, false, 'SERVFAIL', { ede: [{ code: 9, name: 'DNSKEY Missing', text: 'no SEP' }] }),
  cell(G.url, true, 'NOERROR'),
  cell(C.url, true, 'NOERROR', { ad: true }),
  cell(C.url, false, 'NOERROR', { ad: true }),
  cell(C.url, false, 'NOERROR', { purpose: 'ds', ad: false }),
  cell(Q.url, true, 'timeout'),
];

describe('runOf', () => {
  it('takes the verdict and each resolver’s CD=0 target cell', () => {
    const diagnosis = { verdict: 'dnssec-bogus', reason: 'ds-mismatch' } as Diagnosis;
    const run = runOf({ resolvers: [G, C, Q], summaries, diagnosis }, 1234, 'abc');
    expect(run).toEqual({
      at: 1234,
      verdict: 'dnssec-bogus',
      reason: 'ds-mismatch',
      savedId: 'abc',
      outcomes: [
        { resolver: G.url, status: 'SERVFAIL', ad: false, ede: [{ code: 9, text: 'no SEP' }] },
        { resolver: C.url, status: 'NOERROR', ad: true, ede: [] },
        // Quad9 has no CD=0 target exchange: left out.
      ],
    });
  });

  it('keeps a transport failure as its error class', () => {
    const run = runOf(
      { resolvers: [Q], summaries: [cell(Q.url, false, 'timeout')], diagnosis: null },
      1,
      null,
    );
    expect(run.outcomes).toEqual([{ resolver: Q.url, status: 'timeout', ad: false, ede: [] }]);
  });

  it('is a failed run, with no reason, when the check gave no verdict', () => {
    const run = runOf({ resolvers: [G], summaries: [], diagnosis: null }, 1, null);
    expect(run).toEqual({ at: 1, verdict: 'failed', reason: '', savedId: null, outcomes: [] });
  });
});
