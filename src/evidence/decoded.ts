/**
 * The per-exchange decode cache: an Exchange's response bytes as a DNS message.
 *
 * Exchanges are immutable, and the planner, the grid summary, the validator's input and
 * every diagnosis rule read the same responses, so each is decoded once. It lives with the
 * evidence format (the bottom layer) because every layer above reads exchanges this way.
 */
import { decodeMessage, type DnsMessage } from '../dns/message';
import { fromBase64 } from '../dns/wire/encoding';
import type { Exchange } from './evidence';

const decoded = new WeakMap<Exchange, DnsMessage | null>();

/** Decodes the response of an exchange that carries a usable answer; null otherwise. */
export function answerOf(exchange: Exchange): DnsMessage | null {
  const known = decoded.get(exchange);
  if (known !== undefined) return known;
  const message = decodeAnswer(exchange);
  decoded.set(exchange, message);
  return message;
}

function decodeAnswer(exchange: Exchange): DnsMessage | null {
  if (exchange.error !== undefined || exchange.response === undefined) return null;
  const bytes = fromBase64(exchange.response);
  if (bytes === undefined) return null;
  const result = decodeMessage(bytes);
  return result.ok ? result.message : null;
}
