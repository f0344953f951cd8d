/**
 * domainRecordOf: the RFC 9083 §5.3 domain object reduced to what the diagnosis reads.
 * Lenient about shape (numbers as strings, missing or mistyped members), strict about
 * content (control characters, bounds, non-hex digests), and whatever it returns is
 * accepted by the Evidence reader (property test over random JSON).
 */
import { describe, expect, it } from 'vitest';
import { domainRecordOf } from '../../../src/rdap/record';
import { RDAP_LIMITS } from '../../../src/evidence/codec-rdap';
import { parseEvidence } from '../../../src/evidence/codec';
import { prng } from '../../helpers/prng';
import { evidenceWith, exampleComRecord, verisignExampleCom } from './rdap-fixtures';

/** The record, or a thrown error naming why there was none. */
function recordOf(json: unknown) {
  const parsed = domainRecordOf(json);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.record;
}

/** A domain object with `extra` members over a bare minimum. */
function domain(extra: Record<string, unknown>): Record<string, unknown> {
  return { objectClassName: 'domain', ldhName: 'example.com', ...extra };
}

const DIGEST = 'BE74359954660069D5C63D200C39F5603827D7DD02B56F120EE9F3A86764247C';

describe('a registry’s answer as it comes', () => {
  it('keeps what the diagnosis reads of Verisign’s example.com, names as written', () => {
    expect(domainRecordOf(verisignExampleCom())).toEqual({ ok: true, record: exampleComRecord() });
  });

  it('drops entities, links, notices and the handle', () => {
    const record = recordOf(verisignExampleCom());
    expect(Object.keys(record)).toEqual([
      'ldhName',
      'status',
      'nameservers',
      'delegationSigned',
      'dsData',
      'events',
    ]);
    expect(JSON.stringify(record)).not.toMatch(/RESERVED-IANA|Terms of Use|VRSN/);
  });

  it('keeps glue from ipAddresses', () => {
    const record = recordOf(
      domain({
        nameservers: [
          {
            objectClassName: 'nameserver',
            ldhName: 'NS1.EXAMPLE.COM',
            ipAddresses: { v4: ['192.0.2.1', '192.0.2.2'], v6: ['2001:db8::1'] },
          },
          { ldhName: 'ns2.example.com', ipAddresses: { v4: ['192.0.2.3'] } },
        ],
      }),
    );
    expect(record.nameservers).toEqual([
      { ldhName: 'NS1.EXAMPLE.COM', v4: ['192.0.2.1', '192.0.2.2'], v6: ['2001:db8::1'] },
      { ldhName: 'ns2.example.com', v4: ['192.0.2.3'], v6: [] },
    ]);
  });

  it('falls back to unicodeName for the domain (shown only), never for a nameserver', () => {
    expect(recordOf({ objectClassName: 'domain', unicodeName: 'bücher.example' }).ldhName).toBe(
      'bücher.example',
    );
    // A nameserver's name becomes a DNS question and a dig command: LDH form only.
    const ns = recordOf(domain({ nameservers: [{ unicodeName: 'ns.bücher.example' }] }));
    expect(ns.nameservers).toEqual([]);
  });

  it('keeps only host names and addresses that parse, so nothing else reaches a command', () => {
    const record = recordOf(
      domain({
        nameservers: [
          { ldhName: 'ns1.example.net (pending)' },
          { ldhName: 'ns2.example.net; curl evil | sh' },
          {
            ldhName: 'NS3.EXAMPLE.NET',
            ipAddresses: {
              v4: ['192.0.2.1', '127.0.0.1 example.com; curl x | sh #'],
              v6: ['2001:db8::1', 'fe80::1%eth0'],
            },
          },
        ],
      }),
    );
    expect(record.nameservers).toEqual([
      { ldhName: 'NS3.EXAMPLE.NET', v4: ['192.0.2.1'], v6: ['2001:db8::1'] },
    ]);
  });

  it('turns bidirectional overrides, C1 controls and line separators into spaces', () => {
    const record = recordOf(domain({ status: ['client\u202ehold', 'active\u2028', 'x\u0085y'] }));
    expect(record.status).toEqual(['client hold', 'active', 'x y']);
  });

  it('reads a minimal object as empty lists and no delegationSigned', () => {
    expect(recordOf(domain({}))).toEqual({
      ldhName: 'example.com',
      status: [],
      nameservers: [],
      dsData: [],
      events: [],
    });
  });

  it('treats members of the wrong type as missing', () => {
    const record = recordOf(
      domain({
        status: 'active',
        nameservers: { ldhName: 'ns.example.com' },
        secureDNS: [{ delegationSigned: true }],
        events: 'registration',
      }),
    );
    expect(record).toEqual({
      ldhName: 'example.com',
      status: [],
      nameservers: [],
      dsData: [],
      events: [],
    });
  });

  it('keeps delegationSigned only when it is a boolean', () => {
    expect(recordOf(domain({ secureDNS: { delegationSigned: false } })).delegationSigned).toBe(
      false,
    );
    for (const odd of ['true', 1, null]) {
      expect(recordOf(domain({ secureDNS: { delegationSigned: odd } }))).not.toHaveProperty(
        'delegationSigned',
      );
    }
  });

  it('skips list items that are not what they should be', () => {
    const record = recordOf(
      domain({
        status: ['active', 7, null, '', '   ', { value: 'x' }, 'client hold'],
        nameservers: ['ns.example.com', null, {}, { ldhName: 42 }, { ldhName: 'ns1.example.com' }],
        events: [
          { eventAction: 'registration' },
          { eventDate: '2020-01-01T00:00:00Z' },
          'expiration',
          { eventAction: 'expiration', eventDate: '2030-01-01T00:00:00Z' },
        ],
      }),
    );
    expect(record.status).toEqual(['active', 'client hold']);
    expect(record.nameservers).toEqual([{ ldhName: 'ns1.example.com', v4: [], v6: [] }]);
    expect(record.events).toEqual([{ action: 'expiration', date: '2030-01-01T00:00:00Z' }]);
  });

  it('keeps only string addresses', () => {
    const record = recordOf(
      domain({
        nameservers: [{ ldhName: 'ns', ipAddresses: { v4: ['192.0.2.1', 3, ''], v6: '::1' } }],
      }),
    );
    expect(record.nameservers[0]).toEqual({ ldhName: 'ns', v4: ['192.0.2.1'], v6: [] });
  });
});

