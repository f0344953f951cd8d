/**
 * src/dnssec: a pure, async DNSSEC validator (RFC 4033–4035, 5155, 6840) that returns a proof
 * tree. Dependencies point one way: dnssec → dns/wire.
 */

export { validateChain, type ValidationInput } from './validate';
export type { ZoneMaterial } from './chain';
export * from './proof-tree';
export {
  STATUSES,
  REASONS,
  REASON_IDS,
  worseStatus,
  type Status,
  type ReasonId,
  type ReasonInfo,
} from './status';
export { DEFAULT_LIMITS, type WorkLimits } from './budget';
export { ROOT_TRUST_ANCHORS_TEXT } from './anchors/root-anchors';
export {
  ROOT_TRUST_ANCHORS,
  parseTrustAnchors,
  anchorFor,
  type TrustAnchor,
  type TrustAnchors,
} from './anchors/trust-anchors';
export { keyTag } from './key-tag';
export { dsDigest, isSupportedDigestType } from './ds-digest';
export {
  verifySignature,
  isSupportedAlgorithm,
  keySizeBits,
  ALGORITHM_NAMES,
  type VerifyOutcome,
} from './algorithms';
export { nsec3Hash } from './nsec3-hash';
export { signedData, canonicalRdataSet } from './canonical';
export { validityAt, serialLessThan } from './serial-time';
