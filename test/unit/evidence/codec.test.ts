/**
 * parseEvidence on untrusted JSON: one table row per refusal (the path changed, the value
 * put there, the exact message), then what is accepted, then property tests: random JSON
 * and random values never throw, and parse → serialise → parse is stable.
 */
import { describe, expect, it } from 'vitest';
import { EVIDENCE_LIMITS, parseEvidence, serialiseEvidence } from '../../../src/evidence/codec';
import { labEvidence, prng, randomEvidence, smallEvidence } from '../report/evidence-fixtures';

const DELETE = Symbol('delete');

/** A deep copy of the small evidence with `value` put at a dotted `path`. */
function withField(path: string, value: unknown): unknown {
  const root = JSON.parse(JSON.stringify(smallEvidence())) as Record<string, unknown>;
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return root;
}

const long = (n: number) => 'a'.repeat(n);

const REFUSED: readonly [path: string, value: unknown, message: string][] = [
  ['version', DELETE, '`version` is missing: this is not SERVFAIL Lens evidence'],
  ['version', '1', '`version` must be a number, not a string'],
  ['version', 0, '`version` must be 1, not 0'],
  ['version', 1.5, '`version` must be 1, not 1.5'],
  ['question', DELETE, '`question` must be an object, not missing'],
  [
    'question.name',
    'example.com',
    'question: `name` must be a fully qualified name ending in a dot, not "example.com"',
  ],
  ['question.name', '', 'question: `name` must not be empty'],
  [
    'question.name',
    'a b.example.',
    'question: `name` must not contain spaces (presentation format writes them as \\032)',
  ],
  ['question.name', 'a\nb.', 'question: `name` must not contain control characters or line breaks'],
  [
    'question.name',
    `${long(63)}.${long(63)}.${long(63)}.${long(63)}.`,
    'question: `name` is 257 octets long; a DNS name has at most 255',
  ],
  [
    'question.type',
    'A; rm',
    'question: `type` must be a record type mnemonic such as A or TYPE65534, not "A; rm"',
  ],
  ['resolvers', [], '`resolvers` must list at least one resolver'],
  ['resolvers', {}, '`resolvers` must be a list, not an object'],
  ['resolvers.0', 'https://dns.google/dns-query', 'resolver 0: must be an object, not a string'],
  [
    'resolvers.0.url',
    'javascript:alert(1)',
    'resolver 0: `url` must be an http(s) URL, not "javascript:alert(1)"',
  ],
  [
    'resolvers.0.url',
    'ftp://dns.google/',
    'resolver 0: `url` must be an http(s) URL, not "ftp://dns.google/"',
  ],
  ['resolvers.0.url', 42, 'resolver 0: `url` must be a string, not a number'],
  [
    'resolvers.1.url',
    'https://dns.google/dns-query',
    'resolver 1: `url` "https://dns.google/dns-query" is listed twice',
  ],
  [
    'resolvers.1.label',
    'Cloud\nflare',
    'resolver 1: `label` must not contain control characters or line breaks',
  ],
  ['trustAnchors', null, '`trustAnchors` must be a list, not null'],
  ['trustAnchors', [7], 'trust anchor 0: must be a string, not a number'],
  ['trustAnchors', [''], 'trust anchor 0: the text must not be empty'],
  ['startedAt', -1, '`startedAt` must be between 0 and 8640000000000000, not -1'],
  ['finishedAt', 'soon', '`finishedAt` must be a number, not a string'],
  ['exchanges', 'none', '`exchanges` must be a list, not a string'],
  ['exchanges.2', null, 'exchange 2: must be an object, not null'],
  ['exchanges.3.cd', 'yes', 'exchange 3: `cd` must be true or false, not a string'],
  ['exchanges.3.do', 1, 'exchange 3: `do` must be true or false, not a number'],
  ['exchanges.1.id', 'x0', 'exchange 1: `id` "x0" is used by exchange 0 as well'],
  ['exchanges.1.id', '', 'exchange 1: `id` must not be empty'],
  [
    'exchanges.1.resolver',
    'https://evil.example/dns-query',
    'exchange 1: `resolver` "https://evil.example/dns-query" is not one of the evidence\'s resolvers',
  ],
  [
    'exchanges.1.question.type',
    DELETE,
    'exchange 1, question: `type` must be a string, not missing',
  ],
  [
    'exchanges.1.purpose',
    'attack',
    'exchange 1: `purpose` must be one of target, dnskey, ds, ns, soa, cname, address, apex, not "attack"',
  ],
  ['exchanges.1.wave', 0, 'exchange 1: `wave` must be between 1 and 100, not 0'],
  ['exchanges.1.wave', 1.5, 'exchange 1: `wave` must be a whole number, not 1.5'],
  ['exchanges.1.durationMs', Number.NaN, 'exchange 1: `durationMs` must be a number, not NaN'],
  ['exchanges.1.httpStatus', 99, 'exchange 1: `httpStatus` must be between 100 and 599, not 99'],
  [
    'exchanges.1.contentType',
    'text/html\r\nX: y',
    'exchange 1: `contentType` must not contain control characters or line breaks',
  ],
  [
    'exchanges.1.response',
    'AAA',
    'exchange 1: `response` must be base64 (standard alphabet, padded)',
  ],
  [
    'exchanges.1.response',
    'AA-_',
    'exchange 1: `response` must be base64 (standard alphabet, padded)',
  ],
  [
    'exchanges.1.response',
    'AB==',
    'exchange 1: `response` is not canonical base64 (the unused bits must be zero)',
  ],
  ['exchanges.1.response', 12, 'exchange 1: `response` must be a base64 string, not a number'],
  [
    'exchanges.1.response',
    'A'.repeat(87384),
    'exchange 1: `response` holds 65538 octets; a DNS message has at most 65535',
  ],
  [
    'exchanges.3.error.class',
    'oops',
    'exchange 3, error: `class` must be one of timeout, unreachable, http-status, content-type, malformed, mismatch, rate-limited, too-large, truncated, local-network-denied, aborted, not "oops"',
  ],
  ['exchanges.3.error.message', 5, 'exchange 3, error: `message` must be a string, not a number'],
  ['exchanges.3.error', 'timeout', 'exchange 3: `error` must be an object, not a string'],
];

