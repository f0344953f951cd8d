/**
 * What one grid cell shows about one exchange: the outcome in a few fields, derived from
 * the raw Exchange by `summariseExchange` (in the worker) so the UI never decodes DNS.
 */
import type { ExchangePurpose } from '../evidence/evidence';

export interface EdeView {
  readonly code: number;
  /** The RFC 8914 name, or `Unknown (N)`. */
  readonly name: string;
  /** EXTRA-TEXT, possibly empty. */
  readonly text: string;
}

export interface ExchangeSummary {
  readonly id: string;
  readonly resolver: string;
  readonly cd: boolean;
  readonly purpose: ExchangePurpose;
  readonly question: { readonly name: string; readonly type: string };
  /** true when a DNS message answering the question was received. */
  readonly answered: boolean;
  /** The rcode mnemonic (`NOERROR`, `SERVFAIL`…) or, when not answered, the error class. */
  readonly status: string;
  /** Header flags that are set, lower-case: `qr aa tc rd ra ad cd`. */
  readonly flags: readonly string[];
  readonly ad: boolean;
  readonly ede: readonly EdeView[];
  /** The answer section, one short line per record (`A 192.0.2.1`, `CNAME x.example.`). */
  readonly answer: readonly string[];
  /** The smallest TTL in the answer section, when there is one. */
  readonly ttl: number | null;
  readonly durationMs: number;
  readonly httpStatus?: number;
  /** The specific failure message, when not answered. */
  readonly error?: string;
}
