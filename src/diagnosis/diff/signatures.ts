/**
 * Who signs what, and until when: the RRSIGs over each zone's DNSKEY set (which key signs
 * the key set, RFC 4035 §2.2: a KSK when keys are split) and over the answer's RRsets (the
 * answer our validation checked, `validation.targetExchange`). A key that signs in one
 * result only is a signer difference; the same key's signature expiring at another time is
 * a re-signing (RFC 4034 §3.1.5).
 */

import { fqdn } from '../../dns/name';
import type { DnsRecord } from '../../dns/message';
import { answerOf } from '../../evidence/decoded';
import type {
  DiffSide,
  ExpirationDifference,
  KeyRole,
  SideRefs,
  SignerDifference,
} from './difference';
import { chainSet, keysOf } from './keys';
import { setChanges, type RecordSetRead } from './record-sets';

interface SignatureItem {
  readonly keyTag: number;
  readonly algorithm: number;
  /** The signer's zone (RFC 4034 §3.1.7). */
  readonly signer: string;
  readonly expiration: number;
}

/** The RRSIGs over `owner`/`type` among `records`. */
function signaturesOver(
  records: readonly DnsRecord[],
  owner: string,
  type: string,
): SignatureItem[] {
  return records.flatMap((rr) =>
    rr.data.kind === 'RRSIG' && rr.data.typeCovered === type && fqdn(rr.name) === owner
      ? [
          {
            keyTag: rr.data.keyTag,
            algorithm: rr.data.algorithm,
            signer: fqdn(rr.data.signerName),
            expiration: rr.data.expiration,
          },
        ]
      : [],
  );
}

/** The signer's role in its zone's DNSKEY set of that result; undefined when not found there. */
function roleIn(side: DiffSide, s: SignatureItem): KeyRole | undefined {
  return keysOf(chainSet(side, s.signer, 'DNSKEY')).find(
    (k) => k.keyTag === s.keyTag && k.algorithm === s.algorithm,
  )?.role;
}

/** Signer and expiration differences of one RRset signed in both results. */
function compareSignatures(
  rrset: { readonly owner: string; readonly type: string },
  sides: { readonly before: DiffSide; readonly after: DiffSide },
  signatures: { readonly before: SignatureItem[]; readonly after: SignatureItem[] },
  exchanges: SideRefs,
): (SignerDifference | ExpirationDifference)[] {
  const changes = setChanges(
    signatures.before,
    signatures.after,
    (s) => `${s.keyTag} ${s.algorithm}`,
  );
  const signer = (s: SignatureItem, change: 'added' | 'removed', side: DiffSide) => {
    const role = roleIn(side, s);
    return {
      kind: 'signer',
      ...rrset,
      change,
      keyTag: s.keyTag,
      algorithm: s.algorithm,
      ...(role ? { role } : {}),
      exchanges,
    } as const;
  };
  return [
    ...changes.removed.map((s) => signer(s, 'removed', sides.before)),
    ...changes.added.map((s) => signer(s, 'added', sides.after)),
    ...changes.kept
      .filter(([then, now]) => then.expiration !== now.expiration)
      .map(([then, now]) => {
        const role = roleIn(sides.after, now);
        return {
          kind: 'expiration',
          ...rrset,
          keyTag: now.keyTag,
          algorithm: now.algorithm,
          ...(role ? { role } : {}),
          before: then.expiration,
          after: now.expiration,
          exchanges,
        } as const;
      }),
  ];
}

/** Which keys sign `zone`'s DNSKEY set, and until when, when both results read the set. */
export function keySetSignatures(
  zone: string,
  sides: { readonly before: DiffSide; readonly after: DiffSide },
  reads: { readonly before: RecordSetRead; readonly after: RecordSetRead },
): (SignerDifference | ExpirationDifference)[] {
  const { before, after } = reads;
  if (!before.read || !after.read) return [];
  return compareSignatures(
    { owner: zone, type: 'DNSKEY' },
    sides,
    {
      before: signaturesOver(before.records, zone, 'DNSKEY'),
      after: signaturesOver(after.records, zone, 'DNSKEY'),
    },
    { before: [before.exchange], after: [after.exchange] },
  );
}

/** The answer records of the target response our validation checked, with its id. */
function checkedAnswer(side: DiffSide): { records: readonly DnsRecord[]; id: string } | null {
  const id = side.validation.targetExchange;
  const exchange = side.evidence.exchanges.find((x) => x.id === id);
  const message = exchange ? answerOf(exchange) : null;
  return message && id !== null ? { records: message.answer, id } : null;
}

/**
 * Signers and expirations over the answer's RRsets (the name's own, and a CNAME chain's)
 * that both checked answers hold.
 */
export function answerSignatures(
  before: DiffSide,
  after: DiffSide,
): (SignerDifference | ExpirationDifference)[] {
  const then = checkedAnswer(before);
  const now = checkedAnswer(after);
  if (then === null || now === null) return [];
  const rrsets = (records: readonly DnsRecord[]) =>
    new Map(
      records
        .filter((rr) => rr.type !== 'RRSIG')
        .map((rr) => [`${fqdn(rr.name)} ${rr.type}`, { owner: fqdn(rr.name), type: rr.type }]),
    );
  const held = rrsets(then.records);
  const both = [...rrsets(now.records)].filter(([key]) => held.has(key));
  return both.flatMap(([, { owner, type }]) =>
    compareSignatures(
      { owner, type },
      { before, after },
      {
        before: signaturesOver(then.records, owner, type),
        after: signaturesOver(now.records, owner, type),
      },
      { before: [then.id], after: [now.id] },
    ),
  );
}
