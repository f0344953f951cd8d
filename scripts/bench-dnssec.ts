/**
 * DNSSEC validator benchmark: the median time to validate a whole three-level chain
 * (root → lens. → zone, then the answer) per zone algorithm, and raw signature
 * verifications per second per algorithm.
 *
 *   npx tsx scripts/bench-dnssec.ts
 *
 * Aim (issue #4): a whole chain under 20 ms.
 */

import { performance } from 'node:perf_hooks';
import { nameToText } from '../src/dns/wire/name';
import { RRTYPE } from '../src/dns/wire/types';
import { verifySignature } from '../src/dnssec/algorithms';
import { signedData } from '../src/dnssec/canonical';
import { decodeRrsig } from '../src/dnssec/rdata/rrsig';
import { RrsetIndex } from '../src/dnssec/rrset-index';
import { validateChain } from '../src/dnssec/validate';
import { zoneKeysOf } from '../src/dnssec/zone-key';
import { inputFor, responses, scenarios } from '../test/vectors/helpers/signed-evidence';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function chainBench(): Promise<void> {
  console.log('Whole chain (root RSASHA256 → lens. ECDSAP256 → zone → answer), median of 40 runs:');
  const zones = [...new Set(scenarios.map((s) => s.id.split('/')[0]!))].filter((z) =>
    z.includes('-'),
  );
  const rows: string[] = [];
  for (const zone of zones) {
    for (const [label, qname, qtype] of [
      ['A', `www.${zone}.lens.`, 'A'],
      ['NXDOMAIN', `nx.${zone}.lens.`, 'A'],
    ] as const) {
      const input = inputFor({ qname, qtype });
      const cold0 = performance.now();
      const first = await validateChain(input);
      const cold = performance.now() - cold0;
      const times: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        await validateChain(input);
        times.push(performance.now() - t0);
      }
      rows.push(
        `  ${zone.padEnd(24)} ${label.padEnd(9)} ${first.status.padEnd(7)} median ${median(times).toFixed(2).padStart(6)} ms  (first run ${cold.toFixed(1)} ms, ${first.verifications} verifications)`,
      );
    }
  }
  console.log(rows.join('\n'));
}

async function verifyBench(): Promise<void> {
  console.log('\nSignature verifications per second (www A RRSIG with the zone key):');
  const byAlgorithm = new Map<number, { key: Uint8Array; sig: Uint8Array; data: Uint8Array }>();
  for (const [q, m] of responses) {
    if (!q.startsWith('www.') || !q.endsWith(' A')) continue;
    const index = new RrsetIndex([...m.answer, ...m.authority]);
    const rrset = index.ofType(RRTYPE.A)[0];
    const rr = rrset?.signatures[0];
    if (!rrset || !rr) continue;
    const sig = decodeRrsig(rr.rdata);
    if (!sig.ok || byAlgorithm.has(sig.value.algorithm)) continue;
    const keys = responses.get(`${nameToText(sig.value.signerName)} DNSKEY`);
    const key = zoneKeysOf(keys ? keys.answer : []).find((k) => k.keyTag === sig.value.keyTag);
    if (!key) continue;
    const data = signedData(
      sig.value,
      rr.rdata.subarray(0, sig.value.signedPrefixLength),
      rrset.records,
    );
    byAlgorithm.set(sig.value.algorithm, {
      key: key.dnskey.publicKey,
      sig: sig.value.signature,
      data,
    });
  }
  const rates: [number, number][] = [];
  for (const [alg, v] of [...byAlgorithm].sort((a, b) => a[0] - b[0])) {
    if ((await verifySignature(alg, v.key, v.sig, v.data)) !== 'valid')
      throw new Error(`alg ${alg} does not verify`);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 300) {
      await verifySignature(alg, v.key, v.sig, v.data);
      n++;
    }
    rates.push([alg, (n * 1000) / (performance.now() - t0)]);
  }
  const fastest = Math.max(...rates.map((r) => r[1]));
  for (const [alg, rate] of rates) {
    console.log(
      `  algorithm ${String(alg).padStart(2)}: ${rate.toFixed(0).padStart(7)} /s  (${(fastest / rate).toFixed(1)}× slower than the fastest)`,
    );
  }
}

await chainBench();
await verifyBench();
