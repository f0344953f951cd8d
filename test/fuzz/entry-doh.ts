/**
 * Entry point 1: a DoH response body, as a resolver (or anything posing as one) sends it,
 * through everything that reads it: decodeMessage → dig text → summariseExchange (the grid
 * cell) → validateEvidence (the chain of trust) → diagnose (the verdict).
 *
 * Then the page's reading of that Evidence: chain panel, exchange details, Markdown report.
 *
 * The body reaches the Evidence the way it does in the app: the real transport (queryDoh,
 * with a fetch that returns it as an HTTP 200 application/dns-message response) classifies
 * it and toExchange records it. Two ways to place it:
 * - in place: a recording with one exchange's response replaced by a damaged copy of that
 *   very response, so the rest of the chain is real and validation goes deep;
 * - alone: one Evidence whose exchanges — one per purpose, the target with CD=0 and CD=1 —
 *   all carry the body, so it is read as a target answer, DNSKEY, DS, NS, SOA, CNAME and
 *   address answer at once.
 */
import fc from 'fast-check';
import { formatDig } from '../../src/dns/dig-text';
import { decodeMessage } from '../../src/dns/message';
import { WIRE_ERROR_CODES } from '../../src/dns/wire/result';
import { queryDoh, toExchange } from '../../src/doh/transport';
import type {
  Evidence,
  EvidenceQuestion,
  Exchange,
  ExchangePurpose,
} from '../../src/evidence/evidence';
import { parseEvidence } from '../../src/evidence/codec';
import type { Corpus } from './corpus';
import { analyse } from './check-diagnosis';
import { dnsMessage, edeAnswer, questionSection } from './dns-messages';
import {
  base64ToBytes,
  bytesToBase64,
  nonEmptyString,
  shape,
  stringList,
  type Entry,
} from './entry';
import { applyByteEdits, applyTextEdits, byteEdits, mutatedBytes, textEdit } from './mutate';

export interface DohCase {
  readonly body: Uint8Array;
  /** The recording that gives the context: question, resolvers, time, trust anchors. */
  readonly fixture: number;
  /**
   * The exchange whose question is asked (and, in place, whose response is replaced); -1:
   * the body's own question, or the recording's when the body has none.
   */
  readonly exchange: number;
  readonly inPlace: boolean;
}

const DECODE_ERRORS: ReadonlySet<string> = new Set([...WIRE_ERROR_CODES, 'empty']);

/** Per purpose, the type asked: what the planner asks for each (investigate/plan). */
const ALONE: readonly [ExchangePurpose, boolean, string | null][] = [
  ['target', true, null],
  ['target', false, null],
  ['dnskey', true, 'DNSKEY'],
  ['ds', true, 'DS'],
  ['ns', false, 'NS'],
  ['soa', false, 'SOA'],
  ['cname', false, null],
  ['address', false, 'A'],
];

/**
 * The Exchange the app records when a resolver answers `asked` with `body`: the real
 * transport (queryDoh, then toExchange) classifies it — malformed, mismatch, truncated or
 * an answer — from an HTTP 200 application/dns-message response carrying the body.
 */
async function received(asked: Exchange, body: Uint8Array): Promise<Exchange> {
  const outcome = await queryDoh({
    url: asked.resolver,
    name: asked.question.name,
    type: asked.question.type,
    cd: asked.cd,
    do: asked.do,
    now: () => asked.startedAt,
    fetchImpl: () =>
      Promise.resolve(
        new Response(body.slice(), {
          status: 200,
          headers: { 'content-type': 'application/dns-message' },
        }),
      ),
  });
  return toExchange(outcome, { id: asked.id, purpose: asked.purpose, wave: asked.wave });
}

async function aloneEvidence(
  base: Evidence,
  question: EvidenceQuestion,
  body: Uint8Array,
): Promise<Evidence> {
  const resolver = base.resolvers[0]!;
  const exchanges = await Promise.all(
    ALONE.map(([purpose, cd, type], i) =>
      received(
        {
          id: `x${i}`,
          resolver: resolver.url,
          question: { name: question.name, type: type ?? question.type },
          cd,
          do: true,
          purpose,
          wave: purpose === 'target' ? 1 : 2,
          startedAt: base.startedAt + i,
          durationMs: 0,
        },
        body,
      ),
    ),
  );
  return { ...base, question, resolvers: [resolver], exchanges };
}

/** The body's own first question, when the Evidence format can hold it (else undefined). */
function ownQuestion(body: Uint8Array): EvidenceQuestion | undefined {
  const decoded = decodeMessage(body);
  const q = decoded.ok ? decoded.message.question[0] : undefined;
  if (q === undefined) return undefined;
  const question = { name: q.name.toLowerCase(), type: q.type };
  const probe = parseEvidence({
    version: 1,
    question,
    resolvers: [{ url: 'https://dns.example/dns-query', label: '' }],
    trustAnchors: [],
    startedAt: 0,
    finishedAt: 0,
    exchanges: [],
  });
  return probe.ok ? question : undefined;
}

