/**
 * The fuzzer's seeds: real inputs the app meets, taken from the lab recordings
 * (test/fixtures/lab) and turned into each entry point's form with the app's own writers —
 * DoH bodies as received, evidence links made by `encodeEvidenceLink`, their packed bodies
 * (`packEvidence`), export files made by `buildExportFile` and live-check fragments made by
 * `checkFragment`. Mutating these reaches code that random input never gets past.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeMessage } from '../../src/dns/message';
import type { Evidence, Exchange } from '../../src/evidence/evidence';
import { fromBase64 } from '../../src/dns/wire/encoding';
import { encodeEvidenceLink } from '../../src/report/permalink';
import { packEvidence } from '../../src/report/permalink-layout';
import { checkFragment, evidenceFragment } from '../../src/report/route';
import { buildExportFile } from '../../src/store/export-file';
import { makeRecord } from '../../src/store/investigation-record';
import { labFixtureIds, loadLabFixture } from '../fixtures/lab-fixtures';
import { questionSection } from './dns-messages';
import type { Json } from './json-mutate';

/** One recorded response: where it came from and its octets. */
export interface BodySeed {
  readonly fixture: number;
  readonly exchange: number;
  readonly purpose: Exchange['purpose'];
  readonly bytes: Uint8Array;
}

export interface Corpus {
  readonly ids: readonly string[];
  readonly fixtures: readonly Evidence[];
  readonly bodies: readonly BodySeed[];
  /** The octets of `bodies`, for splicing. */
  readonly bodyBytes: readonly Uint8Array[];
  /** Link payloads (base64url), one per recording. */
  readonly payloads: readonly string[];
  /** Packed link bodies (before DEFLATE), one per recording. */
  readonly packed: readonly Uint8Array[];
  /** Import documents: single Evidence files and export files of a few recordings. */
  readonly documents: readonly Json[];
  /** Route fragments the app writes: live checks with overrides, evidence links. */
  readonly fragments: readonly string[];
  /** The question sections of the recorded responses, one per distinct question. */
  readonly questions: readonly Uint8Array[];
  /** EDE EXTRA-TEXTs as resolvers word them: the lab's and the EDE-text vectors'. */
  readonly edeTexts: readonly string[];
}

/** The EDE-text vectors (test/unit/dns/ede-text): the dialects of Google, Cloudflare, Unbound. */
const EDE_VECTORS = 'test/unit/dns/ede-text/vectors.json';

function edeTexts(bodies: readonly Uint8Array[]): string[] {
  const texts = new Set<string>([
    'validation failure <www.expired.lab. A IN>: signature expired from 127.0.0.1 for key expired.lab. while building chain of trust',
    '192.0.2.1:53 rcode=SERVFAIL for www.example.com. A',
    '[2001:db8::1]:53 rcode=REFUSED for www.example.com. A',
  ]);
  for (const bytes of bodies) {
    const decoded = decodeMessage(bytes);
    if (decoded.ok) for (const e of decoded.message.extendedErrors) texts.add(e.extraText);
  }
  if (existsSync(EDE_VECTORS)) {
    const vectors = JSON.parse(readFileSync(EDE_VECTORS, 'utf8')) as unknown;
    if (Array.isArray(vectors)) {
      for (const v of vectors as { text?: unknown }[]) {
        if (typeof v.text === 'string') texts.add(v.text);
      }
    }
  }
  texts.delete('');
  return [...texts];
}

let cached: Promise<Corpus> | undefined;

async function build(): Promise<Corpus> {
  const ids = labFixtureIds();
  const fixtures = ids.map(loadLabFixture);
  const bodies: BodySeed[] = [];
  fixtures.forEach((evidence, fixture) => {
    evidence.exchanges.forEach((x, exchange) => {
      const bytes = x.response === undefined ? undefined : fromBase64(x.response);
      if (bytes !== undefined) bodies.push({ fixture, exchange, purpose: x.purpose, bytes });
    });
  });
  const payloads = await Promise.all(fixtures.map((e) => encodeEvidenceLink(e)));
  const packed = fixtures.map(packEvidence);
  const now = Date.UTC(2026, 0, 1);
  const records = fixtures.map((e, i) =>
    makeRecord(e, { verdict: 'ok', reason: 'secure', headline: `recording ${ids[i]}` }, now + i),
  );
  const documents: Json[] = [
    ...fixtures.slice(0, 8).map((e) => JSON.parse(JSON.stringify(e)) as Json),
    ...[0, 3, 6, 9, 12, 15, 18, 21].map(
      (i) => JSON.parse(buildExportFile(records.slice(i, i + 2), now)) as Json,
    ),
    JSON.parse(buildExportFile([], now)) as Json,
  ];
  const fragments = [
    ...fixtures.map((e) =>
      checkFragment(e.question.name, e.question.type, {
        resolvers: e.resolvers.map((r) => r.url),
        trustAnchors: e.trustAnchors,
        rdap: 'http://127.0.0.1:8540/bootstrap/dns.json',
      }),
    ),
    ...payloads.slice(0, 4).map((p) => evidenceFragment(p, { rdap: 'off' })),
    checkFragment('xn--bcher-kva.example', 'AAAA'),
    checkFragment('_dmarc.example.com', 'TXT'),
    '#/history',
    '#/saved/0123456789abcdef0123456789abcdef',
    '#/examples',
    '#/',
  ];
  const bodyBytes = bodies.map((b) => b.bytes);
  const questions = new Map<string, Uint8Array>();
  for (const bytes of bodyBytes) {
    const q = questionSection(bytes);
    if (q !== undefined) questions.set(q.join(','), q);
  }
  return {
    ids,
    fixtures,
    bodies,
    bodyBytes,
    payloads,
    packed,
    documents,
    fragments,
    questions: [...questions.values()],
    edeTexts: edeTexts(bodyBytes),
  };
}

/** Loaded once per process (encoding the links is asynchronous). */
export function loadCorpus(): Promise<Corpus> {
  cached ??= build();
  return cached;
}
