/**
 * DNSSEC validation of collected Evidence: picks the target answer and the DS/DNSKEY
 * responses out of the raw exchanges and hands them to the validator (src/dnssec).
 *
 * Pure and deterministic (design.md): the same evidence and `now` give the same proof tree
 * in the worker, in Node tests and in the browser of whoever opens a permalink. The answer
 * validated is one a resolver gave with CD=1, because RFC 4035 §3.2.2 makes a resolver
 * hand over data it failed to validate when CD is set: that is what lets us see *why* a
 * validating resolver said SERVFAIL.
 */

import type { DnsMessage } from '../dns/message';
import { RCODE } from '../dns/rcodes';
import type { ResourceRecord } from '../dns/wire/record';
import {
  ROOT_TRUST_ANCHORS,
  parseTrustAnchors,
  type TrustAnchors,
} from '../dnssec/anchors/trust-anchors';
import type { ZoneMaterial } from '../dnssec/chain';
import type { ProofTree } from '../dnssec/proof-tree';
import { validateChain } from '../dnssec/validate';
import type { Evidence, Exchange } from '../evidence/evidence';
import { answerOf } from '../report/summarise';

/** Which exchanges supplied the chain material for one name on the way down. */
export interface ZoneSources {
  /** Presentation FQDN, lower case, e.g. `.` or `lab.` */
  readonly zone: string;
  /** Id of the exchange whose `DS` response was used. */
  readonly ds?: string;
  /** Id of the exchange whose `DNSKEY` response was used. */
  readonly dnskey?: string;
}

export interface EvidenceValidation {
  /** The proof tree; null when no answer could be validated (see `problem`). */
  readonly proof: ProofTree | null;
  /** The resolver whose target answer was validated. */
  readonly resolver: string | null;
  /** Id of the target exchange that was validated. */
  readonly targetExchange: string | null;
  /** Exchange ids per name, from the root down. */
  readonly sources: readonly ZoneSources[];
  /** A plain sentence saying why there is no proof. */
  readonly problem?: string;
}

export interface ValidateEvidenceOptions {
  /** The validation time, seconds since the Unix epoch. */
  readonly now: number;
  /** Overrides the evidence's own trust anchors (and the root's). */
  readonly trustAnchors?: TrustAnchors;
}

interface Decoded {
  readonly exchange: Exchange;
  readonly message: DnsMessage | null;
}

const fqdn = (name: string): string => {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
};

/** NOERROR or NXDOMAIN: a response that carries records or a denial to check. */
function isUsable(message: DnsMessage | null): message is DnsMessage {
  return message !== null && (message.rcode === RCODE.NOERROR || message.rcode === RCODE.NXDOMAIN);
}

function recordsOf(message: DnsMessage): ResourceRecord[] {
  return [...message.answer, ...message.authority].map((rr) => rr.wire);
}

const exchangeNumber = (id: string): number => {
  const n = Number(id.replace(/^\D+/, ''));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
};

/** Orders exchanges by the resolver's place in the evidence (`first` first), then by id. */
function byPreference(
  evidence: Evidence,
  first: string | null,
): (a: Decoded, b: Decoded) => number {
  const rank = (url: string): number => {
    if (url === first) return -1;
    const i = evidence.resolvers.findIndex((r) => r.url === url);
    return i < 0 ? evidence.resolvers.length : i;
  };
  return (a, b) =>
    rank(a.exchange.resolver) - rank(b.exchange.resolver) ||
    exchangeNumber(a.exchange.id) - exchangeNumber(b.exchange.id) ||
    (a.exchange.id < b.exchange.id ? -1 : a.exchange.id > b.exchange.id ? 1 : 0);
}

function trustAnchorsOf(
  evidence: Evidence,
  override: TrustAnchors | undefined,
): { anchors: TrustAnchors } | { problem: string } {
  if (override) return { anchors: override };
  const text = evidence.trustAnchors.map((t) => t.trim()).filter((t) => t !== '');
  if (text.length === 0) return { anchors: ROOT_TRUST_ANCHORS };
  const parsed = parseTrustAnchors(text.join('\n'));
  return parsed.ok
    ? { anchors: parsed.value }
    : { problem: `The trust anchors of this check cannot be read: ${parsed.error.message}.` };
}

/** The target answer to validate: CD=1 first, each time in resolver order. */
function chooseTarget(evidence: Evidence, decoded: readonly Decoded[]): Decoded | undefined {
  const qname = fqdn(evidence.question.name);
  const targets = decoded
    .filter(
      (d) =>
        d.exchange.purpose === 'target' &&
        fqdn(d.exchange.question.name) === qname &&
        d.exchange.question.type.toUpperCase() === evidence.question.type.toUpperCase() &&
        isUsable(d.message),
    )
    .sort(byPreference(evidence, null));
  return targets.find((d) => d.exchange.cd) ?? targets[0];
}

