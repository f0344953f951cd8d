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
import { fqdn } from '../dns/name';
import { RCODE } from '../dns/rcodes';
import type { ResourceRecord } from '../dns/wire/record';
import {
  ROOT_TRUST_ANCHORS,
  parseTrustAnchors,
  type TrustAnchors,
} from '../dnssec/anchors/trust-anchors';
import type { ZoneMaterial } from '../dnssec/chain';
import type { ProofTree } from '../dnssec/proof-tree';
import type { Status } from '../dnssec/status';
import { validateChain } from '../dnssec/validate';
import type { Evidence, Exchange } from '../evidence/evidence';
import { answerOf } from '../evidence/decoded';

/** Which exchanges supplied the chain material for one name on the way down. */
export interface ZoneSources {
  /** Presentation FQDN, lower case, e.g. `.` or `lab.` */
  readonly zone: string;
  /** Id of the exchange whose `DS` response was used. */
  readonly ds?: string;
  /** Id of the exchange whose `DNSKEY` response was used. */
  readonly dnskey?: string;
}

/**
 * One distinct answer to the question (same RCODE and the same records, signatures and
 * TTLs aside) and what our validator makes of it. Resolvers that disagree are judged one
 * by one: a filter's bare NXDOMAIN or a forged address must not stand in for the zone.
 */
export interface AnswerValidation {
  /** Target exchanges that carried this answer, in evidence order. */
  readonly exchanges: readonly string[];
  /** The resolvers that gave it (DoH URLs), in evidence order. */
  readonly resolvers: readonly string[];
  /** `NOERROR` or `NXDOMAIN`. */
  readonly rcode: string;
  /** The records of the answer section (RRSIGs aside), presentation format. */
  readonly records: readonly string[];
  /** Our validator's status for it; absent when it was not checked (see `problem`). */
  readonly status?: Status;
  /** The validator's first finding that is not secure, when there is one. */
  readonly finding?: string;
  /** Why it was not checked, when it was not. */
  readonly problem?: string;
  /** This answer's proof is the one shown (`EvidenceValidation.proof`). */
  readonly chosen: boolean;
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
  /**
   * Every distinct answer the resolvers gave, each validated on its own (at most
   * `MAX_ANSWERS_VALIDATED`), the chosen one first. Empty when there was no usable answer.
   */
  readonly answers: readonly AnswerValidation[];
}

/** Distinct answers validated one by one; more are listed as not checked. */
export const MAX_ANSWERS_VALIDATED = 4;

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

/** The usable target answers, CD=1 first, each time in resolver order. */
function targetAnswers(evidence: Evidence, decoded: readonly Decoded[]): Decoded[] {
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
  return [...targets.filter((d) => d.exchange.cd), ...targets.filter((d) => !d.exchange.cd)];
}

/** `owner TYPE rdata` of the answer section, RRSIGs and TTLs aside, sorted. */
function answerRecordsOf(message: DnsMessage): string[] {
  return message.answer
    .filter((rr) => rr.type !== 'RRSIG')
    .map((rr) => `${fqdn(rr.name)} ${rr.type} ${rr.rdata}`)
    .sort();
}

interface AnswerGroup {
  readonly key: string;
  /** The exchange validated for the group: the first in preference order (CD=1 first). */
  readonly representative: Decoded & { readonly message: DnsMessage };
  readonly members: Decoded[];
}

/**
 * Target answers grouped by content: the same RCODE and the same records. Signatures and
 * TTLs do not split a group (a resolver that counts a TTL down, or one asked without DO,
 * still says the same thing); a different address, or NXDOMAIN beside NOERROR, does.
 */
