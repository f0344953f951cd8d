/**
 * Verifies one RRset against the DNSKEYs of its zone (RFC 4035 §5.3), within the work budget.
 */

import {
  isSubdomainOf,
  nameToText,
  namesEqual,
  rrsigLabelCount,
  type Name,
} from '../dns/wire/name';
import { recordToText } from '../dns/rdata';
import { signatureTimeToText } from '../dns/text';
import type { ResourceRecord } from '../dns/wire/record';
import { typeToText } from '../dns/wire/types';
import { verifySignature } from './algorithms';
import type { WorkBudget } from './budget';
import { signedData, signedOwner } from './canonical';
import type { Finding, RrsetProof, SignatureInfo, SignatureOutcome } from './proof-tree';
import { decodeRrsig, type RrsigRdata } from './rdata/rrsig';
import type { Rrset } from './rrset-index';
import { validityAt } from './serial-time';
import { REASONS, type ReasonId } from './status';
import { isUsableZoneKey, type ZoneKey } from './zone-key';

/** A signature time for people: `20261122132127 (2026-11-22 13:21:27 UTC)`, both forms. */
function readableTime(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return `${signatureTimeToText(seconds)} (${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC)`;
}

export interface ValidationContext {
  /** Seconds since the Unix epoch. */
  readonly now: number;
  readonly budget: WorkBudget;
}

/** An RRset's proof, and the RRSIG that verified it (its Labels tell wildcard expansion). */
export interface RrsetVerification {
  /** Only the proof's declared fields: it goes into the proof tree and across to the UI. */
  readonly proof: RrsetProof;
  readonly validRrsig?: RrsigRdata;
}

/** The proof of an RRset (RFC 4035 §5.3): secure when one RRSIG verifies with one key. */
export async function verifyRrset(
  rrset: Rrset,
  keys: readonly ZoneKey[],
  zone: Name,
  ctx: ValidationContext,
): Promise<RrsetProof> {
  return (await verifyRrsetWithSignature(rrset, keys, zone, ctx)).proof;
}

/** When no signature verifies, the finding that explains it best comes first. */
const PRECEDENCE: readonly ReasonId[] = [
  'work-limit',
  'signature-invalid',
  'rrsig-expired',
  'rrsig-not-yet-valid',
  'no-zone-key-bit',
  'dnskey-missing',
  'rrsig-malformed',
  'malformed-record',
  'unsupported-key-size',
  'unsupported-algorithm',
];

export function finding(
  reason: ReasonId,
  message: string,
  extra: Omit<Finding, 'reason' | 'status' | 'message'> = {},
): Finding {
  return { reason, status: REASONS[reason].status, message, ...extra };
}

function signatureInfo(
  rr: ResourceRecord,
  sig: RrsigRdata,
  outcome: SignatureOutcome,
): SignatureInfo {
  return {
    owner: nameToText(rr.owner),
    typeCovered: typeToText(sig.typeCovered),
    algorithm: sig.algorithm,
    labels: sig.labels,
    originalTtl: sig.originalTtl,
    keyTag: sig.keyTag,
    signer: nameToText(sig.signerName),
    inception: sig.inception,
    expiration: sig.expiration,
    outcome,
    text: recordToText(rr),
  };
}