/** Per name, the DS and DNSKEY responses that answered (the target's resolver preferred). */
function chooseMaterial(
  evidence: Evidence,
  decoded: readonly Decoded[],
  resolver: string | null,
): { zones: ZoneMaterial[]; sources: ZoneSources[] } {
  const best = new Map<string, { ds?: Decoded; dnskey?: Decoded }>();
  const candidates = decoded
    .filter(
      (d) =>
        (d.exchange.purpose === 'ds' && d.exchange.question.type.toUpperCase() === 'DS') ||
        (d.exchange.purpose === 'dnskey' && d.exchange.question.type.toUpperCase() === 'DNSKEY'),
    )
    .filter((d) => isUsable(d.message))
    .sort(byPreference(evidence, resolver));
  for (const d of candidates) {
    const name = fqdn(d.exchange.question.name);
    const slot = best.get(name) ?? {};
    const what = d.exchange.purpose === 'ds' ? 'ds' : 'dnskey';
    if (slot[what] === undefined) best.set(name, { ...slot, [what]: d });
  }
  const names = [...best.keys()].sort(
    (a, b) => labelCount(a) - labelCount(b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const zones: ZoneMaterial[] = [];
  const sources: ZoneSources[] = [];
  for (const name of names) {
    const { ds, dnskey } = best.get(name)!;
    zones.push({
      name,
      ...(ds?.message ? { ds: recordsOf(ds.message) } : {}),
      ...(dnskey?.message ? { dnskey: recordsOf(dnskey.message) } : {}),
    });
    sources.push({
      zone: name,
      ...(ds ? { ds: ds.exchange.id } : {}),
      ...(dnskey ? { dnskey: dnskey.exchange.id } : {}),
    });
  }
  return { zones, sources };
}

function labelCount(name: string): number {
  return name === '.' ? 0 : name.split('.').length - 1;
}

/** Why no target answer was usable, from what the target exchanges show. */
function noTargetProblem(evidence: Evidence, decoded: readonly Decoded[]): string {
  const question = `${evidence.question.name} ${evidence.question.type}`;
  const outcomes = new Map<string, number>();
  for (const d of decoded) {
    if (d.exchange.purpose !== 'target') continue;
    const outcome = d.message?.rcodeName ?? d.exchange.error?.class ?? 'undecodable';
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  if (outcomes.size === 0)
    return `No answer for ${question} was collected, so there is no chain of trust to check.`;
  const seen = [...outcomes]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([outcome, n]) => `${outcome} ×${n}`)
    .join(', ');
  return (
    `No resolver gave a usable answer for ${question}, not even with checking disabled ` +
    `(CD=1), so there are no records whose signatures could be checked (${seen}).`
  );
}

/**
 * Validates the answer collected in `evidence` from the trust anchors down.
 *
 * @example
 * const v = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
 * v.proof?.status; // 'secure' | 'insecure' | 'bogus' | 'indeterminate'
 * v.problem;       // e.g. 'No resolver gave a usable answer for www.lame.lab. A, …'
 */
export async function validateEvidence(
  evidence: Evidence,
  options: ValidateEvidenceOptions,
): Promise<EvidenceValidation> {
  const decoded: Decoded[] = evidence.exchanges.map((exchange) => ({
    exchange,
    message: answerOf(exchange),
  }));
  const target = chooseTarget(evidence, decoded);
  const resolver = target?.exchange.resolver ?? null;
  const { zones, sources } = chooseMaterial(evidence, decoded, resolver);
  const none = { proof: null, resolver, targetExchange: target?.exchange.id ?? null, sources };
  if (!target?.message) return { ...none, problem: noTargetProblem(evidence, decoded) };
  const anchors = trustAnchorsOf(evidence, options.trustAnchors);
  if ('problem' in anchors) return { ...none, problem: anchors.problem };
  try {
    const proof = await validateChain({
      qname: fqdn(target.exchange.question.name),
      qtype: target.exchange.question.type.toUpperCase(),
      answer: recordsOf(target.message),
      rcode: target.message.rcode,
      zones,
      trustAnchors: anchors.anchors,
      now: options.now,
    });
    return { ...none, proof };
  } catch (e) {
    // validateChain throws only on input it cannot take (an unknown type mnemonic, a bad name).
    const why = e instanceof Error ? e.message : String(e);
    return { ...none, problem: `The answer could not be validated: ${why}.` };
  }
}