describe('parseEvidence refuses', () => {
  it.each(REFUSED)('%s (row %#)', (path, value, message) => {
    const result = parseEvidence(withField(path, value));
    expect(result).toEqual({ ok: false, kind: 'invalid', message });
  });

  it.each([
    [null, 'Evidence must be a JSON object, not null'],
    [[], 'Evidence must be a JSON object, not a list'],
    ['{}', 'Evidence must be a JSON object, not a string'],
    [{}, '`version` is missing: this is not SERVFAIL Lens evidence'],
  ])('%j', (value, message) => {
    expect(parseEvidence(value)).toEqual({ ok: false, kind: 'invalid', message });
  });

  it('more exchanges than the limit', () => {
    const e = smallEvidence();
    const many = { ...e, exchanges: Array.from({ length: 401 }, () => e.exchanges[0]) };
    expect(parseEvidence(many)).toMatchObject({
      ok: false,
      message: '`exchanges` has 401 entries; at most 400 are accepted',
    });
  });
});

describe('parseEvidence versions', () => {
  it('names a newer version as such', () => {
    const result = parseEvidence(withField('version', 2));
    expect(result).toMatchObject({ ok: false, kind: 'unknown-version' });
    expect(!result.ok && result.message).toContain('made by a newer version of SERVFAIL Lens');
  });
});

