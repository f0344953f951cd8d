/**
 * The live check and the Evidence reader agree: a request that checkRequestProblems lets
 * through gives Evidence that parseEvidence (and so a link, a save, an export) accepts, and
 * one it refuses is one the reader would refuse. Each limit is tried at its edge and one
 * past it.
 */
import { describe, expect, it } from 'vitest';
import type { Evidence } from '../../../src/evidence/evidence';
import { checkRequestProblems, type CheckRequestShape } from '../../../src/report/check-limits';
import { EVIDENCE_LIMITS, parseEvidence } from '../../../src/evidence/codec';
import { RDAP_LIMITS } from '../../../src/evidence/codec-rdap';

const base: CheckRequestShape = {
  question: { name: 'www.example.com.', type: 'A' },
  resolvers: [{ url: 'https://dns.google/dns-query', label: 'Google' }],
  trustAnchors: [],
  rdapBootstrap: 'https://data.iana.org/rdap/dns.json',
};

/** The Evidence a check of `request` records before any answer arrives. */
function evidenceOf(request: CheckRequestShape): Evidence {
  return {
    version: 1,
    question: request.question,
    resolvers: request.resolvers,
    trustAnchors: request.trustAnchors,
    startedAt: 1_790_000_000_000,
    finishedAt: 1_790_000_000_500,
    exchanges: [],
    ...(request.rdapBootstrap === undefined
      ? {}
      : {
          rdap: [
            {
              id: 'r0',
              domain: 'example.com.',
              bootstrap: request.rdapBootstrap,
              startedAt: 1_790_000_000_000,
              durationMs: 10,
              error: { class: 'no-service', message: 'no RDAP service for com' },
            },
          ],
        }),
  };
}

const resolvers = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ url: `https://r${i}.example/dns-query`, label: `R${i}` }));
const ds = '. IN DS 13522 8 2 F6783601DE962B4227AD6D435F53B8F6E867F31085047B134614DFC8E9ED3EA8';
const longPath = (chars: number) => {
  const head = 'https://dns.example/';
  return head + 'p'.repeat(chars - head.length);
};
const label = (octets: number) => {
  // Labels of 63 octets joined by dots, with a trailing dot, `octets` long in wire form.
  const parts: string[] = [];
  let left = octets - 1; // the root's length octet
  while (left > 0) {
    const take = Math.min(63, left - 1);
    parts.push('a'.repeat(take));
    left -= take + 1;
  }
  return `${parts.join('.')}.`;
};

const CASES: readonly [string, Partial<CheckRequestShape>, boolean][] = [
  ['the defaults', {}, true],
  ['a TYPE number', { question: { name: 'x.example.', type: 'TYPE65534' } }, true],
  ['a type with a space', { question: { name: 'x.example.', type: 'A A' } }, false],
  [
    'a type of 17 characters',
    { question: { name: 'x.example.', type: 'TYPE0000000000001' } },
    false,
  ],
  ['a name of 255 octets', { question: { name: label(255), type: 'A' } }, true],
  ['a name of 256 octets', { question: { name: label(256), type: 'A' } }, false],
  [
    `${EVIDENCE_LIMITS.resolvers} resolvers`,
    { resolvers: resolvers(EVIDENCE_LIMITS.resolvers) },
    true,
  ],
  [
    `${EVIDENCE_LIMITS.resolvers + 1} resolvers`,
    { resolvers: resolvers(EVIDENCE_LIMITS.resolvers + 1) },
    false,
  ],
  [
    'a resolver URL at the limit',
    { resolvers: [{ url: longPath(EVIDENCE_LIMITS.urlCharacters), label: 'long' }] },
    true,
  ],
  [
    'a resolver URL one past it',
    { resolvers: [{ url: longPath(EVIDENCE_LIMITS.urlCharacters + 1), label: 'long' }] },
    false,
  ],
  [
    'a resolver name one past the limit',
    {
      resolvers: [
        { url: 'https://a.example/q', label: 'n'.repeat(EVIDENCE_LIMITS.labelCharacters + 1) },
      ],
    },
    false,
  ],
  [
    `${EVIDENCE_LIMITS.trustAnchors} anchors`,
    { trustAnchors: Array(EVIDENCE_LIMITS.trustAnchors).fill(ds) },
    true,
  ],
  [
    `${EVIDENCE_LIMITS.trustAnchors + 1} anchors`,
    { trustAnchors: Array(EVIDENCE_LIMITS.trustAnchors + 1).fill(ds) },
    false,
  ],
  [
    'an anchor at the size limit',
    { trustAnchors: [ds.padEnd(EVIDENCE_LIMITS.trustAnchorCharacters, ' ')] },
    true,
  ],
  [
    'an anchor one past it',
    { trustAnchors: [ds.padEnd(EVIDENCE_LIMITS.trustAnchorCharacters + 1, ' ')] },
    false,
  ],
  ['an empty anchor', { trustAnchors: [''] }, false],
  [
    'a bootstrap URL one past the limit',
    { rdapBootstrap: longPath(RDAP_LIMITS.urlCharacters + 1) },
    false,
  ],
];

describe('checkRequestProblems', () => {
  it.each(CASES)('%s: the check and the evidence reader agree', (_, patch, accepted) => {
    const request = { ...base, ...patch };
    const problems = checkRequestProblems(request);
    const parsed = parseEvidence(evidenceOf(request));
    expect(problems.length === 0).toBe(accepted);
    expect(parsed.ok).toBe(accepted);
  });

  it('refuses a type no query can carry, which the reader (recorded text) would keep', () => {
    const request = { ...base, question: { name: 'x.example.', type: 'FOO' } };
    expect(checkRequestProblems(request)).toHaveLength(1);
    expect(parseEvidence(evidenceOf(request)).ok).toBe(true);
  });

  it('names the limit in a sentence', () => {
    expect(checkRequestProblems({ ...base, question: { name: 'x.', type: 'FOO' } })).toEqual([
      '"FOO" is not a record type this app can ask for: use a mnemonic such as A, MX or DNSKEY, or TYPE65534.',
    ]);
    expect(
      checkRequestProblems({
        ...base,
        trustAnchors: Array(EVIDENCE_LIMITS.trustAnchors + 1).fill(ds),
      }),
    ).toEqual([
      `This check names ${EVIDENCE_LIMITS.trustAnchors + 1} trust anchors; at most ${EVIDENCE_LIMITS.trustAnchors} are accepted.`,
    ]);
  });
});
