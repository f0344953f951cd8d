/**
 * Routes live in the URL fragment (design.md), so the server hosting the app never learns
 * which name was checked and an evidence permalink never leaves the browser.
 *
 *   #/                                  the start page
 *   #/check/<name>?type=A               a live check
 *   #/evidence/<payload>                an evidence permalink (the Evidence itself)
 *   #/history                           saved results (this browser's IndexedDB)
 *   #/saved/<id>                        one saved result
 *   #/examples                          recorded examples and public test zones
 *   #/ds-check/<zone>?ds=<DS or DNSKEY>  the DS check before publishing (issue 16): would
 *                                       exactly this DS set at the parent keep the zone
 *                                       secure? `ds=` is repeatable, one record each (DS
 *                                       text, its RDATA alone, or a DNSKEY record, read as
 *                                       its SHA-256 DS); none is an empty set ("remove all
 *                                       DS"). The zone may be empty: the page asks for it.
 *
 * `resolver=<DoH URL>` (repeatable) replaces the resolver list and `ta=<DS or DNSKEY text>`
 * (repeatable) replaces the root trust anchors. `rdap=<bootstrap URL>` names the RDAP
 * bootstrap file (RFC 9224) that finds the registry, and `rdap=off` skips the registry.
 * They are read from the fragment's query and
 * also from the page's own query string, so `?resolver=…#/check/…` works as well; when
 * both carry one, the fragment wins.
 *
 * `watch=<seconds>` in a check's fragment starts watching it (design.md, issue 15): the
 * check runs again, never more often than every that many seconds (at least
 * WATCH_MIN_SECONDS), until it changes, it is stopped, or a day has passed.
 *
 * @example
 *   parseRoute('#/check/example.com?type=MX', '')
 *   // { kind: 'check', input: 'example.com', type: 'MX', resolvers: null, trustAnchors: null, rdap: null }
 */

import { WATCH_MIN_SECONDS } from '../diagnosis/watch-interval';

export interface Overrides {
  /** DoH URLs from `resolver=`, unvalidated; null when the URL sets none. */
  readonly resolvers: readonly string[] | null;
  /** Trust anchor text from `ta=`; null when the URL sets none. */
  readonly trustAnchors: readonly string[] | null;
  /** `rdap=`: a bootstrap file URL (unvalidated) or `off`; null when the URL sets none. */
  readonly rdap: string | null;
}

/** The shortest interval a watch may use (watch-interval.ts), and the longest `watch=` may ask for. */
export { WATCH_MIN_SECONDS };
export const WATCH_MAX_SECONDS = 3600;

/** What `watch=` asked for. */
export interface WatchParam {
  /** Seconds between runs at the least (within the bounds above); null: not a number, no watch. */
  readonly seconds: number | null;
  /** Why the value was not taken as written, for the page to say; null when it was. */
  readonly note: string | null;
}

export type Route =
  | ({ readonly kind: 'home' } & Overrides)
  | ({
      readonly kind: 'check';
      readonly input: string;
      readonly type: string;
      /** `watch=` in the fragment; null when absent. */
      readonly watch: WatchParam | null;
    } & Overrides)
  | ({ readonly kind: 'evidence'; readonly payload: string } & Overrides)
  | ({ readonly kind: 'history' } & Overrides)
  | ({ readonly kind: 'saved'; readonly id: string } & Overrides)
  | ({ readonly kind: 'examples' } & Overrides)
  | ({
      readonly kind: 'ds-check';
      /** The zone as the link wrote it (unvalidated; the page normalises it). */
      readonly zone: string;
      /** `ds=` values in order, blank ones left out (unvalidated: the check reads them). */
      readonly records: readonly string[];
    } & Overrides)
  | ({ readonly kind: 'not-found'; readonly path: string } & Overrides);

export const DEFAULT_TYPE = 'A';

function splitFragment(hash: string): { path: string; query: string } {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = fragment.indexOf('?');
  return q === -1
    ? { path: fragment, query: '' }
    : { path: fragment.slice(0, q), query: fragment.slice(q + 1) };
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    // A damaged percent-escape: keep the raw text, the name check will explain what is wrong.
    return component;
  }
}

function readOverrides(fragmentQuery: URLSearchParams, pageQuery: URLSearchParams): Overrides {
  const pick = (key: string): readonly string[] | null => {
    const own = fragmentQuery.getAll(key).filter((v) => v.trim() !== '');
    if (own.length > 0) return own;
    const page = pageQuery.getAll(key).filter((v) => v.trim() !== '');
    return page.length > 0 ? page : null;
  };
  return {
    resolvers: pick('resolver'),
    trustAnchors: pick('ta'),
    rdap: pick('rdap')?.[0]?.trim() ?? null,
  };
}

/**
 * Reads `watch=<seconds>`: whole seconds (a fraction is rounded up), raised to the minimum
 * and lowered to the maximum with a note saying so; anything else is no watch, with a note.
 *
 * @example parseWatch('5') // { seconds: 10, note: 'watch=5 is below the minimum: …' }
 */
