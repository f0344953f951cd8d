/**
 * Issue 17: the graph's hand-written layered layout, on every lab recording at phone and
 * desktop widths, folded and not: nothing leaves the width (no sideways scroll at 360 px),
 * no two nodes overlap, every node sits in its zone's box, no edge runs through a node it
 * does not join, every item is in the reading order once.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { chainGraph } from '../../../src/diagnosis/chain-graph/build';
import type { ChainGraph } from '../../../src/diagnosis/chain-graph/graph';
import {
  MAX_WIDTH,
  foldableZones,
  layoutChainGraph,
} from '../../../src/diagnosis/chain-graph/layout';
import {
  LEGEND_FONT,
  SUBTITLE_FONT,
  TITLE_FONT,
  fitText,
  textWidth,
} from '../../../src/diagnosis/chain-graph/layout-text';
import { BAND_ID, SIZE, type GraphLayout } from '../../../src/diagnosis/chain-graph/layout-types';
import { validateEvidence } from '../../../src/diagnosis/validate-evidence';
import type { ProofTree } from '../../../src/dnssec/proof-tree';
import { labFixtureIds, loadLabFixture } from '../../fixtures/lab-fixtures';

const graphs = new Map<string, ChainGraph>();
const proofs = new Map<string, ProofTree>();

beforeAll(async () => {
  for (const id of labFixtureIds()) {
    const evidence = loadLabFixture(id);
    const v = await validateEvidence(evidence, { now: evidence.finishedAt / 1000 });
    graphs.set(id, chainGraph(v));
    if (v.proof) proofs.set(id, v.proof);
  }
});

/** A zone's KSK and ZSK key tags, read from the recording (a rebuilt lab has new keys). */
function keysOf(id: string, zone: string): { ksk: number; zsk: number } {
  const z = proofs.get(id)!.zones.find((x) => x.zone === zone)!;
  const tag = (sep: boolean): number => z.dnskeys.find((k) => k.sep === sep)?.keyTag ?? NaN;
  return { ksk: tag(true), zsk: tag(false) };
}

interface Rect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const overlaps = (a: Rect, b: Rect, slack = 0.5): boolean =>
  a.x + slack < b.x + b.w &&
  b.x + slack < a.x + a.w &&
  a.y + slack < b.y + b.h &&
  b.y + slack < a.y + a.h;

const inside = (p: readonly [number, number], r: Rect, shrink: number): boolean =>
  p[0] > r.x + shrink &&
  p[0] < r.x + r.w - shrink &&
  p[1] > r.y + shrink &&
  p[1] < r.y + r.h - shrink;

