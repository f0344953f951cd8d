/**
 * The live run's time limits: the person's per-query setting cuts chain queries, while a
 * target query waits at least TARGET_TIMEOUT_MS, because a resolver giving up on a broken
 * name takes seconds and its late SERVFAIL is the evidence (facts.md, "Slow failure").
 */
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../../../src/dns/message';
import {
  CHECK_DEADLINE_MS,
  TARGET_TIMEOUT_MS,
  checkDeadlineMs,
  queryLimitMs,
} from '../../../src/investigate/limits';
import { runLiveInvestigation, type LiveSentQuery } from '../../../src/investigate/run';
import { answer } from '../doh/doh-server';

describe('limits', () => {
  it('give targets a floor and chain queries the setting', () => {
    expect(queryLimitMs('target', 4000)).toBe(TARGET_TIMEOUT_MS);
    expect(queryLimitMs('target', 20_000)).toBe(20_000);
    expect(queryLimitMs('dnskey', 4000)).toBe(4000);
    expect(queryLimitMs('address', 1500)).toBe(1500);
  });

  it('keep the whole check within a deadline that leaves a target its own limit', () => {
    expect(checkDeadlineMs(4000)).toBe(CHECK_DEADLINE_MS);
    expect(checkDeadlineMs(30_000)).toBe(60_000);
    expect(checkDeadlineMs(500)).toBe(CHECK_DEADLINE_MS);
  });
});

/** A DoH service that answers the target after 300 ms and everything else after 250 ms. */
const slowService: typeof fetch = async (input) => {
  const dns = new URL(String(input)).searchParams.get('dns') ?? '';
  const query = decodeMessage(Uint8Array.from(Buffer.from(dns, 'base64url')));
  const q = query.ok ? query.message.question[0] : undefined;
  const isTarget = q?.name === 'www.example.com.' && q.type === 'A';
  await new Promise((r) => setTimeout(r, isTarget ? 300 : 250));
  const body = answer({ name: q?.name ?? 'invalid.', type: q?.type ?? 'A' });
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': 'application/dns-message' },
  });
};

describe('runLiveInvestigation', () => {
  it('keeps a target answer that comes after the chain limit', async () => {
    const sent: LiveSentQuery[] = [];
    const evidence = await runLiveInvestigation({
      question: { name: 'www.example.com.', type: 'A' },
      resolvers: [{ url: 'https://dns.example/dns-query', label: 'example' }],
      trustAnchors: [],
      timeoutMs: 100,
      fetchImpl: slowService,
      onSent: (s) => sent.push(s),
    });
    const targets = evidence.exchanges.filter((x) => x.purpose === 'target');
    expect(targets).toHaveLength(2);
    expect(targets.map((x) => x.error)).toEqual([undefined, undefined]);
    expect(targets.every((x) => x.durationMs >= 250)).toBe(true);
    const chain = evidence.exchanges.filter((x) => x.purpose !== 'target');
    expect(chain.length).toBeGreaterThan(0);
    expect(new Set(chain.map((x) => x.error?.message))).toEqual(
      new Set(['no answer from dns.example within 0.1 s']),
    );
    // A pending cell knows how long its query may take.
    expect(sent).toHaveLength(evidence.exchanges.length);
    expect(new Set(sent.filter((s) => s.purpose === 'target').map((s) => s.limitMs))).toEqual(
      new Set([TARGET_TIMEOUT_MS]),
    );
    expect(new Set(sent.filter((s) => s.purpose !== 'target').map((s) => s.limitMs))).toEqual(
      new Set([100]),
    );
  });
});
