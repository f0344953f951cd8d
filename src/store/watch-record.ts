/**
 * A watch as it is stored (issue 15): the question and how it is asked (resolvers, trust
 * anchors, registry), the interval asked for, when it started and stopped, and its timeline
 * of runs (report/watch-timeline.ts). Each run's full Evidence is a saved investigation of
 * its own (`savedId`); the watch keeps only what its timeline shows, so a day of runs stays
 * small. Pure: `watches.ts` is the IndexedDB layer on top, which the service worker's
 * background check (src/sw/) uses too.
 *
 * The id follows from the request, so a reload of the same `watch=` URL finds its watch,
 * and a watch of the same name through other resolvers or anchors is another watch.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { EvidenceResolver } from '../evidence/evidence';
import { EVIDENCE_LIMITS } from '../evidence/limits';
import type { WatchOutcome, WatchRun } from '../report/watch-timeline';

/** A watch ends by itself this long after it started (issue 15). */
export const WATCH_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs a stored watch keeps, the newest. A day at the 10 s minimum is 8,640 runs; the
 * interval backs off while nothing changes, so a real day is a few hundred at most.
 */
export const MAX_WATCH_RUNS = 2000;
/** Background checks kept (the service worker's, at most one per the browser's period). */
export const MAX_BACKGROUND_CHECKS = 200;
/** EDE codes and texts kept per outcome, and the length of a text. */
const MAX_EDE = 8;
const MAX_TEXT = 512;
const MAX_ID = 64;

/** The Periodic Background Sync registration's tag (the service worker's check, src/sw/). */
export const WATCH_SYNC_TAG = 'servfail-lens-watch';
/**
 * The interval asked of the browser for it. A floor only: Chromium decides from the site's
 * engagement and runs it at most about every 12 h.
 */
export const WATCH_SYNC_MIN_INTERVAL_MS = 60 * 60 * 1000;

/** Why a watch stopped: the person's Stop, or its day was over. */
export type WatchStop = 'person' | 'day';

/** One look by the service worker while no page watched (Periodic Background Sync). */
export interface BackgroundCheck {
  readonly at: number;
  readonly outcomes: readonly WatchOutcome[];
}

export interface StoredWatch {
  readonly id: string;
  /** The question, as the check asks it (an FQDN, a type mnemonic). */
  readonly name: string;
  readonly type: string;
  readonly resolvers: readonly EvidenceResolver[];
  readonly trustAnchors: readonly string[];
  readonly rdapBootstrap?: string;
  /** The shortest interval asked for (`watch=`), seconds. */
  readonly intervalSeconds: number;
  readonly startedAt: number;
  readonly stoppedAt?: number;
  readonly stop?: WatchStop;
  /** The person asked the service worker to keep checking while no page is open. */
  readonly background: boolean;
  readonly runs: readonly WatchRun[];
  readonly backgroundChecks: readonly BackgroundCheck[];
}

/** What identifies a watch: the request as it is asked. */
export interface WatchTarget {
  readonly question: { readonly name: string; readonly type: string };
  readonly resolvers: readonly { readonly url: string }[];
  readonly trustAnchors: readonly string[];
  readonly rdapBootstrap?: string;
}

/**
 * 32 hex digits of SHA-256 over the request's name, type, resolver URLs, anchors and
 * registry bootstrap.
 *
 * @example watchId({ question: { name: 'www.example.', type: 'A' }, resolvers, trustAnchors: [] })
 */
export function watchId(target: WatchTarget): string {
  const key = JSON.stringify([
    target.question.name.toLowerCase(),
    target.question.type.toUpperCase(),
    target.resolvers.map((r) => r.url),
    target.trustAnchors,
    target.rdapBootstrap ?? null,
  ]);
  return bytesToHex(sha256(new TextEncoder().encode(key))).slice(0, 32);
}

/** Whether the watch's day is over at `now`. */
export function watchExpired(watch: Pick<StoredWatch, 'startedAt'>, now: number): boolean {
  return now - watch.startedAt >= WATCH_DAY_MS;
}

/** The watch with one more background check, the oldest dropped beyond the bound. */
export function withBackgroundCheck(watch: StoredWatch, check: BackgroundCheck): StoredWatch {
  return {
    ...watch,
    backgroundChecks: [...watch.backgroundChecks, check].slice(-MAX_BACKGROUND_CHECKS),
  };
}