describe('DS data (secureDNS.dsData)', () => {
  const dsOf = (entries: unknown[]) => recordOf(domain({ secureDNS: { dsData: entries } })).dsData;

  it('reads numbers sent as strings, as some registries do', () => {
    expect(dsOf([{ keyTag: '370', algorithm: '13', digestType: ' 2 ', digest: DIGEST }])).toEqual([
      { keyTag: 370, algorithm: 13, digestType: 2, digest: DIGEST },
    ]);
  });

  it('keeps the digest’s case and removes white space inside it', () => {
    expect(
      dsOf([{ keyTag: 1, algorithm: 8, digestType: 2, digest: ' be743599 5466\t0069 ' }]),
    ).toEqual([{ keyTag: 1, algorithm: 8, digestType: 2, digest: 'be74359954660069' }]);
  });

  it('accepts the edges of each field', () => {
    expect(dsOf([{ keyTag: 0, algorithm: 0, digestType: 0, digest: 'a' }])).toHaveLength(1);
    expect(dsOf([{ keyTag: 65535, algorithm: 255, digestType: 255, digest: 'F' }])).toHaveLength(1);
  });

  it.each([
    ['a key tag above 65535', { keyTag: 65536 }],
    ['a negative key tag', { keyTag: -1 }],
    ['a key tag "-1"', { keyTag: '-1' }],
    ['a fractional key tag', { keyTag: 370.5 }],
    ['a key tag "370a"', { keyTag: '370a' }],
    ['a key tag "1e3"', { keyTag: '1e3' }],
    ['an empty key tag', { keyTag: '' }],
    ['no key tag', { keyTag: undefined }],
    ['an algorithm above 255', { algorithm: 256 }],
    ['a digest type above 255', { digestType: 300 }],
    ['a digest type of null', { digestType: null }],
    ['a non-hex digest', { digest: 'XYZ0' }],
    ['a base64 digest', { digest: 'vnQ1mVRmAGnVxj0gDDn1YDgn190CtW8SDunzqGdkJHw=' }],
    ['an empty digest', { digest: '' }],
    ['a digest of white space', { digest: '   ' }],
    ['a numeric digest', { digest: 1234 }],
  ])('drops an entry with %s and keeps the good one', (_, change) => {
    const good = { keyTag: 370, algorithm: 13, digestType: 2, digest: DIGEST };
    expect(dsOf([{ ...good, ...change }, good])).toEqual([good]);
  });

  it('drops entries that are not objects', () => {
    expect(dsOf([null, 'DS 370 13 2 ABCD', [370, 13, 2, 'AB']])).toEqual([]);
  });

  it('keeps a digest of exactly the limit', () => {
    const digest = 'A'.repeat(RDAP_LIMITS.digestCharacters);
    expect(dsOf([{ keyTag: 1, algorithm: 8, digestType: 2, digest }])).toEqual([
      { keyTag: 1, algorithm: 8, digestType: 2, digest },
    ]);
  });

  // A digest cut short would be a different digest from the one the registry sent.
  it('drops a digest longer than the limit instead of cutting it short', () => {
    const digest = 'A'.repeat(RDAP_LIMITS.digestCharacters + 2);
    expect(dsOf([{ keyTag: 1, algorithm: 8, digestType: 2, digest }])).toEqual([]);
  });
});

