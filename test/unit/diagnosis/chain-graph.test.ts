/**
 * Issue 17: the chain-of-trust graph of every lab recording, checked against the proof tree
 * it is drawn from and against the chain list (chain-view.ts) the panel shows beside it:
 * every DS, DNSKEY and signature of the tree is a node or an edge with the tree's status,
 * and the broken edge is in the zone where the list says the chain breaks.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { chainGraph } from '../../../src/diagnosis/chain-graph/build';
import {
  GRAPH_STATUSES,
  type ChainGraph,
  type GraphEdge,
  type GraphNode,
} from '../../../src/diagnosis/chain-graph/graph';
import { signatureKey } from '../../../src/diagnosis/chain-graph/words';
import { chainView } from '../../../src/diagnosis/chain-view';
import {
  validateEvidence,
  type EvidenceValidation,
} from '../../../src/diagnosis/validate-evidence';
import type { SignatureInfo } from '../../../src/dnssec/proof-tree';
import { labFixtureIds, loadLabFixture } from '../../fixtures/lab-fixtures';

const validations = new Map<string, EvidenceValidation>();
const graphs = new Map<string, ChainGraph>();

beforeAll(async () => {
  for (const id of labFixtureIds()) {
    const evidence = loadLabFixture(id);
    const v = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    validations.set(id, v);
    graphs.set(id, chainGraph(v));
  }
});

const graphOf = (id: string): ChainGraph => graphs.get(id)!;
const nodeOf = (g: ChainGraph, id: string): GraphNode | undefined =>
  g.nodes.find((n) => n.id === id);
const itemOf = (g: ChainGraph, id: string | null): GraphNode | GraphEdge | undefined =>
  id === null ? undefined : (g.edges.find((e) => e.id === id) ?? nodeOf(g, id));

/**
 * A zone of a recording's proof tree: its KSK and ZSK key tags and its DS key tag, read from
 * the recording (a rebuilt lab has new keys), so the tests name no key tag of their own.
 */
function zoneOf(
  id: string,
  zone: string,
): { ksk: number; zsk: number; ds: number; tags: number[] } {
  const z = validations.get(id)!.proof!.zones.find((x) => x.zone === zone)!;
  const tag = (sep: boolean): number => z.dnskeys.find((k) => k.sep === sep)?.keyTag ?? NaN;
  return {
    ksk: tag(true),
    zsk: tag(false),
    ds: z.ds[0]?.keyTag ?? NaN,
    tags: z.dnskeys.map((k) => k.keyTag).sort((a, b) => a - b),
  };
}

/** Every signature the proof tree holds, with the zone of the list link it belongs to. */
function treeSignatures(v: EvidenceValidation): { sig: SignatureInfo; zone: string }[] {
  const tree = v.proof!;
  const out: { sig: SignatureInfo; zone: string }[] = [];
  for (const z of tree.zones) {
    for (const r of [z.dsRrset, z.dnskeyRrset, ...(z.dsDenial?.rrsets ?? [])])
      for (const sig of r?.signatures ?? []) out.push({ sig, zone: z.zone });
  }
  for (const s of tree.answer)
    for (const r of [...s.rrsets, ...(s.denial?.rrsets ?? [])])
      for (const sig of r.signatures) out.push({ sig, zone: s.owner });
  return out;
}

const SIGNATURE_STATUS: Readonly<Record<string, string>> = {
  valid: 'secure',
  expired: 'bogus',
  'not-yet-valid': 'bogus',
  invalid: 'bogus',
  'no-key': 'bogus',
  malformed: 'bogus',
  unsupported: 'insecure',
  'not-tried': 'indeterminate',
};

