/**
 * `diffResults(before, after)`: what changed between two results of the same question (two
 * saved ones, then and now, two runs of a watch), one difference per thing, each worded
 * and resting on the exchanges of either result. Pure and deterministic like `diagnose`:
 * it reads the evidence through the decode cache and the validation's choice of chain
 * material, so the differences name the same responses the two pages show.
 *
 * Order: the verdict (and the trust anchors, when they differ), the registry, the chain of trust zone by zone from the root down (DS
 * at the parent, DNSKEY set, who signs it), the answer's signatures, the delegation (NS sets
 * and nameserver addresses), then each resolver's answer.
 */

import { fqdn } from '../../dns/name';
import { anchorKeyTags, identifyTrustAnchors } from '../../dnssec/anchors/anchor-identity';
import { differenceText } from '../explain/diff';
import { addressDifferences, nsDifferences } from './delegation';
import {
  DIFFERENCE_TOPIC,
  type AnchorsDifference,
  type AnchorsFacts,
  type DiffSide,
  type Difference,
  type DifferenceFinding,
  type DifferenceTopic,
  type VerdictDifference,
} from './difference';
import { chainSet, chainZones, dnskeyDifferences, dsDifferences } from './keys';
import { registryDifferences } from './registry';
import { resolverDifferences } from './resolvers';
import { answerSignatures, keySetSignatures } from './signatures';

/** Thrown when the two results answer different questions: there is nothing to compare. */
export class DifferentQuestionsError extends Error {
  constructor(before: DiffSide, after: DiffSide) {
    const q = (side: DiffSide) => `${side.evidence.question.name} ${side.evidence.question.type}`;
    super(
      `These two results answer different questions (${q(before)} and ${q(after)}): only results of the same name and type can be compared.`,
    );
    this.name = 'DifferentQuestionsError';
  }
}

/** Whether two results answer the same question (name compared as DNS does, RFC 4343). */
export function sameQuestion(before: DiffSide, after: DiffSide): boolean {
  const a = before.evidence.question;
  const b = after.evidence.question;
  return fqdn(a.name) === fqdn(b.name) && a.type.toUpperCase() === b.type.toUpperCase();
}

/** Trust anchors come with the evidence, not from an exchange. */
const NO_REFS = { before: [], after: [] } as const;

function anchorsOf(evidence: DiffSide['evidence']): AnchorsFacts {
  const identity = identifyTrustAnchors(evidence.trustAnchors);
  return {
    kind: identity.kind,
    keyTags: anchorKeyTags(identity),
    partOfRoot: identity.kind === 'custom' && identity.partOfRoot,
  };
}

/** The trust anchors in force, when the two results were not validated against the same. */
function anchorsDifference(before: DiffSide, after: DiffSide): AnchorsDifference[] {
  const then = anchorsOf(before.evidence);
  const now = anchorsOf(after.evidence);
  const same =
    then.kind === now.kind &&
    then.partOfRoot === now.partOfRoot &&
    then.keyTags.join(' ') === now.keyTags.join(' ');
  return same ? [] : [{ kind: 'trust-anchors', before: then, after: now, exchanges: NO_REFS }];
}

function verdictDifference(before: DiffSide, after: DiffSide): VerdictDifference[] {
  const then = before.diagnosis;
  const now = after.diagnosis;
  if (then.verdict === now.verdict && then.reason === now.reason) return [];
  const claimed = (side: DiffSide) => [
    ...new Set(side.diagnosis.claims.flatMap((c) => c.exchanges)),
  ];
  return [
    {
      kind: 'verdict',
      before: { verdict: then.verdict, reason: then.reason },
      after: { verdict: now.verdict, reason: now.reason },
      exchanges: { before: claimed(before), after: claimed(after) },
    },
  ];
}

/** Per zone on the chain: its DS at the parent, its DNSKEY set, and who signs that set. */
function chainDifferences(before: DiffSide, after: DiffSide): DifferenceFinding[] {
  return chainZones(before, after).flatMap((zone) => {
    const keys = {
      before: chainSet(before, zone, 'DNSKEY'),
      after: chainSet(after, zone, 'DNSKEY'),
    };
    return [
      ...dsDifferences(zone, chainSet(before, zone, 'DS'), chainSet(after, zone, 'DS')),
      ...dnskeyDifferences(zone, keys.before, keys.after),
      ...keySetSignatures(zone, { before, after }, keys),
    ];
  });
}

/** DS and DNSKEY sets that could not be read belong with DNSSEC; NS and addresses do not. */
function topicOf(d: DifferenceFinding): DifferenceTopic {
  if (d.kind === 'record-set' && (d.type === 'DS' || d.type === 'DNSKEY')) return 'dnssec';
  return DIFFERENCE_TOPIC[d.kind];
}

/**
 * The differences between two results of one question, `before` the earlier.
 *
 * @example
 * const diffs = diffResults(then, now); // each: { kind, topic, text, exchanges, … }
 * diffs.map((d) => d.text);
 * // ['The verdict went from dnssec-bogus (ds-mismatch: …) to ok (secure: …).',
 * //  'DS 12345 for example.lab. removed at lab. (algorithm 13, digest type 2).', …]
 * @throws DifferentQuestionsError when they answer different questions.
 */
export function diffResults(before: DiffSide, after: DiffSide): readonly Difference[] {
  if (!sameQuestion(before, after)) throw new DifferentQuestionsError(before, after);
  const findings: DifferenceFinding[] = [
    ...verdictDifference(before, after),
    ...anchorsDifference(before, after),
    ...registryDifferences(before.evidence, after.evidence),
    ...chainDifferences(before, after),
    ...answerSignatures(before, after),
    ...nsDifferences(before.evidence, after.evidence),
    ...addressDifferences(before.evidence, after.evidence),
    ...resolverDifferences(before.evidence, after.evidence),
  ];
  return findings.map((f) => ({ ...f, topic: topicOf(f), text: differenceText(f) }));
}
