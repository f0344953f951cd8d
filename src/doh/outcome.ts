/**
 * What one DoH exchange produced: the request, its timing, what HTTP said, the raw body and
 * either the decoded answer or a classified failure. It is the transport's only output and
 * becomes an Evidence `Exchange` through `toExchange`.
 */

import type { DnsMessage } from '../dns/message';
import type { TransportError } from '../evidence/evidence';

export interface DohRequest {
  /** The resolver's DoH URL. */
  readonly url: string;
  /** Fully qualified, lower case, as sent. */
  readonly name: string;
  /** Type mnemonic, as sent. */
  readonly type: string;
  readonly cd: boolean;
  readonly do: boolean;
}

interface OutcomeBase {
  readonly request: DohRequest;
  /** When the request left, ms since the epoch. */
  readonly startedAt: number;
  /** From the request to the complete body, or to the failure. */
  readonly durationMs: number;
  /** When an HTTP response arrived. */
  readonly httpStatus?: number;
  /** The Content-Type header as received, when an HTTP response arrived. */
  readonly contentType?: string;
  /** The body, when it was labelled application/dns-message and read completely. */
  readonly body?: Uint8Array;
  /** The decoded body, when it could be decoded (also for a `mismatch`). */
  readonly message?: DnsMessage;
}

export type DohOutcome =
  | (OutcomeBase & {
      readonly ok: true;
      readonly httpStatus: number;
      readonly body: Uint8Array;
      readonly message: DnsMessage;
    })
  | (OutcomeBase & { readonly ok: false; readonly error: TransportError });
