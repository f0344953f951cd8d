/**
 * The Node side of `npm run bench`, run in a worker thread (as the app validates in a Web
 * Worker): per lab recording, the median time of `validateEvidence` over the whole chain
 * (root → lab. → zone → answer), and raw signature verifications per second with the zone's
 * own answer signature.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { validateEvidence } from '../src/diagnosis/validate-evidence';
import { decodeMessage } from '../src/dns/message';
import { fromBase64 } from '../src/dns/wire/encoding';
import type { ResourceRecord } from '../src/dns/wire/record';
import { RRTYPE } from '../src/dns/wire/types';
import { verifySignature } from '../src/dnssec/algorithms';
import { signedData } from '../src/dnssec/canonical';
import { decodeRrsig } from '../src/dnssec/rdata/rrsig';
import { RrsetIndex } from '../src/dnssec/rrset-index';
import { zoneKeysOf } from '../src/dnssec/zone-key';
import type { Evidence } from '../src/evidence/evidence';
import { parseEvidence } from '../src/evidence/codec';

export interface BenchInput {
  readonly fixtures: readonly { readonly id: string; readonly path: string }[];
  readonly runs: number;
  readonly verifyMs: number;
}

export interface ChainResult {
  readonly id: string;
  readonly status: string;
  readonly algorithm: number | null;
  readonly verifications: number;
  readonly firstMs: number;
  readonly medianMs: number;
  readonly verifyPerSecond: number | null;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function recordsOf(evidence: Evidence, id: string | undefined): ResourceRecord[] {
  const response = evidence.exchanges.find((x) => x.id === id)?.response;
  const bytes = response === undefined ? undefined : fromBase64(response);
  const decoded = bytes === undefined ? undefined : decodeMessage(bytes);
  if (!decoded?.ok) return [];
  return [...decoded.message.answer, ...decoded.message.authority].map((rr) => rr.wire);
}

/** Verifications per second of the answer's A RRSIG with the zone key that made it. */
async function verifyRate(
  evidence: Evidence,
  target: string | undefined,
  dnskey: string | undefined,
  ms: number,
): Promise<{ algorithm: number; rate: number } | null> {
  const answer = new RrsetIndex(recordsOf(evidence, target));
  const rrset = answer.ofType(RRTYPE.A)[0];
  const rrsig = rrset?.signatures[0];
  const sig = rrsig ? decodeRrsig(rrsig.rdata) : undefined;
  if (!rrset || !rrsig || !sig?.ok) return null;
  const key = zoneKeysOf(recordsOf(evidence, dnskey)).find((k) => k.keyTag === sig.value.keyTag);
  if (!key) return null;
  const data = signedData(
    sig.value,
    rrsig.rdata.subarray(0, sig.value.signedPrefixLength),
    rrset.records,
  );
  const verify = () =>
    verifySignature(sig.value.algorithm, key.dnskey.publicKey, sig.value.signature, data);
  if ((await verify()) !== 'valid') throw new Error(`${rrset.type} RRSIG does not verify`);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    await verify();
    n++;
  }
  return { algorithm: sig.value.algorithm, rate: (n * 1000) / (performance.now() - t0) };
}

async function benchOne(id: string, path: string, input: BenchInput): Promise<ChainResult> {
  const parsed = parseEvidence(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.ok) throw new Error(`${path}: ${parsed.message}`);
  const evidence = parsed.evidence;
  const now = evidence.finishedAt / 1000;
  const t0 = performance.now();
  const first = await validateEvidence(evidence, { now });
  const firstMs = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < input.runs; i++) {
    const t = performance.now();
    await validateEvidence(evidence, { now });
    times.push(performance.now() - t);
  }
  const zone = first.proof?.answer[0]?.zone;
  const source = first.sources.find((s) => s.zone === zone);
  const rate = await verifyRate(
    evidence,
    first.targetExchange ?? undefined,
    source?.dnskey,
    input.verifyMs,
  );
  return {
    id,
    status: first.proof?.status ?? 'no proof',
    algorithm: rate?.algorithm ?? null,
    verifications: first.proof?.verifications ?? 0,
    firstMs,
    medianMs: median(times),
    verifyPerSecond: rate?.rate ?? null,
  };
}

if (parentPort) {
  const input = workerData as BenchInput;
  const results: ChainResult[] = [];
  for (const f of input.fixtures) results.push(await benchOne(f.id, f.path, input));
  parentPort.postMessage(results);
}
