/**
 * The registry's view (registry.ts) in words: the card's registry section, the sentence on
 * what the registry says for the detail of any verdict, the note when it was not asked, and
 * the two warnings where the registry and DNS disagree (RFC 1034 §4.2.2 for nameservers;
 * a DS change at the registrar that the parent has not published yet).
 */

import type { RdapDomainRecord } from '../../evidence/evidence';
import type { RegistrySummary } from '../diagnosis';
import { registryGlue, type RegistryView } from '../registry';
import type { RegistryDsWarning, RegistryNsWarning } from '../warning-finding';
import { listText, prose } from './prose';

/** Said when the evidence holds no registry lookup: a check that was skipped, not hidden. */
export const REGISTRY_NOT_ASKED =
  'The registry’s view (RDAP: its nameservers, DS records and status, such as a hold) was not asked for this check: it was turned off, or the evidence predates it.';

/** `example.com. DS 370 13 2 ABCD…` */
function dsText(domain: string, ds: RdapDomainRecord['dsData'][number]): string {
  return `${domain} DS ${ds.keyTag} ${ds.algorithm} ${ds.digestType} ${ds.digest.toUpperCase()}`;
}

/** The card's registry section: plain data, text only. */
export function registrySummary(view: RegistryView): RegistrySummary | undefined {
  if (view.state === 'not-asked') return undefined;
  const record = view.record;
  return {
    state: view.state,
    domain: view.domain,
    lookups: view.ids,
    ...(view.lookup?.url ? { url: view.lookup.url } : {}),
    ...(view.lookup?.error
      ? {
          message:
            view.delegatedIn === undefined
              ? view.lookup.error.message
              : prose`${view.lookup.error.message}, yet DNS shows ${view.domain} delegated: the registry did not find it, which does not make it unregistered`,
        }
      : {}),
    status: record?.status ?? [],
    // One entry per host (a registry may list one in two spellings), glue merged.
    nameservers: view.hosts.map((host) => ({ host, glue: registryGlue(view, host) })),
    ds: (record?.dsData ?? []).map((ds) => dsText(view.domain, ds)),
    dsKnown: view.dsKnown,
    events: record?.events ?? [],
  };
}

/** A sentence on what the registry says, for the detail of any verdict. */
export function registrySentence(view: RegistryView): string | undefined {
  switch (view.state) {
    case 'not-asked':
      return undefined;
    case 'not-found':
      return view.delegatedIn === undefined
        ? prose`The registry has no domain ${view.domain} (RDAP answered 404): it is not registered, or it has been deleted.`
        : prose`The registry’s RDAP service did not find ${view.domain} (HTTP 404), yet DNS shows it delegated: the registry’s RDAP data may lag behind or leave some domains out, or the registered domain is another name. This does not show that ${view.domain} is unregistered.`;
    case 'failed':
      return prose`The registry could not be asked: ${view.lookup?.error?.message ?? 'no answer'}.`;
    case 'found': {
      const record = view.record!;
      const status = record.status.length ? record.status.join(', ') : 'no status given';
      const ns = view.hosts.length ? prose`nameservers ${listText(view.hosts)}` : 'no nameservers';
      const ds = record.dsData.length
        ? prose`${record.dsData.length} DS record${record.dsData.length === 1 ? '' : 's'} (key tag ${listText(record.dsData.map((d) => String(d.keyTag)))})`
        : view.dsKnown
          ? 'no DS record'
          : 'without saying which DS records it holds';
      return prose`The registry lists ${view.domain} with status ${status}, ${ns} and ${ds}.`;
    }
  }
}

export function registryNsText(w: RegistryNsWarning): string {
  const parts = [
    ...(w.onlyRegistry.length
      ? [
          prose`the registry lists ${listText(w.onlyRegistry)}, which the zone’s own NS set does not`,
        ]
      : []),
    ...(w.onlyZone.length
      ? [
          prose`the zone names ${listText(w.onlyZone)}, which the registry does not list, so resolvers are never sent there`,
        ]
      : []),
  ];
  return prose`The nameservers of ${w.domain} differ between the registry and the zone: ${parts.join('; ')}. Make both lists the same (RFC 1034 §4.2.2): change the delegation at the registrar or the zone’s NS records.`;
}

export function registryDsText(w: RegistryDsWarning): string {
  const broken = w.brokenTags;
  return (
    prose`The DS records of ${w.domain} differ between the registry and the parent zone: ` +
    [
      ...(w.missing.length
        ? [prose`the registry holds ${listText(w.missing)}, not yet published`]
        : []),
      ...(w.extra.length
        ? [prose`the parent publishes ${listText(w.extra)}, which the registry no longer holds`]
        : []),
    ].join('; ') +
    '. A change made at the registrar is usually live within the TLD’s update interval (minutes to a day); if it stays like this, ask the registrar.' +
    (broken
      ? prose` Beware: the registry’s DS (key tag ${listText(broken.map(String))}) matches none of the keys ${w.domain} serves now; once the parent publishes it, validating resolvers will fail for the whole zone. Correct it at the registrar before then.`
      : '')
  );
}
