/**
 * A hand-written layered layout of the chain graph, top down as the chain is read: one box
 * per zone from the root down, and in each the trust anchor, the keys, what they sign and
 * what a proof proves absent, each a row of nodes that wraps into more lines when the width
 * runs out (a phone at 360 px never scrolls sideways). Nodes are ordered in their row by
 * where the edges into them come from (the barycentre heuristic of Sugiyama-style layouts),
 * edges are routed by layout-edges.ts. On a narrow screen the secure zones above the
 * answer can be folded into one band.
 *
 * Pure and deterministic: unit-tested for overlaps and width in Node.
 */

import type { ChainGraph, GraphNode, NodeRow } from './graph';
import { zoneTarget } from './graph';
import { gutterWidth, routeEdges, type Anchor } from './layout-edges';
import { layoutLegend } from './layout-legend';
import { SUBTITLE_FONT, TITLE_FONT, ZONE_FONT, fitText, textWidth } from './layout-text';
import {
  BAND_ID,
  SIZE,
  round,
  type GraphLayout,
  type NodeShape,
  type PlacedBand,
  type PlacedNode,
  type PlacedZone,
} from './layout-types';
import { STATUS_MARK } from './words';

export interface LayoutOptions {
  /** The width to fill, in CSS px. */
  readonly width: number;
  /** Fold the secure zones above the answer into one band (narrow screens). */
  readonly fold?: boolean;
}

/** The narrowest and widest drawing: below 240 px nothing fits; above 960 px lines get long. */
export const MIN_WIDTH = 240;
export const MAX_WIDTH = 960;

const ROWS: readonly NodeRow[] = ['anchor', 'keys', 'data', 'proved'];

const SHAPES: Readonly<Record<GraphNode['kind'], NodeShape>> = {
  ds: 'ellipse',
  dnskey: 'ellipse',
  rrset: 'box',
  denial: 'hexagon',
};

/** Room left and right of the text inside each shape (an ellipse's is proportional, below). */
const INSET: Readonly<Record<NodeShape, number>> = { ellipse: 16, box: 9, hexagon: 15 };

/** The status glyph and a space before each subtitle. */
const glyphWidth = (): number => textWidth('✓ ', SUBTITLE_FONT);

/** Below this inner width nodes take their brief second line. */
const BRIEF_BELOW = 480;

/**
 * Zones that can fold: from the root down, each secure, with only secure records and edges,
 * and no answer drawn in it; at least one zone stays unfolded.
 */
export function foldableZones(graph: ChainGraph): string[] {
  const out: string[] = [];
  for (const zone of graph.zones.slice(0, -1)) {
    const nodes = graph.nodes.filter((n) => n.cluster === zone.name);
    const ids = new Set(nodes.map((n) => n.id));
    const secure =
      zone.status === 'secure' &&
      nodes.every((n) => n.status === 'secure' && n.step === undefined) &&
      graph.edges.every((e) => e.status === 'secure' || (!ids.has(e.from) && !ids.has(e.to)));
    if (!secure) break;
    out.push(zone.name);
  }
  return out;
}

function sizeNode(
  n: GraphNode,
  maxWidth: number,
  brief: boolean,
): Omit<PlacedNode, 'x' | 'y' | 'line'> {
  const shape = SHAPES[n.kind];
  const inset = INSET[shape];
  const subtitle = brief ? n.brief : n.subtitle;
  const text = Math.max(
    textWidth(n.title, TITLE_FONT),
    textWidth(subtitle, SUBTITLE_FONT) + glyphWidth(),
  );
  // An ellipse is narrower off its middle: both lines of text sit where it is 80% as wide.
  const wanted = shape === 'ellipse' ? text * 1.25 + 12 : text + 2 * inset;
  const w = Math.min(Math.max(wanted, SIZE.minNodeWidth), maxWidth);
  const room = shape === 'ellipse' ? (w - 12) / 1.25 : w - 2 * inset;
  return {
    id: n.id,
    w: round(w),
    h: SIZE.nodeHeight,
    shape,
    title: fitText(n.title, TITLE_FONT, room, n.kind === 'rrset'),
    subtitle: fitText(subtitle, SUBTITLE_FONT, room - glyphWidth()),
  };
}

