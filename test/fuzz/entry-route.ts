/**
 * Entry point 4: the URL — its fragment and query string — through parseRoute and what the
 * app does next with a route (App.svelte): the name through normalizeInput, `resolver=`
 * through setUpResolvers, `rdap=` through setUpRegistry and `ta=` through
 * parseTrustAnchors. A check that can be asked also makes its live link again
 * (checkFragment), which must open the same check: same name, type and overrides.
 */
import fc from 'fast-check';
import { normalizeInput } from '../../src/dns/input';
import { parseTrustAnchors } from '../../src/dnssec/anchors/trust-anchors';
import { checkFragment, parseRoute, type Route } from '../../src/report/route';
import { setUpRegistry, setUpResolvers } from '../../src/ui/resolver-setup';
import type { Corpus } from './corpus';
import { isNonEmptyString, nonEmptyString, shape, stringList, type Entry } from './entry';
import { applyTextEdits, mutatedText, textEdit } from './mutate';

export interface RouteCase {
  readonly hash: string;
  readonly search: string;
}

const KINDS = new Set(['home', 'check', 'evidence', 'history', 'saved', 'examples', 'not-found']);

const NAMES = [
  'example.com',
  'EXAMPLE.COM.',
  'www.expired.lab',
  'bücher.de',
  'xn--bcher-kva.de',
  'xn--zz',
  'xn--',
  'a..b',
  '.',
  '..',
  '*.example.com',
  'a.*.example.com',
  '_dmarc.example.com',
  'https://user:pw@Example.com:8443/path?q=1#x',
  'user@example.com',
  '192.0.2.1',
  '192.0.2.1.',
  '2001:db8::1',
  '[2001:db8::1]:53',
  'fe80::1%eth0',
  `${'a'.repeat(63)}.com`,
  `${'a'.repeat(64)}.com`,
  `${'a'.repeat(63)}.`.repeat(4),
  'ex ample.com',
  'exa\u200bmple.com',
  'пример.рф',
  '例え。テスト',
  'ｅｘａｍｐｌｅ．ｃｏｍ',
  'ﬁ.com',
  'ß.de',
  '%E4%BE%8B.com',
  '%zz.com',
  '%',
  'a/b',
  'a?b',
  '-a.com',
  'a-.com',
  '\u202eexample.com',
  '\u0000.com',
  '😀.com',
];

const RESOLVERS = [
  'https://dns.google/dns-query',
  'http://127.0.0.1:8531/dns-query',
  'http://localhost:8531/dns-query',
  'http://[::1]:8531/dns-query',
  'http://example.com/dns-query',
  'https://user:pw@dns.example/dns-query',
  'https://dns.example/dns-query{?dns}',
  'https://dns.example/dns-query?dns=AAAA',
  'https://dns.example/dns-query#x',
  'dns.example',
  'javascript:alert(1)',
  'data:text/html,x',
  '//dns.example',
  'https://',
  'https://exa mple/',
  ' ',
];

const REGISTRIES = [
  'off',
  'OFF',
  ' off ',
  'http://127.0.0.1:8540/bootstrap/dns.json',
  'https://data.iana.org/rdap/dns.json',
  'http://example.com/dns.json',
  'https://u:p@rdap.example/dns.json',
  'not a url',
  'file:///etc/passwd',
];

const TYPES = [
  'A',
  'aaaa',
  ' mx ',
  'TYPE65534',
  'type0',
  '',
  'DNSKEY',
  'ANY',
  '*',
  '<b>',
  'ß',
  'A&type=MX',
];

/** A query value as a link carries it: percent-encoded, raw, or with `+` for spaces. */
const encoded = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(value, fc.constantFrom('component', 'component', 'raw', 'plus'))
    .map(([v, how]) =>
      how === 'raw'
        ? v
        : how === 'plus'
          ? encodeURIComponent(v).replace(/%20/g, '+')
          : encodeURIComponent(v),
    );

