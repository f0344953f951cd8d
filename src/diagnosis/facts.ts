/**
 * The facts layer: Evidence turned into what the rules reason about — per resolver, how the
 * target question fared with CD=0 and with CD=1, and per name on the path, what the chain
 * and NS queries showed. Decoding happens once, here; rules never touch base64.
 */

import type { ExtendedDnsError } from '../dns/ede';
import type { DnsMessage, DnsRecord } from '../dns/message';
import { fqdn, sameName } from '../dns/name';
import type { Evidence, Exchange, TransportErrorClass } from '../evidence/evidence';
import { answerOf } from '../evidence/decoded';
import { STALE_EDE, validatesObserved, type ValidationSignal } from './validation-observed';

/** A DNS answer that resolves the question: NOERROR (data or NODATA) or NXDOMAIN. */
export interface AnswerOutcome {
  readonly kind: 'answer';
  readonly exchange: Exchange;
  readonly message: DnsMessage;
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly ad: boolean;
  readonly ede: readonly ExtendedDnsError[];
}

/** A DNS response that does not resolve it: SERVFAIL, REFUSED, NOTIMP, … */
export interface FailureOutcome {
  readonly kind: 'failure';
  readonly exchange: Exchange;
  readonly message: DnsMessage;
  readonly rcode: string;
  readonly ede: readonly ExtendedDnsError[];
}

/** No DNS response at all: the DoH exchange itself failed. */
export interface TransportOutcome {
  readonly kind: 'transport';
  readonly exchange: Exchange;
  readonly errorClass: TransportErrorClass;
  readonly ede: readonly ExtendedDnsError[];
}

/**
 * An answer the resolver served from its cache past its TTL because the domain's servers
 * failed (RFC 8767 serve-stale; RFC 8914 EDE 3 Stale Answer, 19 Stale NXDOMAIN Answer).
 * It hides a failure: the rules treat it as one, and the card says so.
 */
export interface StaleOutcome {
  readonly kind: 'stale';
  readonly exchange: Exchange;
  readonly message: DnsMessage;
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly ad: boolean;
  readonly ede: readonly ExtendedDnsError[];
}

export interface MissingOutcome {
  readonly kind: 'missing';
  readonly ede: readonly ExtendedDnsError[];
}

export type TargetOutcome =
  AnswerOutcome | FailureOutcome | StaleOutcome | TransportOutcome | MissingOutcome;

export interface ResolverFacts {
  readonly url: string;
  readonly label: string;
  readonly cd0: TargetOutcome;
  readonly cd1: TargetOutcome;
  /**
   * Observed, never assumed (facts.md): `true` when it set AD on an answer or failed with
   * CD=0 where it answered with CD=1; `false` when it answered with CD=0 without AD while
   * another resolver set AD on the same question; `null` when the evidence does not show.
   */
  readonly validates: boolean | null;
  /**
   * `answered`: a DNS message came back for the question; `slow`: the question timed out
   * while the same resolver answered this check's other queries (it is still waiting on the
   * domain's servers); `silent`: no DNS answer to the question, and nothing shows that the
   * resolver works (unreachable, HTTP errors, garbage, …).
   */
  readonly standing: 'answered' | 'slow' | 'silent';
}

export interface Facts {
  readonly evidence: Evidence;
  /** Lower-case FQDN of the question. */
  readonly qname: string;
  readonly qtype: string;
  /**
   * The resolvers whose outcome says something about the name: those that answered the
   * question, and those that timed out on it while answering the rest (`slow`). A resolver
   * that gave no DNS answer at all tells nothing about the domain (`silent`, below).
   */
  readonly resolvers: readonly ResolverFacts[];
  /** Resolvers that gave no DNS answer to the question: warnings, never a verdict. */
  readonly silent: readonly ResolverFacts[];
  /** Some exchange was cancelled by the person. */
  readonly cancelled: boolean;
  /** Decoded response of every exchange that has one (null: none or undecodable). */
  message(exchange: Exchange): DnsMessage | null;
  /** Exchanges of one purpose for a name and type, in evidence order. */
  exchangesFor(purpose: Exchange['purpose'], name: string, type: string): readonly Exchange[];
}

