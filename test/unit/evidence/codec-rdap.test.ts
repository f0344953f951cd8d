/**
 * The registry part of Evidence (`rdap`): it round-trips through the canonical JSON and the
 * evidence link unchanged, every refusal names the lookup and the field (one table row per
 * refusal, as in evidence-codec.test.ts), and Evidence or links from before the registry
 * was asked still open.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Evidence, RdapLookup } from '../../../src/evidence/evidence';
import { parseEvidence, serialiseEvidence, canonicalEvidence } from '../../../src/evidence/codec';
import { RDAP_ERROR_CLASSES, RDAP_LIMITS } from '../../../src/evidence/codec-rdap';
import { decodeEvidenceLink, encodeEvidenceLink } from '../../../src/report/permalink';
import { packEvidence, unpackEvidence } from '../../../src/report/permalink-layout';
import { loadLabFixture } from '../../fixtures/lab-fixtures';
import { exampleComRecord } from '../rdap/rdap-fixtures';
import { smallEvidence } from '../report/evidence-fixtures';

const BOOTSTRAP = 'http://127.0.0.1:8540/bootstrap/dns.json';

/** What the lab registry would record for www.lame.lab: found, with glue, signed. */
function labLookups(startedAt: number): RdapLookup[] {
  return [
    {
      id: 'r0',
      domain: 'lame.lab.',
      bootstrap: BOOTSTRAP,
      url: 'http://127.0.0.1:8540/domain/lame.lab',
      startedAt: startedAt + 3,
      durationMs: 4.25,
      httpStatus: 200,
      record: {
        ldhName: 'LAME.LAB',
        status: ['active', 'client transfer prohibited'],
        nameservers: [
          { ldhName: 'NS1.LAME.LAB', v4: ['127.0.0.41'], v6: ['::1'] },
          { ldhName: 'ns.elsewhere.lab', v4: [], v6: [] },
        ],
        delegationSigned: false,
        dsData: [],
        events: [{ action: 'registration', date: '2025-01-01T00:00:00Z' }],
      },
    },
  ];
}

/** A 404 for co.uk. and then the record of example.co.uk., as lookupRegistry makes them. */
function twoLookups(): RdapLookup[] {
  return [
    {
      id: 'r0',
      domain: 'co.uk.',
      bootstrap: 'https://data.iana.org/rdap/dns.json',
      url: 'https://rdap.nominet.uk/uk/domain/co.uk',
      startedAt: 1_790_000_000_010,
      durationMs: 81.700000000001,
      httpStatus: 404,
      error: { class: 'not-found', message: 'rdap.nominet.uk has no such domain (HTTP 404)' },
    },
    {
      id: 'r1',
      domain: 'example.co.uk.',
      bootstrap: 'https://data.iana.org/rdap/dns.json',
      url: 'https://rdap.nominet.uk/uk/domain/example.co.uk',
      startedAt: 1_790_000_000_095,
      durationMs: 64,
      httpStatus: 200,
      record: { ...exampleComRecord(), ldhName: 'EXAMPLE.CO.UK' },
    },
  ];
}

/** Small evidence (exchanges x0–x3) with the two lookups. */
function withRdap(rdap: readonly RdapLookup[] = twoLookups()): Evidence {
  return { ...smallEvidence(), rdap };
}

/**
 * A recorded lab check as it was before the registry was asked (fixtures recorded since
 * carry their own `rdap`; it is set aside so these tests do not depend on which).
 */
function labWithoutRdap(): Evidence {
  const { rdap: _, ...lab } = loadLabFixture('lame');
  return lab;
}

/** The same check with a hand-made answer from the lab registry. */
function labWithRdap(): Evidence {
  const lab = labWithoutRdap();
  return { ...lab, rdap: labLookups(lab.startedAt) };
}

const DELETE = Symbol('delete');

/** A JSON copy of `withRdap()` with `value` put at a dotted `path` (numbers index lists). */
function withField(path: string, value: unknown): unknown {
  const root = JSON.parse(JSON.stringify(withRdap())) as Record<string, unknown>;
  const keys = path.split('.');
  let node = root;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return root;
}