function routeArbitrary(corpus: Corpus): fc.Arbitrary<RouteCase> {
  // Lone surrogates are left out of values that encodeURIComponent must take.
  const text = fc.string({ maxLength: 24, unit: 'grapheme' });
  const odd = <T extends string>(list: readonly T[]): fc.Arbitrary<string> =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...list) },
      {
        weight: 2,
        arbitrary: fc
          .record({ s: fc.constantFrom(...list), edits: fc.array(textEdit, { maxLength: 2 }) })
          .map(({ s, edits }) => applyTextEdits(s, edits).replace(/[\ud800-\udfff]/g, '')),
      },
      { weight: 1, arbitrary: text },
    );
  const anchors = [...new Set(corpus.fixtures.flatMap((e) => e.trustAnchors))];
  const param = fc.oneof(
    { weight: 3, arbitrary: encoded(odd(RESOLVERS)).map((v) => `resolver=${v}`) },
    {
      weight: 2,
      arbitrary: encoded(odd([...anchors, '. IN DS 1 8 2 00', '. DNSKEY 257 3 8 AA=='])).map(
        (v) => `ta=${v}`,
      ),
    },
    { weight: 2, arbitrary: encoded(odd(REGISTRIES)).map((v) => `rdap=${v}`) },
    { weight: 2, arbitrary: encoded(odd(TYPES)).map((v) => `type=${v}`) },
    { weight: 1, arbitrary: fc.tuple(text, text).map(([k, v]) => `${k}=${v}`) },
    { weight: 1, arbitrary: fc.constantFrom('resolver', 'ta=', '=', '&', 'rdap', '%zz=%zz') },
  );
  const query = fc.array(param, { maxLength: 5 }).map((ps) => ps.join('&'));
  const path = fc.oneof(
    { weight: 6, arbitrary: encoded(odd(NAMES)).map((n) => `/check/${n}`) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((p) => `/evidence/${p}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/history',
        '/history/',
        '/history/x',
        '/examples',
        '/',
        '',
        '//',
        '/check',
        '/check/',
        '/saved/',
        '/saved/a/b',
      ),
    },
    { weight: 1, arbitrary: encoded(text).map((id) => `/saved/${id}`) },
    { weight: 1, arbitrary: text.map((p) => `/${p}`) },
  );
  const structured = fc
    .record({
      hash: fc.record({ path, query, mark: fc.constantFrom('#', '#', '') }),
      search: fc.oneof(
        fc.constant(''),
        query.map((q) => `?${q}`),
        query,
      ),
    })
    .map(({ hash: h, search }) => ({
      hash: `${h.mark}${h.path}${h.query === '' ? '' : `?${h.query}`}`,
      search,
    }));
  return fc.oneof(
    { weight: 10, arbitrary: structured },
    {
      weight: 6,
      arbitrary: fc
        .tuple(mutatedText(corpus.fragments, 4), fc.constantFrom('', '?rdap=off', '?ta=x'))
        .map(([hash, search]) => ({ hash, search })),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        hash: fc.string({ unit: 'binary', maxLength: 60 }),
        search: fc.string({ maxLength: 30 }),
      }),
    },
    // Long links (browsers take URLs of megabytes): parsing must stay bounded in time.
    // test/vectors/fuzz replays a megabyte one; here 10 and 100 kB keep the run short.
    {
      weight: 1,
      arbitrary: fc
        .record({
          head: fc.constantFrom(
            '#/check/',
            '#/check/a?type=A&ta=',
            '#/?resolver=',
            '#/?rdap=',
            '#/saved/',
          ),
          unit: fc.constantFrom(...LONG_UNITS),
          length: fc.constantFrom(10_000, 100_000),
        })
        .map(({ head, unit, length }) => ({
          hash: `${head}${unit.repeat(Math.ceil(length / unit.length))}`,
          search: '',
        })),
    },
  );
}

/** Pieces repeated into long fragments: labels, escapes, zone-file syntax, parameters. */
const LONG_UNITS = [
  'a.',
  'a',
  '.',
  '%',
  '%25',
  '%E4%BE%8B.',
  'xn--a.',
  '\\',
  '(',
  '"',
  ';',
  ' ',
  '%20',
  '&ta=x',
  '&resolver=https%3A%2F%2Fd.example%2Fdns-query',
  '.%20IN%20DS%2020326%208%202%20E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D%0A',
];

function checkOverrides(route: Route): void {
  for (const [key, list] of [
    ['resolvers', route.resolvers],
    ['trustAnchors', route.trustAnchors],
  ] as const) {
    if (list === null) continue;
    stringList(list, key);
    shape(list.length > 0, `${key} is an empty list instead of null`);
    list.forEach((v, i) => nonEmptyString(v, `${key}[${i}]`));
  }
  shape(
    route.rdap === null || (isNonEmptyString(route.rdap) && route.rdap === route.rdap.trim()),
    'rdap',
  );
}

function checkRoute(route: Route): void {
  shape(KINDS.has(route.kind), `route kind ${route.kind}`);
  checkOverrides(route);
  if (route.kind === 'check') {
    shape(typeof route.input === 'string', 'check input');
    nonEmptyString(route.type, 'check type');
    shape(route.type === route.type.trim().toUpperCase(), `check type ${route.type}`);
  }
  if (route.kind === 'evidence') shape(route.payload !== '', 'evidence payload is empty');
  if (route.kind === 'saved') shape(typeof route.id === 'string', 'saved id');
  if (route.kind === 'not-found') shape(typeof route.path === 'string', 'not-found path');
}

export async function runRoute(input: RouteCase): Promise<string> {
  const route = parseRoute(input.hash, input.search);
  checkRoute(route);
  const parts: string[] = [route.kind];
  if (route.kind === 'check') {
    const name = normalizeInput(route.input);
    if (name.ok) {
      shape(
        /^[\x21-\x7e]*\.$/.test(name.name),
        `normalised name ${JSON.stringify(name.name)} is not ASCII with a trailing dot`,
      );
      shape(
        name.name === name.name.toLowerCase(),
        `normalised name ${name.name} is not lower case`,
      );
      shape(typeof name.display === 'string', 'display');
      stringList(name.notes, 'name notes');
      // The live link of this check opens the same check.
      const again = parseRoute(checkFragment(name.name, route.type, route), '');
      shape(again.kind === 'check', `the live link of ${name.name} opens a ${again.kind} route`);
      const same = again.kind === 'check' ? normalizeInput(again.input) : null;
      shape(
        same?.ok === true && same.name === name.name,
        `the live link of ${name.name} asks ${JSON.stringify(same)}`,
      );
      shape(
        again.type === route.type,
        `the live link of ${name.name} asks type ${again.type}, not ${route.type}`,
      );
      shape(
        JSON.stringify([again.resolvers, again.trustAnchors, again.rdap]) ===
          JSON.stringify([route.resolvers, route.trustAnchors, route.rdap]),
        'the live link changes the overrides',
      );
    } else {
      nonEmptyString(name.message, 'name refusal');
    }
    parts.push(name.ok ? 'name ok' : 'name refused');
  }
  if (route.resolvers !== null) {
    const setup = setUpResolvers(route.resolvers);
    setup.rejected.forEach((m, i) => nonEmptyString(m, `rejected resolver ${i}`));
    setup.resolvers.forEach((r) =>
      shape(/^https?:\/\//.test(r.url) && typeof r.label === 'string', `resolver ${r.url}`),
    );
    parts.push(setup.rejected.length > 0 ? 'resolver refused' : 'resolvers ok');
  }
  if (route.trustAnchors !== null) {
    const anchors = parseTrustAnchors(route.trustAnchors.join('\n'));
    if (!anchors.ok) nonEmptyString(anchors.error.message, 'trust anchor refusal');
    parts.push(anchors.ok ? 'anchors ok' : 'anchors refused');
  }
  if (route.rdap !== null) {
    const registry = setUpRegistry(route.rdap, true);
    if (registry.problem !== undefined) nonEmptyString(registry.problem, 'registry problem');
    parts.push(registry.problem ? 'rdap refused' : registry.bootstrap ? 'rdap url' : 'rdap off');
  }
  return parts.join(', ');
}

export const routeEntry: Entry<RouteCase> = {
  name: 'URL parameters',
  arbitrary: routeArbitrary,
  run: (input) => runRoute(input),
  save: (input) => ({ hash: input.hash, search: input.search }),
  load: (saved) => ({ hash: String(saved.hash), search: String(saved.search) }),
};
