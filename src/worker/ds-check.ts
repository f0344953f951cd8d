/**
 * The DS check's network part (issue 16), in the worker's analysis chunk: the zone's DNSKEY
 * RRset and the parent's DS RRset, asked at once of the check's first resolver over DoH with
 * CD=1 (RFC 4035 §3.2.2: the resolver hands over what it could not validate, which is what
 * a broken zone needs), kept as Evidence exchanges, then judged by the pure check
 * (diagnosis/ds-check). Transport failures keep the transport's own class and message.
 */
import { localNetworkContext } from '../doh/local-network-permission';
import { queryDoh, toExchange } from '../doh/transport';
import type { Exchange, ExchangePurpose } from '../evidence/evidence';
import { dsCheckReport, type DsCheckReport } from '../diagnosis/explain/ds-check-report';
import type { DsCheckRequest } from './api';

/** The page's origin, in a worker; none in Node (tests), where no permission applies. */
function pageOrigin(): string | undefined {
  return typeof self !== 'undefined' && 'location' in self ? self.location.origin : undefined;
}

/**
 * @example await runDsCheck({ zone: 'example.', records: ['12345 13 2 AB…'], resolver, timeoutMs: 4000 }, signal)
 */
export async function runDsCheck(
  request: DsCheckRequest,
  signal: AbortSignal,
  fetchImpl?: typeof fetch,
): Promise<DsCheckReport> {
  const url = request.resolver.url;
  const origin = pageOrigin();
  const localNetwork = origin === undefined ? undefined : await localNetworkContext(origin, [url]);
  const ask = async (type: string, purpose: ExchangePurpose, id: string): Promise<Exchange> => {
    const outcome = await queryDoh({
      url,
      name: request.zone,
      type,
      cd: true,
      timeoutMs: request.timeoutMs,
      signal,
      ...(localNetwork ? { localNetwork } : {}),
      ...(fetchImpl ? { fetchImpl } : {}),
    });
    return toExchange(outcome, { id, purpose, wave: 1 });
  };
  const [dnskey, ds] = await Promise.all([ask('DNSKEY', 'dnskey', 'x0'), ask('DS', 'ds', 'x1')]);
  return dsCheckReport({
    zone: request.zone,
    pasted: request.records.filter((r) => r.trim() !== ''),
    dnskey,
    ds,
    // Signatures are judged when the answers are in, as a live check's are (analyse.ts).
    now: Date.now() / 1000,
    resolverLabel: request.resolver.label || url,
  });
}