describe('parseEvidence accepts', () => {
  it('small and lab evidence unchanged', () => {
    for (const e of [smallEvidence(), labEvidence('rsasha256-nsec.lens.')]) {
      expect(parseEvidence(e)).toEqual({ ok: true, evidence: e });
    }
  });

  it('ignores unknown fields and drops them', () => {
    const value = withField('futureField', { a: 1 }) as Record<string, unknown>;
    (value.exchanges as Record<string, unknown>[])[0]!.extra = 'x';
    const result = parseEvidence(value);
    expect(result).toEqual({ ok: true, evidence: smallEvidence() });
  });

  it('reads null optional fields as absent', () => {
    const result = parseEvidence(withField('exchanges.0.httpStatus', null));
    expect(result.ok && 'httpStatus' in result.evidence.exchanges[0]!).toBe(false);
  });

  it.each([
    ['question.name', '.'],
    ['question.name', 'x\\032y.example.'],
    ['question.name', `${long(63)}.${long(63)}.${long(63)}.${long(61)}.`],
    ['question.type', 'TYPE65534'],
    ['exchanges.0.response', ''],
    ['trustAnchors', ['. IN DS 20326 8 2 E06D44B8…']],
  ])('%s = %s', (path, value) => {
    expect(parseEvidence(withField(path, value)).ok).toBe(true);
  });

  it('a plain-http resolver (a lab on loopback)', () => {
    const e = smallEvidence();
    const lab = 'http://127.0.0.1:8053/dns-query';
    const moved = {
      ...e,
      resolvers: [{ url: lab, label: 'Lab' }],
      exchanges: e.exchanges.map((x) => ({ ...x, resolver: lab })),
    };
    expect(parseEvidence(moved)).toEqual({ ok: true, evidence: moved });
  });

  it('a response of exactly the largest DNS message', () => {
    const octets = EVIDENCE_LIMITS.responseOctets;
    const b64 = Buffer.alloc(octets).toString('base64');
    expect(parseEvidence(withField('exchanges.0.response', b64)).ok).toBe(true);
  });
});

describe('serialiseEvidence', () => {
  it('writes the documented key order and round-trips', () => {
    const e = smallEvidence();
    const text = serialiseEvidence(e);
    expect(text.startsWith('{"version":1,"question":{"name":"www.example.com.","type":"A"},')).toBe(
      true,
    );
    expect(parseEvidence(JSON.parse(text))).toEqual({ ok: true, evidence: e });
  });

  it('is canonical: key order of the input does not matter', () => {
    const e = smallEvidence();
    const shuffled = Object.fromEntries(Object.entries(e).reverse());
    const parsed = parseEvidence(shuffled);
    expect(parsed.ok && serialiseEvidence(parsed.evidence)).toBe(serialiseEvidence(e));
  });
});

/** Random JSON-ish values, nested a few levels, sometimes shaped like evidence. */
function randomValue(random: () => number, depth = 0): unknown {
  const r = random();
  if (depth > 3 || r < 0.3) {
    return [
      null,
      true,
      0,
      -0,
      1,
      2,
      1e308,
      -1,
      'x0',
      '',
      'AA==',
      'https://dns.google/dns-query',
      'example.',
    ][Math.floor(random() * 13)];
  }
  if (r < 0.6)
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  const keys = [
    'version',
    'question',
    'name',
    'type',
    'resolvers',
    'url',
    'label',
    'exchanges',
    'id',
    'cd',
    'response',
    'error',
    '__proto__',
    'constructor',
  ];
  return Object.fromEntries(
    Array.from({ length: Math.floor(random() * 6) }, () => [
      keys[Math.floor(random() * keys.length)]!,
      randomValue(random, depth + 1),
    ]),
  );
}

describe('parseEvidence never throws', () => {
  it('on random values (seeded)', () => {
    const random = prng(20261123);
    for (let i = 0; i < 5000; i++) {
      const value = randomValue(random);
      const result = parseEvidence(value);
      expect(typeof result.ok).toBe('boolean');
    }
  });

  it('on valid evidence with one field replaced by a random value', () => {
    const random = prng(7);
    const paths = REFUSED.map(([path]) => path);
    for (let i = 0; i < 2000; i++) {
      const path = paths[Math.floor(random() * paths.length)]!;
      const result = parseEvidence(withField(path, randomValue(random)));
      expect(typeof result.ok).toBe('boolean');
    }
  });

  it('round-trips random valid evidence through JSON', () => {
    const random = prng(99);
    for (let i = 0; i < 300; i++) {
      const e = randomEvidence(random);
      const result = parseEvidence(JSON.parse(serialiseEvidence(e)));
      expect(result).toEqual({ ok: true, evidence: e });
    }
  });
});