describe('control characters and bounds', () => {
  it('turns control characters into spaces and trims, so every string is one line', () => {
    const record = recordOf(
      domain({
        ldhName: '\tEXAMPLE.COM\r\n',
        status: ['client\u0000hold', 'active\n', '\u0007', 'server\u007fhold'],
        nameservers: [{ ldhName: 'NS1.EXAMPLE.COM\u001b' }],
        events: [{ eventAction: 'registration\n', eventDate: '\u00002020-01-01T00:00:00Z' }],
      }),
    );
    expect(record.ldhName).toBe('EXAMPLE.COM');
    expect(record.status).toEqual(['client hold', 'active', 'server hold']);
    expect(record.nameservers[0]?.ldhName).toBe('NS1.EXAMPLE.COM');
    expect(record.events).toEqual([{ action: 'registration', date: '2020-01-01T00:00:00Z' }]);
  });

  it('drops a nameserver whose name is only control characters', () => {
    expect(recordOf(domain({ nameservers: [{ ldhName: '\n\r' }] })).nameservers).toEqual([]);
  });

  it('cuts long strings to RDAP_LIMITS.textCharacters', () => {
    const long = 'x'.repeat(RDAP_LIMITS.textCharacters + 50);
    const record = recordOf(domain({ ldhName: long, status: [long] }));
    expect(record.ldhName).toHaveLength(RDAP_LIMITS.textCharacters);
    expect(record.status[0]).toHaveLength(RDAP_LIMITS.textCharacters);
  });

  it('keeps at most the limit of each list, the first ones', () => {
    const many = <T>(n: number, f: (i: number) => T): T[] =>
      Array.from({ length: n }, (_, i) => f(i));
    const record = recordOf(
      domain({
        status: many(RDAP_LIMITS.status + 5, (i) => `status ${i}`),
        nameservers: many(RDAP_LIMITS.nameservers + 5, (i) => ({
          ldhName: `ns${i}.example.com`,
          ipAddresses: {
            v4: many(RDAP_LIMITS.addresses + 3, (j) => `192.0.2.${j}`),
            v6: many(RDAP_LIMITS.addresses + 3, (j) => `2001:db8::${j}`),
          },
        })),
        secureDNS: {
          dsData: many(RDAP_LIMITS.dsData + 5, (i) => ({
            keyTag: i,
            algorithm: 13,
            digestType: 2,
            digest: DIGEST,
          })),
        },
        events: many(RDAP_LIMITS.events + 5, (i) => ({
          eventAction: `event ${i}`,
          eventDate: '2020-01-01T00:00:00Z',
        })),
      }),
    );
    expect(record.status).toHaveLength(RDAP_LIMITS.status);
    expect(record.status.at(-1)).toBe(`status ${RDAP_LIMITS.status - 1}`);
    expect(record.nameservers).toHaveLength(RDAP_LIMITS.nameservers);
    expect(record.nameservers[0]?.v4).toHaveLength(RDAP_LIMITS.addresses);
    expect(record.nameservers[0]?.v6).toHaveLength(RDAP_LIMITS.addresses);
    expect(record.dsData).toHaveLength(RDAP_LIMITS.dsData);
    expect(record.dsData.at(-1)?.keyTag).toBe(RDAP_LIMITS.dsData - 1);
    expect(record.events).toHaveLength(RDAP_LIMITS.events);
  });

  it('counts the limit after dropping bad entries', () => {
    const record = recordOf(
      domain({ status: [...Array<null>(RDAP_LIMITS.status).fill(null), 'active'] }),
    );
    expect(record.status).toEqual(['active']);
  });
});

