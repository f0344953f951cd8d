/**
 * The target response: positive data (possibly from a wildcard), a CNAME/DNAME chain that may
 * cross zones, or a denial (NXDOMAIN, NODATA) — each step checked with the keys of its zone.
 */

import { readName } from '../dns/wire/message';
import {
  isSubdomainOf,
  nameToText,
  namesEqual,
  rrsigLabelCount,
  type Name,
} from '../dns/wire/name';
import type { ResourceRecord } from '../dns/wire/record';
import { RCODE, RRTYPE, typeToText } from '../dns/wire/types';
import type { ChainBuilder, ZoneState } from './chain';
import { proveDenial } from './denial';
import type { AnswerKind, AnswerStep, Finding, RrsetProof } from './proof-tree';
import type { Rrset, RrsetIndex } from './rrset-index';
import { worseStatus } from './status';
import { finding, verifyRrset, verifyRrsetWithSignature } from './verify-rrset';

function nameInRdata(rr: ResourceRecord): Name | undefined {
  const r = readName(rr.rdata, 0);
  return r.ok && r.value.end === rr.rdata.length ? r.value.name : undefined;
}

/** The CNAME a DNAME at `owner` synthesises for `qname` (RFC 6672 §2.2). */
function synthesise(qname: Name, owner: Name, target: Name): Name {
  return [...qname.slice(0, qname.length - owner.length), ...target];
}

interface StepInput {
  readonly target: Name;
  readonly qtype: number;
  readonly rcode: number | undefined;
  readonly index: RrsetIndex;
  readonly chain: ChainBuilder;
}

/** One step of the answer, and the name the chain continues at (a secure CNAME or DNAME). */
interface StepResult {
  readonly step: AnswerStep;
  readonly next?: Name;
}

/** The owner, type and zone every step of the answer reports. */
type StepHeader = { owner: string; type: string; zone: string };

export async function answerSteps(input: StepInput): Promise<readonly AnswerStep[]> {
  const steps: AnswerStep[] = [];
  let target: Name | undefined = input.target;
  for (let n = 0; target !== undefined; n++) {
    const r = await answerStep(input, target, n);
    steps.push(r.step);
    target = r.next;
  }
  return steps;
}

/**
 * Checks the answer at `target`, the n-th name of a CNAME/DNAME chain, with the keys of the
 * zone that holds it: positive data (RFC 4035 §5.3), a DNAME (RFC 6672), or a denial (§5.4).
 */
async function answerStep(input: StepInput, target: Name, n: number): Promise<StepResult> {
  const { qtype, rcode, index, chain } = input;
  const ctx = chain.ctx;
  const owner = nameToText(target);
  const type = typeToText(qtype);
  if (n >= ctx.budget.limits.chainSteps) {
    const f = finding(
      'chain-too-long',
      `more than ${ctx.budget.limits.chainSteps} CNAME/DNAME steps`,
      { owner, type },
    );
    return { step: { owner, type, status: f.status, findings: [f], rrsets: [] } };
  }
  const state: ZoneState = await chain.zoneFor(target, qtype);
  const zone = nameToText(state.zone);
  if (state.status !== 'secure') {
    return {
      step: { owner, type, zone, status: state.status, findings: state.findings, rrsets: [] },
    };
  }
  const step = { owner, type, zone };
  const exact = index.get(target, qtype);
  const dname = exact ? undefined : findDname(index, target);
  const positive =
    exact ?? (qtype !== RRTYPE.CNAME && !dname ? index.get(target, RRTYPE.CNAME) : undefined);
  if (positive) return positiveStep(input, target, positive, state, step);
  if (dname) return dnameStep(input, target, dname, state, step);
  // After a CNAME/DNAME, the response may simply stop (an authoritative server does not
  // follow into other zones): that is missing material, not a failed proof.
  if (n > 0 && !index.ofType(RRTYPE.SOA).some((s) => isSubdomainOf(target, s.owner))) {
    const f = finding(
      'material-missing',
      `the response does not continue the chain at ${owner} ${type}`,
      { owner, type },
    );
    return { step: { ...step, status: f.status, findings: [f], rrsets: [] } };
  }
  return { step: await negativeStep(target, qtype, rcode, index, state, chain, step) };
}

/**
 * The RRset of the question's type, or a CNAME in its place (RFC 4035 §5.3). A wildcard
 * answer (RRSIG Labels below the owner's) also needs proof that no closer match exists (§5.3.4).
 */