/** The watch with one more run, the oldest dropped beyond MAX_WATCH_RUNS. */
export function withRun(watch: StoredWatch, run: WatchRun): StoredWatch {
  return { ...watch, runs: [...watch.runs, run].slice(-MAX_WATCH_RUNS) };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isTime = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= EVIDENCE_LIMITS.timeMs;
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function readOutcome(value: unknown): WatchOutcome | null {
  if (!isObject(value) || !isText(value.resolver, EVIDENCE_LIMITS.urlCharacters)) return null;
  if (!isText(value.status, MAX_ID) || typeof value.ad !== 'boolean') return null;
  if (!Array.isArray(value.ede)) return null;
  const ede = (value.ede as unknown[])
    .slice(0, MAX_EDE)
    .flatMap((e) =>
      isObject(e) && Number.isInteger(e.code) && isText(e.text, MAX_TEXT * 4)
        ? [{ code: e.code as number, text: e.text.slice(0, MAX_TEXT) }]
        : [],
    );
  return { resolver: value.resolver, status: value.status, ad: value.ad, ede };
}

function readOutcomes(value: unknown): readonly WatchOutcome[] | null {
  if (!Array.isArray(value) || value.length > EVIDENCE_LIMITS.resolvers) return null;
  const outcomes = (value as unknown[]).map(readOutcome);
  return outcomes.every((o) => o !== null) ? (outcomes as WatchOutcome[]) : null;
}

function readRun(value: unknown): WatchRun | null {
  if (!isObject(value) || !isTime(value.at)) return null;
  if (!isText(value.verdict, MAX_ID) || !isText(value.reason, MAX_ID)) return null;
  const savedId = isText(value.savedId, MAX_ID) ? value.savedId : null;
  const outcomes = readOutcomes(value.outcomes);
  if (outcomes === null) return null;
  return { at: value.at, verdict: value.verdict, reason: value.reason, savedId, outcomes };
}

function readBackgroundCheck(value: unknown): BackgroundCheck | null {
  if (!isObject(value) || !isTime(value.at)) return null;
  const outcomes = readOutcomes(value.outcomes);
  return outcomes === null ? null : { at: value.at, outcomes };
}

function readResolvers(value: unknown): readonly EvidenceResolver[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (value.length > EVIDENCE_LIMITS.resolvers) return null;
  const out = (value as unknown[]).map((r) =>
    isObject(r) &&
    isText(r.url, EVIDENCE_LIMITS.urlCharacters) &&
    isText(r.label, EVIDENCE_LIMITS.labelCharacters)
      ? { url: r.url, label: r.label }
      : null,
  );
  return out.every((r) => r !== null) ? (out as EvidenceResolver[]) : null;
}

function readAnchors(value: unknown): readonly string[] | null {
  if (!Array.isArray(value) || value.length > EVIDENCE_LIMITS.trustAnchors) return null;
  const anchors = value as unknown[];
  return anchors.every((a) => isText(a, EVIDENCE_LIMITS.trustAnchorCharacters))
    ? (anchors as string[])
    : null;
}

/** The fields a watch is asked with; null when any is missing or out of bounds. */
function readTarget(
  value: Readonly<Record<string, unknown>>,
): Pick<StoredWatch, 'name' | 'type' | 'resolvers' | 'trustAnchors' | 'rdapBootstrap'> | null {
  const resolvers = readResolvers(value.resolvers);
  const trustAnchors = readAnchors(value.trustAnchors);
  if (resolvers === null || trustAnchors === null) return null;
  if (!isText(value.name, 1024) || value.name === '' || !isText(value.type, 16)) return null;
  const rdap = isText(value.rdapBootstrap, EVIDENCE_LIMITS.urlCharacters)
    ? { rdapBootstrap: value.rdapBootstrap }
    : {};
  return { name: value.name, type: value.type, resolvers, trustAnchors, ...rdap };
}

/**
 * Reads a stored watch back: another version of the app (or the service worker) may have
 * written it, so every field is checked; a damaged run or background check is left out, a
 * damaged watch is null.
 */
export function readWatch(value: unknown): StoredWatch | null {
  if (!isObject(value) || !isText(value.id, MAX_ID)) return null;
  const target = readTarget(value);
  if (target === null || !isTime(value.startedAt)) return null;
  const interval = value.intervalSeconds;
  if (typeof interval !== 'number' || !Number.isFinite(interval) || interval <= 0) return null;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
  const runs = list(value.runs).slice(-MAX_WATCH_RUNS).map(readRun);
  const checks = list(value.backgroundChecks).slice(-MAX_BACKGROUND_CHECKS);
  const stop: Pick<StoredWatch, 'stop'> =
    value.stop === 'person' || value.stop === 'day' ? { stop: value.stop } : {};
  return {
    id: value.id,
    ...target,
    intervalSeconds: interval,
    startedAt: value.startedAt,
    ...(isTime(value.stoppedAt) ? { stoppedAt: value.stoppedAt } : {}),
    ...stop,
    background: value.background === true,
    runs: runs.filter((r) => r !== null),
    backgroundChecks: checks.map(readBackgroundCheck).filter((c) => c !== null),
  };
}
