/**
 * The words of the graph: what an edge's outcome is called where it is drawn and read out,
 * a signature as the evidence pane lists it, and the names of statuses. One place, so the
 * picture, the screen reader and the evidence pane say the same thing.
 */

import { visibleText } from '../../dns/visible-text';
import type { SignatureInfo } from '../../dnssec/proof-tree';
import { signatureRow } from '../chain-view';
import type { GraphStatus, SignatureEvidence } from './graph';

/** The short text drawn on an edge that is not secure, by its outcome. */
const TAGS: Readonly<Record<string, string>> = {
  expired: 'expired',
  'not-yet-valid': 'not yet valid',
  invalid: 'bad signature',
  'no-key': 'no such key',
  malformed: 'malformed',
  unsupported: 'unsupported',
  'not-tried': 'not checked',
  missing: 'no RRSIG',
  'no-match': 'no match',
  unused: 'unused DS',
  'no-ds': 'no DS',
  'opt-out': 'opt-out',
};

/** The tag drawn on an edge: nothing on a secure one, its outcome's words otherwise. */
export function edgeTag(status: GraphStatus, outcome: string): string {
  if (status === 'secure') return '';
  return TAGS[outcome] ?? status;
}

/** `expired` → `expired`, `not-yet-valid` → `not yet valid`: an outcome as words. */
export function outcomeWords(outcome: string): string {
  return TAGS[outcome] ?? outcome.replace(/-/g, ' ');
}

/** A status as the status glyph says it, for readers without colour (DNSViz has none). */
export const STATUS_MARK: Readonly<Record<GraphStatus, string>> = {
  secure: '✓',
  insecure: '–',
  bogus: '✗',
  indeterminate: '?',
  failing: '!',
};

/** One signature for the evidence pane: the list's row, with its record, made visible. */
export function signatureEvidence(sig: SignatureInfo): SignatureEvidence {
  return { ...signatureRow(sig), signer: visibleText(sig.signer), text: visibleText(sig.text) };
}

/** `signer|keyTag|owner|type`, lower case: names one signature across the proof tree. */
export function signatureKey(sig: SignatureInfo): string {
  return `${sig.signer}|${sig.keyTag}|${sig.owner}|${sig.typeCovered}`.toLowerCase();
}

/** `1 record`, `2 records` */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