function answerGroups(answers: readonly Decoded[]): AnswerGroup[] {
  const groups: AnswerGroup[] = [];
  for (const d of answers) {
    const message = d.message;
    if (!isUsable(message)) continue;
    const key = `${message.rcodeName}|${answerRecordsOf(message).join('\n')}`;
    const group = groups.find((g) => g.key === key);
    if (group) group.members.push(d);
    else groups.push({ key, representative: { ...d, message }, members: [d] });
  }
  return groups;
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
  const groups = answerGroups(targetAnswers(evidence, decoded));
  const first = groups[0]?.representative;
  const anchors = trustAnchorsOf(evidence, options.trustAnchors);
  if (!first || 'problem' in anchors) {
    const resolver = first?.exchange.resolver ?? null;
    const { sources } = chooseMaterial(evidence, decoded, resolver);
    return {
      proof: null,
      resolver,
      targetExchange: first?.exchange.id ?? null,
      sources,
      problem: 'problem' in anchors ? anchors.problem : noTargetProblem(evidence, decoded),
      answers: groups.map((g) => unchecked(g, 'problem' in anchors ? anchors.problem : '')),
    };
  }

  // Each distinct answer against the chain material its own resolver supplied where it
  // can (the material of the others where it cannot).
  const checked: { group: AnswerGroup; run: ChainRun }[] = [];
  for (const group of groups.slice(0, MAX_ANSWERS_VALIDATED)) {
    checked.push({
      group,
      run: await runChain(evidence, decoded, group, anchors.anchors, options),
    });
  }
  // The answer shown is the first that validates as secure (a signed answer is what the
  // zone says, whatever other resolvers hand out); without one, the first in preference
  // order, as before: CD=1 first, resolvers in the order they were asked.
  const chosen = checked.find((c) => c.run.proof?.status === 'secure') ?? checked[0]!;
  const answers: AnswerValidation[] = [chosen, ...checked.filter((c) => c !== chosen)].map((c) => {
    const finding = c.run.proof ? firstFinding(c.run.proof) : undefined;
    return {
      ...membersOf(c.group),
      ...(c.run.proof
        ? { status: c.run.proof.status, ...(finding ? { finding } : {}) }
        : { problem: c.run.problem ?? 'not validated' }),
      chosen: c === chosen,
    };
  });
  for (const group of groups.slice(MAX_ANSWERS_VALIDATED)) {
    answers.push(
      unchecked(
        group,
        `more than ${MAX_ANSWERS_VALIDATED} different answers; this one was not checked`,
      ),
    );
  }
  return {
    proof: chosen.run.proof,
    resolver: chosen.group.representative.exchange.resolver,
    targetExchange: chosen.group.representative.exchange.id,
    sources: chosen.run.sources,
    ...(chosen.run.problem === undefined ? {} : { problem: chosen.run.problem }),
    answers,
  };
}

interface ChainRun {
  readonly proof: ProofTree | null;
  readonly sources: ZoneSources[];
  readonly problem?: string;
}

async function runChain(
  evidence: Evidence,
  decoded: readonly Decoded[],
  group: AnswerGroup,
  anchors: TrustAnchors,
  options: ValidateEvidenceOptions,
): Promise<ChainRun> {
  const target = group.representative;
  const { zones, sources } = chooseMaterial(evidence, decoded, target.exchange.resolver);
  try {
    const proof = await validateChain({
      qname: fqdn(target.exchange.question.name),
      qtype: target.exchange.question.type.toUpperCase(),
      answer: recordsOf(target.message),
      rcode: target.message.rcode,
      zones,
      trustAnchors: anchors,
      now: options.now,
    });
    return { proof, sources };
  } catch (e) {
    // validateChain throws only on input it cannot take (an unknown type mnemonic, a bad name).
    const why = e instanceof Error ? e.message : String(e);
    return { proof: null, sources, problem: `The answer could not be validated: ${why}.` };
  }
}

function membersOf(
  group: AnswerGroup,
): Pick<AnswerValidation, 'exchanges' | 'resolvers' | 'rcode' | 'records'> {
  const inOrder = [...group.members].sort(
    (a, b) => exchangeNumber(a.exchange.id) - exchangeNumber(b.exchange.id),
  );
  return {
    exchanges: inOrder.map((d) => d.exchange.id),
    resolvers: [...new Set(inOrder.map((d) => d.exchange.resolver))],
    rcode: group.representative.message.rcodeName,
    records: answerRecordsOf(group.representative.message),
  };
}

function unchecked(group: AnswerGroup, problem: string): AnswerValidation {
  return { ...membersOf(group), ...(problem ? { problem } : {}), chosen: false };
}

/** The first message of the proof that is not about a secure link. */
function firstFinding(proof: ProofTree): string | undefined {
  const all = [
    ...proof.findings,
    ...proof.zones.flatMap((z) => z.findings),
    ...proof.answer.flatMap((s) => s.findings),
  ];
  return all.find((f) => f.status !== 'secure')?.message;
}
