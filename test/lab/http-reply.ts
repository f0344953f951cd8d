/**
 * HTTP responses of the lab's DoH fronts: the CORS headers a page on another origin needs
 * (Fetch standard, "CORS protocol"), `Cache-Control: no-store`, and an exact length.
 */
import type { ServerResponse } from 'node:http';

export const DNS_MESSAGE = 'application/dns-message';

/** Every standard response allows any origin: the app is a static page on another port. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'content-type, accept',
  'Access-Control-Max-Age': '86400',
} as const;

export interface ReplyOptions {
  /** Extra headers; they override the defaults (e.g. another Content-Type). */
  readonly headers?: Readonly<Record<string, string>>;
  /** With the CORS headers (default); without them a page cannot read the response. */
  readonly cors?: boolean;
}

/** Bytes go as a DNS message, text as text/plain with a final newline. */
export function reply(
  response: ServerResponse,
  status: number,
  body: Uint8Array | string,
  options: ReplyOptions = {},
): void {
  const bytes = typeof body === 'string' ? Buffer.from(`${body}\n`) : body;
  response.writeHead(status, {
    ...(options.cors === false ? {} : CORS_HEADERS),
    'Cache-Control': 'no-store',
    'Content-Type': typeof body === 'string' ? 'text/plain; charset=utf-8' : DNS_MESSAGE,
    'Content-Length': String(bytes.length),
    ...options.headers,
  });
  response.end(bytes);
}
