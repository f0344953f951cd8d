/**
 * Asks a lab resolver through its DoH front, the way the app does: HTTP GET with the
 * query in `?dns=` (RFC 8484 §4.1), which needs no CORS preflight in a browser.
 */
import { buildQuery, summarizeAnswer, type AnswerSummary, type QuerySpec } from './wire';

export type DohOutcome =
  | { readonly kind: 'answer'; readonly answer: AnswerSummary }
  | { readonly kind: 'http-error'; readonly status: number }
  | { readonly kind: 'timeout'; readonly afterMs: number }
  | { readonly kind: 'transport-error'; readonly message: string };

export async function dohQuery(
  url: string,
  spec: QuerySpec,
  timeoutMs = 10_000,
): Promise<DohOutcome> {
  const dns = Buffer.from(buildQuery(spec)).toString('base64url');
  try {
    const response = await fetch(`${url}?dns=${dns}`, {
      headers: { accept: 'application/dns-message' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { kind: 'http-error', status: response.status };
    const body = new Uint8Array(await response.arrayBuffer());
    return { kind: 'answer', answer: summarizeAnswer(body) };
  } catch (error) {
    // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
    if (error instanceof Error && error.name === 'TimeoutError') {
      return { kind: 'timeout', afterMs: timeoutMs };
    }
    return {
      kind: 'transport-error',
      message: error instanceof Error ? error.message : String(error),
    };
  }
}