export function parseWatch(value: string | null): WatchParam | null {
  if (value === null) return null;
  const text = value.trim();
  const seconds = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Math.ceil(Number(text)) : Number.NaN;
  // Short: the note quotes what the link carried, and a link may carry anything.
  const shown = text.length > 24 ? `${text.slice(0, 24)}…` : text;
  if (!Number.isFinite(seconds)) {
    return {
      seconds: null,
      note: `watch=${shown} is not a number of seconds: the check runs once, without watching.`,
    };
  }
  if (seconds < WATCH_MIN_SECONDS) {
    return {
      seconds: WATCH_MIN_SECONDS,
      note: `watch=${shown} is below the minimum: the check runs again every ${WATCH_MIN_SECONDS} s at the most.`,
    };
  }
  if (seconds > WATCH_MAX_SECONDS) {
    return {
      seconds: WATCH_MAX_SECONDS,
      note: `watch=${shown} is above the maximum: the check runs again at least every ${WATCH_MAX_SECONDS / 60} min.`,
    };
  }
  return { seconds, note: null };
}

export function parseRoute(hash: string, search: string): Route {
  const { path, query } = splitFragment(hash);
  const params = new URLSearchParams(query);
  const overrides = readOverrides(params, new URLSearchParams(search));
  const segments = path.split('/').filter((s) => s !== '');
  if (segments.length === 0) return { kind: 'home', ...overrides };
  const [head, ...rest] = segments;
  if (head === 'check' && rest.length > 0) {
    const type = (params.get('type') ?? DEFAULT_TYPE).trim().toUpperCase() || DEFAULT_TYPE;
    const watch = parseWatch(params.get('watch'));
    return { kind: 'check', input: safeDecode(rest.join('/')), type, watch, ...overrides };
  }
  if (head === 'evidence' && rest.length > 0) {
    return { kind: 'evidence', payload: rest.join('/'), ...overrides };
  }
  if (head === 'history' && rest.length === 0) return { kind: 'history', ...overrides };
  if (head === 'saved' && rest.length === 1) {
    return { kind: 'saved', id: safeDecode(rest[0] ?? ''), ...overrides };
  }
  if (head === 'examples' && rest.length === 0) return { kind: 'examples', ...overrides };
  if (head === 'ds-check') {
    const records = params.getAll('ds').filter((r) => r.trim() !== '');
    return { kind: 'ds-check', zone: safeDecode(rest.join('/')), records, ...overrides };
  }
  return { kind: 'not-found', path, ...overrides };
}

function overrideQuery(
  overrides: Partial<Overrides>,
  encode: (value: string) => string = encodeURIComponent,
): string[] {
  const parts: string[] = [];
  for (const url of overrides.resolvers ?? []) parts.push(`resolver=${encode(url)}`);
  for (const ta of overrides.trustAnchors ?? []) parts.push(`ta=${encode(ta)}`);
  if (overrides.rdap) parts.push(`rdap=${encode(overrides.rdap)}`);
  return parts;
}

/**
 * `encodeURIComponent`, and also the few characters it leaves that Markdown reads
 * (`!'()*~_`, CommonMark §6.2–6.7: emphasis, link and image syntax): a component made by it
 * holds only letters, digits, `-`, `.` and `%XX`, so a link built from DNS data stays one
 * plain word wherever it is pasted (the owner's report quotes it bare).
 *
 * @example strictComponent("a_b*(c)") // 'a%5Fb%2A%28c%29'
 */
export function strictComponent(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*~_]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The fragment of a DS check, e.g. `#/ds-check/example.com?ds=example.com.%20IN%20DS%20…`,
 * one `ds=` per record in order, then the overrides. Every part goes through
 * {@link strictComponent}.
 *
 * @example dsCheckFragment('example.com.', ['12345 13 2 AB']) // '#/ds-check/example.com?ds=12345%2013%202%20AB'
 */
export function dsCheckFragment(
  zone: string,
  records: readonly string[],
  overrides: Partial<Overrides> = {},
): string {
  const shown = zone.endsWith('.') && zone.length > 1 ? zone.slice(0, -1) : zone;
  const query = [
    ...records.map((r) => `ds=${strictComponent(r)}`),
    ...overrideQuery(overrides, strictComponent),
  ];
  return `#/ds-check/${strictComponent(shown)}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}

/**
 * The fragment of a live check, e.g. `#/check/example.com?type=A`; `watchSeconds` adds
 * `watch=`, last, when set.
 */
export function checkFragment(
  name: string,
  type: string,
  overrides: Partial<Overrides> & { readonly watchSeconds?: number | null } = {},
): string {
  const shown = name.endsWith('.') && name.length > 1 ? name.slice(0, -1) : name;
  const seconds = overrides.watchSeconds;
  const watch = seconds == null ? [] : [`watch=${Math.ceil(seconds)}`];
  const query = [`type=${encodeURIComponent(type)}`, ...overrideQuery(overrides), ...watch].join(
    '&',
  );
  return `#/check/${encodeURIComponent(shown)}?${query}`;
}

/**
 * The same fragment with `watch=` set to `seconds`, or removed (null); everything else is
 * kept as written. For the page's own URL while a watch runs, so a reload continues it.
 *
 * @example fragmentWithWatch('#/check/a.example?type=A', 10) // '#/check/a.example?type=A&watch=10'
 */
export function fragmentWithWatch(hash: string, seconds: number | null): string {
  const { path, query } = splitFragment(hash);
  const kept = query.split('&').filter((p) => p !== '' && !/^watch(=|$)/.test(p));
  const parts = seconds === null ? kept : [...kept, `watch=${Math.ceil(seconds)}`];
  return `#${path}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

/** The fragment of an evidence permalink; `payload` is already URL-safe (base64url). */
export function evidenceFragment(payload: string, overrides: Partial<Overrides> = {}): string {
  const query = overrideQuery(overrides);
  return `#/evidence/${payload}${query.length > 0 ? `?${query.join('&')}` : ''}`;
}