export async function verifyRrsetWithSignature(
  rrset: Rrset,
  keys: readonly ZoneKey[],
  zone: Name,
  ctx: ValidationContext,
): Promise<RrsetVerification> {
  const owner = nameToText(rrset.owner);
  const type = typeToText(rrset.type);
  const base = { owner, type, records: rrset.records.map(recordToText) };
  const findings: Finding[] = [];
  const signatures: SignatureInfo[] = [];
  const where = { owner, type };
  if (rrset.signatures.length === 0) {
    const f = finding('rrsig-missing', `${owner} ${type} has no RRSIG`, where);
    return { proof: { ...base, status: f.status, findings: [f], signatures } };
  }
  const limits = ctx.budget.limits;
  for (const [index, rr] of rrset.signatures.entries()) {
    const decoded = decodeRrsig(rr.rdata);
    if (!decoded.ok) {
      findings.push(
        finding('malformed-record', `RRSIG of ${owner} ${type}: ${decoded.error.message}`, {
          ...where,
          records: [recordToText(rr)],
        }),
      );
      continue;
    }
    const sig = decoded.value;
    if (index >= limits.signaturesPerRrset) {
      signatures.push(signatureInfo(rr, sig, 'not-tried'));
      findings.push(
        finding(
          'work-limit',
          `more than ${limits.signaturesPerRrset} RRSIGs on ${owner} ${type}`,
          where,
        ),
      );
      continue;
    }
    const outcome = await checkSignature(rrset, rr, sig, keys, zone, ctx, findings);
    signatures.push(signatureInfo(rr, sig, outcome.outcome));
    if (outcome.outcome === 'valid') {
      const wildcard =
        sig.labels < rrsigLabelCount(rrset.owner)
          ? nameToText(signedOwner(rrset.owner, sig.labels))
          : undefined;
      return {
        proof: {
          ...base,
          status: 'secure',
          findings: [],
          signatures: [
            ...signatures,
            ...rrset.signatures.slice(index + 1).flatMap((r) => {
              const d = decodeRrsig(r.rdata);
              return d.ok ? [signatureInfo(r, d.value, 'not-tried')] : [];
            }),
          ],
          ...(wildcard === undefined ? {} : { wildcard }),
        },
        validRrsig: sig,
      };
    }
  }
  const ranked = [...findings].sort(
    (a, b) => PRECEDENCE.indexOf(a.reason) - PRECEDENCE.indexOf(b.reason),
  );
  const top =
    ranked[0] ?? finding('signature-invalid', `no RRSIG of ${owner} ${type} verifies`, where);
  return {
    proof: {
      ...base,
      status: top.status,
      findings: ranked.length > 0 ? ranked : [top],
      signatures,
    },
  };
}

/** One RRSIG being checked against its RRset; findings collect what went wrong. */
interface SignatureCheck {
  readonly rrset: Rrset;
  readonly rr: ResourceRecord;
  readonly sig: RrsigRdata;
  /** The RRset's owner and type, and the RRSIG record, as text for findings. */
  readonly owner: string;
  readonly type: string;
  readonly text: string;
  readonly findings: Finding[];
}

type CheckResult = { outcome: SignatureOutcome; key?: ZoneKey };

/**
 * RFC 4035 §5.3: checks one RRSIG over `rrset` — its fields (§5.3.1), its validity period,
 * a matching zone key, then the cryptography (§5.3.3) — pushing a finding for each failure.
 */
async function checkSignature(
  rrset: Rrset,
  rr: ResourceRecord,
  sig: RrsigRdata,
  keys: readonly ZoneKey[],
  zone: Name,
  ctx: ValidationContext,
  findings: Finding[],
): Promise<CheckResult> {
  const c: SignatureCheck = {
    rrset,
    rr,
    sig,
    owner: nameToText(rrset.owner),
    type: typeToText(rrset.type),
    text: recordToText(rr),
    findings,
  };
  const mismatch = fieldMismatch(c, zone);
  if (mismatch !== undefined) {
    findings.push(
      finding('rrsig-malformed', mismatch, {
        owner: c.owner,
        type: c.type,
        rrsig: signatureInfo(rr, sig, 'malformed'),
        records: [c.text],
      }),
    );
    return { outcome: 'malformed' };
  }
  const outside = outsideValidity(c, ctx.now);
  if (outside) return outside;
  const candidates = matchingKeys(c, keys);
  if (candidates.length === 0) return { outcome: 'no-key' };
  return verifyWithKeys(c, candidates, ctx);
}

/** RFC 4035 §5.3.1 — the checks before any cryptography: why the RRSIG cannot cover the RRset. */
function fieldMismatch(
  { rrset, sig, owner, type }: SignatureCheck,
  zone: Name,
): string | undefined {
  if (sig.typeCovered !== rrset.type)
    return `RRSIG covers ${typeToText(sig.typeCovered)}, not ${type}`;
  // "The RRSIG RR's Signer's Name field MUST be the name of the zone that contains the RRset."
  if (!namesEqual(sig.signerName, zone) || !isSubdomainOf(rrset.owner, sig.signerName))
    return `RRSIG of ${owner} ${type} names signer ${nameToText(sig.signerName)}, but the zone is ${nameToText(zone)}`;
  // "The number of labels in the RRset owner name MUST be greater than or equal to the value in the RRSIG RR's Labels field."
  if (sig.labels > rrsigLabelCount(rrset.owner))
    return `RRSIG Labels ${sig.labels} exceeds the ${rrsigLabelCount(rrset.owner)} labels of ${owner}`;
  return undefined;
}

