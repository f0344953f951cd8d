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
 * Bodies are read as a stream and refused past 1 MiB (read-capped.ts): a domain object
 * (RFC 9083 §5.3) is a few kilobytes and IANA's bootstrap file (RFC 9224 §3) tens of them,
 * so anything longer is not what was asked for, and a server that sends without end must
 * not fill the worker's memory.
 */

import type { RdapError, RdapErrorClass, RdapLookup } from '../evidence/evidence';
import { httpStatusText } from '../doh/http-reason';
import { classifyNetworkFailure, type LocalNetworkContext } from '../doh/local-network';
import { readCapped } from '../doh/read-capped';
import { settledGet, timeLimit } from '../doh/settled-get';
import {
  domainQueryUrl,
  parseBootstrap,
  registeredCandidates,
  serviceFor,
  type BootstrapParse,
} from './bootstrap';
import { domainRecordOf } from './record';

export interface RdapLookupOptions {
  /** The bootstrap file's URL (IANA's by default, a lab's in tests). */
  readonly bootstrap: string;
  /** The name the person asked about; its registered domain is looked up. */
  readonly name: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
  readonly now?: () => number;
  /**
   * The page's origin and its Local Network Access permission, when the page knows them: a
   * failed fetch of a loopback registry from a public page is then named for what it is.
   */
  readonly localNetwork?: LocalNetworkContext;
}

/** The most an RDAP body may be: bootstrap file and domain object alike. */
export const MAX_RDAP_OCTETS = 1024 * 1024;

type Fetched =
  | { readonly ok: true; readonly status: number; readonly json: unknown }
  | { readonly ok: false; readonly status?: number; readonly error: RdapError };

const JSON_TYPES = ['application/rdap+json', 'application/json'];

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * GET a JSON document with a time limit; classifies every failure. The fetch is raced
 * against the limit, so a request that ignores its abort still ends on time. `what` names
 * the document in messages; a 404 means "no such domain" only for a domain query.
 */
async function getJson(
  url: string,
  options: RdapLookupOptions,
  kind: 'bootstrap' | 'domain',
): Promise<Fetched> {
  const fetchImpl = options.fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  const host = hostOf(url);
  const fail = (errorClass: RdapErrorClass, message: string, status?: number): Fetched => ({
    ok: false,
    ...(status === undefined ? {} : { status }),
    error: { class: errorClass, message },
  });
  const cancelled = (): Fetched => fail('aborted', 'cancelled before the registry answered');
  const late = (): Fetched =>
    fail('timeout', `no answer from ${host} within ${options.timeoutMs / 1000} s`);
  if (options.signal?.aborted) return cancelled();
  const limit = timeLimit(options.timeoutMs, options.signal);
  const stopped = (): Fetched => (limit.reason() === 'timeout' ? late() : cancelled());
  try {
    const sent = await Promise.race([
      settledGet(fetchImpl, url, {
        accept: 'application/rdap+json, application/json',
        // The bootstrap file may come from the HTTP cache; the domain is asked afresh.
        cache: kind === 'bootstrap' ? 'default' : 'no-store',
        signal: limit.signal,
      }),
      limit.stop,
    ]);
    if ('stop' in sent || limit.reason() !== undefined) return stopped();
    if ('error' in sent) {
      if (sent.error instanceof Error && sent.error.name === 'AbortError') return cancelled();
      const local = options.localNetwork;
      const refused = local && classifyNetworkFailure(url, local.pageOrigin, local.permission);
      if (refused) return fail(refused.class, refused.message);
      // RFC 7480 §5.6 asks for CORS on every answer, but registries often leave it off their
      // error and rate-limit (429) answers; a browser then sees no answer at all.
      return fail(
        'unreachable',
        `could not reach ${host} from this browser (blocked, offline or no CORS — a browser cannot tell which; a rate limit or an error answered without CORS looks the same)`,
      );
    }
    const response = sent.response;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const discard = (): void => void response.body?.cancel().catch(() => {});
    if (response.status === 404 && kind === 'domain') {
      discard();
      return fail('not-found', `${host} has no such domain (HTTP 404)`, 404);
    }
    // RFC 7480 §5.5: a server may limit how often a client asks, with 429.
    if (response.status === 429) {
      discard();
      return fail(
        'rate-limited',
        `${host} said this browser asks too often (HTTP 429 Too Many Requests); try again later`,
        429,
      );
    }
    if (!response.ok) {
      discard();
      return fail(
        'http-status',
        `${httpStatusText(response.status, response.statusText)} from ${host}`,
        response.status,
      );
    }
    if (!JSON_TYPES.includes(type)) {
      discard();
      return fail(
        'content-type',
        `the response from ${host} is not JSON (${type || 'no Content-Type'})`,
        response.status,
      );
    }
    const read = await readCapped(response, MAX_RDAP_OCTETS, limit.stop);
    if ('stop' in read || limit.reason() !== undefined) return stopped();
    if ('tooLarge' in read) {
      return fail(
        'too-large',
        read.declared === undefined
          ? `the answer from ${host} passed 1 MiB and was cut off; no RDAP answer is that long`
          : `the answer from ${host} announced ${read.declared} octets, more than the 1 MiB any RDAP answer needs; it was not read`,
        response.status,
      );
    }
    if ('error' in read) {
      return fail('unreachable', `the connection to ${host} broke while the answer was being read`);
    }
    try {
      // RFC 8259 §8.1: JSON between systems is UTF-8 (a BOM, if sent, is dropped).
      const text = new TextDecoder().decode(read.body);
      return { ok: true, status: response.status, json: JSON.parse(text) as unknown };
    } catch {
      return fail('malformed', `the response from ${host} is not valid JSON`, response.status);
    }
  } finally {
    limit.end();
  }
}