interface Placement {
  readonly nodes: Map<string, PlacedNode>;
  readonly zones: Map<string, PlacedZone & { readonly firstLine: number }>;
  readonly band: PlacedBand | null;
  readonly bottom: number;
}

/** Orders a row by the mean x of the placed nodes its edges come from; the rest keep their order after. */
function byBarycentre(
  graph: ChainGraph,
  row: readonly GraphNode[],
  placed: ReadonlyMap<string, PlacedNode>,
): GraphNode[] {
  const centre = (n: GraphNode): number => {
    const xs = graph.edges
      .filter((e) => e.to === n.id && placed.has(e.from))
      .map((e) => placed.get(e.from)!)
      .map((p) => p.x + p.w / 2);
    return xs.length === 0 ? Number.POSITIVE_INFINITY : xs.reduce((a, b) => a + b, 0) / xs.length;
  };
  const keyed = row.map((n) => ({ n, c: centre(n) }));
  return keyed.sort((a, b) => a.c - b.c).map((k) => k.n);
}

/** Splits a row into lines that fit `width`. */
function wrap(
  sized: readonly Omit<PlacedNode, 'x' | 'y' | 'line'>[],
  width: number,
): (typeof sized)[] {
  const lines: Omit<PlacedNode, 'x' | 'y' | 'line'>[][] = [];
  let used = Number.POSITIVE_INFINITY;
  for (const s of sized) {
    if (used + SIZE.nodeGap + s.w > width) {
      lines.push([]);
      used = -SIZE.nodeGap;
    }
    lines.at(-1)!.push(s);
    used += SIZE.nodeGap + s.w;
  }
  return lines;
}

/** The folded band: one line that stands for the folded zones and unfolds them. */
function bandOf(graph: ChainGraph, folded: readonly string[], x: number, w: number): PlacedBand {
  const names = folded.map((z) => (z === '.' ? '. (root)' : z)).join(', ');
  const label = `${STATUS_MARK.secure} ${names}: secure — show`;
  return {
    zones: folded,
    status: 'secure',
    x,
    y: SIZE.margin,
    w,
    h: SIZE.bandHeight,
    label: fitText(label, ZONE_FONT, w - 24, false),
  };
}

/** Places zone boxes and nodes top down for a gutter `gutter` px wide. */
function place(
  graph: ChainGraph,
  width: number,
  gutter: number,
  folded: readonly string[],
): Placement {
  const left = SIZE.margin + gutter;
  const boxWidth = width - left - SIZE.margin;
  const inner = boxWidth - 2 * SIZE.zonePad;
  const nodes = new Map<string, PlacedNode>();
  const zones: Placement['zones'] = new Map();
  const band = folded.length > 0 ? bandOf(graph, folded, left, boxWidth) : null;
  let y = band ? band.y + band.h + SIZE.zoneGap : SIZE.margin;
  let line = 0;
  const delegated = new Set(graph.edges.filter((e) => e.kind === 'delegation').map((e) => e.to));
  for (const zone of graph.zones.filter((z) => !folded.includes(z.name))) {
    // A delegation edge ends at the zone itself: room for it to be seen (and its tag read).
    if (delegated.has(zoneTarget(zone.name))) y += SIZE.lineGap - SIZE.zoneGap;
    const top = y;
    const firstLine = line;
    y += SIZE.zoneHead + SIZE.zonePad;
    let lines = 0;
    for (const row of ROWS) {
      const members = graph.nodes.filter((n) => n.cluster === zone.name && n.row === row);
      const ordered = byBarycentre(graph, members, nodes);
      const sized = ordered.map((n) =>
        sizeNode(n, Math.min(inner, SIZE.maxNodeWidth), inner < BRIEF_BELOW),
      );
      for (const l of wrap(sized, inner)) {
        if (lines > 0) y += SIZE.lineGap;
        const lineWidth = l.reduce((a, s) => a + s.w, 0) + SIZE.nodeGap * (l.length - 1);
        let x = left + SIZE.zonePad + (inner - lineWidth) / 2;
        for (const s of l) {
          nodes.set(s.id, { ...s, x: round(x), y: round(y), line });
          x += s.w + SIZE.nodeGap;
        }
        y += SIZE.nodeHeight;
        line += 1;
        lines += 1;
      }
    }
    if (lines === 0) line += 1;
    y += SIZE.zonePad;
    const label = `${STATUS_MARK[zone.status]} ${zone.name === '.' ? '. (root)' : zone.name}`;
    zones.set(zone.name, {
      name: zone.name,
      status: zone.status,
      x: round(left),
      y: round(top),
      w: round(boxWidth),
      h: round(y - top),
      label: fitText(label, ZONE_FONT, boxWidth - 2 * SIZE.zonePad, true),
      firstLine,
    });
    y += SIZE.zoneGap;
  }
  return { nodes, zones, band, bottom: y - SIZE.zoneGap };
}

