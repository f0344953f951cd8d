/**
 * The evidence permalink: round trips deep-equal, every refusal kind has a case, hostile
 * payloads (random text, random bytes, a zip bomb) end in a typed refusal quickly and
 * never throw, and link sizes on lab-like evidence stay within what the UI expects.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/evidence/evidence';
import { serialiseEvidence } from '../../../src/evidence/codec';
import {
  EVIDENCE_LINK_SOFT_LIMIT,
  MAX_LINK_PAYLOAD_CHARACTERS,
  decodeEvidenceLink,
  encodeEvidenceLink,
  evidenceLinkTooLarge,
  type LinkProblemKind,
} from '../../../src/report/permalink';
import { packEvidence } from '../../../src/report/permalink-layout';
import { zipBombLinkPayload } from '../../helpers/hostile-inputs';
import {
  distinctEvidence,
  labEvidence,
  prng,
  randomEvidence,
  smallEvidence,
} from './evidence-fixtures';

/** A payload from a format octet and an uncompressed body, the way the encoder frames it. */
function frame(body: Uint8Array | string, format = 1): string {
  const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
  return Buffer.concat([Buffer.of(format), deflateRawSync(bytes)]).toString('base64url');
}

/** A packed body whose index is `index` (JSON text) followed by `tail` raw octets. */
function body(index: string | Uint8Array, tail: Uint8Array = new Uint8Array()): Uint8Array {
  const json = Buffer.from(index);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(json.length);
  return Buffer.concat([head, json, tail]);
}

describe('round trip', () => {
  it.each([
    ['small', smallEvidence()],
    ['lab, RSA', labEvidence('rsasha256-nsec.lens.')],
    ['lab, Ed448 NSEC3', labEvidence('ed448-nsec3.lens.')],
    ['no exchanges', { ...smallEvidence(), exchanges: [] }],
  ])('%s', async (_, evidence: Evidence) => {
    const payload = await encodeEvidenceLink(evidence);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeEvidenceLink(payload)).toEqual({ ok: true, evidence });
  });

  it('random valid evidence (seeded), including fractional timestamps', async () => {
    const random = prng(4242);
    for (let i = 0; i < 200; i++) {
      const evidence = randomEvidence(random);
      const decoded = await decodeEvidenceLink(await encodeEvidenceLink(evidence));
      expect(decoded).toEqual({ ok: true, evidence });
    }
  });

  it('tolerates line breaks and padding added by mail clients', async () => {
    const payload = await encodeEvidenceLink(smallEvidence());
    const wrapped = `${payload.slice(0, 40)}\n ${payload.slice(40)}==`;
    expect(await decodeEvidenceLink(wrapped)).toEqual({ ok: true, evidence: smallEvidence() });
  });

  it('refuses to encode invalid evidence (a programming error)', async () => {
    const bad = { ...smallEvidence(), version: 3 } as unknown as Evidence;
    await expect(encodeEvidenceLink(bad)).rejects.toThrow(TypeError);
  });
});

const valid = packEvidence(smallEvidence());

const REFUSALS: readonly [what: string, payload: () => string, kind: LinkProblemKind][] = [
  ['empty', () => '', 'bad-base64'],
  ['a character outside base64url', () => 'AQ%%', 'bad-base64'],
  ['an HTML tag', () => '<img src=x onerror=alert(1)>', 'bad-base64'],
  ['a length no base64 has', () => 'AQABA', 'bad-base64'],
  ['too long', () => 'A'.repeat(MAX_LINK_PAYLOAD_CHARACTERS + 4), 'too-large'],
  ['format 0', () => frame(valid, 0), 'invalid'],
  ['format 0xff', () => frame(valid, 0xff), 'invalid'],
  ['a newer link format', () => frame(valid, 2), 'unknown-version'],
  ['only the format octet', () => Buffer.of(1).toString('base64url'), 'bad-compression'],
  [
    'not DEFLATE',
    () => Buffer.of(1, 0xff, 0xff, 0xff, 0xff).toString('base64url'),
    'bad-compression',
  ],
  ['cut short', () => frame(valid).slice(0, 60), 'bad-compression'],
  ['a body shorter than its header', () => frame(Uint8Array.of(0, 0)), 'bad-json'],
  ['an index longer than the body', () => frame(Uint8Array.of(0, 0, 1, 0, 0x5b)), 'bad-json'],
  ['an index that is not JSON', () => frame(body('[1,')), 'bad-json'],
  [
    'an index that is not UTF-8',
    () => frame(body(Uint8Array.of(0x5b, 0x22, 0xff, 0x22, 0x5d))),
    'bad-json',
  ],
  ['an index that is an object', () => frame(body('{"version":1}')), 'invalid'],
  ['an index with the wrong arity', () => frame(body('[1,2,3]')), 'invalid'],
  [
    'a response running past the end',
    () =>
      frame(
        body(
          '[1,"a.","A",[["https://r/","R"]],[],0,0,[["x0",0,"a.","A",0,0,1,0,0,null,null,9,null,null]]]',
        ),
      ),
    'invalid',
  ],
  [
    'response octets that belong to no exchange',
    () => frame(body('[1,"a.","A",[["https://r/","R"]],[],0,0,[]]', Uint8Array.of(1, 2))),
    'invalid',
  ],
  [
    'a field of the wrong type',
    () =>
      frame(
        body(
          '[1,"a.","A",[["https://r/","R"]],[],0,0,[["x0",0,"a.","A",0,0,"one",0,0,null,null,null,null,null]]]',
        ),
      ),
    'invalid',
  ],
  [
    'an unknown resolver index',
    () =>
      frame(
        body(
          '[1,"a.","A",[["https://r/","R"]],[],0,0,[["x0",7,"a.","A",0,0,1,0,0,null,null,null,null,null]]]',
        ),
      ),
    'invalid',
  ],
  [
    'evidence of a newer version',
    () => frame(body('[2,"a.","A",[],[],0,0,[]]')),
    'unknown-version',
  ],
];