/** True when an entry matches the name but lists only plain-http URLs off this machine. */
function onlyPlainHttp(services: ReadonlyMap<string, readonly string[]>, name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  return labels.some((_, i) => {
    const urls = services.get(labels.slice(i).join('.'));
    return urls !== undefined && urls.every((u) => /^http:/i.test(u));
  });
}

type Bootstrap = { readonly ok: true; readonly parse: BootstrapParse & { ok: true } } | Fetched;

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
  if (signal.aborted) {
    return {
      ok: false,
      error: { class: 'aborted', message: 'cancelled before the registry answered' },
    };
  }
  let onAbort: () => void = () => {};
  const aborted = new Promise<Bootstrap>((resolve) => {
    onAbort = () =>
      resolve({
        ok: false,
        error: { class: 'aborted', message: 'cancelled before the registry answered' },
      });
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
  const now = options.now ?? Date.now;
  const startedAt = now();
  const t0 = performance.now();
  const bootstrap = await bootstrapFor(options);
  const domain = (index: number): string =>
    `${options.name.toLowerCase().replace(/\.$/, '').split('.').slice(-index).join('.')}.`;
  const base = { bootstrap: options.bootstrap, startedAt };
  if (!bootstrap.ok) {
    return [
      {
        id: `r${firstId}`,
        domain: domain(2),
        ...base,
        durationMs: performance.now() - t0,
        error: {
          class: bootstrap.error.class,
          message: `the RDAP bootstrap file could not be read: ${bootstrap.error.message}`,
        },
      },
    ];
  }
  const service =
    'parse' in bootstrap ? serviceFor(bootstrap.parse.services, options.name) : undefined;
  const candidates = service ? registeredCandidates(options.name, service.entry) : [];
  if (!service || candidates.length === 0) {
    const tld = options.name.toLowerCase().replace(/\.$/, '').split('.').at(-1) ?? '';
    return [
      {
        id: `r${firstId}`,
        domain: candidates[0] ?? domain(2),
        ...base,
        durationMs: performance.now() - t0,
        error: {
          class: 'no-service',
          message: service
            ? `${options.name} is itself a registry suffix (${service.entry}); there is no registered domain to look up`
            : 'parse' in bootstrap && onlyPlainHttp(bootstrap.parse.services, options.name)
              ? `the bootstrap file names only a plain-http RDAP service for .${tld}, which this app does not use across a network`
              : `the bootstrap file names no RDAP service for .${tld}`,
        },
      },
    ];
  }
  const out: RdapLookup[] = [];
  // The registry gets one and a half per-request limits in all, bootstrap included, so a
  // registry that hangs never holds the verdict back for long after the DNS answers.
  const deadline = t0 + options.timeoutMs * 1.5;
  for (const candidate of candidates) {
    const url = domainQueryUrl(service.base, candidate);
    const started = now();
    const t1 = performance.now();
    const left = Math.max(1, Math.min(options.timeoutMs, deadline - t1));
    const fetched = await getJson(url, { ...options, timeoutMs: Math.round(left) }, 'domain');
    const lookup = {
      id: `r${firstId + out.length}`,
      domain: candidate,
      bootstrap: options.bootstrap,
      url,
      startedAt: started,
    };
    if (!fetched.ok) {
      out.push({
        ...lookup,
        durationMs: performance.now() - t1,
        ...(fetched.status === undefined ? {} : { httpStatus: fetched.status }),
        error: fetched.error,
      });
      if (!worthDeeperTry(fetched.error, fetched.status)) break;
      continue;
    }
    const parsed = domainRecordOf(fetched.json);
    // An answer about another name than the one asked is not evidence about this one.
    const answered = parsed.ok ? parsed.record.ldhName.toLowerCase().replace(/\.$/, '') : '';
    if (parsed.ok && answered !== candidate.replace(/\.$/, '')) {
      out.push({
        ...lookup,
        durationMs: performance.now() - t1,
        httpStatus: fetched.status,
        error: {
          class: 'malformed',
          message: `${hostOf(url)} answered about ${JSON.stringify(parsed.record.ldhName)} when asked about ${candidate}`,
        },
      });
      break;
    }
    out.push({
      ...lookup,
      durationMs: performance.now() - t1,
      httpStatus: fetched.status,
      ...(parsed.ok
        ? { record: parsed.record }
        : { error: { class: 'malformed', message: `${hostOf(url)}: ${parsed.message}` } }),
    });
    break;
  }
  return out;
}