export function isAnswer(o: TargetOutcome): o is AnswerOutcome {
  return o.kind === 'answer';
}

/**
 * A DNS failure, a transport failure, or a stale answer that hides a failure (a missing
 * exchange is none of them).
 */
export function isFailure(o: TargetOutcome): o is FailureOutcome | StaleOutcome | TransportOutcome {
  return o.kind === 'failure' || o.kind === 'stale' || o.kind === 'transport';
}

export { STALE_EDE } from './validation-observed';

export function exchangeOf(o: TargetOutcome): Exchange | undefined {
  return o.kind === 'missing' ? undefined : o.exchange;
}

function outcomeOf(exchange: Exchange | undefined, message: DnsMessage | null): TargetOutcome {
  if (exchange === undefined) return { kind: 'missing', ede: [] };
  if (message === null) {
    return {
      kind: 'transport',
      exchange,
      errorClass: exchange.error?.class ?? 'malformed',
      ede: [],
    };
  }
  const ede = message.extendedErrors;
  if (message.rcodeName === 'NOERROR' || message.rcodeName === 'NXDOMAIN') {
    return {
      kind: ede.some((e) => STALE_EDE.has(e.infoCode)) ? 'stale' : 'answer',
      exchange,
      message,
      rcode: message.rcodeName,
      ad: message.flags.ad,
      ede,
    };
  }
  return { kind: 'failure', exchange, message, rcode: message.rcodeName, ede };
}

/** Records of `type` owned by `name` in the answer section. */
export function answerRecords(message: DnsMessage, name: string, type: string): DnsRecord[] {
  return message.answer.filter((rr) => rr.type === type && sameName(rr.name, name));
}

/** `owner TTL IN TYPE rdata`, as dig prints a record. */
export function recordText(rr: DnsRecord): string {
  return `${rr.name} ${rr.ttl} ${rr.class} ${rr.type} ${rr.rdata}`;
}

export function collectFacts(evidence: Evidence): Facts {
  // answerOf decodes each exchange once and keeps it (evidence/decoded.ts).
  const message = (x: Exchange): DnsMessage | null => answerOf(x);
  const qname = fqdn(evidence.question.name);
  const qtype = evidence.question.type.toUpperCase();

  const targets = evidence.exchanges.filter(
    (x) =>
      x.purpose === 'target' &&
      fqdn(x.question.name) === qname &&
      x.question.type.toUpperCase() === qtype,
  );
  const first = (url: string, cd: boolean) =>
    targets.find((x) => x.resolver === url && x.cd === cd);
  const outcomes = evidence.resolvers.map((r) => {
    const x0 = first(r.url, false);
    const x1 = first(r.url, true);
    return {
      url: r.url,
      label: r.label,
      cd0: outcomeOf(x0, x0 ? message(x0) : null),
      cd1: outcomeOf(x1, x1 ? message(x1) : null),
    };
  });
  const signals = outcomes.map((o) => [signalOf(o.cd0), signalOf(o.cd1)] as const);
  const all: ResolverFacts[] = outcomes.map((o, i) => ({
    ...o,
    validates: validatesObserved(signals[i]!, signals),
    standing: standingOf(evidence, o.url, [o.cd0, o.cd1], message),
  }));

  return {
    evidence,
    qname,
    qtype,
    resolvers: all.filter((r) => r.standing !== 'silent'),
    silent: all.filter((r) => r.standing === 'silent'),
    cancelled: evidence.exchanges.some((x) => x.error?.class === 'aborted'),
    message,
    exchangesFor: (purpose, name, type) =>
      evidence.exchanges.filter(
        (x) =>
          x.purpose === purpose &&
          fqdn(x.question.name) === fqdn(name) &&
          x.question.type.toUpperCase() === type,
      ),
  };
}