describe('chainGraph on every lab recording', () => {
  it.each(labFixtureIds())(
    '%s: well formed, and every record and signature of the proof tree is drawn with its status',
    (id) => {
      const g = graphOf(id);
      const v = validations.get(id)!;
      // The DOM contract's vocabulary, unique ids, edges between drawn things.
      const ids = [...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id)];
      expect(new Set(ids).size).toBe(ids.length);
      const zones = new Set(g.zones.map((z) => z.name));
      for (const n of g.nodes) {
        expect(['ds', 'dnskey', 'rrset', 'denial']).toContain(n.kind);
        expect(GRAPH_STATUSES).toContain(n.status);
        expect(zones.has(n.cluster), n.id).toBe(true);
        expect(n.label).toContain(n.status);
        expect(n.zone).toMatch(/\.$/);
      }
      for (const e of g.edges) {
        expect(GRAPH_STATUSES).toContain(e.status);
        expect(nodeOf(g, e.from), e.id).toBeDefined();
        if (e.to.startsWith('zone:')) expect(zones.has(e.to.slice(5))).toBe(true);
        else expect(nodeOf(g, e.to), e.id).toBeDefined();
        expect(e.tag === '').toBe(e.status === 'secure');
      }
      if (!v.proof) {
        expect(g).toMatchObject({ status: 'failing', edges: [] });
        expect(g.nodes).toHaveLength(1);
        expect(g.broken).toBe(g.nodes[0]!.id);
        return;
      }
      const tree = v.proof;
      expect(g.status).toBe(tree.status);
      for (const z of tree.zones) {
        // Each DNSKEY with the zone's status; each DS (by key tag and algorithm) once.
        for (const k of z.dnskeys)
          expect(nodeOf(g, `dnskey|${z.zone}|${k.keyTag}|${k.algorithm}`)).toMatchObject({
            kind: 'dnskey',
            zone: z.zone,
            status: z.status,
          });
        const ds = new Set(z.ds.map((d) => `${d.keyTag}|${d.algorithm}`));
        expect(g.nodes.filter((n) => n.kind === 'ds' && n.zone === z.zone).length).toBe(ds.size);
        if (z.dnskeyRrset)
          expect(nodeOf(g, `rrset|${z.zone}|DNSKEY`)?.status).toBe(z.dnskeyRrset.status);
        // A proof of no DS is drawn as trustworthy as its NSEC records; the delegation carries "insecure".
        if (z.dsDenial) {
          const authentic = z.dsDenial.rrsets.every((r) => r.status === 'secure');
          const expected =
            z.dsDenial.status === 'insecure' && authentic ? 'secure' : z.dsDenial.status;
          expect(nodeOf(g, `denial|${z.zone}|ds`)?.status).toBe(expected);
          expect(g.edges.find((e) => e.kind === 'delegation' && e.zone === z.zone)?.status).toBe(
            z.status,
          );
        }
      }
      // Every signature is on exactly one edge per node it covers, in the link it belongs to,
      // with its outcome's status: one RRSIG over a DS set of several DS records (leftover-ds)
      // goes to each DS node of the set, as DNSViz draws it; every other RRSIG to one node.
      for (const { sig, zone } of treeSignatures(v)) {
        const on = g.edges.filter((e) => e.signatures.includes(signatureKey(sig)));
        const dsSet = tree.zones.find((z) => z.dsRrset?.signatures.includes(sig));
        const targets = dsSet
          ? g.nodes.filter((n) => n.kind === 'ds' && n.zone === dsSet.zone).map((n) => n.id)
          : [on[0]?.to];
        expect(
          on.map((e) => e.to),
          signatureKey(sig),
        ).toEqual(targets);
        for (const e of on)
          expect(e).toMatchObject({
            kind: 'signature',
            zone,
            status: SIGNATURE_STATUS[sig.outcome],
          });
      }
      // Every answer step is drawn, in the link of its owner, with the step's status.
      tree.answer.forEach((s, i) => {
        const drawn = g.nodes.filter((n) => n.step === i);
        expect(drawn.length, `${s.owner}`).toBeGreaterThan(0);
        expect(drawn.every((n) => n.zone === s.owner)).toBe(true);
      });
    },
  );

  it.each(labFixtureIds())(
    '%s: agrees with the chain list, and the broken edge is where the list says',
    (id) => {
      const g = graphOf(id);
      const view = chainView(validations.get(id)!);
      for (const link of view.links) {
        const mine = g.nodes.filter((n) => n.zone === link.zone);
        if (link.kind === 'zone') {
          // The zone's keys carry the zone link's status.
          for (const n of mine.filter((x) => x.kind === 'dnskey' && !x.absent))
            expect(n.status, n.id).toBe(link.status);
        } else {
          // The answer's own node (what it proves, or the step itself) carries the answer link's status.
          const own = mine.filter(
            (n) =>
              n.absent ||
              n.subtitle === 'not trusted' ||
              n.subtitle === 'not signed' ||
              n.subtitle === 'not checked',
          );
          for (const n of own) expect(n.status, n.id).toBe(link.status);
        }
      }
      if (view.status === 'secure') {
        expect(g.broken).toBeNull();
        // All secure, but for a left-over DS (one that matches no key while another DS leads
        // in, RFC 4035 §5.2): its digest edge to the absent key it names is drawn insecure
        // (DNSViz's grey dashed "non-existent"), never bogus, and breaks nothing.
        const unused = g.edges.filter((e) => e.outcome === 'unused');
        for (const e of unused) {
          expect(e).toMatchObject({ kind: 'digest', status: 'insecure', tag: 'unused DS' });
          expect(nodeOf(g, e.to)).toMatchObject({ absent: true, status: 'insecure' });
          expect(nodeOf(g, e.from)).toMatchObject({ kind: 'ds', status: 'secure' });
        }
        const leftOver = new Set(unused.flatMap((e) => [e.id, e.to]));
        expect(
          [...g.nodes, ...g.edges].filter((x) => x.status !== 'secure' && !leftOver.has(x.id)),
        ).toEqual([]);
        return;
      }
      const broken = itemOf(g, g.broken);
      expect(broken, `${id} broken ${g.broken}`).toBeDefined();
      expect(broken!.status).toBe(g.status === 'failing' ? 'failing' : view.status);
      // The first link of the list with the chain's status names the broken edge's zone.
      const first = view.links.find((l) => l.status === view.status);
      if (first) expect(broken!.zone).toBe(first.zone);
    },
  );
});