/** RFC 4035 §5.3.1: the validation time must lie between Inception and Expiration. */
function outsideValidity(c: SignatureCheck, now: number): CheckResult | undefined {
  const { rr, sig, owner, type, text } = c;
  const window = validityAt(now, sig.inception, sig.expiration);
  if (window === 'expired') {
    c.findings.push(
      finding(
        'rrsig-expired',
        `RRSIG ${type} ${sig.keyTag} of ${owner} expired at ${readableTime(sig.expiration)}`,
        {
          owner,
          type,
          rrsig: signatureInfo(rr, sig, 'expired'),
          time: sig.expiration,
          records: [text],
        },
      ),
    );
    return { outcome: 'expired' };
  }
  if (window === 'not-yet-valid') {
    c.findings.push(
      finding(
        'rrsig-not-yet-valid',
        `RRSIG ${type} ${sig.keyTag} of ${owner} is valid only from ${readableTime(sig.inception)}`,
        {
          owner,
          type,
          rrsig: signatureInfo(rr, sig, 'not-yet-valid'),
          time: sig.inception,
          records: [text],
        },
      ),
    );
    return { outcome: 'not-yet-valid' };
  }
  return undefined;
}

/**
 * "The matching DNSKEY RR MUST be present in the zone's apex DNSKEY RRset, and MUST match
 * the RRSIG RR's Signer's Name, Algorithm, and Key Tag fields." (RFC 4035 §5.3.1). When
 * none is usable, a finding says whether a key was there without the Zone Key bit.
 */
function matchingKeys(c: SignatureCheck, keys: readonly ZoneKey[]): readonly ZoneKey[] {
  const { sig, owner, type } = c;
  const tagged = keys.filter(
    (k) =>
      k.keyTag === sig.keyTag &&
      k.dnskey.algorithm === sig.algorithm &&
      namesEqual(k.owner, sig.signerName),
  );
  const candidates = tagged.filter(isUsableZoneKey);
  if (candidates.length === 0) {
    const keyTags = [...new Set(keys.map((k) => k.keyTag))];
    const reason: ReasonId = tagged.length > 0 ? 'no-zone-key-bit' : 'dnskey-missing';
    c.findings.push(
      finding(
        reason,
        `no usable DNSKEY ${sig.keyTag}/${sig.algorithm} at ${nameToText(sig.signerName)} for RRSIG ${type} of ${owner}`,
        { owner, type, rrsig: signatureInfo(c.rr, sig, 'no-key'), keyTags, records: [c.text] },
      ),
    );
  }
  return candidates;
}

/**
 * RFC 4035 §5.3.3: verifies the signature over the canonical RRset with each candidate key,
 * within the budget (keys per signature, verifications: the KeyTrap guard).
 */
async function verifyWithKeys(
  c: SignatureCheck,
  candidates: readonly ZoneKey[],
  ctx: ValidationContext,
): Promise<CheckResult> {
  const { rrset, rr, sig, owner, type, text } = c;
  const info = (o: SignatureOutcome): SignatureInfo => signatureInfo(rr, sig, o);
  const data = signedData(sig, rr.rdata.subarray(0, sig.signedPrefixLength), rrset.records);
  let lastOutcome: SignatureOutcome = 'invalid';
  for (const [i, key] of candidates.entries()) {
    if (i >= ctx.budget.limits.keysPerSignature || !ctx.budget.takeVerification()) {
      c.findings.push(
        finding(
          'work-limit',
          `verification budget spent at RRSIG ${type} ${sig.keyTag} of ${owner}`,
          { owner, type, rrsig: info('not-tried') },
        ),
      );
      return { outcome: 'not-tried' };
    }
    const outcome = await verifySignature(sig.algorithm, key.dnskey.publicKey, sig.signature, data);
    if (outcome === 'valid') return { outcome: 'valid', key };
    if (outcome === 'unsupported-algorithm' || outcome === 'unsupported-key-size') {
      c.findings.push(
        finding(
          outcome,
          `cannot verify RRSIG ${type} ${sig.keyTag} of ${owner}: ${outcome.replace(/-/g, ' ')}`,
          { owner, type, rrsig: info('unsupported'), records: [text] },
        ),
      );
      lastOutcome = 'unsupported';
    } else {
      const why = outcome === 'malformed-key' ? ' (malformed public key)' : '';
      c.findings.push(
        finding(
          'signature-invalid',
          `RRSIG ${type} ${sig.keyTag} of ${owner} does not verify with DNSKEY ${key.keyTag}${why}`,
          { owner, type, rrsig: info('invalid'), records: [text] },
        ),
      );
      lastOutcome = 'invalid';
    }
  }
  return { outcome: lastOutcome };
}
