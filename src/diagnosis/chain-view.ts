/**
 * The chain of trust as the chain panel shows it: one link per zone from the trust anchor
 * down, interleaved with the steps of the answer (a CNAME leads into another zone's chain),
 * each with a status, a reason id and plain sentences that quote the exact records: key
 * tags, signature validity as ISO 8601 UTC, the DS digests against the keys present.
 *
 * Pure: the UI only lays this out (style.md: no DNS logic in src/ui).
 */

import { isSubdomainOf, nameFromText } from '../dns/wire/name';
import { ALGORITHM_NAMES } from '../dnssec/algorithms';
import type {
  AnswerStep,
  DenialProof,
  DsInfo,
  Finding,
  ProofTree,
  RrsetProof,
  SignatureInfo,
  ZoneProof,
} from '../dnssec/proof-tree';
import { REASONS, type ReasonId, type Status } from '../dnssec/status';
import type { EvidenceValidation } from './validate-evidence';

export interface ChainSource {
  /** What the exchange asked, e.g. `DS lab.` */
  readonly label: string;
  readonly exchange: string;
}

export interface DsRow {
  readonly keyTag: number;
  readonly algorithm: string;
  readonly digestType: string;
  readonly digest: string;
  /** e.g. `matches KSK 32866`, `matches no key`, `digest type not supported` */
  readonly match: string;
  readonly matched: boolean;
}

export interface KeyRow {
  readonly keyTag: number;
  readonly flags: number;
  /** `KSK` (SEP bit set), `ZSK`, `revoked`, or `not a zone key`. */
  readonly role: string;
  readonly algorithm: string;
  readonly sizeBits?: number;
  /** Vouched for by the parent's DS or a trust anchor: where the zone's trust enters. */
  readonly entry: boolean;
  /** RRsets this key's signatures verified, e.g. `DNSKEY lab.`, `A www.alg13.lab.` */
  readonly signs: readonly string[];
}

export interface SignatureRow {
  readonly keyTag: number;
  readonly signer: string;
  readonly algorithm: string;
  readonly outcome: SignatureInfo['outcome'];
  readonly inception: string;
  readonly expiration: string;
}

export interface RrsetRow {
  /** e.g. `www.alg13.lab. A` */
  readonly heading: string;
  readonly status: Status;
  readonly records: readonly string[];
  readonly signatures: readonly SignatureRow[];
}

export interface ChainLink {
  /** Unique within the view, for keyed lists. */
  readonly key: string;
  readonly kind: 'zone' | 'answer';
  /** The zone's apex, or the answer step's owner name (presentation FQDN). */
  readonly zone: string;
  readonly status: Status;
  readonly reason: ReasonId | '';
  readonly heading: string;
  /** One plain sentence: what holds, or what breaks. */
  readonly summary: string;
  /** Every non-secure finding, in plain words, with the records concerned. */
  readonly problems: readonly string[];
  readonly ds: readonly DsRow[];
  readonly keys: readonly KeyRow[];
  readonly rrsets: readonly RrsetRow[];
  readonly sources: readonly ChainSource[];
}

export interface ChainView {
  readonly status: Status;
  readonly reason: ReasonId | '';
  /** One sentence for the whole chain. */
  readonly headline: string;
  readonly links: readonly ChainLink[];
  /** The resolver whose CD=1 answer was validated. */
  readonly resolver: string | null;
}

const DIGEST_TYPES: Readonly<Record<number, string>> = { 1: 'SHA-1', 2: 'SHA-256', 4: 'SHA-384' };

/** `2026-11-22T11:23:26Z` */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export const algorithmName = (n: number): string => ALGORITHM_NAMES[n] ?? `algorithm ${n}`;
export const digestName = (n: number): string => DIGEST_TYPES[n] ?? `digest type ${n}`;
const list = (tags: readonly number[]): string => (tags.length ? tags.join(', ') : 'none');

function dsText(ds: DsInfo): string {
  return `key tag ${ds.keyTag}, ${algorithmName(ds.algorithm)}, ${digestName(ds.digestType)} digest ${ds.digest}`;
}

