/**
 * A saved investigation as it is stored: the Evidence (the source of truth) plus a few
 * fields for the list — the name, the verdict at saving time and a headline. Nothing here
 * touches IndexedDB, so the rules (identity, search, reading back what another version
 * wrote) are tested in Node; `investigations.ts` is the thin IndexedDB layer on top.
 *
 * The id is derived from the Evidence (SHA-256 of its canonical JSON), so saving the same
 * evidence twice updates one entry and importing a file twice adds nothing.
 *
 * The verdict, reason and headline are a cache of what this app's own diagnosis said about
 * the stored Evidence (design.md: the Evidence is the source of truth, the verdict is
 * recomputed wherever it is opened). They are kept only with `summarySource: 'diagnosis'`;
 * an imported file's claims ("ok", "all good") are never stored, and an entry without that
 * mark is listed as "not yet re-checked" until the History view has recomputed it.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { anchorKeyTags, identifyTrustAnchors } from '../dnssec/anchors/anchor-identity';
import type { Evidence } from '../evidence/evidence';
import { parseEvidence, serialiseEvidence } from '../evidence/codec';

/** What this app's diagnosis said about the Evidence (all optional). */
export interface SaveSummary {
  /** Verdict id, e.g. `dnssec-bogus`. */
  readonly verdict?: string;
  /** Reason id, e.g. `ds-mismatch`. */
  readonly reason?: string;
  /** One line for the list, e.g. the verdict's summary sentence. */
  readonly headline?: string;
}

/** Marks summary fields computed by this app from the stored Evidence. */
export const DIAGNOSED = 'diagnosis';

/** One entry of the `investigations` store. */
export interface StoredInvestigation extends SaveSummary {
  readonly id: string;
  /** Present when the summary fields are this app's diagnosis of `evidence`. */
  readonly summarySource?: typeof DIAGNOSED;
  /** Milliseconds since the epoch; indexed, the list is newest first. */
  readonly savedAt: number;
  /** `evidence.question.name`; indexed. */
  readonly name: string;
  readonly type: string;
  readonly evidence: Evidence;
}

/** What the list shows: everything but the Evidence. */
export interface InvestigationSummary extends SaveSummary {
  readonly id: string;
  readonly savedAt: number;
  readonly name: string;
  readonly type: string;
  readonly exchangeCount: number;
  /**
   * When the evidence was observed (`evidence.startedAt`, ms since the epoch), which for an
   * imported result is not when it was saved; absent when the stored evidence has none.
   */
  readonly observedAt?: number;
  /** No verdict of this app's own yet (an imported entry): recompute it from the Evidence. */
  readonly recheck: boolean;
  /**
   * Present when the Evidence was validated against trust anchors that are not the
   * built-in root anchors: their key tags (empty when they cannot be read).
   */
  readonly ownTrustAnchors?: { readonly keyTags: readonly number[] };
}

export const SUMMARY_LIMITS = { verdict: 64, reason: 64, headline: 500 } as const;

/** 32 hex digits (128 bits) of SHA-256 over the canonical Evidence JSON. */
export function investigationId(evidence: Evidence): string {
  const digest = sha256(new TextEncoder().encode(serialiseEvidence(evidence)));
  return bytesToHex(digest).slice(0, 32);
}

/** The summary fields of an untrusted object: strings within bounds, others dropped. */
export function cleanSummary(summary: Readonly<Record<string, unknown>>): SaveSummary {
  const pick = (key: keyof typeof SUMMARY_LIMITS): Partial<Record<string, string>> => {
    const value = summary[key];
    return typeof value === 'string' && value !== '' && value.length <= SUMMARY_LIMITS[key]
      ? { [key]: value }
      : {};
  };
  return { ...pick('verdict'), ...pick('reason'), ...pick('headline') };
}

/**
 * The stored form of checked Evidence. `summary` must be this app's own diagnosis of that
 * Evidence (never what an imported file says); fields that are too long are dropped.
 */
export function makeRecord(
  evidence: Evidence,
  summary: SaveSummary,
  savedAt: number,
): StoredInvestigation {
  const clean = cleanSummary(summary as Readonly<Record<string, unknown>>);
  return {
    id: investigationId(evidence),
    savedAt,
    name: evidence.question.name,
    type: evidence.question.type,
    ...(Object.keys(clean).length > 0 ? { summarySource: DIAGNOSED } : {}),
    ...clean,
    evidence,
  };
}

