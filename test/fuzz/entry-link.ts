/**
 * Entry point 2: an evidence link, `#/evidence/<payload>`, as a person pastes it — through
 * parseRoute and decodeEvidenceLink (base64url → format octet → bounded inflate → unpack →
 * parseEvidence), and for a link that opens, what the app does next: validate, diagnose
 * and show it (check-diagnosis.ts `analyse`).
 *
 * Links are damaged at every layer of their format (permalink.ts, permalink-layout.ts): the
 * text, the compressed octets, the packed body (index length, response lengths, the raw
 * responses) and the JSON index itself, re-compressed so the damage gets past inflate.
 */
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { parseEvidence, serialiseEvidence } from '../../src/evidence/codec';
import { decodeEvidenceLink, LINK_FORMAT } from '../../src/report/permalink';
import { parseRoute } from '../../src/report/route';
import { analyse } from './check-diagnosis';
import type { Corpus } from './corpus';
import { nonEmptyString, shape, type Entry } from './entry';
import { applyJsonEdits, jsonEdits, type Json } from './json-mutate';
import { applyByteEdits, applyTextEdits, byteEdits, mutatedText, textEdit } from './mutate';

export interface LinkCase {
  readonly fragment: string;
}

const KINDS = new Set([
  'bad-base64',
  'bad-compression',
  'too-large',
  'bad-json',
  'invalid',
  'unknown-version',
]);

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** A payload from a format octet and a body, compressed the way the app does. */
function frame(body: Uint8Array, format: number = LINK_FORMAT): string {
  return base64url(Buffer.concat([Buffer.of(format), deflateRawSync(body)]));
}

function framedBytes(payload: string): Uint8Array {
  return new Uint8Array(Buffer.from(payload, 'base64url'));
}

/** The packed body with its JSON index replaced (the responses stay behind it). */
function withIndex(packed: Uint8Array, edit: (index: Json) => Json): Uint8Array {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = view.getUint32(0);
  const index = JSON.parse(Buffer.from(packed.subarray(4, 4 + length)).toString('utf8')) as Json;
  const text = Buffer.from(JSON.stringify(edit(index)) ?? 'null');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(text.length);
  return Buffer.concat([head, text, packed.subarray(4 + length)]);
}

function linkArbitrary(corpus: Corpus): fc.Arbitrary<LinkCase> {
  const { payloads, packed } = corpus;
  const framed = payloads.map(framedBytes);
  const which = fc.nat(payloads.length - 1);
  const suffix = fc.constantFrom(
    '',
    '',
    '',
    '?rdap=off',
    '?resolver=http%3A%2F%2F127.0.0.1%3A8531%2Fdns-query',
    '/x',
    '?',
  );
  const payload: fc.Arbitrary<string> = fc.oneof(
    // Copy and paste: characters changed, lost or added in the text.
    {
      weight: 3,
      arbitrary: fc
        .record({ i: which, edits: fc.array(textEdit, { minLength: 1, maxLength: 4 }) })
        .map(({ i, edits }) => applyTextEdits(payloads[i]!, edits)),
    },
    // The compressed octets damaged.
    {
      weight: 2,
      arbitrary: fc
        .record({ i: which, edits: byteEdits(4) })
        .map(({ i, edits }) => base64url(applyByteEdits(framed[i]!, edits))),
    },
    // The packed body damaged, then compressed again: unpacking sees the damage.
    {
      weight: 3,
      arbitrary: fc
        .record({ i: which, edits: byteEdits(6) })
        .map(({ i, edits }) => frame(applyByteEdits(packed[i]!, edits, packed))),
    },
    // The index's JSON edited: fields of the wrong type, counts, lengths, ids.
    {
      weight: 4,
      arbitrary: fc
        .record({ i: which, edits: jsonEdits(4) })
        .map(({ i, edits }) =>
          frame(withIndex(packed[i]!, (index) => applyJsonEdits(index, edits))),
        ),
    },
    // Random data, and valid-looking frames of other formats.
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 300 }).map(base64url),
        fc
          .record({
            format: fc.oneof(fc.constant(1), fc.nat(255)),
            body: fc.uint8Array({ maxLength: 300 }),
          })
          .map(({ format, body }) => frame(body, format)),
        fc.jsonValue({ maxDepth: 3 }).map((v) => frame(Buffer.from(JSON.stringify(v) ?? ''))),
      ),
    },
  );
  const evidenceFragments = corpus.fragments.filter((f) => f.startsWith('#/evidence/'));
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom('#/evidence/', '#/evidence/', 'evidence/', '#/evidence//'),
          payload,
          suffix,
        )
        .map(([head, p, tail]) => ({ fragment: `${head}${p}${tail}` })),
    },
    { weight: 1, arbitrary: mutatedText(evidenceFragments, 4).map((fragment) => ({ fragment })) },
  );
}

export async function runLink(input: LinkCase): Promise<string> {
  const route = parseRoute(input.fragment, '');
  if (route.kind !== 'evidence') return `route ${route.kind}`;
  shape(route.payload !== '', 'the evidence route has an empty payload');
  const opened = await decodeEvidenceLink(route.payload);
  if (!opened.ok) {
    shape(KINDS.has(opened.kind), `unknown refusal kind ${opened.kind}`);
    nonEmptyString(opened.message, `refusal (${opened.kind}) message`);
    return opened.kind;
  }
  // What opens is valid Evidence, rebuilt from known fields only.
  const again = parseEvidence(opened.evidence);
  shape(again.ok, 'an opened link holds evidence that parseEvidence refuses');
  shape(
    serialiseEvidence(again.evidence) === serialiseEvidence(opened.evidence),
    'an opened link changes when it is checked again',
  );
  // The app then validates and diagnoses it and shows it: damage outside the responses
  // (names, types, flags, trust anchors, registry records) reaches the diagnosis this way.
  return `opened → ${await analyse(opened.evidence)}`;
}

export const linkEntry: Entry<LinkCase> = {
  name: 'evidence links',
  arbitrary: linkArbitrary,
  run: (input) => runLink(input),
  save: (input) => ({ fragment: input.fragment }),
  load: (saved) => ({ fragment: String(saved.fragment) }),
};
