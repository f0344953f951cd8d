/**
 * The validator's entry point: a pure async function from collected records to a proof tree.
 * No I/O, no clock: the caller passes the records, the trust anchors and `now`.
 */

import { nameToText, type Name } from '../dns/wire/name';
import type { ResourceRecord } from '../dns/wire/record';
import { typeFromText, typeToText } from '../dns/wire/types';
import { ROOT_TRUST_ANCHORS, type TrustAnchors } from './anchors/trust-anchors';
import { answerSteps } from './answer';
import { WorkBudget, type WorkLimits } from './budget';
import { ChainBuilder, toName, type ZoneMaterial } from './chain';
import type { ProofTree } from './proof-tree';
import { RrsetIndex } from './rrset-index';
import { worseStatus, type Status } from './status';

export interface ValidationInput {
  readonly qname: Name | string;
  /** Type number or mnemonic, e.g. 1 or 'A'. */
  readonly qtype: number | string;
  /** Answer and authority records of the target response (RRSIGs, NSEC/NSEC3, SOA included). */
  readonly answer: readonly ResourceRecord[];
  /** RCODE of the target response; 3 (NXDOMAIN) asks for a name-error proof. Inferred if absent. */
  readonly rcode?: number;
  /** Per name on the way down (any order): the DS and DNSKEY responses collected for it. */
  readonly zones: readonly ZoneMaterial[];
  /** Defaults to the root KSK-2017 and KSK-2024 DS records. */
  readonly trustAnchors?: TrustAnchors;
  /** The validation time, seconds since the Unix epoch. */
  readonly now: number;
  readonly limits?: Partial<WorkLimits>;
}

/**
 * Validates a response and the chain of trust above it.
 *
 * @example
 * const tree = await validateChain({ qname: 'www.example.', qtype: 'A', answer, zones, now: Date.now() / 1000 });
 * tree.status; // 'secure' | 'insecure' | 'bogus' | 'indeterminate'
 */
export async function validateChain(input: ValidationInput): Promise<ProofTree> {
  const qname = toName(input.qname);
  const qtype = typeof input.qtype === 'number' ? input.qtype : typeFromText(input.qtype);
  if (qtype === undefined) throw new Error(`unknown qtype ${String(input.qtype)}`);
  if (!Number.isFinite(input.now)) throw new Error('now must be seconds since the epoch');
  const budget = new WorkBudget(input.limits);
  const ctx = { now: input.now, budget };
  const index = new RrsetIndex(input.answer);
  const chain = new ChainBuilder(input.zones, index, input.trustAnchors ?? ROOT_TRUST_ANCHORS, ctx);
  const steps = await answerSteps({ target: qname, qtype, rcode: input.rcode, index, chain });
  let status: Status = 'secure';
  for (const s of steps) status = worseStatus(status, s.status);
  const deciding = steps.find((s) => s.status === status);
  const findings = status === 'secure' ? [] : (deciding?.findings ?? []);
  const last = steps[steps.length - 1];
  return {
    qname: nameToText(qname),
    qtype: typeToText(qtype),
    status,
    ...(findings[0] ? { reason: findings[0].reason } : {}),
    findings,
    ...(last?.kind && status !== 'bogus' && status !== 'indeterminate' ? { kind: last.kind } : {}),
    zones: chain.zones,
    answer: steps,
    needs: chain.needs,
    verifications: budget.verifications,
  };
}
