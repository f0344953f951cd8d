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
import type { RrsetIndex } from './rrset-index';
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

export async function answerSteps(input: StepInput): Promise<readonly AnswerStep[]> {
  const { qtype, rcode, index, chain } = input;
  const ctx = chain.ctx;
  const steps: AnswerStep[] = [];
  let target = input.target;
  for (let n = 0; ; n++) {
    const owner = nameToText(target);
    const type = typeToText(qtype);
    if (n >= ctx.budget.limits.chainSteps) {
      const f = finding(
        'chain-too-long',
        `more than ${ctx.budget.limits.chainSteps} CNAME/DNAME steps`,
        { owner, type },
      );
      steps.push({ owner, type, status: f.status, findings: [f], rrsets: [] });
      return steps;
    }
    const state: ZoneState = await chain.zoneFor(target, qtype);
    const zone = nameToText(state.zone);
    if (state.status !== 'secure') {
      steps.push({ owner, type, zone, status: state.status, findings: state.findings, rrsets: [] });
      return steps;
    }
    const step = { owner, type, zone };
    const exact = index.get(target, qtype);
    const dname = exact ? undefined : findDname(index, target);
    const positive =
      exact ?? (qtype !== RRTYPE.CNAME && !dname ? index.get(target, RRTYPE.CNAME) : undefined);
    if (positive) {
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
      // RFC 4035 §5.3.4: a wildcard answer needs proof that no closer match exists.
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
      steps.push({
        ...step,
        kind,
        status,
        findings,
        rrsets,
        ...(denial ? { denial } : {}),
        ...(next ? { target: nameToText(next) } : {}),
      });
      if (!isCname || status !== 'secure' || !next) return steps;
      target = next;
      continue;
    }
    if (dname) {
      const proof = await verifyRrset(dname.rrset, state.keys, state.zone, ctx);
      const dnameTarget = nameInRdata(dname.rrset.records[0]!);
      if (!dnameTarget) {
        const f = finding(
          'malformed-record',
          `DNAME at ${nameToText(dname.rrset.owner)} has no target`,
        );
        steps.push({ ...step, kind: 'dname', status: f.status, findings: [f], rrsets: [proof] });
        return steps;
      }
      const next = synthesise(target, dname.rrset.owner, dnameTarget);
      const cname = index.get(target, RRTYPE.CNAME);
      const shown = cname ? nameInRdata(cname.records[0]!) : undefined;
      // RFC 6672 §3.4: the unsigned synthesised CNAME must agree with the signed DNAME.
      const mismatch = cname && (!shown || !namesEqual(shown, next));
      const findings = mismatch
        ? [
            finding(
              'dname-mismatch',
              `CNAME ${owner} → ${shown ? nameToText(shown) : '?'} does not follow from DNAME ${nameToText(dname.rrset.owner)} (expected ${nameToText(next)})`,
            ),
          ]
        : proof.findings;
      const status = mismatch ? worseStatus(proof.status, 'bogus') : proof.status;
      steps.push({
        ...step,
        kind: 'dname',
        status,
        findings,
        rrsets: [proof],
        target: nameToText(next),
      });
      if (status !== 'secure') return steps;
      target = next;
      continue;
    }
    // After a CNAME/DNAME, the response may simply stop (an authoritative server does not
    // follow into other zones): that is missing material, not a failed proof.
    if (n > 0 && !index.ofType(RRTYPE.SOA).some((s) => isSubdomainOf(target, s.owner))) {
      const f = finding(
        'material-missing',
        `the response does not continue the chain at ${owner} ${type}`,
        { owner, type },
      );
      steps.push({ ...step, status: f.status, findings: [f], rrsets: [] });
      return steps;
    }
    steps.push(await negativeStep(target, qtype, rcode, index, state, chain, step));
    return steps;
  }
}

function findDname(
  index: RrsetIndex,
  target: Name,
): { rrset: NonNullable<ReturnType<RrsetIndex['get']>> } | undefined {
  for (let n = target.length - 1; n >= 1; n--) {
    const owner = target.slice(target.length - n);
    const rrset = index.get(owner, RRTYPE.DNAME);
    if (rrset && isSubdomainOf(target, owner)) return { rrset };
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
  step: { owner: string; type: string; zone: string },
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
