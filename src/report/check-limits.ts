/**
 * The live check accepts exactly what the Evidence reader accepts (evidence-codec.ts,
 * evidence-codec-rdap.ts), so that a result that can be run can also be saved, linked,
 * exported and opened again: a check whose question, resolvers, trust anchors or registry
 * bootstrap the reader would refuse is refused before it sends anything, with a message
 * that names the limit, instead of running and then failing to save or to make a link.
 *
 * The limits themselves are the reader's constants, imported, not copied: raising one
 * there raises it here.
 *
 * @example
 *   checkRequestProblems({ question: { name: 'example.com.', type: 'FOO' }, resolvers, trustAnchors: [] })
 *   // ['"FOO" is not a record type this app can ask for: use a mnemonic such as A, MX or DNSKEY, or TYPE65534.']
 */

import { typeFromText } from '../dns/wire/types';
import type { EvidenceQuestion, EvidenceResolver } from '../evidence/evidence';
import { EVIDENCE_LIMITS, RDAP_LIMITS } from '../evidence/limits';

export interface CheckRequestShape {
  readonly question: EvidenceQuestion;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  readonly rdapBootstrap?: string;
}

/** What the reader takes as a type (readQuestion): a mnemonic of letters, digits and `-`. */
const TYPE_SHAPE = /^[A-Za-z0-9-]+$/;
const TYPE_CHARACTERS = 16;
/** What the reader takes as a URL (readResolver, RDAP readLookup). */
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;

const shown = (text: string): string =>
  JSON.stringify(text.length <= 60 ? text : `${text.slice(0, 57)}…`);

/** RFC 1035 §2.3.4: a name is at most 255 octets in wire form (labels plus lengths). */
function nameWireOctets(name: string): number {
  if (name === '.') return 1;
  return new TextEncoder().encode(name.endsWith('.') ? name : `${name}.`).length + 1;
}

function questionProblems(question: EvidenceQuestion): string[] {
  const out: string[] = [];
  const { type, name } = question;
  if (type.length > TYPE_CHARACTERS || !TYPE_SHAPE.test(type) || typeFromText(type) === undefined) {
    out.push(
      `${shown(type)} is not a record type this app can ask for: use a mnemonic such as A, MX or DNSKEY, or TYPE65534.`,
    );
  }
  const octets = nameWireOctets(name);
  if (octets > EVIDENCE_LIMITS.nameOctets) {
    out.push(
      `The name is ${octets} octets long; a DNS name has at most ${EVIDENCE_LIMITS.nameOctets} (RFC 1035 §2.3.4).`,
    );
  }
  return out;
}

function resolverProblems(resolvers: readonly EvidenceResolver[]): string[] {
  const out: string[] = [];
  if (resolvers.length > EVIDENCE_LIMITS.resolvers) {
    out.push(
      `This check names ${resolvers.length} resolvers; at most ${EVIDENCE_LIMITS.resolvers} can be asked in one check (and kept in its evidence).`,
    );
  }
  for (const r of resolvers) {
    if (r.url.length > EVIDENCE_LIMITS.urlCharacters) {
      out.push(
        `The resolver URL ${shown(r.url)} is ${r.url.length} characters long; at most ${EVIDENCE_LIMITS.urlCharacters} are accepted.`,
      );
    } else if (!HTTP_URL.test(r.url)) {
      out.push(`The resolver URL ${shown(r.url)} is not an http(s) URL.`);
    }
    if (r.label.length > EVIDENCE_LIMITS.labelCharacters) {
      out.push(
        `The resolver name ${shown(r.label)} is ${r.label.length} characters long; at most ${EVIDENCE_LIMITS.labelCharacters} are accepted.`,
      );
    }
  }
  return out;
}

function anchorProblems(anchors: readonly string[]): string[] {
  const out: string[] = [];
  if (anchors.length > EVIDENCE_LIMITS.trustAnchors) {
    out.push(
      `This check names ${anchors.length} trust anchors; at most ${EVIDENCE_LIMITS.trustAnchors} are accepted.`,
    );
  }
  anchors.forEach((anchor, i) => {
    if (anchor.trim() === '') out.push(`Trust anchor ${i + 1} is empty.`);
    if (anchor.length > EVIDENCE_LIMITS.trustAnchorCharacters) {
      out.push(
        `Trust anchor ${i + 1} is ${anchor.length} characters long; at most ${EVIDENCE_LIMITS.trustAnchorCharacters} are accepted.`,
      );
    }
  });
  return out;
}

function bootstrapProblems(bootstrap: string | undefined): string[] {
  if (bootstrap === undefined) return [];
  if (bootstrap.length > RDAP_LIMITS.urlCharacters) {
    return [
      `The RDAP bootstrap URL is ${bootstrap.length} characters long; at most ${RDAP_LIMITS.urlCharacters} are accepted.`,
    ];
  }
  return HTTP_URL.test(bootstrap)
    ? []
    : [`The RDAP bootstrap URL ${shown(bootstrap)} is not an http(s) URL.`];
}

/**
 * Why a live check may not start, one sentence per problem; empty when it may. Each is a
 * limit the Evidence reader enforces, so the check's result could not be saved or linked.
 */
export function checkRequestProblems(request: CheckRequestShape): readonly string[] {
  return [
    ...questionProblems(request.question),
    ...resolverProblems(request.resolvers),
    ...anchorProblems(request.trustAnchors),
    ...bootstrapProblems(request.rdapBootstrap),
  ];
}