/** The Evidence a case stands for; it must pass the app's own Evidence check. */
export async function dohEvidence(input: DohCase, corpus: Corpus): Promise<Evidence> {
  const base = corpus.fixtures[input.fixture]!;
  const seed = base.exchanges[input.exchange];
  const evidence =
    input.inPlace && seed !== undefined
      ? {
          ...base,
          exchanges: await Promise.all(
            base.exchanges.map((x) => (x === seed ? received(x, input.body) : x)),
          ),
        }
      : await aloneEvidence(
          base,
          seed?.question ?? ownQuestion(input.body) ?? base.question,
          input.body,
        );
  const checked = parseEvidence(evidence);
  if (!checked.ok) throw new Error(`fuzz harness built invalid evidence: ${checked.message}`);
  return evidence;
}

export async function runDoh(input: DohCase, corpus: Corpus): Promise<string> {
  const decoded = decodeMessage(input.body);
  if (decoded.ok) {
    shape(decoded.message.size === input.body.length, 'decoded size differs from the body');
    stringList(decoded.message.warnings, 'decode warnings');
    const text = formatDig(decoded.message, {
      resolver: 'https://dns.example/dns-query',
      durationMs: 1,
    });
    nonEmptyString(text, 'dig text');
  } else {
    shape(DECODE_ERRORS.has(decoded.error.code), `decode error code ${decoded.error.code}`);
    nonEmptyString(decoded.error.message, 'decode error message');
  }
  const evidence = await dohEvidence(input, corpus);
  const verdict = await analyse(evidence);
  const read = decoded.ok ? 'decoded' : decoded.error.code;
  return `${input.inPlace ? 'in place' : 'alone'}, ${read} → ${verdict}`;
}

function dohArbitrary(corpus: Corpus): fc.Arbitrary<DohCase> {
  const { bodies, bodyBytes } = corpus;
  const edeText = (text: string): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constant(text),
      fc
        .array(textEdit, { minLength: 1, maxLength: 3 })
        .map((edits) => applyTextEdits(text, edits)),
    );
  // A recorded response, damaged, back in its own exchange; or, for a target, replaced by
  // a failure answer with a resolver's EDE wording.
  const inPlace = fc
    .record({ seed: fc.nat(bodies.length - 1), edits: byteEdits(6), ede: fc.nat(4) })
    .chain(({ seed, edits, ede }) => {
      const b = bodies[seed]!;
      const question = questionSection(b.bytes);
      const body =
        ede === 0 && b.purpose === 'target' && question !== undefined
          ? edeAnswer([question], corpus.edeTexts, edeText)
          : fc.constant(applyByteEdits(b.bytes, edits, bodyBytes));
      return body.map((bytes): DohCase => ({
        body: bytes,
        fixture: b.fixture,
        exchange: b.exchange,
        inPlace: true,
      }));
    });
  // Any body, carried by every purpose; asked the question of a recorded exchange or its own.
  const seedQuestion = fc.nat(bodies.length - 1).map((i) => bodies[i]!);
  const body = fc.oneof(
    { weight: 4, arbitrary: mutatedBytes(bodyBytes, 8) },
    { weight: 3, arbitrary: dnsMessage },
    { weight: 2, arbitrary: edeAnswer(corpus.questions, corpus.edeTexts, edeText) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(0x8180, 0x8182, 0x81a0, 0x8183), fc.uint8Array({ maxLength: 300 }))
        .map(([flags, tail]) =>
          Uint8Array.from([0, 0, flags >> 8, flags & 0xff, 0, 1, 0, 2, 0, 1, 0, 1, ...tail]),
        ),
    },
  );
  const alone = fc
    .record({ seed: seedQuestion, own: fc.boolean(), body })
    .map(({ seed, own, body: b }): DohCase => ({
      body: b,
      fixture: seed.fixture,
      exchange: own ? seed.exchange : -1,
      inPlace: false,
    }));
  // In place costs a whole chain validation (~7 signatures); alone, a few decodes.
  return fc.oneof({ weight: 1, arbitrary: inPlace }, { weight: 2, arbitrary: alone });
}

export const dohEntry: Entry<DohCase> = {
  name: 'DoH bodies',
  arbitrary: dohArbitrary,
  run: runDoh,
  save: (input, corpus) => ({
    fixture: corpus.ids[input.fixture],
    exchange: input.exchange,
    inPlace: input.inPlace,
    body: bytesToBase64(input.body),
  }),
  load: (saved, corpus) => ({
    fixture: corpus.ids.indexOf(String(saved.fixture)),
    exchange: Number(saved.exchange),
    inPlace: saved.inPlace === true,
    body: base64ToBytes(String(saved.body)),
  }),
};
