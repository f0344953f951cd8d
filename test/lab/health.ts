/**
 * Readiness probes, DNS and HTTP. Start-up is staged (authoritative servers, then resolvers, then DoH)
 * because a resolver that meets a server not yet listening remembers it as unusable in
 * its infrastructure cache, and the first checks would then see failures that are not in
 * the scenario.
 */
import { forwardQuery } from './doh-forward';
import { dohQuery } from './doh-client';
import { buildQuery, summarizeAnswer } from './wire';

export interface Probe {
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly qname: string;
  readonly qtype: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/** One probe over UDP: the rcode, or the failure as text. */
async function probeOnce(probe: Probe): Promise<string> {
  try {
    const query = buildQuery({ qname: probe.qname, qtype: probe.qtype, cd: false });
    const answer = await forwardQuery({ host: probe.host, port: probe.port }, query, 1000);
    return summarizeAnswer(answer).rcode;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Polls until every probe answers NOERROR; throws with the last outcome of each probe
 * that never did. `alive` is checked between rounds so a crashed server fails fast.
 */
export async function waitForProbes(
  probes: readonly Probe[],
  timeoutMs: number,
  alive: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...probes];
  const last = new Map<string, string>();
  while (pending.length > 0) {
    const outcomes = await Promise.all(pending.map(probeOnce));
    pending = pending.filter((probe, index) => {
      last.set(probe.label, outcomes[index] ?? '');
      return outcomes[index] !== 'NOERROR';
    });
    if (pending.length === 0) return;
    const dead = alive();
    if (dead !== null) throw new Error(dead);
    if (Date.now() > deadline) {
      const report = pending.map((probe) => `${probe.label}: ${last.get(probe.label)}`);
      throw new Error(`not ready after ${timeoutMs} ms:\n  ${report.join('\n  ')}`);
    }
    await sleep(50);
  }
}

/** Polls DoH fronts until each answers NOERROR for `qname`. */
export async function waitForDoh(
  urls: readonly string[],
  qname: string,
  timeoutMs: number,
  alive: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...urls];
  while (pending.length > 0) {
    const outcomes = await Promise.all(
      pending.map((url) => dohQuery(url, { qname, qtype: 'SOA', cd: false }, 2000)),
    );
    const results = outcomes.map((outcome) =>
      outcome.kind === 'answer' ? outcome.answer.rcode : JSON.stringify(outcome),
    );
    const stillPending = pending.filter((_url, index) => results[index] !== 'NOERROR');
    if (stillPending.length === 0) return;
    const dead = alive();
    if (dead !== null) throw new Error(dead);
    if (Date.now() > deadline) {
      throw new Error(
        `DoH not ready after ${timeoutMs} ms: ${stillPending.join(', ')} (${results.join(', ')})`,
      );
    }
    pending = stillPending;
    await sleep(50);
  }
}

/** True when every DoH front answers NOERROR right now. */
export async function dohHealthy(urls: readonly string[], qname: string): Promise<boolean> {
  const outcomes = await Promise.all(
    urls.map((url) => dohQuery(url, { qname, qtype: 'SOA', cd: false }, 3000)),
  );
  return outcomes.every(
    (outcome) => outcome.kind === 'answer' && outcome.answer.rcode === 'NOERROR',
  );
}

/** Whether a GET answers 200 within `timeoutMs`. */
async function httpOk(url: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Polls plain HTTP endpoints (the RDAP server) until each answers 200. */
export async function waitForHttp(
  urls: readonly string[],
  timeoutMs: number,
  alive: () => string | null,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...urls];
  while (pending.length > 0) {
    const outcomes = await Promise.all(pending.map((url) => httpOk(url, 2000)));
    pending = pending.filter((_url, index) => !outcomes[index]);
    if (pending.length === 0) return;
    const dead = alive();
    if (dead !== null) throw new Error(dead);
    if (Date.now() > deadline) {
      throw new Error(`not answering 200 after ${timeoutMs} ms: ${pending.join(', ')}`);
    }
    await sleep(50);
  }
}

/** True when every URL answers 200 right now. */
export async function httpHealthy(urls: readonly string[]): Promise<boolean> {
  const outcomes = await Promise.all(urls.map((url) => httpOk(url, 3000)));
  return outcomes.every(Boolean);
}