/** The summary fields of a stored entry, if this app computed them; else none. */
function ownSummary(value: Readonly<Record<string, unknown>>): SaveSummary {
  return value.summarySource === DIAGNOSED ? cleanSummary(value) : {};
}

/** The list's trust-anchor mark for an Evidence's `trustAnchors` (not yet checked). */
function anchorMark(anchors: unknown): Pick<InvestigationSummary, 'ownTrustAnchors'> {
  if (!Array.isArray(anchors) || anchors.length === 0) return {};
  const texts = anchors.filter((a): a is string => typeof a === 'string');
  const identity = identifyTrustAnchors(texts);
  return identity.kind === 'root' && texts.length === anchors.length
    ? {}
    : { ownTrustAnchors: { keyTags: anchorKeyTags(identity) } };
}

export function summariseRecord(record: StoredInvestigation): InvestigationSummary {
  const own = ownSummary(record as unknown as Readonly<Record<string, unknown>>);
  return {
    id: record.id,
    savedAt: record.savedAt,
    name: record.name,
    type: record.type,
    ...own,
    exchangeCount: record.evidence.exchanges.length,
    observedAt: record.evidence.startedAt,
    recheck: record.summarySource !== DIAGNOSED,
    ...anchorMark(record.evidence.trustAnchors),
  };
}

export type RecordRead =
  | { readonly ok: true; readonly record: StoredInvestigation }
  | { readonly ok: false; readonly message: string };

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a stored entry back. The database may hold entries written by an older or newer
 * version of the app, so the Evidence is checked again and the index fields are rebuilt
 * from it rather than trusted.
 */
export function readRecord(value: unknown): RecordRead {
  if (!isObject(value)) return { ok: false, message: 'The saved entry is not an object.' };
  const parsed = parseEvidence(value.evidence);
  if (!parsed.ok)
    return { ok: false, message: `The saved evidence is unreadable: ${parsed.message}` };
  const savedAt =
    typeof value.savedAt === 'number' && Number.isFinite(value.savedAt) ? value.savedAt : 0;
  const record = makeRecord(parsed.evidence, ownSummary(value), savedAt);
  return { ok: true, record: typeof value.id === 'string' ? { ...record, id: value.id } : record };
}

/**
 * The summary of a stored entry for the list, without re-checking the whole Evidence
 * (`getInvestigation` does that when the entry is opened). Null for a damaged entry.
 */
export function summariseStored(value: unknown): InvestigationSummary | null {
  if (!isObject(value) || typeof value.id !== 'string' || !isObject(value.evidence)) return null;
  const exchanges = value.evidence.exchanges;
  if (typeof value.name !== 'string' || typeof value.type !== 'string') return null;
  return {
    id: value.id,
    savedAt: typeof value.savedAt === 'number' ? value.savedAt : 0,
    name: value.name,
    type: value.type,
    ...ownSummary(value),
    exchangeCount: Array.isArray(exchanges) ? exchanges.length : 0,
    ...(typeof value.evidence.startedAt === 'number' && Number.isFinite(value.evidence.startedAt)
      ? { observedAt: value.evidence.startedAt }
      : {}),
    recheck: value.summarySource !== DIAGNOSED,
    ...anchorMark(value.evidence.trustAnchors),
  };
}

/** The search text as a name fragment: trimmed, lower case, no trailing dot. */
export function normaliseSearch(search: string | undefined): string {
  return (search ?? '').trim().toLowerCase().replace(/\.$/, '');
}

/** Whether a stored name contains the (normalised) search text; empty matches all. */
export function matchesSearch(name: string, normalisedSearch: string): boolean {
  return normalisedSearch === '' || name.toLowerCase().includes(normalisedSearch);
}

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 10_000;

export function listLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIST_LIMIT;
  return Math.min(MAX_LIST_LIMIT, Math.max(1, Math.floor(limit)));
}

/**
 * The list semantics on an in-memory array: newest first, name search, limit. The
 * IndexedDB layer walks the `savedAt` index backwards with the same predicate.
 */
export function selectInvestigations(
  records: readonly StoredInvestigation[],
  options: { readonly search?: string; readonly limit?: number } = {},
): InvestigationSummary[] {
  const search = normaliseSearch(options.search);
  return [...records]
    .sort((a, b) => b.savedAt - a.savedAt)
    .filter((r) => matchesSearch(r.name, search))
    .slice(0, listLimit(options.limit))
    .map(summariseRecord);
}
