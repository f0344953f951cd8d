/**
 * Asks the registry about the registered domain over RDAP (RFC 7480, 9082, 9083): the
 * second and last piece of code that touches the network, next to the DoH transport.
 *
 * Two steps: the bootstrap file (RFC 9224) names the registry's RDAP service, then
 * `GET <base>domain/<name>` fetches the domain object. RFC 7480 §5.6 recommends CORS `*`,
 * and ICANN requires it of gTLD registries; ccTLDs vary, and a browser cannot tell a
 * missing CORS header from a network failure, so that is said, not guessed.
 *
 * Never throws: every outcome becomes an `RdapLookup` for the Evidence. The bootstrap file
 * is fetched once per bootstrap URL and kept for the life of the worker.
 *
 * Each document is one bounded GET (src/net/bounded-get.ts): a time limit, 1 MiB at most,
 * the caller's cancel; get-json.ts turns its outcome into an `RdapError`.
 */

import type { RdapError, RdapLookup } from '../evidence/evidence';
import {
  domainQueryUrl,
  parseBootstrap,
  registeredCandidates,
  serviceFor,
  type BootstrapParse,
} from './bootstrap';
import { hostOf } from '../net/host-of';
import { CANCELLED, getJson, type Fetched, type RdapGetOptions } from './get-json';
import { domainRecordOf } from './record';

export { MAX_RDAP_OCTETS } from './get-json';

export interface RdapLookupOptions extends RdapGetOptions {
  /** The bootstrap file's URL (IANA's by default, a lab's in tests). */
  readonly bootstrap: string;
  /** The name the person asked about; its registered domain is looked up. */
  readonly name: string;
  readonly now?: () => number;
}

/** True when an entry matches the name but lists only plain-http URLs off this machine. */
function onlyPlainHttp(services: ReadonlyMap<string, readonly string[]>, name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  return labels.some((_, i) => {
    const urls = services.get(labels.slice(i).join('.'));
    return urls !== undefined && urls.every((u) => /^http:/i.test(u));
  });
}

type Bootstrap =
  | { readonly ok: true; readonly parse: BootstrapParse & { ok: true } }
  | Extract<Fetched, { ok: false }>;

const bootstraps = new Map<string, Promise<Bootstrap>>();

/**
 * The bootstrap file, fetched once per URL and shared by every lookup, so it is fetched
 * under its own time limit and no caller's cancel: one check's cancel must not fail the
 * next check's lookup. A failure is not kept, so a later lookup tries again.
 */
function bootstrapOf(options: RdapLookupOptions): Promise<Bootstrap> {
  const cached = bootstraps.get(options.bootstrap);
  if (cached) return cached;
  const { signal: _own, ...shared } = options;
  const pending = getJson(options.bootstrap, shared, 'bootstrap').then((fetched): Bootstrap => {
    if (!fetched.ok) return fetched;
    const parse = parseBootstrap(fetched.json);
    if (!parse.ok) {
      return {
        ok: false,
        error: { class: 'malformed', message: `${hostOf(options.bootstrap)}: ${parse.message}` },
      };
    }
    return { ok: true, parse };
  });
  bootstraps.set(options.bootstrap, pending);
  void pending.then((b) => {
    if (!b.ok) bootstraps.delete(options.bootstrap);
  });
  return pending;
}