function refusal(value: unknown): string {
  const parsed = parseEvidence(value);
  if (parsed.ok) throw new Error('the evidence was accepted');
  expect(parsed.kind).toBe('invalid');
  return parsed.message;
}

const long = (n: number, c = 'a') => c.repeat(n);
const ds = { keyTag: 370, algorithm: 13, digestType: 2, digest: 'ABCDEF0123' };

describe('round trip through the canonical JSON', () => {
  it.each([
    ['a 404 then a record', withRdap()],
    [
      'one error without a url',
      withRdap([twoLookups()[0]!].map(({ url: _, httpStatus: __, ...l }) => l)),
    ],
    ['an empty list', withRdap([])],
    ['a lab check with its registry', labWithRdap()],
  ])('%s: serialise → JSON.parse → parseEvidence gives it back', (_, evidence) => {
    const parsed = parseEvidence(JSON.parse(serialiseEvidence(evidence)));
    expect(parsed).toEqual({ ok: true, evidence });
    if (parsed.ok) expect(serialiseEvidence(parsed.evidence)).toBe(serialiseEvidence(evidence));
  });

  it('writes the rdap list last and each lookup’s keys in the documented order', () => {
    const text = serialiseEvidence(withRdap());
    const json = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(json).at(-1)).toBe('rdap');
    const [notFound, found] = json['rdap'] as Record<string, unknown>[];
    expect(Object.keys(notFound!)).toEqual([
      'id',
      'domain',
      'bootstrap',
      'url',
      'startedAt',
      'durationMs',
      'httpStatus',
      'error',
    ]);
    expect(Object.keys(found!)).toEqual([
      'id',
      'domain',
      'bootstrap',
      'url',
      'startedAt',
      'durationMs',
      'httpStatus',
      'record',
    ]);
    expect(Object.keys(found!['record'] as object)).toEqual([
      'ldhName',
      'status',
      'nameservers',
      'delegationSigned',
      'dsData',
      'events',
    ]);
  });

  it('gives the same text whatever the key order or extra fields of the input', () => {
    const [notFound, found] = twoLookups();
    const shuffled = {
      ...found!,
      // The same fields in reverse order, plus fields the format does not have.
      record: Object.fromEntries([
        ['entities', [{ handle: 'REGISTRAR' }]],
        ...Object.entries({
          ...found!.record!,
          dsData: found!.record!.dsData.map((d) => ({
            ...Object.fromEntries(Object.entries(d).reverse()),
            note: 'x',
          })),
        }).reverse(),
      ]),
      links: [],
    };
    const evidence = { ...smallEvidence(), rdap: [{ extra: true, ...notFound! }, shuffled] };
    expect(serialiseEvidence(evidence)).toBe(serialiseEvidence(withRdap()));
    expect(canonicalEvidence(evidence)).toEqual(withRdap());
  });

  it('drops unknown fields when reading', () => {
    const json = JSON.parse(serialiseEvidence(withRdap())) as { rdap: Record<string, unknown>[] };
    json.rdap[1]!['entities'] = [{ vcardArray: ['vcard', []] }];
    (json.rdap[1]!['record'] as Record<string, unknown>)['notices'] = ['Terms of use'];
    expect(parseEvidence(json)).toEqual({ ok: true, evidence: withRdap() });
  });

  it('reads null optional fields as absent', () => {
    const json = JSON.parse(serialiseEvidence(withRdap())) as { rdap: Record<string, unknown>[] };
    json.rdap[0] = { ...json.rdap[0], url: null, httpStatus: null, record: null };
    json.rdap[1] = { ...json.rdap[1], error: null };
    (json.rdap[1]!['record'] as Record<string, unknown>)['delegationSigned'] = null;
    const parsed = parseEvidence(json);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [notFound, found] = parsed.evidence.rdap!;
    expect(notFound).not.toHaveProperty('url');
    expect(notFound).not.toHaveProperty('httpStatus');
    expect(notFound).not.toHaveProperty('record');
    expect(found).not.toHaveProperty('error');
    expect(found?.record).not.toHaveProperty('delegationSigned');
  });

  it('accepts every RDAP error class', () => {
    expect(RDAP_ERROR_CLASSES).toEqual([
      'timeout',
      'unreachable',
      'http-status',
      'content-type',
      'malformed',
      'aborted',
      'no-service',
      'not-found',
      'rate-limited',
      'too-large',
      'local-network-denied',
    ]);
    for (const errorClass of RDAP_ERROR_CLASSES) {
      const evidence = withRdap([
        { ...twoLookups()[0]!, error: { class: errorClass, message: `a ${errorClass}` } },
      ]);
      expect(parseEvidence(JSON.parse(serialiseEvidence(evidence)))).toEqual({
        ok: true,
        evidence,
      });
    }
  });

  it('accepts every list at its limit', () => {
    const many = <T>(n: number, f: (i: number) => T): T[] =>
      Array.from({ length: n }, (_, i) => f(i));
    const record = {
      ldhName: long(RDAP_LIMITS.textCharacters),
      status: many(RDAP_LIMITS.status, (i) => `status ${i}`),
      nameservers: many(RDAP_LIMITS.nameservers, (i) => ({
        ldhName: `ns${i}.example.`,
        v4: many(RDAP_LIMITS.addresses, (j) => `192.0.2.${j}`),
        v6: [],
      })),
      dsData: many(RDAP_LIMITS.dsData, (i) => ({
        ...ds,
        keyTag: i,
        digest: long(RDAP_LIMITS.digestCharacters, 'f'),
      })),
      events: many(RDAP_LIMITS.events, (i) => ({ action: `event ${i}`, date: '2025' })),
    };
    const evidence = withRdap(
      many(RDAP_LIMITS.lookups, (i) => ({ ...twoLookups()[1]!, id: `r${i}`, record })),
    );
    expect(parseEvidence(JSON.parse(serialiseEvidence(evidence)))).toEqual({
      ok: true,
      evidence,
    });
  });
});

