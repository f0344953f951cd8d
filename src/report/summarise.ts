/**
 * From a raw Exchange to what its grid cell shows. Runs in the worker; pure.
 */
import { setFlagNames } from '../dns/header';
import { answerOf } from '../evidence/decoded';
import type { Exchange } from '../evidence/evidence';
import type { ExchangeSummary } from './exchange-summary';

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
