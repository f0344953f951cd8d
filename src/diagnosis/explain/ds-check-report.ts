/**
 * The DS check as the page shows it: the answer, a sentence per pasted record, the zone's
 * keys, what the old DS set does meanwhile, and every exchange it rests on (raw records as
 * text, and the raw exchanges themselves, as Evidence keeps them). Made in the worker from
 * the two exchanges; the page only lays it out. Every string is text, never HTML.
 *
 * Where the check (ds-check/, which decides) meets its wording, as diagnose.ts is for a
 * verdict: it lives in explain/ so that nothing that decides imports a sentence.
 */

import type { Exchange } from '../../evidence/evidence';
import { fqdn } from '../../dns/name';
import { checkDsSet, type DsCheckResult, type DsStatus } from '../ds-check/check';
import { exchangeView, materialOf, type DsCheckExchangeView } from '../ds-check/material';
import type { MeanwhileKind } from '../ds-check/meanwhile';
import {
  dsCheckHeadline,
  dsCheckNotes,
  dsItemSentence,
  keyRowText,
  materialProblemText,
} from './ds-check';
import { meanwhileSentences } from './ds-meanwhile';

export interface DsCheckItemView {
  /** Place in the pasted list, from 0. */
  readonly index: number;
  /** As pasted. */
  readonly text: string;
  readonly status: DsStatus | 'malformed';
  readonly sentence: string;
  /** The DS it was read as (a pasted DNSKEY's SHA-256 DS). */
  readonly line?: string;
  /** A DS to publish instead (the SHA-256 DS of the key it matches or nearly matches). */
  readonly suggestion?: string;
}

export interface DsMeanwhileView {
  readonly kind: MeanwhileKind;
  readonly sentences: readonly string[];
  /** Today's DS records and the added ones, with what happens to each. */
  readonly rows: readonly {
    readonly line: string;
    readonly change: 'stays' | 'removed' | 'added';
    /** For today's records: whether it leads to a key that signs the DNSKEY set. */
    readonly works: boolean | null;
  }[];
  readonly waitSeconds: number | null;
}

export interface DsCheckReport {
  readonly zone: string;
  /** The resolver asked (DoH URL). */
  readonly resolver: string;
  /** Null when the zone's keys could not be read (`problem` says why). */
  readonly result: DsCheckResult | null;
  /** The answer in one sentence, or the problem. */
  readonly headline: string;
  readonly problem: string | null;
  readonly items: readonly DsCheckItemView[];
  readonly notes: readonly string[];
  /** The zone's keys, one line each. */
  readonly keys: readonly string[];
  readonly meanwhile: DsMeanwhileView | null;
  readonly exchanges: readonly DsCheckExchangeView[];
  /** The exchanges as collected (Evidence's own form: the raw response bytes). */
  readonly raw: readonly Exchange[];
}

export interface DsCheckReportInput {
  readonly zone: string;
  readonly pasted: readonly string[];
  readonly dnskey: Exchange;
  readonly ds: Exchange;
  /** Seconds since the Unix epoch. */
  readonly now: number;
  /** The resolver's label, for sentences. */
  readonly resolverLabel: string;
}

/**
 * @example await dsCheckReport({ zone: 'example.', pasted, dnskey, ds, now, resolverLabel: 'Google' })
 * // { result: 'secure', headline: 'Publishing exactly this DS set keeps example. secure: …', … }
 */
export async function dsCheckReport(input: DsCheckReportInput): Promise<DsCheckReport> {
  const zone = fqdn(input.zone);
  const base = {
    zone,
    resolver: input.dnskey.resolver,
    exchanges: [input.dnskey, input.ds].map(exchangeView),
    raw: [input.dnskey, input.ds],
  };
  const material = materialOf(zone, input.dnskey, input.ds);
  if ('problem' in material) {
    const problem = materialProblemText(material.problem, zone, input.resolverLabel);
    const empty = { items: [], notes: [], keys: [], meanwhile: null };
    return { ...base, result: null, headline: problem, problem, ...empty };
  }
  const check = await checkDsSet({ zone, pasted: input.pasted, now: input.now, ...material });
  const m = check.meanwhile;
  const currentLines = new Set(m.current.map((d) => d.line));
  return {
    ...base,
    result: check.result,
    headline: dsCheckHeadline(check),
    problem: null,
    items: check.items.map((item) => ({
      index: item.index,
      text: item.text,
      status: item.kind === 'ds' ? item.status : 'malformed',
      sentence: dsItemSentence(item, check),
      ...(item.kind === 'ds' && item.fromDnskey ? { line: item.line } : {}),
      ...(item.kind === 'ds' && item.suggestion ? { suggestion: item.suggestion } : {}),
    })),
    notes: dsCheckNotes(check),
    keys: check.keys.map(keyRowText),
    meanwhile: {
      kind: m.kind,
      sentences: meanwhileSentences(m, zone),
      rows: [
        ...m.current.map((d) => ({
          line: d.line,
          change: d.kept ? ('stays' as const) : ('removed' as const),
          works: d.works,
        })),
        ...m.added
          .filter((line) => !currentLines.has(line))
          .map((line) => ({ line, change: 'added' as const, works: null })),
      ],
      waitSeconds: m.waitSeconds,
    },
  };
}