function signatureText(sig: SignatureInfo): string {
  const key = sig.signer === sig.owner ? `key ${sig.keyTag}` : `key ${sig.keyTag} of ${sig.signer}`;
  return `the signature (RRSIG) over the ${sig.typeCovered} set of ${sig.owner}, made with ${key},`;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** Lower-cases a sentence's first word ("The DS…" → "the DS…"), never a name or an acronym. */
const decapitalise = (s: string): string =>
  /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
const sentence = (s: string): string => (/[.!?]$/.test(s) ? s : `${s}.`);

/** A finding in plain words, quoting the records it concerns. */
export function explainFinding(f: Finding, zone?: ZoneProof): string {
  const parent = zone?.parent ?? 'the parent zone';
  const z = zone?.zone ?? f.owner ?? 'the zone';
  switch (f.reason) {
    case 'rrsig-expired':
      if (f.rrsig)
        return `${capitalise(signatureText(f.rrsig))} expired at ${isoTime(f.rrsig.expiration)} (it was valid from ${isoTime(f.rrsig.inception)}).`;
      break;
    case 'rrsig-not-yet-valid':
      if (f.rrsig)
        return `${capitalise(signatureText(f.rrsig))} is valid only from ${isoTime(f.rrsig.inception)} (until ${isoTime(f.rrsig.expiration)}).`;
      break;
    case 'ds-mismatch':
      if (f.ds)
        return `The DS record in ${parent} for ${z} (${dsText(f.ds)}) matches none of the DNSKEYs that ${z} publishes (key tags ${list(f.keyTags ?? [])}).`;
      break;
    case 'dnskey-missing':
      if (f.rrsig)
        return `${capitalise(signatureText(f.rrsig))} names a key that ${f.rrsig.signer} does not publish (key tags present: ${list(f.keyTags ?? [])}).`;
      if (zone && zone.ds.length > 0)
        return `${parent} has a DS record for ${z} (${zone.ds.map((d) => `key tag ${d.keyTag}`).join(', ')}), but ${z} publishes no DNSKEY: the zone is served unsigned while its parent says it is signed.`;
      break;
    case 'rrsig-missing':
      return `${f.owner ?? z} ${f.type ?? ''} carries no signature (RRSIG), although ${z} is signed.`.replace(
        ' ,',
        ',',
      );
    case 'signature-invalid':
      if (f.rrsig)
        return `${capitalise(signatureText(f.rrsig))} does not verify: the records or the signature were altered, or the wrong key was used.`;
      break;
    case 'no-ds':
      return `${parent} proves that ${z} has no DS record: an unsigned delegation, so answers from ${z} carry no signatures to check.`;
    default:
      break;
  }
  return `${REASONS[f.reason].summary}: ${sentence(f.message)}`;
}

/** `signer|keyTag` → the RRsets that key's signatures cover, with the outcome unless valid. */
function signedBy(tree: ProofTree): ReadonlyMap<string, readonly string[]> {
  const out = new Map<string, string[]>();
  const add = (rrset: RrsetProof | undefined): void => {
    for (const sig of rrset?.signatures ?? []) {
      if (sig.outcome === 'not-tried') continue;
      const k = `${sig.signer.toLowerCase()}|${sig.keyTag}`;
      const outcome = sig.outcome === 'valid' ? '' : ` (${sig.outcome.replace(/-/g, ' ')})`;
      const what = `${sig.typeCovered} ${rrset!.owner}${outcome}`;
      const seen = out.get(k) ?? [];
      if (!seen.includes(what)) out.set(k, [...seen, what]);
    }
  };
  const addDenial = (d: DenialProof | undefined): void => d?.rrsets.forEach(add);
  for (const z of tree.zones) {
    add(z.dnskeyRrset);
    add(z.dsRrset);
    addDenial(z.dsDenial);
  }
  for (const s of tree.answer) {
    s.rrsets.forEach(add);
    addDenial(s.denial);
  }
  return out;
}

export function keyRole(k: ZoneProof['dnskeys'][number]): string {
  if (k.revoked) return 'revoked';
  if (!k.zoneKey) return 'not a zone key';
  return k.sep ? 'KSK' : 'ZSK';
}

function rrsetRow(r: RrsetProof): RrsetRow {
  return {
    heading: `${r.owner} ${r.type}`,
    status: r.status,
    records: r.records,
    signatures: r.signatures.map(signatureRow),
  };
}

/** One signature as the list (and the graph's evidence pane) shows it: times in ISO 8601 UTC. */
export function signatureRow(s: SignatureInfo): SignatureRow {
  return {
    keyTag: s.keyTag,
    signer: s.signer,
    algorithm: algorithmName(s.algorithm),
    outcome: s.outcome,
    inception: isoTime(s.inception),
    expiration: isoTime(s.expiration),
  };
}

const firstReason = (findings: readonly Finding[]): ReasonId | '' => findings[0]?.reason ?? '';

function zoneLink(
  z: ZoneProof,
  signs: ReadonlyMap<string, readonly string[]>,
  v: EvidenceValidation,
): ChainLink {
  // Entry keys (KSKs) first, then by key tag: the order the chain is read in.
  const ordered = [...z.dnskeys].sort(
    (a, b) => Number(b.sep) - Number(a.sep) || a.keyTag - b.keyTag,
  );
  const keys: KeyRow[] = ordered.map((k) => ({
    keyTag: k.keyTag,
    flags: k.flags,
    role: keyRole(k),
    algorithm: algorithmName(k.algorithm),
    ...(k.keySizeBits === undefined ? {} : { sizeBits: k.keySizeBits }),
    entry: k.matchedByDs,
    signs: signs.get(`${z.zone.toLowerCase()}|${k.keyTag}`) ?? [],
  }));
  const ds: DsRow[] = z.ds.map((d) => {
    const key = keys.find((k) => k.keyTag === d.matchesKeyTag);
    return {
      keyTag: d.keyTag,
      algorithm: algorithmName(d.algorithm),
      digestType: digestName(d.digestType),
      digest: d.digest,
      matched: d.matchesKeyTag !== undefined,
      match: !d.supported
        ? 'not supported'
        : key
          ? `matches ${key.role} ${key.keyTag}`
          : 'matches no key',
    };
  });
  const entry = keys.filter((k) => k.entry);
  const from = z.anchoredBy === 'trust-anchor' ? 'The trust anchor' : `The DS in ${z.parent}`;
  const summary =
    z.status === 'secure'
      ? `${from} matches ${entry.map((k) => `${k.role} ${k.keyTag}`).join(' and ')}, which signs the zone's DNSKEY set.`
      : explainFinding(z.findings[0] ?? missing(z), z);
  const source = v.sources.find((s) => s.zone === z.zone.toLowerCase());
  return {
    key: `zone:${z.zone}`,
    kind: 'zone',
    zone: z.zone,
    status: z.status,
    reason: firstReason(z.findings),
    heading: z.zone === '.' ? '. (root)' : z.zone,
    summary,
    problems: z.status === 'secure' ? [] : z.findings.slice(1).map((f) => explainFinding(f, z)),
    ds,
    keys,
    // The keys are listed above; what matters here is who signed the DS and DNSKEY sets.
    rrsets: [z.dsRrset, z.dnskeyRrset].flatMap((r) => (r ? [{ ...rrsetRow(r), records: [] }] : [])),
    sources: [
      ...(source?.ds ? [{ label: `DS ${z.zone}`, exchange: source.ds }] : []),
      ...(source?.dnskey ? [{ label: `DNSKEY ${z.zone}`, exchange: source.dnskey }] : []),
    ],
  };
}

function missing(z: ZoneProof): Finding {
  return {
    reason: 'material-missing',
    status: 'indeterminate',
    message: `nothing known about ${z.zone}`,
  };
}

function stepSummary(s: AnswerStep, zone: ZoneProof | undefined): string {
  if (s.status !== 'secure' && s.status !== 'insecure') {
    const f = s.findings[0];
    if (!f) return `${s.owner} ${s.type} could not be validated.`;
    // A step that fails because its zone does: say so once, the zone link has the detail.
    const sameAsZone =
      zone?.findings[0]?.reason === f.reason && zone.findings[0].message === f.message;
    return zone && zone.status === s.status && sameAsZone
      ? `Cannot be trusted: the chain of trust of ${zone.zone} is ${zone.status} (above).`
      : explainFinding(f, zone);
  }
  if (s.status === 'insecure')
    return `Not signed: ${s.zone ?? 'its zone'} is an insecure zone, so this answer is accepted without validation.`;
  const by = s.rrsets[0]?.signatures.find((x) => x.outcome === 'valid');
  const signed = by ? `signed by ${s.zone} key ${by.keyTag}` : `signed by ${s.zone}`;
  const mechanism = s.denial?.mechanism?.toUpperCase() ?? 'NSEC';
  switch (s.kind) {
    case 'cname':
      return `${s.owner} is an alias (CNAME) for ${s.target}, ${signed}.`;
    case 'dname':
      return `${s.owner} is redirected by a DNAME to ${s.target}, ${signed}.`;
    case 'nxdomain':
      return `${s.zone} proves with ${mechanism} that ${s.owner} does not exist.`;
    case 'nodata':
      return `${s.zone} proves with ${mechanism} that ${s.owner} has no ${s.type} records.`;
    case 'wildcard-nodata':
      return `${s.zone} proves with ${mechanism} that neither ${s.owner} nor a wildcard has ${s.type} records.`;
    case 'wildcard':
      return `${s.owner} ${s.type} is synthesised from a wildcard, ${signed}; ${mechanism} proves no closer name exists.`;
    default: {
      const n = s.rrsets[0]?.records.length ?? 0;
      return `${n} ${s.type} ${n === 1 ? 'record' : 'records'}, ${signed}.`;
    }
  }
}

function answerLink(
  s: AnswerStep,
  index: number,
  tree: ProofTree,
  v: EvidenceValidation,
): ChainLink {
  const zone = tree.zones.find((z) => z.zone === s.zone);
  const rrsets = [...s.rrsets, ...(s.denial?.rrsets ?? [])].map(rrsetRow);
  return {
    key: `answer:${index}`,
    kind: 'answer',
    zone: s.owner,
    status: s.status,
    reason: s.status === 'secure' ? '' : firstReason(s.findings),
    heading: `${s.owner} ${s.kind === 'cname' ? 'CNAME' : s.kind === 'dname' ? 'DNAME' : s.type}`,
    summary: stepSummary(s, zone),
    problems: s.status === 'secure' ? [] : s.findings.slice(1).map((f) => explainFinding(f, zone)),
    ds: [],
    keys: [],
    rrsets,
    // Every step of a CNAME chain comes from the one target response.
    sources: v.targetExchange
      ? [{ label: `${tree.qname} ${tree.qtype}`, exchange: v.targetExchange }]
      : [],
  };
}

export function onPath(zone: string, owner: string): boolean {
  const z = nameFromText(zone);
  const o = nameFromText(owner);
  return z.ok && o.ok && isSubdomainOf(o.value, z.value);
}

function headline(tree: ProofTree, links: readonly ChainLink[]): string {
  const q = `${tree.qname} ${tree.qtype}`;
  const broken = links.find((l) => l.status === tree.status);
  const last = links.filter((l) => l.kind === 'answer').at(-1);
  switch (tree.status) {
    case 'secure':
      return tree.kind === 'nxdomain' || tree.kind === 'nodata' || tree.kind === 'wildcard-nodata'
        ? `Secure denial: ${last?.summary ?? q}`
        : `Secure: every link from the trust anchor to ${q} verifies.`;
    case 'insecure':
      return `Insecure: ${broken?.summary ?? q}`;
    case 'bogus':
      return `Bogus: the chain breaks at ${broken?.zone ?? tree.qname} — ${decapitalise(broken?.summary ?? '')}`;
    default:
      return `Indeterminate: ${broken?.summary ?? `${q} could not be validated.`}`;
  }
}

/** Lays a validation out as links, the zones of each answer step just before it. */
export function chainView(v: EvidenceValidation): ChainView {
  const tree = v.proof;
  if (!tree) {
    return {
      status: 'indeterminate',
      reason: '',
      headline: v.problem ?? 'No answer could be validated.',
      links: [],
      resolver: v.resolver,
    };
  }
  const signs = signedBy(tree);
  const shown = new Set<ZoneProof>();
  const links: ChainLink[] = [];
  tree.answer.forEach((step, i) => {
    for (const z of tree.zones) {
      if (shown.has(z) || !onPath(z.zone, step.zone ?? step.owner)) continue;
      shown.add(z);
      links.push(zoneLink(z, signs, v));
    }
    links.push(answerLink(step, i, tree, v));
  });
  for (const z of tree.zones) if (!shown.has(z)) links.push(zoneLink(z, signs, v));
  return {
    status: tree.status,
    reason: tree.reason ?? '',
    headline: headline(tree, links),
    links,
    resolver: v.resolver,
  };
}