describe('Evidence from before the registry was asked', () => {
  it('parses without an rdap key and gets none', () => {
    const parsed = parseEvidence(JSON.parse(serialiseEvidence(smallEvidence())));
    expect(parsed).toEqual({ ok: true, evidence: smallEvidence() });
    expect(parsed.ok && 'rdap' in parsed.evidence).toBe(false);
    expect(serialiseEvidence(smallEvidence())).not.toContain('rdap');
  });

  it('reads `rdap: null` as no lookups', () => {
    const parsed = parseEvidence({ ...smallEvidence(), rdap: null });
    expect(parsed.ok && 'rdap' in parsed.evidence).toBe(false);
  });
});

const NOT_HTTP = 'RDAP lookup 0: `url` must be an http(s) URL';

/** [path, value put there, the exact message] */
const REFUSED: readonly [path: string, value: unknown, message: string][] = [
  ['rdap', {}, '`rdap` must be a list, not an object'],
  ['rdap', 'r0', '`rdap` must be a list, not a string'],
  ['rdap.0', 'r0', 'RDAP lookup 0: must be an object, not a string'],
  ['rdap.1', null, 'RDAP lookup 1: must be an object, not null'],
  // record and error: exactly one.
  ['rdap.0.record', exampleComRecord(), 'RDAP lookup 0: must hold either a `record` or an `error`'],
  ['rdap.0.error', DELETE, 'RDAP lookup 0: must hold either a `record` or an `error`'],
  ['rdap.1.record', DELETE, 'RDAP lookup 1: must hold either a `record` or an `error`'],
  ['rdap.0.error', null, 'RDAP lookup 0: must hold either a `record` or an `error`'],
  // the error
  ['rdap.0.error', 'not found', 'RDAP lookup 0: `error` must be an object, not a string'],
  [
    'rdap.0.error.class',
    'mismatch',
    'RDAP lookup 0, error: `class` must be one of timeout, unreachable, http-status, content-type, malformed, aborted, no-service, not-found, rate-limited, too-large, local-network-denied, not "mismatch"',
  ],
  [
    'rdap.0.error.class',
    'NOT-FOUND',
    'RDAP lookup 0, error: `class` must be one of timeout, unreachable, http-status, content-type, malformed, aborted, no-service, not-found, rate-limited, too-large, local-network-denied, not "NOT-FOUND"',
  ],
  [
    'rdap.0.error.class',
    DELETE,
    'RDAP lookup 0, error: `class` must be one of timeout, unreachable, http-status, content-type, malformed, aborted, no-service, not-found, rate-limited, too-large, local-network-denied, not missing',
  ],
  ['rdap.0.error.message', 404, 'RDAP lookup 0, error: `message` must be a string, not a number'],
  [
    'rdap.0.error.message',
    long(RDAP_LIMITS.errorMessageCharacters + 1),
    'RDAP lookup 0, error: `message` is 4097 characters long; at most 4096 are accepted',
  ],
  // id and domain
  ['rdap.0.id', '', 'RDAP lookup 0: `id` must not be empty'],
  ['rdap.0.id', 0, 'RDAP lookup 0: `id` must be a string, not a number'],
  ['rdap.0.id', 'r\n0', 'RDAP lookup 0: `id` must not contain control characters or line breaks'],
  ['rdap.0.id', long(65), 'RDAP lookup 0: `id` is 65 characters long; at most 64 are accepted'],
  ['rdap.1.id', 'r0', 'RDAP lookup 1: `id` "r0" is used twice'],
  ['rdap.0.id', 'x2', 'RDAP lookup 0: `id` "x2" is used twice'],
  ['rdap.1.id', 'x0', 'RDAP lookup 1: `id` "x0" is used twice'],
  [
    'rdap.0.domain',
    'co.uk',
    'RDAP lookup 0: `domain` must be a fully qualified name ending in a dot',
  ],
  ['rdap.0.domain', '', 'RDAP lookup 0: `domain` must not be empty'],
  [
    'rdap.0.domain',
    'co.uk\u0000.',
    'RDAP lookup 0: `domain` must not contain control characters or line breaks',
  ],
  [
    'rdap.0.domain',
    `${long(RDAP_LIMITS.textCharacters)}.`,
    'RDAP lookup 0: `domain` is 257 characters long; at most 256 are accepted',
  ],
  // the URLs
  ['rdap.0.url', 'javascript:alert(1)', NOT_HTTP],
  ['rdap.0.url', 'data:application/json,{}', NOT_HTTP],
  ['rdap.0.url', 'ftp://rdap.nominet.uk/uk/domain/co.uk', NOT_HTTP],
  ['rdap.0.url', '//rdap.nominet.uk/uk/domain/co.uk', NOT_HTTP],
  ['rdap.0.url', 'https://', NOT_HTTP],
  ['rdap.0.url', 'https://rdap.nominet.uk/uk/domain/co uk', NOT_HTTP],
  ['rdap.0.url', '', 'RDAP lookup 0: `url` must not be empty'],
  [
    'rdap.0.url',
    'https://rdap.nominet.uk/\n',
    'RDAP lookup 0: `url` must not contain control characters or line breaks',
  ],
  [
    'rdap.0.url',
    `https://rdap.example/${long(RDAP_LIMITS.urlCharacters)}`,
    'RDAP lookup 0: `url` is 2069 characters long; at most 2048 are accepted',
  ],
  ['rdap.0.bootstrap', 'javascript:alert(1)', 'RDAP lookup 0: `bootstrap` must be an http(s) URL'],
  ['rdap.0.bootstrap', DELETE, 'RDAP lookup 0: `bootstrap` must be a string, not missing'],
  // numbers
  ['rdap.0.startedAt', '0', 'RDAP lookup 0: `startedAt` must be a number, not a string'],
  [
    'rdap.0.startedAt',
    -1,
    'RDAP lookup 0: `startedAt` must be between 0 and 8640000000000000, not -1',
  ],
  ['rdap.0.durationMs', DELETE, 'RDAP lookup 0: `durationMs` must be a number, not missing'],
  ['rdap.0.httpStatus', 99, 'RDAP lookup 0: `httpStatus` must be between 100 and 599, not 99'],
  ['rdap.0.httpStatus', 404.5, 'RDAP lookup 0: `httpStatus` must be a whole number, not 404.5'],
  // the record
  ['rdap.1.record', 'EXAMPLE.CO.UK', 'RDAP lookup 1: `record` must be an object, not a string'],
  ['rdap.1.record.ldhName', '', 'RDAP lookup 1, record: `ldhName` must not be empty'],
  [
    'rdap.1.record.ldhName',
    'EXAMPLE\r\n.CO.UK',
    'RDAP lookup 1, record: `ldhName` must not contain control characters or line breaks',
  ],
  [
    'rdap.1.record.status.0',
    'client hold\n<b>',
    'RDAP lookup 1, record: `status` 0 must not contain control characters or line breaks',
  ],
  [
    'rdap.1.record.status.1',
    'client\u0007hold',
    'RDAP lookup 1, record: `status` 1 must not contain control characters or line breaks',
  ],
  ['rdap.1.record.status.0', '', 'RDAP lookup 1, record: `status` 0 must not be empty'],
  ['rdap.1.record.status.0', 7, 'RDAP lookup 1, record: `status` 0 must be a string, not a number'],
  [
    'rdap.1.record.status.0',
    long(RDAP_LIMITS.textCharacters + 1),
    'RDAP lookup 1, record: `status` 0 is 257 characters long; at most 256 are accepted',
  ],
  [
    'rdap.1.record.status',
    Array<string>(RDAP_LIMITS.status + 1).fill('active'),
    'RDAP lookup 1, record: `status` has 33 entries; at most 32 are accepted',
  ],
  [
    'rdap.1.record.status',
    'active',
    'RDAP lookup 1, record: `status` must be a list, not a string',
  ],
  [
    'rdap.1.record.nameservers.0',
    'A.IANA-SERVERS.NET',
    'RDAP lookup 1, record, nameserver 0: must be an object, not a string',
  ],
  [
    'rdap.1.record.nameservers.1.ldhName',
    DELETE,
    'RDAP lookup 1, record, nameserver 1: `ldhName` must be a string, not missing',
  ],
  [
    'rdap.1.record.nameservers.0.v4',
    ['192.0.2.1\n'],
    'RDAP lookup 1, record, nameserver 0: `v4` 0 must not contain control characters or line breaks',
  ],
  [
    'rdap.1.record.nameservers.0.v6',
    DELETE,
    'RDAP lookup 1, record, nameserver 0: `v6` must be a list, not missing',
  ],
  [
    'rdap.1.record.nameservers.0.v4',
    Array<string>(RDAP_LIMITS.addresses + 1).fill('192.0.2.1'),
    'RDAP lookup 1, record, nameserver 0: `v4` has 17 entries; at most 16 are accepted',
  ],
  [
    'rdap.1.record.nameservers',
    Array(RDAP_LIMITS.nameservers + 1).fill({ ldhName: 'ns', v4: [], v6: [] }),
    'RDAP lookup 1, record: `nameservers` has 33 entries; at most 32 are accepted',
  ],
  // Names and addresses become DNS questions and dig commands: nothing else gets through.
  [
    'rdap.1.record.nameservers.0.ldhName',
    'ns1.example.net; curl evil | sh',
    'RDAP lookup 1, record, nameserver 0: `ldhName` must be a host name, not "ns1.example.net; curl evil | sh"',
  ],
  [
    'rdap.1.record.nameservers.0.v4',
    ['127.0.0.1 example.com; curl x | sh #'],
    'RDAP lookup 1, record, nameserver 0: "127.0.0.1 example.com; curl x | sh #" is not an IP address of its kind',
  ],
  [
    'rdap.1.record.nameservers.0.v6',
    ['192.0.2.1'],
    'RDAP lookup 1, record, nameserver 0: "192.0.2.1" is not an IP address of its kind',
  ],
  [
    'rdap.1.record.status',
    ['client\u202ehold'],
    'RDAP lookup 1, record: `status` 0 must not contain control, bidirectional or line-separator characters',
  ],
  [
    'rdap.1.record.delegationSigned',
    'true',
    'RDAP lookup 1, record: `delegationSigned` must be true or false, not a string',
  ],
  // DS data
  [
    'rdap.1.record.dsData.0.digest',
    'not-hex!',
    'RDAP lookup 1, record, DS 0: `digest` must be hexadecimal',
  ],
  [
    'rdap.1.record.dsData.0.digest',
    'BE74 3599',
    'RDAP lookup 1, record, DS 0: `digest` must be hexadecimal',
  ],
  [
    'rdap.1.record.dsData.0.digest',
    'vnQ1mVRmAGnVxj0g',
    'RDAP lookup 1, record, DS 0: `digest` must be hexadecimal',
  ],
  ['rdap.1.record.dsData.0.digest', '', 'RDAP lookup 1, record, DS 0: `digest` must not be empty'],
  [
    'rdap.1.record.dsData.0.digest',
    long(RDAP_LIMITS.digestCharacters + 1, 'f'),
    'RDAP lookup 1, record, DS 0: `digest` is 257 characters long; at most 256 are accepted',
  ],
  [
    'rdap.1.record.dsData.0.keyTag',
    65536,
    'RDAP lookup 1, record, DS 0: `keyTag` must be between 0 and 65535, not 65536',
  ],
  [
    'rdap.1.record.dsData.0.keyTag',
    '370',
    'RDAP lookup 1, record, DS 0: `keyTag` must be a number, not a string',
  ],
  [
    'rdap.1.record.dsData.0.algorithm',
    256,
    'RDAP lookup 1, record, DS 0: `algorithm` must be between 0 and 255, not 256',
  ],
  [
    'rdap.1.record.dsData.0.digestType',
    2.5,
    'RDAP lookup 1, record, DS 0: `digestType` must be a whole number, not 2.5',
  ],
  [
    'rdap.1.record.dsData',
    Array(RDAP_LIMITS.dsData + 1).fill(ds),
    'RDAP lookup 1, record: `dsData` has 17 entries; at most 16 are accepted',
  ],
  // events
  [
    'rdap.1.record.events.0',
    'registration',
    'RDAP lookup 1, record, event 0: must be an object, not a string',
  ],
  [
    'rdap.1.record.events.1.date',
    DELETE,
    'RDAP lookup 1, record, event 1: `date` must be a string, not missing',
  ],
  [
    'rdap.1.record.events.0.action',
    'registration\n',
    'RDAP lookup 1, record, event 0: `action` must not contain control characters or line breaks',
  ],
  [
    'rdap.1.record.events',
    Array(RDAP_LIMITS.events + 1).fill({ action: 'a', date: 'd' }),
    'RDAP lookup 1, record: `events` has 33 entries; at most 32 are accepted',
  ],
];