async function positiveStep(
  { qtype, index, chain }: StepInput,
  target: Name,
  positive: Rrset,
  state: ZoneState,
  step: StepHeader,
): Promise<StepResult> {
  const ctx = chain.ctx;
  const { proof, validRrsig } = await verifyRrsetWithSignature(
    positive,
    state.keys,
    state.zone,
    ctx,
  );
  const isCname = positive.type === RRTYPE.CNAME && qtype !== RRTYPE.CNAME;
  const rrsets: RrsetProof[] = [proof];
  let status = proof.status;
  let findings: readonly Finding[] = proof.findings;
  let denial;
  if (proof.status === 'secure' && validRrsig && validRrsig.labels < rrsigLabelCount(target)) {
    const d = await proveDenial(
      { kind: 'wildcard-expansion', labels: validRrsig.labels },
      target,
      qtype,
      index,
      state.zone,
      state.keys,
      ctx,
    );
    const { outcome: _o, ...rest } = d;
    denial = rest;
    status = d.status;
    findings = d.findings;
  }
  const kind: AnswerKind = isCname ? 'cname' : denial ? 'wildcard' : 'positive';
  const next = isCname ? nameInRdata(positive.records[0]!) : undefined;
  return {
    step: {
      ...step,
      kind,
      status,
      findings,
      rrsets,
      ...(denial ? { denial } : {}),
      ...(next ? { target: nameToText(next) } : {}),
    },
    ...(isCname && status === 'secure' && next ? { next } : {}),
  };
}

/**
 * A signed DNAME above the target (RFC 6672 §2.2): the chain continues at the synthesised
 * name, and an unsigned CNAME shown beside it must agree with it (§3.4).
 */
async function dnameStep(
  { index, chain }: StepInput,
  target: Name,
  dname: Rrset,
  state: ZoneState,
  step: StepHeader,
): Promise<StepResult> {
  const proof = await verifyRrset(dname, state.keys, state.zone, chain.ctx);
  const dnameTarget = nameInRdata(dname.records[0]!);
  if (!dnameTarget) {
    const f = finding('malformed-record', `DNAME at ${nameToText(dname.owner)} has no target`);
    return { step: { ...step, kind: 'dname', status: f.status, findings: [f], rrsets: [proof] } };
  }
  const next = synthesise(target, dname.owner, dnameTarget);
  const cname = index.get(target, RRTYPE.CNAME);
  const shown = cname ? nameInRdata(cname.records[0]!) : undefined;
  const mismatch = cname && (!shown || !namesEqual(shown, next));
  const findings = mismatch
    ? [
        finding(
          'dname-mismatch',
          `CNAME ${step.owner} → ${shown ? nameToText(shown) : '?'} does not follow from DNAME ${nameToText(dname.owner)} (expected ${nameToText(next)})`,
        ),
      ]
    : proof.findings;
  const status = mismatch ? worseStatus(proof.status, 'bogus') : proof.status;
  return {
    step: {
      ...step,
      kind: 'dname',
      status,
      findings,
      rrsets: [proof],
      target: nameToText(next),
    },
    ...(status === 'secure' ? { next } : {}),
  };
}

function findDname(index: RrsetIndex, target: Name): Rrset | undefined {
  for (let n = target.length - 1; n >= 1; n--) {
    const owner = target.slice(target.length - n);
    const rrset = index.get(owner, RRTYPE.DNAME);
    if (rrset && isSubdomainOf(target, owner)) return rrset;
  }
  return undefined;
}

async function negativeStep(
  target: Name,
  qtype: number,
  rcode: number | undefined,
  index: RrsetIndex,
  state: ZoneState,
  chain: ChainBuilder,
  step: StepHeader,
): Promise<AnswerStep> {
  const ctx = chain.ctx;
  const rrsets: RrsetProof[] = [];
  const soa = index.ofType(RRTYPE.SOA).find((s) => namesEqual(s.owner, state.zone));
  if (soa) {
    const p = await verifyRrset(soa, state.keys, state.zone, ctx);
    rrsets.push(p);
    if (p.status !== 'secure')
      return {
        ...step,
        kind: rcode === RCODE.NXDOMAIN ? 'nxdomain' : 'nodata',
        status: p.status,
        findings: p.findings,
        rrsets,
      };
  }
  const kinds: readonly ('nxdomain' | 'nodata')[] =
    rcode === RCODE.NXDOMAIN
      ? ['nxdomain']
      : rcode === RCODE.NOERROR
        ? ['nodata']
        : ['nodata', 'nxdomain'];
  let best;
  for (const kind of kinds) {
    const d = await proveDenial({ kind }, target, qtype, index, state.zone, state.keys, ctx);
    if (!best || d.status === 'secure' || d.status === 'insecure') best = d;
    if (d.status === 'secure' || d.status === 'insecure') break;
  }
  const { outcome: _o, ...denial } = best!;
  const kind: AnswerKind =
    denial.kind === 'nxdomain' || denial.kind === 'wildcard-nodata'
      ? denial.kind
      : kinds[0] === 'nxdomain'
        ? 'nxdomain'
        : 'nodata';
  return { ...step, kind, status: denial.status, findings: denial.findings, rrsets, denial };
}