describe('chainGraph, scenario by scenario', () => {
  it('alg13 (secure): DS → KSK → DNSKEY set, ZSK → DS of the child and the answer, zone after zone', () => {
    const g = graphOf('alg13');
    const root = zoneOf('alg13', '.');
    const lab = zoneOf('alg13', 'lab.');
    const alg = zoneOf('alg13', 'alg13.lab.');
    expect(g.zones.map((z) => [z.name, z.status])).toEqual([
      ['.', 'secure'],
      ['lab.', 'secure'],
      ['alg13.lab.', 'secure'],
    ]);
    expect(g.nodes.map((n) => [n.kind, n.cluster, n.title])).toEqual([
      ['dnskey', '.', `KSK ${root.ksk}`],
      ['dnskey', '.', `ZSK ${root.zsk}`],
      ['ds', '.', `DS ${root.ksk}`],
      ['rrset', '.', 'DNSKEY set'],
      ['dnskey', 'lab.', `KSK ${lab.ksk}`],
      ['dnskey', 'lab.', `ZSK ${lab.zsk}`],
      ['ds', '.', `DS ${lab.ksk}`],
      ['rrset', 'lab.', 'DNSKEY set'],
      ['dnskey', 'alg13.lab.', `KSK ${alg.ksk}`],
      ['dnskey', 'alg13.lab.', `ZSK ${alg.zsk}`],
      ['ds', 'lab.', `DS ${alg.ksk}`],
      ['rrset', 'alg13.lab.', 'DNSKEY set'],
      ['rrset', 'alg13.lab.', 'www.alg13.lab. A'],
    ]);
    expect(nodeOf(g, `ds|.|${root.ksk}|8`)).toMatchObject({ anchor: true, row: 'anchor' });
    expect(nodeOf(g, `dnskey|alg13.lab.|${alg.ksk}|13`)).toMatchObject({
      sep: true,
      subtitle: 'ECDSAP256SHA256 · 256 bits',
    });
    expect(
      g.edges.map(
        (e) => `${e.kind} ${e.from.split('|')[2]} → ${e.to.split('|').slice(1, 3).join(' ')}`,
      ),
    ).toEqual([
      `digest ${root.ksk} → . ${root.ksk}`,
      `signature ${root.ksk} → . DNSKEY`,
      `signature ${root.zsk} → lab. ${lab.ksk}`,
      `digest ${lab.ksk} → lab. ${lab.ksk}`,
      `signature ${lab.ksk} → lab. DNSKEY`,
      `signature ${lab.zsk} → alg13.lab. ${alg.ksk}`,
      `digest ${alg.ksk} → alg13.lab. ${alg.ksk}`,
      `signature ${alg.ksk} → alg13.lab. DNSKEY`,
      `signature ${alg.zsk} → www.alg13.lab. A`,
    ]);
    // The key's evidence says what it signs; the answer's names its exchange.
    expect(nodeOf(g, `dnskey|alg13.lab.|${alg.zsk}|13`)!.evidence.summary).toBe(
      `ZSK ${alg.zsk} signs www.alg13.lab. A.`,
    );
    expect(nodeOf(g, 'rrset|www.alg13.lab.|A|0')!.evidence.sources).toEqual([
      { label: 'www.alg13.lab. A', exchange: 'x1' },
    ]);
  });

  it('ds-mismatch: the DS is authentic, its digest edge points at a key the zone does not publish', () => {
    const g = graphOf('ds-mismatch');
    const zone = zoneOf('ds-mismatch', 'ds-mismatch.lab.');
    const broken = itemOf(g, g.broken) as GraphEdge;
    expect(broken).toMatchObject({
      kind: 'digest',
      from: `ds|ds-mismatch.lab.|${zone.ds}|13`,
      to: `dnskey|ds-mismatch.lab.|${zone.ds}|13`,
      zone: 'ds-mismatch.lab.',
      status: 'bogus',
      outcome: 'no-key',
      tag: 'no such key',
    });
    expect(nodeOf(g, broken.from)).toMatchObject({ status: 'secure', cluster: 'lab.' });
    expect(nodeOf(g, broken.to)).toMatchObject({
      absent: true,
      status: 'bogus',
      cluster: 'ds-mismatch.lab.',
    });
    // The evidence quotes the DS record and what the zone publishes.
    expect(broken.evidence.records[0]).toMatch(
      new RegExp(`^ds-mismatch\\.lab\\. \\d+ IN DS ${zone.ds} 13 2 [0-9A-F]{8}`),
    );
    // In the validator's words, as the list has them.
    expect(broken.evidence.summary).toContain(
      `matches none of the DNSKEYs that ds-mismatch.lab. publishes (key tags ${zone.tags.join(', ')})`,
    );
    expect(broken.evidence.problems).toEqual([]);
    expect(broken.evidence.sources.map((s) => s.label)).toEqual([
      'DS ds-mismatch.lab.',
      'DNSKEY ds-mismatch.lab.',
    ]);
  });

  it('expired (and cname-bogus): the KSK’s signature over the DNSKEY set is the broken, expired edge', () => {
    for (const id of ['expired', 'cname-bogus']) {
      const g = graphOf(id);
      const { ksk } = zoneOf(id, 'expired.lab.');
      const broken = itemOf(g, g.broken) as GraphEdge;
      expect(broken).toMatchObject({
        kind: 'signature',
        from: `dnskey|expired.lab.|${ksk}|13`,
        to: 'rrset|expired.lab.|DNSKEY',
        zone: 'expired.lab.',
        status: 'bogus',
        outcome: 'expired',
        tag: 'expired',
      });
      const [sig] = broken.evidence.signatures;
      expect(sig).toMatchObject({ keyTag: ksk, outcome: 'expired' });
      expect(broken.evidence.summary).toBe(
        `The signature (RRSIG) over the DNSKEY set of expired.lab., made with key ${ksk}, expired at ${sig!.expiration} (it was valid from ${sig!.inception}).`,
      );
      expect(sig!.expiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      // The answer was never reached: drawn with the step's status.
      expect(g.nodes.find((n) => n.title === 'www.expired.lab. A')).toMatchObject({
        status: 'bogus',
        subtitle: 'not trusted',
      });
    }
    const alias = graphOf('cname-bogus').edges.find((e) => e.kind === 'alias');
    expect(alias).toMatchObject({
      from: 'rrset|www.cname-bogus.lab.|CNAME|0',
      to: 'rrset|www.expired.lab.|A|1',
      status: 'secure',
    });
  });

  it('unsigned-ds: a DS for a zone that publishes no key at all', () => {
    const g = graphOf('unsigned-ds');
    expect(itemOf(g, g.broken)).toMatchObject({
      kind: 'digest',
      status: 'bogus',
      outcome: 'no-key',
      zone: 'unsigned-ds.lab.',
    });
    expect(g.nodes.filter((n) => n.cluster === 'unsigned-ds.lab.').map((n) => n.title)).toEqual([
      `DNSKEY ${zoneOf('unsigned-ds', 'unsigned-ds.lab.').ds}`,
      'www.unsigned-ds.lab. A',
    ]);
  });

  it('insecure: the parent’s NSEC proves no DS, and the delegation it makes is insecure', () => {
    const g = graphOf('insecure');
    const denial = nodeOf(g, 'denial|insecure.lab.|ds');
    expect(denial).toMatchObject({
      kind: 'denial',
      cluster: 'lab.',
      zone: 'insecure.lab.',
      status: 'secure',
      title: 'NSEC',
      subtitle: 'no DS for insecure.lab.',
    });
    expect(g.edges.find((e) => e.to === denial!.id)).toMatchObject({
      kind: 'signature',
      status: 'secure',
      from: `dnskey|lab.|${zoneOf('insecure', 'lab.').zsk}|13`,
    });
    expect(itemOf(g, g.broken)).toMatchObject({
      kind: 'delegation',
      from: denial!.id,
      to: 'zone:insecure.lab.',
      status: 'insecure',
      tag: 'no DS',
    });
    expect(g.nodes.find((n) => n.cluster === 'insecure.lab.')).toMatchObject({
      title: 'www.insecure.lab. A',
      status: 'insecure',
      subtitle: 'not signed',
    });
  });

  it('leftover-ds: the DS that matches no key is drawn, signed, leading to an absent key, and breaks nothing', () => {
    const g = graphOf('leftover-ds');
    const tree = validations.get('leftover-ds')!.proof!;
    const zone = tree.zones.find((z) => z.zone === 'leftover-ds.lab.')!;
    const ksk = zoneOf('leftover-ds', 'leftover-ds.lab.').ksk;
    const lab = zoneOf('leftover-ds', 'lab.').zsk;
    const spare = zone.ds.find((d) => d.matchesKeyTag === undefined)!.keyTag;
    expect(spare).not.toBe(ksk);
    expect(g).toMatchObject({ status: 'secure', broken: null });
    const ds = g.nodes.filter((n) => n.kind === 'ds' && n.zone === 'leftover-ds.lab.');
    expect(ds.map((n) => [n.title, n.cluster, n.status])).toEqual(
      zone.ds.map((d) => [`DS ${d.keyTag}`, 'lab.', 'secure']),
    );
    // The one RRSIG over the DS set, by lab.'s ZSK, reaches both DS nodes.
    for (const n of ds)
      expect(g.edges.filter((e) => e.to === n.id)).toEqual([
        expect.objectContaining({
          kind: 'signature',
          from: `dnskey|lab.|${lab}|13`,
          status: 'secure',
        }),
      ]);
    const digest = (tag: number): GraphEdge =>
      g.edges.find((e) => e.kind === 'digest' && e.from === `ds|leftover-ds.lab.|${tag}|13`)!;
    expect(digest(ksk)).toMatchObject({
      to: `dnskey|leftover-ds.lab.|${ksk}|13`,
      status: 'secure',
      outcome: 'match',
    });
    expect(digest(spare)).toMatchObject({
      to: `dnskey|leftover-ds.lab.|${spare}|13`,
      status: 'insecure',
      outcome: 'unused',
      tag: 'unused DS',
    });
    expect(digest(spare).evidence.summary).toBe(
      `DS ${spare} matches no key of leftover-ds.lab.; another DS does, so the chain holds and this one is left over.`,
    );
    expect(nodeOf(g, digest(spare).to)).toMatchObject({
      absent: true,
      status: 'insecure',
      cluster: 'leftover-ds.lab.',
      subtitle: 'not published',
    });
    expect(nodeOf(g, `ds|leftover-ds.lab.|${spare}|13`)!.evidence.summary).toContain(
      'left over, harmless while another DS leads in',
    );
  });

  it('rsasha1 and sha1-ds: the algorithm and the digest type are named, the chain secure', () => {
    const rsa = graphOf('rsasha1');
    const { ksk } = zoneOf('rsasha1', 'rsasha1.lab.');
    expect(nodeOf(rsa, `dnskey|rsasha1.lab.|${ksk}|5`)).toMatchObject({
      status: 'secure',
      subtitle: 'RSASHA1 · 2048 bits',
      brief: 'alg 5',
    });
    const sha1 = graphOf('sha1-ds');
    const tag = zoneOf('sha1-ds', 'sha1-ds.lab.').ds;
    expect(nodeOf(sha1, `ds|sha1-ds.lab.|${tag}|13`)).toMatchObject({
      status: 'secure',
      subtitle: 'for sha1-ds.lab. · SHA-1',
    });
    for (const g of [rsa, sha1]) expect(g).toMatchObject({ status: 'secure', broken: null });
  });

  it('nsec3-nxdomain: one NSEC3 proof node for both records, proving the name absent', () => {
    const g = graphOf('nsec3-nxdomain');
    const proof = nodeOf(g, 'denial|answer|0')!;
    expect(proof).toMatchObject({
      title: 'NSEC3 ×2',
      subtitle: 'proves NXDOMAIN',
      status: 'secure',
      zone: 'nope.nsec3.lab.',
    });
    expect(proof.evidence.records).toHaveLength(2);
    expect(proof.evidence.summary).toContain(
      'Closest encloser: nsec3.lab.; next closer name: nope.nsec3.lab.',
    );
    const signed = g.edges.filter((e) => e.to === proof.id);
    expect(signed).toHaveLength(1);
    expect(signed[0]!.signatures).toHaveLength(2);
    expect(g.edges.find((e) => e.kind === 'proof')).toMatchObject({
      from: proof.id,
      to: 'rrset|nope.nsec3.lab.|A|0|absent',
      status: 'secure',
    });
    expect(nodeOf(g, 'rrset|nope.nsec3.lab.|A|0|absent')).toMatchObject({
      absent: true,
      row: 'proved',
      subtitle: 'name does not exist',
    });
  });

  it('nodata: the NSEC proves the type absent at an existing name', () => {
    const g = graphOf('nodata');
    expect(g.nodes.find((n) => n.absent)).toMatchObject({
      title: 'www.alg13.lab. AAAA',
      subtitle: 'no AAAA records',
      status: 'secure',
    });
  });

  it.each(['dead', 'lame', 'orphan', 'slow', 'stuck'])(
    '%s: no records to check — one failing node for the zone that failed',
    (id) => {
      const g = graphOf(id);
      const zone = {
        dead: 'dead.lab.',
        lame: 'lame.lab.',
        orphan: 'orphan.lab.',
        slow: 'dead.lab.',
        stuck: 'dead.lab.',
      }[id];
      expect(g.nodes).toEqual([
        expect.objectContaining({ zone, status: 'failing', subtitle: 'no usable answer' }),
      ]);
      expect(g.nodes[0]!.evidence.summary).toMatch(/^No resolver gave a usable answer/);
    },
  );
});