describe('refusals name the lookup and the field', () => {
  it.each(REFUSED)('%s = %j', (path, value, message) => {
    expect(refusal(withField(path, value))).toBe(message);
  });

  it('too many lookups', () => {
    const lookups = Array.from({ length: RDAP_LIMITS.lookups + 1 }, (_, i) => ({
      ...twoLookups()[0]!,
      id: `r${i}`,
    }));
    expect(refusal({ ...smallEvidence(), rdap: lookups })).toBe(
      '`rdap` has 5 entries; at most 4 are accepted',
    );
  });

  it('an rdap id that repeats a recorded exchange’s id', () => {
    const lab = labWithoutRdap();
    const taken = lab.exchanges.at(-1)!.id;
    expect(refusal({ ...lab, rdap: [{ ...labLookups(lab.startedAt)[0]!, id: taken }] })).toBe(
      `RDAP lookup 0: \`id\` ${JSON.stringify(taken)} is used twice`,
    );
  });
});

// ---------------------------------------------------------------------------------------
// The evidence link (permalink-layout.ts, permalink.ts)

/** The index and the raw tail of a packed body. */
function split(body: Uint8Array): { index: unknown[]; tail: Uint8Array } {
  const length = Buffer.from(body).readUInt32BE(0);
  const index = JSON.parse(Buffer.from(body.subarray(4, 4 + length)).toString('utf8')) as unknown[];
  return { index, tail: body.subarray(4 + length) };
}

