/**
 * A transport outcome as an Evidence `Exchange`: the raw facts only (design.md, "Evidence
 * is the source of truth"). The decoded message is dropped, because whoever opens the
 * Evidence decodes the bytes again; the bytes are kept even for failed exchanges.
 */

import { toBase64 } from '../dns/wire/encoding';
import type { Exchange, ExchangePurpose } from '../evidence/evidence';
import type { DohOutcome } from './outcome';

export interface ExchangeContext {
  /** Unique within the Evidence, e.g. `x0`. */
  readonly id: string;
  readonly purpose: ExchangePurpose;
  readonly wave: number;
  /** The resolver URL as listed in the Evidence; defaults to the URL queried. */
  readonly resolver?: string;
}

/**
 * @example toExchange(outcome, { id: 'x0', purpose: 'target', wave: 1 })
 */
export function toExchange(outcome: DohOutcome, context: ExchangeContext): Exchange {
  const r = outcome.request;
  return {
    id: context.id,
    resolver: context.resolver ?? r.url,
    question: { name: r.name, type: r.type },
    cd: r.cd,
    do: r.do,
    purpose: context.purpose,
    wave: context.wave,
    startedAt: outcome.startedAt,
    durationMs: Math.round(outcome.durationMs),
    ...(outcome.httpStatus === undefined ? {} : { httpStatus: outcome.httpStatus }),
    ...(outcome.contentType === undefined ? {} : { contentType: outcome.contentType }),
    ...(outcome.body === undefined ? {} : { response: toBase64(outcome.body) }),
    ...(outcome.ok ? {} : { error: outcome.error }),
  };
}
