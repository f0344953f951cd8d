/**
 * From a raw Exchange to what its grid cell shows. Runs in the worker; pure.
 */
import { decodeMessage, type DnsMessage } from '../dns/message';
import { setFlagNames } from '../dns/header';
import { fromBase64 } from '../dns/wire/encoding';
import type { Exchange } from '../evidence/evidence';
import type { ExchangeSummary } from './exchange-summary';

/**
 * Decoded answers by exchange. Exchanges are immutable, and the planner, the grid summary
 * and every diagnosis rule read the same responses: each is decoded once.
 */
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

const MAX_ANSWER_LINES = 20;

export function summariseExchange(exchange: Exchange): ExchangeSummary {
  const base = {
    id: exchange.id,
    resolver: exchange.resolver,
    cd: exchange.cd,
    purpose: exchange.purpose,
    question: exchange.question,
    durationMs: exchange.durationMs,
    ...(exchange.httpStatus === undefined ? {} : { httpStatus: exchange.httpStatus }),
  };
  const message = answerOf(exchange);
  if (message === null) {
    return {
      ...base,
      answered: false,
      status: exchange.error?.class ?? 'malformed',
      flags: [],
      ad: false,
      ede: [],
      answer: [],
      ttl: null,
      error: exchange.error?.message ?? 'the response could not be decoded',
    };
  }
  const answer = message.answer
    .filter((rr) => rr.type !== 'RRSIG')
    .slice(0, MAX_ANSWER_LINES)
    .map((rr) => `${rr.type} ${rr.rdata}`);
  const ttls = message.answer.map((rr) => rr.ttl);
  return {
    ...base,
    answered: true,
    status: message.rcodeName,
    flags: setFlagNames(message.flags),
    ad: message.flags.ad,
    ede: message.extendedErrors.map((e) => ({
      code: e.infoCode,
      name: e.name,
      text: e.extraText,
    })),
    answer,
    ttl: ttls.length > 0 ? Math.min(...ttls) : null,
  };
}
