/**
 * How long a check waits: per query, by what the query is for, and for the check as a
 * whole.
 *
 * The person's setting (Settings.timeoutMs, default 4 s, "per-query timeout") is the limit
 * of the chain and follow-up queries (DS, DNSKEY, NS, addresses): they are usually cached
 * or answered by healthy parent zones, and 4 s is plenty.
 *
 * The target queries are different. When the name is broken, the answer *is* the resolver
 * giving up, and public resolvers take 1–5 s and more to give up on dead or lame servers
 * (Cloudflare's "time limit exceeded" after about 1 s, SERVFAIL after about 4 s from
 * AdGuard, Google after retrying each server). Cut at 4 s, that SERVFAIL with its Extended
 * DNS Error — the very evidence the check is for — becomes a bare timeout. So a target
 * query waits at least TARGET_TIMEOUT_MS, and longer when the person asked for longer.
 * A floor, not a multiple: the extra time is the resolver's, on its side of the network,
 * and does not shrink because the person's own network is fast.
 *
 * One deadline covers the whole check, so that waves, slow targets and the registry
 * together cannot keep a person waiting without end.
 */

import type { ExchangePurpose } from '../evidence/evidence';

/**
 * The least a target query waits for its answer: above the 1–5 s real resolvers take to
 * give up on dead or lame authoritative servers, with room for their retries.
 */
export const TARGET_TIMEOUT_MS = 10_000;

/**
 * The whole check ends after this long at the latest (or after one target limit plus one
 * chain limit, when the person's setting makes that longer): queries still outstanding end
 * as timeouts, no further wave starts, and the Evidence is returned with what arrived.
 */
export const CHECK_DEADLINE_MS = 25_000;

/**
 * The limit of one query, from the person's per-query setting.
 *
 * @example queryLimitMs('target', 4000) // 10000
 * @example queryLimitMs('ds', 4000) // 4000
 * @example queryLimitMs('target', 15000) // 15000
 */
export function queryLimitMs(purpose: ExchangePurpose, settingMs: number): number {
  return purpose === 'target' ? Math.max(settingMs, TARGET_TIMEOUT_MS) : settingMs;
}

/**
 * The overall deadline of a check, from the person's per-query setting: never less than
 * CHECK_DEADLINE_MS, and never so short that a target query could not use its own limit
 * and one dependent round after it.
 *
 * @example checkDeadlineMs(4000) // 25000
 * @example checkDeadlineMs(30000) // 60000
 */
export function checkDeadlineMs(settingMs: number): number {
  return Math.max(CHECK_DEADLINE_MS, queryLimitMs('target', settingMs) + settingMs);
}