/** The shared bootstrap, or `aborted` as soon as this caller cancels. */
async function bootstrapFor(options: RdapLookupOptions): Promise<Bootstrap> {
  const signal = options.signal;
  if (!signal) return bootstrapOf(options);
  const cancelled: Bootstrap = { ok: false, error: { class: 'aborted', message: CANCELLED } };
  if (signal.aborted) return cancelled;
  let onAbort: () => void = () => {};
  const aborted = new Promise<Bootstrap>((resolve) => {
    onAbort = () => resolve(cancelled);
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([bootstrapOf(options), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Whether a failed domain query is worth the one deeper try (`registeredCandidates`):
 * "not found" (RFC 7480 §5.3: the server has no such object) or a refusal of the suffix
 * itself (`co.uk` answered 400, 403 or 422: it is no domain one can register). Not a rate
 * limit (asking again at once is what it forbids), a 5xx, a body too large, a network
 * failure or a time-out: the next query would meet the same registry in the same state.
 */
function worthDeeperTry(error: RdapError, status: number | undefined): boolean {
  if (error.class === 'not-found') return true;
  return error.class === 'http-status' && status !== undefined && status >= 400 && status < 500;
}

/** `a.b.example.com` → `example.com.`: the name cut to its last `labels` labels. */
function lastLabels(name: string, labels: number): string {
  return `${name.toLowerCase().replace(/\.$/, '').split('.').slice(-labels).join('.')}.`;
}

/** Where and when the lookup began, shared by the records it writes before a domain query. */
interface LookupStart {
  readonly id: string;
  readonly bootstrap: string;
  readonly startedAt: number;
  /** `performance.now()` at the start. */
  readonly t0: number;
}

/** The one record of a lookup that ended before any domain query. */
function endedEarly(start: LookupStart, domain: string, error: RdapError): RdapLookup {
  const { id, bootstrap, startedAt, t0 } = start;
  return { id, domain, bootstrap, startedAt, durationMs: performance.now() - t0, error };
}

/** Why the bootstrap file gives no registry to ask about `name`. */
function noServiceMessage(
  name: string,
  bootstrap: Bootstrap & { ok: true },
  suffix: string | undefined,
): string {
  const tld = name.toLowerCase().replace(/\.$/, '').split('.').at(-1) ?? '';
  if (suffix !== undefined) {
    return `${name} is itself a registry suffix (${suffix}); there is no registered domain to look up`;
  }
  return onlyPlainHttp(bootstrap.parse.services, name)
    ? `the bootstrap file names only a plain-http RDAP service for .${tld}, which this app does not use across a network`
    : `the bootstrap file names no RDAP service for .${tld}`;
}

/**
 * One domain query turned into its record, and whether a deeper candidate is worth asking
 * (worthDeeperTry). An answer about another name than the one asked is refused: it is not
 * evidence about this one.
 */
async function queryDomain(
  options: RdapLookupOptions,
  query: { readonly id: string; readonly candidate: string; readonly url: string },
  timeoutMs: number,
): Promise<{ readonly lookup: RdapLookup; readonly deeper: boolean }> {
  const { id, candidate, url } = query;
  const startedAt = (options.now ?? Date.now)();
  const t1 = performance.now();
  const fetched = await getJson(url, { ...options, timeoutMs }, 'domain');
  const base = { id, domain: candidate, bootstrap: options.bootstrap, url, startedAt };
  const done = (): number => performance.now() - t1;
  if (!fetched.ok) {
    const { status, error } = fetched;
    const httpStatus = status === undefined ? {} : { httpStatus: status };
    const lookup = { ...base, durationMs: done(), ...httpStatus, error };
    return { lookup, deeper: worthDeeperTry(error, status) };
  }
  const parsed = domainRecordOf(fetched.json);
  const found = { ...base, durationMs: done(), httpStatus: fetched.status };
  if (!parsed.ok) {
    const error: RdapError = { class: 'malformed', message: `${hostOf(url)}: ${parsed.message}` };
    return { lookup: { ...found, error }, deeper: false };
  }
  const answered = parsed.record.ldhName.toLowerCase().replace(/\.$/, '');
  if (answered !== candidate.replace(/\.$/, '')) {
    const message = `${hostOf(url)} answered about ${JSON.stringify(parsed.record.ldhName)} when asked about ${candidate}`;
    return { lookup: { ...found, error: { class: 'malformed', message } }, deeper: false };
  }
  return { lookup: { ...found, record: parsed.record }, deeper: false };
}

/**
 * Looks up the registered domain of `options.name`: one lookup, or two when the registry
 * has no domain one label under its TLD (a second-level suffix such as `co.uk`).
 *
 * The order is shortest first, bounded at two domain queries (RFC 9082 §3.1.3 queries one
 * exact name, and RFC 9224 only finds the registry, not which label is registered): most
 * names sit one label under their TLD, so the common case costs one query and the registry
 * learns no host name below the domain. The deeper name is asked only after a "not found"
 * or a refused suffix, and an answer about any other name than the one asked is refused.
 */
export async function lookupRegistry(
  options: RdapLookupOptions,
  firstId = 0,
): Promise<RdapLookup[]> {
  const t0 = performance.now();
  const start: LookupStart = {
    id: `r${firstId}`,
    bootstrap: options.bootstrap,
    startedAt: (options.now ?? Date.now)(),
    t0,
  };
  const bootstrap = await bootstrapFor(options);
  if (!bootstrap.ok) {
    const message = `the RDAP bootstrap file could not be read: ${bootstrap.error.message}`;
    const error = { class: bootstrap.error.class, message };
    return [endedEarly(start, lastLabels(options.name, 2), error)];
  }
  const service = serviceFor(bootstrap.parse.services, options.name);
  const candidates = service ? registeredCandidates(options.name, service.entry) : [];
  if (!service || candidates.length === 0) {
    const message = noServiceMessage(options.name, bootstrap, service?.entry);
    const domain = candidates[0] ?? lastLabels(options.name, 2);
    return [endedEarly(start, domain, { class: 'no-service', message })];
  }
  const out: RdapLookup[] = [];
  // The registry gets one and a half per-request limits in all, bootstrap included, so a
  // registry that hangs never holds the verdict back for long after the DNS answers.
  const deadline = t0 + options.timeoutMs * 1.5;
  for (const candidate of candidates) {
    const url = domainQueryUrl(service.base, candidate);
    const left = Math.max(1, Math.min(options.timeoutMs, deadline - performance.now()));
    const id = `r${firstId + out.length}`;
    const { lookup, deeper } = await queryDomain(options, { id, candidate, url }, Math.round(left));
    out.push(lookup);
    if (!deeper) break;
  }
  return out;
}