describe('refusals', () => {
  it.each(REFUSALS)('%s', async (_, payload, kind) => {
    const result = await decodeEvidenceLink(payload());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.kind).toBe(kind);
    expect(!result.ok && result.message.length).toBeGreaterThan(20);
  });

  it('names the damaged field', async () => {
    const result = await decodeEvidenceLink(
      frame(
        body(
          '[1,"a.","A",[["https://r/","R"]],[],0,0,[["x0",0,"a.","A",0,0,0,0,0,null,null,null,null,null]]]',
        ),
      ),
    );
    expect(result).toEqual({
      ok: false,
      kind: 'invalid',
      message:
        'This evidence link holds invalid evidence: exchange 0: `wave` must be between 1 and 100, not 0',
    });
  });

  // Decoding must stop at the 2 MiB body limit instead of inflating all 64 MiB; how long that
  // takes is a benchmark figure (`npm run bench`).
  it('refuses a zip bomb', async () => {
    const payload = zipBombLinkPayload();
    expect(payload.length).toBeLessThanOrEqual(MAX_LINK_PAYLOAD_CHARACTERS);
    await expect(decodeEvidenceLink(payload)).resolves.toMatchObject({
      ok: false,
      kind: 'too-large',
    });
  });
});

describe('hostile input never throws', () => {
  it('random text (seeded)', async () => {
    const random = prng(1);
    const alphabet = 'AQgw_-9zZ+/=%<> \n\u00e9\u4e2d';
    for (let i = 0; i < 1500; i++) {
      const length = Math.floor(random() * 200);
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const result = await decodeEvidenceLink(text);
      expect(result.ok).toBe(false);
    }
  });

  it('random octets behind a valid format octet (seeded)', async () => {
    const random = prng(2);
    for (let i = 0; i < 1500; i++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 300) }, () =>
        Math.floor(random() * 256),
      );
      bytes[0] = 1;
      const result = await decodeEvidenceLink(Buffer.from(bytes).toString('base64url'));
      expect(result.ok).toBe(false);
    }
  });

  it('random bodies, compressed correctly (seeded)', async () => {
    const random = prng(3);
    for (let i = 0; i < 500; i++) {
      const tail = Uint8Array.from({ length: Math.floor(random() * 64) }, () =>
        Math.floor(random() * 256),
      );
      const result = await decodeEvidenceLink(frame(tail));
      expect(result.ok).toBe(false);
    }
  });

  it('bit flips of a valid link (seeded)', async () => {
    const random = prng(4);
    const framed = Buffer.from(
      await encodeEvidenceLink(labEvidence('ecdsap256-nsec.lens.')),
      'base64url',
    );
    for (let i = 0; i < 300; i++) {
      const copy = Buffer.from(framed);
      const at = 1 + Math.floor(random() * (copy.length - 1));
      copy[at] = copy[at]! ^ (1 << Math.floor(random() * 8));
      const result = await decodeEvidenceLink(copy.toString('base64url'));
      expect(typeof result.ok).toBe('boolean');
    }
  });

  it('a value that is not a string', async () => {
    const result = await decodeEvidenceLink(42 as unknown as string);
    expect(result.ok).toBe(false);
  });
});

describe('link size', () => {
  /**
   * Measured sizes (characters of payload), recorded in the report of issue #6. The JSON
   * column is the canonical Evidence JSON deflated and base64url'd, for comparison.
   */
  const CASES: readonly [what: string, evidence: () => Evidence, under: number][] = [
    ['2 resolvers, 4 exchanges', smallEvidence, 400],
    ['lab ECDSA P-256, 40 exchanges', () => labEvidence('ecdsap256-nsec.lens.'), 8 * 1024],
    ['lab Ed25519, 40 exchanges', () => labEvidence('ed25519-nsec.lens.'), 8 * 1024],
    ['lab RSA-2048, first wave (19)', () => labEvidence('rsasha256-nsec.lens.', 19), 8 * 1024],
    ['lab RSA-2048, 40 exchanges', () => labEvidence('rsasha256-nsec.lens.'), 12 * 1024],
    ['40 different responses', () => distinctEvidence(40), 8 * 1024],
  ];

  it.each(CASES)('%s', async (what, make, under) => {
    const evidence = make();
    const payload = await encodeEvidenceLink(evidence);
    const json = deflateRawSync(serialiseEvidence(evidence)).toString('base64url');
    console.info(`${what}: link ${payload.length}, deflated JSON ${json.length + 1}`);
    expect(payload.length).toBeLessThan(under);
    expect(payload.length).toBeLessThan(json.length);
  });

  it('evidenceLinkTooLarge uses the 8 KiB threshold', () => {
    expect(EVIDENCE_LINK_SOFT_LIMIT).toBe(8192);
    expect(evidenceLinkTooLarge('A'.repeat(8192))).toBe(false);
    expect(evidenceLinkTooLarge('A'.repeat(8193))).toBe(true);
  });
});