/** What an outcome shows about validation (validation-observed.ts). */
function signalOf(o: TargetOutcome): ValidationSignal | undefined {
  if (o.kind === 'missing') return undefined;
  if (o.kind === 'transport') return { rcode: undefined, ad: false, stale: false };
  return { rcode: o.rcode, ad: o.kind !== 'failure' && o.ad, stale: o.kind === 'stale' };
}

/**
 * Whether a resolver's outcome speaks about the name (design: a transport failure is never
 * a verdict about the domain). A target query that timed out while the same resolver
 * answered other queries of the check is a resolver still working on the domain's servers:
 * slow or dead authorities (real resolvers take 1–5 s and more to give up), not offline.
 */
function standingOf(
  evidence: Evidence,
  url: string,
  targets: readonly TargetOutcome[],
  message: (x: Exchange) => DnsMessage | null,
): ResolverFacts['standing'] {
  if (targets.some((o) => o.kind === 'answer' || o.kind === 'failure' || o.kind === 'stale')) {
    return 'answered';
  }
  const timedOut = targets.some((o) => o.kind === 'transport' && o.errorClass === 'timeout');
  const answeredOthers = evidence.exchanges.some(
    (x) => x.resolver === url && x.purpose !== 'target' && message(x) !== null,
  );
  return timedOut && answeredOthers ? 'slow' : 'silent';
}

/** The first decodable response among `exchanges`, with its exchange. */
export function firstResponse(
  facts: Facts,
  exchanges: readonly Exchange[],
): { exchange: Exchange; message: DnsMessage } | undefined {
  for (const exchange of exchanges) {
    const message = facts.message(exchange);
    if (message !== null) return { exchange, message };
  }
  return undefined;
}

/** The first NOERROR response to a question of this purpose, with its exchange. */
export function firstNoError(
  facts: Facts,
  purpose: Exchange['purpose'],
  name: string,
  type: string,
): { exchange: Exchange; message: DnsMessage } | undefined {
  return firstResponse(
    facts,
    facts
      .exchangesFor(purpose, name, type)
      .filter((x) => facts.message(x)?.rcodeName === 'NOERROR'),
  );
}

/** The NS host names `zone` publishes, sorted, when some resolver handed them over. */
export function zoneNameservers(
  facts: Facts,
  zone: string,
): { hosts: string[]; exchange: Exchange } | undefined {
  const r = firstNoError(facts, 'ns', zone, 'NS');
  if (!r) return undefined;
  const hosts = answerRecords(r.message, zone, 'NS').map((rr) =>
    rr.data.kind === 'NS' ? fqdn(rr.data.target) : fqdn(rr.rdata),
  );
  return hosts.length > 0 ? { hosts: [...new Set(hosts)].sort(), exchange: r.exchange } : undefined;
}

/** A resolver's label as shown in the grid. */
export function labelOf(facts: Facts, url: string): string {
  return facts.resolvers.find((r) => r.url === url)?.label ?? url;
}

/** Plain description of an outcome: `SERVFAIL (EDE 7 Signature Expired)`, `timeout`, … */
export function describeOutcome(o: TargetOutcome): string {
  const ede = o.ede.length
    ? ` (${o.ede.map((e) => `EDE ${e.infoCode} ${e.name}${e.extraText ? `: “${e.extraText}”` : ''}`).join('; ')})`
    : '';
  switch (o.kind) {
    case 'answer':
      return `${o.rcode}${o.ad ? ' with AD' : ''}${ede}`;
    case 'stale':
      return `${o.rcode} from its cache after the data expired${ede}`;
    case 'failure':
      return `${o.rcode}${ede}`;
    case 'transport':
      return `no DNS answer (${o.errorClass}: ${o.exchange.error?.message ?? 'no usable response'})`;
    case 'missing':
      return 'not asked';
  }
}
