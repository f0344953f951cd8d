/**
 * The registry's view (RDAP, RFC 9083 §5.3), as each result recorded it: the domain's
 * status (a hold takes it out of the TLD zone, RFC 5731 §2.3), the DS records it holds
 * (what the registrar sent; the parent publishes them after its next update) and the
 * nameservers with their glue. Compared item by item when the registry answered both
 * times; otherwise only its state (found, not found, failed, not asked) is compared.
 */

import { fqdn } from '../../dns/name';
import type { Evidence } from '../../evidence/evidence';
import { normStatus, registryGlue, registryView, type RegistryView } from '../registry';
import type {
  RegistryDsDifference,
  RegistryGlueDifference,
  RegistryNsDifference,
  RegistryStateDifference,
  RegistryStatusDifference,
  SideRefs,
} from './difference';
import { eachChange, setChanges } from './record-sets';

export type RegistryDifference =
  | RegistryStateDifference
  | RegistryStatusDifference
  | RegistryDsDifference
  | RegistryNsDifference
  | RegistryGlueDifference;

function recordDifferences(
  then: RegistryView,
  now: RegistryView,
  exchanges: SideRefs,
): RegistryDifference[] {
  const domain = now.domain;
  const status = (v: RegistryView) => (v.record?.status ?? []).map(normStatus);
  const ds = (v: RegistryView) =>
    (v.record?.dsData ?? []).map((d) => ({ ...d, digest: d.digest.toUpperCase() }));
  const dsKey = (d: { keyTag: number; algorithm: number; digestType: number; digest: string }) =>
    `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest}`;
  const hosts = setChanges(then.hosts, now.hosts, (h) => h);
  return [
    ...eachChange(
      setChanges(status(then), status(now), (s) => s),
      (s, change) => ({ kind: 'registry-status', domain, change, status: s, exchanges }) as const,
    ),
    ...eachChange(
      setChanges(ds(then), ds(now), dsKey),
      (d, change) =>
        ({
          kind: 'registry-ds',
          domain,
          change,
          keyTag: d.keyTag,
          algorithm: d.algorithm,
          digestType: d.digestType,
          digest: d.digest,
          exchanges,
        }) as const,
    ),
    ...eachChange(hosts, (host, change): RegistryNsDifference => ({
      kind: 'registry-ns',
      domain,
      change,
      host,
      glue: registryGlue(change === 'added' ? now : then, host),
      exchanges,
    })),
    ...hosts.kept.flatMap(([host]) =>
      eachChange(
        setChanges(registryGlue(then, host), registryGlue(now, host), (a) => a),
        (address, change) =>
          ({
            kind: 'registry-glue',
            domain,
            host: fqdn(host),
            change,
            address,
            exchanges,
          }) as const,
      ),
    ),
  ];
}

export function registryDifferences(before: Evidence, after: Evidence): RegistryDifference[] {
  const then = registryView(before);
  const now = registryView(after);
  const exchanges = { before: then.ids, after: now.ids };
  if (then.state === 'found' && now.state === 'found') {
    return recordDifferences(then, now, exchanges);
  }
  if (then.state === now.state && then.domain === now.domain) return [];
  return [
    {
      kind: 'registry',
      domain: now.domain || then.domain,
      before: then.state,
      after: now.state,
      exchanges,
    },
  ];
}
