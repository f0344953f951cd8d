/**
 * The full response of one exchange in dig-style text, and the commands that reproduce it.
 */
import { formatDig } from '../dns/dig-text';
import { decodeMessage } from '../dns/message';
import { curlCommand, digOverDoh, type ShellCommand } from '../dns/shell-command';
import { visibleText } from '../dns/visible-text';
import { fromBase64, toHex } from '../dns/wire/encoding';
import type { Exchange } from '../evidence/evidence';

export interface ExchangeDetail {
  readonly dig: string;
  readonly digCommand: ShellCommand;
  /** Absent when the question cannot be encoded (only a link can carry such a question). */
  readonly curlCommand?: ShellCommand;
}

function hexDump(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += 64) lines.push(`;; ${hex.slice(i, i + 64)}`);
  return lines.join('\n');
}

/**
 * What we know of an exchange that gave no decodable answer, in dig's comment style. The
 * question, resolver, message and content type come from the evidence (a link may carry
 * anything): each is made visible text, so none can start a line of its own.
 */
function failureText(exchange: Exchange, bytes: Uint8Array | undefined): string {
  const v = visibleText;
  const lines = [
    `;; ${v(exchange.question.name)} ${v(exchange.question.type)} via ${v(exchange.resolver)} (CD=${exchange.cd ? 1 : 0})`,
    `;; ${exchange.error?.class ?? 'malformed'}: ${v(exchange.error?.message ?? 'no usable answer')}`,
  ];
  if (exchange.httpStatus !== undefined) lines.push(`;; HTTP status: ${exchange.httpStatus}`);
  if (exchange.contentType !== undefined) {
    lines.push(`;; Content-Type: ${v(exchange.contentType)}`);
  }
  lines.push(`;; after ${exchange.durationMs} ms`);
  if (bytes !== undefined && bytes.length > 0) {
    lines.push(`;; ${bytes.length} bytes received:`, hexDump(bytes.slice(0, 512)));
    if (bytes.length > 512) lines.push(';; …');
  }
  return lines.join('\n');
}

export function describeExchange(exchange: Exchange): ExchangeDetail {
  const query = {
    resolver: exchange.resolver,
    name: exchange.question.name,
    type: exchange.question.type,
    cd: exchange.cd,
    do: exchange.do,
  };
  const bytes = exchange.response === undefined ? undefined : fromBase64(exchange.response);
  const decoded = bytes === undefined ? null : decodeMessage(bytes);
  const dig =
    decoded?.ok === true && exchange.error?.class !== 'mismatch'
      ? formatDig(decoded.message, {
          resolver: exchange.resolver,
          question: query,
          durationMs: exchange.durationMs,
          when: exchange.startedAt,
        })
      : failureText(exchange, bytes);
  const curl = curlCommand(query);
  return {
    dig,
    digCommand: digOverDoh(query),
    ...(curl === undefined ? {} : { curlCommand: curl }),
  };
}
