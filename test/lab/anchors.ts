/**
 * How the resolvers find the lab's root: root hints (RFC 8109 priming starts there) and
 * the root trust anchor (RFC 4035 §4.4) in each tool's syntax.
 */
import { ROOT_SERVER_NAME, authServer } from './topology';

/** Root hints file, read by Unbound (`root-hints`) and BIND (`type hint`). */
export function renderRootHints(): string {
  return [
    `. 3600000 IN NS ${ROOT_SERVER_NAME}`,
    `${ROOT_SERVER_NAME} 3600000 IN A ${authServer('root').address}`,
    '',
  ].join('\n');
}

export interface DsFields {
  readonly owner: string;
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  readonly digest: string;
}

/** Parses `<owner> [ttl] IN DS <tag> <alg> <type> <hex…>` as dnssec-dsfromkey prints it. */
export function parseDs(text: string): DsFields {
  const fields = text.trim().split(/\s+/);
  const ds = fields.findIndex((field) => field.toUpperCase() === 'DS');
  const [owner] = fields;
  const [tag, algorithm, digestType, ...digest] = fields.slice(ds + 1);
  if (
    ds < 0 ||
    owner === undefined ||
    tag === undefined ||
    algorithm === undefined ||
    digestType === undefined ||
    digest.length === 0
  ) {
    throw new Error(`not a DS record: ${text}`);
  }
  return {
    owner,
    keyTag: Number(tag),
    algorithm: Number(algorithm),
    digestType: Number(digestType),
    digest: digest.join('').toUpperCase(),
  };
}

/**
 * A named.conf `trust-anchors` statement (BIND 9.15+), also what `delv -a` reads.
 * `static-ds` rather than `initial-ds`: the lab's keys never roll, so RFC 5011 key
 * maintenance (and its managed-keys database) would only add state.
 */
export function renderBindTrustAnchors(dsRecords: readonly string[]): string {
  const lines = dsRecords.map((text) => {
    const ds = parseDs(text);
    return `  "${ds.owner}" static-ds ${ds.keyTag} ${ds.algorithm} ${ds.digestType} "${ds.digest}";`;
  });
  return ['trust-anchors {', ...lines, '};', ''].join('\n');
}
