/**
 * Evidence links for the PWA browser tests: good ones from the recorded lab fixtures, and
 * damaged, oversized and hostile ones built octet by octet (format octet ‖ raw DEFLATE of
 * the packed body, src/report/permalink.ts), each meant to trip one specific check.
 */
import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { encode, RECURSION_AVAILABLE, RECURSION_DESIRED } from 'dns-packet';
import type { Evidence } from '../../src/evidence/evidence';
import { encodeEvidenceLink } from '../../src/report/permalink';

const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** A link payload: the format octet, then raw DEFLATE of `body`. */
export function framed(format: number, body: Uint8Array): string {
  return base64url(Buffer.concat([Uint8Array.of(format), deflateRawSync(body)]));
}

/** A packed body (format 1) whose index is the given JSON text and no response octets. */
export function packedIndex(indexJson: string): Uint8Array {
  const index = Buffer.from(indexJson, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(index.length);
  return Buffer.concat([length, index]);
}

export interface BadLink {
  readonly label: string;
  readonly payload: string;
  /** The `data-kind` the page must show (LinkProblemKind). */
  readonly kind: string;
  /** A part of the message that says what is wrong. */
  readonly says: RegExp;
}

/** One of every kind of bad link; `good` is a valid payload to damage. */
export function badLinks(good: string): BadLink[] {
  const cut = good.slice(0, Math.floor(good.length / 2));
  const truncated = cut.length % 4 === 1 ? cut.slice(0, -1) : cut;
  return [
    { label: 'bad base64', payload: 'AX2S!!notbase64', kind: 'bad-base64', says: /contains "!"/ },
    { label: 'impossible length', payload: 'AAAAA', kind: 'bad-base64', says: /cut short/ },
    {
      label: 'truncated',
      payload: truncated,
      kind: 'bad-compression',
      says: /corrupt or incomplete/,
    },
    {
      label: 'garbage compressed data',
      payload: base64url(Uint8Array.of(1, 0xff, 0xfe, 0xfd, 0x00, 0x13, 0x37)),
      kind: 'bad-compression',
      says: /corrupt or incomplete/,
    },
    {
      label: 'enormous when inflated (zip bomb)',
      payload: framed(1, new Uint8Array(8 * 1024 * 1024)),
      kind: 'too-large',
      says: /unpacks to more than 2 MiB/,
    },
    {
      label: 'oversized link',
      payload: 'A'.repeat(300 * 1024),
      kind: 'too-large',
      says: /too long/,
    },
    {
      label: 'unknown link format',
      payload: framed(2, packedIndex('[]')),
      kind: 'unknown-version',
      says: /newer version/,
    },
    {
      label: 'unknown evidence version',
      payload: framed(1, packedIndex('[99,"a.example.","A",[],[],0,0,[]]')),
      kind: 'unknown-version',
      says: /version/,
    },
    {
      label: 'index is not JSON',
      payload: framed(1, packedIndex('{not json')),
      kind: 'bad-json',
      says: /not valid JSON/,
    },
    {
      label: 'wrong types',
      payload: framed(
        1,
        packedIndex('[1,"a.example.","A",[["http://127.0.0.1:1/dns-query","x"]],[],"soon",0,[]]'),
      ),
      kind: 'invalid',
      says: /startedAt/,
    },
  ];
}

/** What a hostile name, label and TXT string set as a flag or element if interpreted. */
export const HOSTILE_NAME = '<img/src=x/onerror=window.__xss=1>.example.';
export const HOSTILE_LABEL = '<img src=x onerror="window.__xss=2">';
export const HOSTILE_TXT = '<script>window.__xss=3</script><b>bold</b>';

function txtResponse(name: string, text: string): string {
  const wire = encode({
    type: 'response',
    id: 0,
    flags: RECURSION_DESIRED | RECURSION_AVAILABLE,
    questions: [{ type: 'TXT', name: name.slice(0, -1), class: 'IN' }],
    answers: [{ type: 'TXT', name: name.slice(0, -1), class: 'IN', ttl: 60, data: [text] }],
  });
  return Buffer.from(wire).toString('base64');
}

/** Valid evidence whose name, resolver label and TXT answer are all markup. */
export function hostileEvidence(): Evidence {
  const url = 'http://127.0.0.1:9/dns-query';
  const base = Date.UTC(2026, 10, 1, 12, 0, 0);
  const question = { name: HOSTILE_NAME, type: 'TXT' };
  return {
    version: 1,
    question,
    resolvers: [{ url, label: HOSTILE_LABEL }],
    trustAnchors: [],
    startedAt: base,
    finishedAt: base + 80,
    exchanges: [false, true].map((cd, i) => ({
      id: `x${i}`,
      resolver: url,
      question,
      cd,
      do: true,
      purpose: 'target' as const,
      wave: 1,
      startedAt: base + i,
      durationMs: 40,
      httpStatus: 200,
      contentType: 'application/dns-message',
      response: txtResponse(HOSTILE_NAME, HOSTILE_TXT),
    })),
  };
}

/**
 * Valid evidence too large for a comfortable link: a recording plus exchanges whose bodies
 * are random octets (incompressible; they summarise as malformed responses).
 */
export function oversizedEvidence(recorded: Evidence): Evidence {
  const last = recorded.exchanges[recorded.exchanges.length - 1];
  if (last === undefined) throw new Error('empty recording');
  const extra = Array.from({ length: 24 }, (_, i) => ({
    ...last,
    id: `big${i}`,
    purpose: 'address' as const,
    response: randomBytes(400).toString('base64'),
  }));
  return { ...recorded, exchanges: [...recorded.exchanges, ...extra] };
}

export { encodeEvidenceLink };
