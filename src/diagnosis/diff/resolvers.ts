/**
 * Each resolver's answer to the question itself, with CD=0 and with CD=1: its RCODE (or how
 * the DoH exchange failed), the AD bit (RFC 4035 §3.2.3: the resolver validated it) and the
 * Extended DNS Errors, code and text (RFC 8914). A resolver that went from SERVFAIL to
 * NOERROR with AD has followed a fix; one still on EDE 9 has not.
 */

import { collectFacts, describeOutcome, exchangeOf, type TargetOutcome } from '../facts';
import type { ResolverFacts } from '../facts';
import type { Evidence } from '../../evidence/evidence';
import type { OutcomeFacts, ResolverDifference } from './difference';

export function outcomeFacts(o: TargetOutcome): OutcomeFacts {
  const ede = o.ede.map((e) => ({ code: e.infoCode, text: e.extraText }));
  const text = describeOutcome(o);
  switch (o.kind) {
    case 'answer':
    case 'stale':
      return { kind: o.kind, rcode: o.rcode, ad: o.ad, ede, text };
    case 'failure':
      return { kind: o.kind, rcode: o.rcode, ad: o.message.flags.ad, ede, text };
    case 'transport':
      return { kind: o.kind, rcode: o.errorClass, ad: false, ede, text };
    case 'missing':
      return { kind: o.kind, rcode: '', ad: false, ede, text };
  }
}

const sameOutcome = (a: OutcomeFacts | null, b: OutcomeFacts | null): boolean =>
  JSON.stringify(a && [a.kind, a.rcode, a.ad, a.ede]) ===
  JSON.stringify(b && [b.kind, b.rcode, b.ad, b.ede]);

/** Every resolver of the evidence, answering or not, by DoH URL. */
function resolversOf(evidence: Evidence): Map<string, ResolverFacts> {
  const facts = collectFacts(evidence);
  return new Map([...facts.resolvers, ...facts.silent].map((r) => [r.url, r]));
}

interface CdChange {
  readonly cd: 0 | 1;
  readonly before: OutcomeFacts | null;
  readonly after: OutcomeFacts | null;
  readonly refs: { readonly before: string[]; readonly after: string[] };
}

function cdChange(
  then: ResolverFacts | undefined,
  now: ResolverFacts | undefined,
  cd: 0 | 1,
): CdChange | null {
  const pick = (r: ResolverFacts | undefined) => (r ? (cd === 0 ? r.cd0 : r.cd1) : undefined);
  const [b, a] = [pick(then), pick(now)];
  const before = b ? outcomeFacts(b) : null;
  const after = a ? outcomeFacts(a) : null;
  if (sameOutcome(before, after)) return null;
  const id = (o: TargetOutcome | undefined) => {
    const x = o ? exchangeOf(o) : undefined;
    return x ? [x.id] : [];
  };
  return { cd, before, after, refs: { before: id(b), after: id(a) } };
}

/**
 * One difference per resolver whose outcome changed; when CD=0 and CD=1 changed alike
 * (from the same outcome to the same outcome), one for both.
 */
export function resolverDifferences(before: Evidence, after: Evidence): ResolverDifference[] {
  const then = resolversOf(before);
  const now = resolversOf(after);
  const urls = [...new Set([...then.keys(), ...now.keys()])];
  return urls.flatMap((url) => {
    // As the earlier result named it (a link's maker may have named its resolvers better).
    const label = then.get(url)?.label ?? now.get(url)?.label ?? url;
    const changes = [
      cdChange(then.get(url), now.get(url), 0),
      cdChange(then.get(url), now.get(url), 1),
    ].filter((c): c is CdChange => c !== null);
    const [c0, c1] = changes;
    const alike =
      c0 !== undefined &&
      c1 !== undefined &&
      sameOutcome(c0.before, c1.before) &&
      sameOutcome(c0.after, c1.after);
    const groups = alike ? [[c0, c1]] : changes.map((c) => [c]);
    return groups.map((group) => ({
      kind: 'resolver',
      resolver: url,
      label,
      cd: group.map((c) => c.cd),
      before: group[0]!.before,
      after: group[0]!.after,
      exchanges: {
        before: group.flatMap((c) => c.refs.before),
        after: group.flatMap((c) => c.refs.after),
      },
    }));
  });
}