/** Lays the graph out to fill `options.width`. */
export function layoutChainGraph(graph: ChainGraph, options: LayoutOptions): GraphLayout {
  const width = Math.min(Math.max(Math.floor(options.width), MIN_WIDTH), MAX_WIDTH);
  const folded = options.fold ? foldableZones(graph) : [];
  const clusterOf = new Map(graph.nodes.map((n) => [n.id, n.cluster]));
  let gutter = 0;
  // The gutter's width depends on the routes and the routes on the placement: at most a
  // few rounds until the lanes fit.
  for (let attempt = 0; ; attempt++) {
    const p = place(graph, width, gutter, folded);
    const anchorOf = (id: string): { anchor: Anchor; band: boolean } | undefined => {
      const node = p.nodes.get(id);
      const zoneOf = (name: string | undefined) =>
        name === undefined ? undefined : p.zones.get(name);
      if (node) {
        const zone = zoneOf(clusterOf.get(id));
        const approach =
          zone && node.line === zone.firstLine ? zone.y - SIZE.zoneGap / 2 : node.y - 20;
        return { anchor: { ...node, approach }, band: false };
      }
      const target = id.startsWith('zone:') ? zoneOf(id.slice('zone:'.length)) : undefined;
      if (target && zoneTarget(target.name) === id) {
        // Into the zone, just under its caption: a delegation to the zone as a whole.
        const y = target.y + SIZE.zoneHead - 2;
        return {
          anchor: {
            id,
            x: target.x,
            y,
            w: target.w,
            h: 0,
            shape: 'zone',
            line: target.firstLine,
            approach: target.y - SIZE.zoneGap / 2,
          },
          band: false,
        };
      }
      const hidden = clusterOf.get(id);
      if (p.band && hidden !== undefined && folded.includes(hidden))
        return {
          anchor: { ...p.band, id: BAND_ID, shape: 'box', line: -1, approach: p.band.y },
          band: true,
        };
      return undefined;
    };
    // What edges go around: the nodes, the band and each zone's caption.
    const obstacles = [
      ...[...p.nodes.values()],
      ...(p.band ? [{ ...p.band, id: BAND_ID }] : []),
      ...[...p.zones.values()].map((z) => ({
        id: zoneTarget(z.name),
        x: z.x,
        y: z.y,
        w: textWidth(z.label, ZONE_FONT) + 2 * SIZE.zonePad,
        h: SIZE.zoneHead,
      })),
    ];
    const left = SIZE.margin + gutter;
    const bounds = { left: left + 3, right: width - SIZE.margin - 3 };
    const routed = routeEdges(graph.edges, anchorOf, obstacles, bounds);
    const needed = gutterWidth(routed.lanes);
    if (needed > gutter && attempt < 4) {
      gutter = needed;
      continue;
    }
    const legend = layoutLegend(width, p.bottom + 14);
    const items = [
      ...[...p.nodes.values()].map((n) => ({ id: n.id, y: n.y + n.h / 2, x: n.x })),
      ...routed.edges.map((e) => ({ id: e.id, y: e.midY, x: e.midX })),
    ].sort((a, b) => a.y - b.y || a.x - b.x);
    return {
      width,
      height: Math.ceil(legend.bottom + SIZE.margin),
      zones: [...p.zones.values()].map(({ firstLine: _, ...z }) => z),
      nodes: [...p.nodes.values()],
      edges: routed.edges,
      band: p.band,
      legend: legend.items,
      order: [...(p.band ? [BAND_ID] : []), ...items.map((i) => i.id)],
    };
  }
}