/** A packed body with `index` in front of `tail`. */
function join(index: unknown[], tail: Uint8Array): Uint8Array {
  const json = Buffer.from(JSON.stringify(index));
  const head = Buffer.alloc(4);
  head.writeUInt32BE(json.length);
  return new Uint8Array(Buffer.concat([head, json, tail]));
}

/** A link payload for a body, framed the way encodeEvidenceLink frames it. */
function frame(body: Uint8Array): string {
  return Buffer.concat([Buffer.of(1), deflateRawSync(body)]).toString('base64url');
}

describe('the evidence link', () => {
  it.each([
    ['small, a 404 then a record', withRdap()],
    ['a lab check with its registry', labWithRdap()],
    ['an empty rdap list', withRdap([])],
  ])('%s: survives encode → decode unchanged', async (_, evidence) => {
    const payload = await encodeEvidenceLink(evidence);
    expect(await decodeEvidenceLink(payload)).toEqual({ ok: true, evidence });
  });

  it('packs the lookups as a ninth index field, and none without them', () => {
    const packed = split(packEvidence(withRdap()));
    expect(packed.index).toHaveLength(9);
    expect(packed.index[8]).toEqual(JSON.parse(JSON.stringify(twoLookups())));
    expect(split(packEvidence(smallEvidence())).index).toHaveLength(8);
  });

  it('adds little to the link for one lookup', async () => {
    const lab = labWithoutRdap();
    const without = await encodeEvidenceLink(lab);
    const withLookup = await encodeEvidenceLink(labWithRdap());
    expect(withLookup.length - without.length).toBeLessThan(600);
  });

  it('opens a link from before the registry was asked (an 8-field index)', async () => {
    const lab = labWithoutRdap();
    const body = packEvidence(lab);
    expect(split(body).index).toHaveLength(8);
    const unpacked = unpackEvidence(body);
    expect(unpacked.ok && 'rdap' in (unpacked.evidence as object)).toBe(false);
    expect(await decodeEvidenceLink(frame(body))).toEqual({ ok: true, evidence: lab });
  });

  it('refuses an index of 10 fields', async () => {
    const { index, tail } = split(packEvidence(withRdap()));
    const body = join([...index, []], tail);
    expect(unpackEvidence(body)).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'the index has 10 fields, not 8 or 9',
    });
    expect(await decodeEvidenceLink(frame(body))).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'This evidence link is damaged: the index has 10 fields, not 8 or 9.',
    });
  });

  it('refuses an index of 7 fields with the new message', () => {
    const { index, tail } = split(packEvidence(smallEvidence()));
    expect(unpackEvidence(join(index.slice(0, 7), tail))).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'the index has 7 fields, not 8 or 9',
    });
  });

  it('reads a null ninth field as no lookups', async () => {
    const { index, tail } = split(packEvidence(smallEvidence()));
    expect(await decodeEvidenceLink(frame(join([...index, null], tail)))).toEqual({
      ok: true,
      evidence: smallEvidence(),
    });
  });

  it('checks the lookups in a link like any other evidence', async () => {
    const { index, tail } = split(packEvidence(withRdap()));
    const hostile = JSON.parse(JSON.stringify(index[8])) as Record<string, unknown>[];
    hostile[1]!['url'] = 'javascript:alert(1)';
    expect(await decodeEvidenceLink(frame(join([...index.slice(0, 8), hostile], tail)))).toEqual({
      ok: false,
      kind: 'invalid',
      message: `This evidence link holds invalid evidence: RDAP lookup 1: \`url\` must be an http(s) URL`,
    });
    expect(
      await decodeEvidenceLink(frame(join([...index.slice(0, 8), { r0: 'x' }], tail))),
    ).toEqual({
      ok: false,
      kind: 'invalid',
      message: 'This evidence link holds invalid evidence: `rdap` must be a list, not an object',
    });
  });

  it('refuses to encode evidence with invalid lookups', async () => {
    const bad = withRdap([{ ...twoLookups()[0]!, domain: 'co.uk' }]);
    await expect(encodeEvidenceLink(bad)).rejects.toThrow(
      'Cannot link invalid evidence: RDAP lookup 0: `domain` must be a fully qualified name ending in a dot',
    );
  });
});