describe('what is refused', () => {
  it.each([
    ['null', null, 'the response is not a JSON object'],
    ['a list', [verisignExampleCom()], 'the response is not a JSON object'],
    ['a string', 'domain', 'the response is not a JSON object'],
    [
      'an entity',
      { objectClassName: 'entity', handle: 'X' },
      'the response is not an RDAP domain object (objectClassName "entity")',
    ],
    [
      'objectClassName "Domain"',
      { objectClassName: 'Domain', ldhName: 'example.com' },
      'the response is not an RDAP domain object (objectClassName "Domain")',
    ],
    [
      'no objectClassName',
      { ldhName: 'example.com' },
      'the response is not an RDAP domain object (objectClassName null)',
    ],
    [
      // RFC 9083 §6: the error object some registries send with HTTP 200.
      'an error object',
      { errorCode: 404, title: 'Not Found', description: ['not found'] },
      'the response is not an RDAP domain object (objectClassName null)',
    ],
    ['no ldhName', { objectClassName: 'domain' }, 'the domain object has no ldhName'],
    [
      'a blank ldhName',
      { objectClassName: 'domain', ldhName: ' \n ' },
      'the domain object has no ldhName',
    ],
    [
      'a numeric ldhName',
      { objectClassName: 'domain', ldhName: 42 },
      'the domain object has no ldhName',
    ],
  ])('%s', (_, json, message) => {
    expect(domainRecordOf(json)).toEqual({ ok: false, message });
  });
});

/** Random JSON, biased towards the members and shapes a domain object has. */
function randomJson(random: () => number, depth = 0): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const keys = [
    'objectClassName',
    'ldhName',
    'unicodeName',
    'status',
    'nameservers',
    'ipAddresses',
    'v4',
    'v6',
    'secureDNS',
    'delegationSigned',
    'dsData',
    'keyTag',
    'algorithm',
    'digestType',
    'digest',
    'events',
    'eventAction',
    'eventDate',
  ];
  const strings = ['domain', '', ' ', 'ABCDEF0123', '370', '\n', 'x'.repeat(300), 'a\u0000b', '-1'];
  const r = random();
  if (depth > 4 || r < 0.3) {
    return pick<unknown>([
      null,
      true,
      false,
      0,
      -1,
      65536,
      3.5,
      pick(strings),
      Math.floor(random() * 70000),
    ]);
  }
  if (r < 0.55) {
    // Mostly short lists, now and then one longer than the limits.
    const length = random() < 0.05 ? 40 : Math.floor(random() * 5);
    return Array.from({ length }, () => randomJson(random, depth + 1));
  }
  const out: Record<string, unknown> =
    depth === 0 ? { objectClassName: 'domain', ldhName: pick(['EXAMPLE.COM', ...strings]) } : {};
  for (let i = Math.floor(random() * 8); i > 0; i--)
    out[pick(keys)] = randomJson(random, depth + 1);
  return out;
}

describe('property: whatever it keeps, the Evidence reader accepts', () => {
  it('random domain-ish JSON never throws, and a record always fits in an RdapLookup', () => {
    const random = prng(9083);
    let records = 0;
    for (let i = 0; i < 2000; i++) {
      const json = randomJson(random);
      const parsed = domainRecordOf(json);
      if (!parsed.ok) {
        expect(parsed.message).toMatch(/^the /);
        continue;
      }
      records += 1;
      const evidence = evidenceWith([
        {
          id: 'r0',
          domain: 'example.com.',
          bootstrap: 'https://data.iana.org/rdap/dns.json',
          url: 'https://rdap.example/domain/example.com',
          startedAt: 1_790_000_000_000,
          durationMs: 12.5,
          httpStatus: 200,
          record: parsed.record,
        },
      ]);
      const read = parseEvidence(JSON.parse(JSON.stringify(evidence)));
      expect(read.ok || read.message).toBe(true);
      if (read.ok) expect(read.evidence).toEqual(evidence);
    }
    expect(records).toBeGreaterThan(100);
  });
});