/** Points along an SVG path of M, L, C and Q commands (the ones the router writes). */
function samples(d: string): [number, number][] {
  const out: [number, number][] = [];
  let at: [number, number] = [0, 0];
  for (const [, cmd, args] of d.matchAll(/([MLCQ])([^MLCQ]*)/g)) {
    const n = (args!.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    const pts: [number, number][] = [];
    for (let i = 0; i + 1 < n.length; i += 2) pts.push([n[i]!, n[i + 1]!]);
    const bezier = (t: number, ps: [number, number][]): [number, number] => {
      let level = [at, ...ps];
      while (level.length > 1)
        level = level
          .slice(1)
          .map((p, i) => [
            level[i]![0] + (p[0] - level[i]![0]) * t,
            level[i]![1] + (p[1] - level[i]![1]) * t,
          ]);
      return level[0]!;
    };
    if (cmd === 'M') at = pts[0]!;
    else {
      for (let t = 0.05; t <= 1; t += 0.05)
        out.push(cmd === 'L' ? bezier(t, [pts[0]!]) : bezier(t, pts));
      at = pts.at(-1)!;
    }
    out.push(at);
  }
  return out;
}

const WIDTHS = [240, 300, 328, 360, 600, 1100];

function check(g: ChainGraph, l: GraphLayout, fold: boolean): void {
  const where = (s: string): string => `${s} at ${l.width}${fold ? ' folded' : ''}`;
  const folded = new Set(fold ? foldableZones(g) : []);
  const visible = g.nodes.filter((n) => !folded.has(n.cluster));
  expect(l.nodes.map((n) => n.id).sort()).toEqual(visible.map((n) => n.id).sort());
  // Within the width and height, nothing overlapping, every node in its zone's box.
  const boxes = new Map(l.zones.map((z) => [z.name, z]));
  for (const n of l.nodes) {
    expect(n.x >= 0 && n.x + n.w <= l.width && n.y >= 0 && n.y + n.h <= l.height, where(n.id)).toBe(
      true,
    );
    const box = boxes.get(g.nodes.find((m) => m.id === n.id)!.cluster)!;
    expect(
      n.x >= box.x && n.x + n.w <= box.x + box.w && n.y >= box.y && n.y + n.h <= box.y + box.h,
      where(`${n.id} in its box`),
    ).toBe(true);
    for (const m of l.nodes)
      if (m !== n) expect(overlaps(n, m), where(`${n.id} / ${m.id}`)).toBe(false);
    if (l.band) expect(overlaps(n, l.band), where(n.id)).toBe(false);
  }
  // The words fit inside their shape (an ellipse is 80% as wide where its lines of text sit).
  for (const n of l.nodes) {
    const room =
      n.shape === 'ellipse' ? 0.8 * n.w - 6 : n.shape === 'hexagon' ? n.w - 24 : n.w - 12;
    expect(textWidth(n.title, TITLE_FONT), where(`${n.id} title`)).toBeLessThanOrEqual(room + 0.01);
    expect(
      textWidth(`✓ ${n.subtitle}`, SUBTITLE_FONT),
      where(`${n.id} subtitle`),
    ).toBeLessThanOrEqual(room + 0.01);
  }
  for (const z of l.zones) {
    expect(z.x >= 0 && z.x + z.w <= l.width, where(z.name)).toBe(true);
    for (const o of l.zones)
      if (o !== z) expect(overlaps(z, o), where(`${z.name} / ${o.name}`)).toBe(false);
  }
  for (const item of l.legend)
    expect(
      item.x + SIZE.legendSwatch + 6 + textWidth(item.text, LEGEND_FONT) <= l.width,
      where(item.key),
    ).toBe(true);
  // Edges: every one whose ends are drawn (or folded into the band) is routed and crosses no other node.
  const placed = new Map(l.nodes.map((n) => [n.id, n]));
  const routed = g.edges.filter((e) => {
    const from =
      placed.has(e.from) ||
      (l.band !== null && folded.has(g.nodes.find((n) => n.id === e.from)!.cluster));
    const to = placed.has(e.to) || (e.to.startsWith('zone:') && boxes.has(e.to.slice(5)));
    return from && to;
  });
  expect(l.edges.map((e) => e.id).sort()).toEqual(routed.map((e) => e.id).sort());
  for (const e of l.edges) {
    const edge = g.edges.find((x) => x.id === e.id)!;
    for (const p of samples(e.d)) {
      expect(
        p[0] >= 0 && p[0] <= l.width && p[1] >= 0 && p[1] <= l.height,
        where(`${e.id} ${p}`),
      ).toBe(true);
      for (const n of l.nodes) {
        if (n.id === edge.from || n.id === edge.to) continue;
        expect(inside(p, n, 2), where(`${e.id} through ${n.id} at ${p}`)).toBe(false);
      }
    }
  }
  // The words on a broken edge cover no node.
  for (const e of l.edges.filter((x) => x.tag)) {
    const t = e.tag!;
    const rect = { x: t.x - t.w / 2, y: t.y - SIZE.tagHeight / 2, w: t.w, h: SIZE.tagHeight };
    for (const n of l.nodes)
      expect(overlaps(rect, n), where(`tag of ${e.id} on ${n.id}`)).toBe(false);
  }
  const order = l.order;
  expect(new Set(order).size).toBe(order.length);
  expect([...order].sort()).toEqual(
    [...(l.band ? [BAND_ID] : []), ...l.nodes.map((n) => n.id), ...l.edges.map((e) => e.id)].sort(),
  );
}

describe('layoutChainGraph', () => {
  const cases = labFixtureIds().flatMap((id) => [false, true].map((fold) => [id, fold] as const));
  it.each(cases)('%s (fold %s): fits every width, no overlap, edges around nodes', (id, fold) => {
    const g = graphs.get(id)!;
    for (const width of WIDTHS) {
      const l = layoutChainGraph(g, { width, fold });
      expect(l.width).toBe(Math.min(width, MAX_WIDTH));
      check(g, l, fold);
    }
  });

  it('samples the paths it checks', () => {
    expect(samples('M0,0 L10,0').length).toBe(21);
    expect(samples('M0,0 C0,10 10,10 10,20').at(10)![1]).toBeCloseTo(10, 1);
  });

  it('is deterministic', () => {
    const g = graphs.get('cname-bogus')!;
    expect(layoutChainGraph(g, { width: 360, fold: true })).toEqual(
      layoutChainGraph(g, { width: 360, fold: true }),
    );
  });

  it('folds the secure zones above the answer, never one with a broken link or the answer', () => {
    expect(foldableZones(graphs.get('alg13')!)).toEqual(['.', 'lab.']);
    // lab. holds the DS whose digest edge is broken: it stays.
    expect(foldableZones(graphs.get('ds-mismatch')!)).toEqual(['.']);
    // The answer (a denial) is drawn in lab.
    expect(foldableZones(graphs.get('nxdomain')!)).toEqual(['.']);
    expect(foldableZones(graphs.get('dead')!)).toEqual([]);
    const l = layoutChainGraph(graphs.get('alg13')!, { width: 360, fold: true });
    expect(l.band).toMatchObject({ zones: ['.', 'lab.'] });
    expect(l.band!.label).toBe('✓ . (root), lab.: secure — show');
    expect(l.order[0]).toBe(BAND_ID);
    // The DS of alg13.lab. lives in lab.: its digest edge now comes from the band.
    const { ksk } = keysOf('alg13', 'alg13.lab.');
    expect(l.edges.filter((e) => e.fromBand).map((e) => e.id)).toEqual([
      `digest|ds|alg13.lab.|${ksk}|13|dnskey|alg13.lab.|${ksk}|13`,
    ]);
  });

  it('keeps the layers top down: anchor, keys, what they sign, what a proof proves absent', () => {
    const g = graphs.get('nsec3-nxdomain')!;
    const l = layoutChainGraph(g, { width: 1100 });
    const y = (id: string): number => l.nodes.find((n) => n.id === id)!.y;
    const root = keysOf('nsec3-nxdomain', '.').ksk;
    const { ksk, zsk } = keysOf('nsec3-nxdomain', 'nsec3.lab.');
    expect(y(`ds|.|${root}|8`)).toBeLessThan(y(`dnskey|.|${root}|8`));
    expect(y(`dnskey|nsec3.lab.|${ksk}|13`)).toBeLessThan(y('denial|answer|0'));
    expect(y('denial|answer|0')).toBeLessThan(y('rrset|nope.nsec3.lab.|A|0|absent'));
    // Wide enough: each zone's keys on one line, its signed records on the next.
    expect(y(`dnskey|nsec3.lab.|${zsk}|13`)).toBe(y(`dnskey|nsec3.lab.|${ksk}|13`));
    expect(y('rrset|nsec3.lab.|DNSKEY')).toBe(y('denial|answer|0'));
  });

  it('shortens long names in the middle and other text at the end', () => {
    // 16 columns of 6.2 px fit in 100 px.
    expect(fitText('www.a-very-long-label.example.', 10, 100, true)).toBe('www.a-ve…xample.');
    expect(fitText('ECDSAP256SHA256 · 256 bits', 10, 100)).toBe('ECDSAP256SHA256…');
    expect(fitText('short', 10, 100)).toBe('short');
    expect(textWidth('ab', 10)).toBeCloseTo(12.4);
  });
});
