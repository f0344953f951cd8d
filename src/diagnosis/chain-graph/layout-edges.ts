/**
 * Edge routing for the layered layout: an edge into the next line of nodes is a smooth
 * curve from the bottom of its source to the top of its target; one that skips lines goes
 * down a corridor between the nodes it passes (layout-corridor.ts) when there is one, and
 * any other (no corridor, or it goes up) runs down a lane of the gutter left of the zone
 * boxes, so no edge crosses a node. Lanes are shared by edges whose spans do not overlap.
 */

import type { GraphEdge } from './graph';
import { TAG_FONT, textWidth } from './layout-text';
import { findCorridor, type Corridor } from './layout-corridor';
import {
  SIZE,
  round,
  type Box,
  type EdgeTag,
  type PlacedEdge,
  type PlacedNode,
} from './layout-types';

/** Where an edge can end: a node, the folded band, or the top of a zone box. */
export interface Anchor {
  /** The node's id, the band's, or `zone:<name>`. */
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly line: number;
  readonly shape: PlacedNode['shape'] | 'zone';
  /**
   * Where a gutter edge turns in towards it: above its zone box when it is in the zone's
   * first line (so the run does not cross the zone's caption), else just above it.
   */
  readonly approach: number;
}

interface Route {
  readonly edge: GraphEdge;
  readonly from: Anchor;
  readonly to: Anchor;
  readonly direct: boolean;
  readonly fromBand: boolean;
}

/** The y of an anchor's border at `x`, on its bottom (`side` 1) or top (-1). */
function borderY(a: Anchor, x: number, side: 1 | -1): number {
  const cy = a.y + a.h / 2;
  if (a.shape === 'ellipse') {
    const rx = a.w / 2;
    const dx = Math.min(Math.abs(x - (a.x + rx)), rx * 0.95);
    return cy + side * (a.h / 2) * Math.sqrt(1 - (dx / rx) ** 2);
  }
  if (a.shape === 'zone') return a.y;
  return side === 1 ? a.y + a.h : a.y;
}

/** Port x positions along an anchor's side, one per edge, centred and at most 18 px apart. */
function ports(a: Anchor, n: number): number[] {
  const inset = a.shape === 'ellipse' ? a.w * 0.25 : a.shape === 'hexagon' ? 14 : 8;
  const room = Math.max(0, a.w - 2 * inset);
  const step = n > 1 ? Math.min(18, room / (n - 1)) : 0;
  const first = a.x + a.w / 2 - (step * (n - 1)) / 2;
  return Array.from({ length: n }, (_, i) => first + i * step);
}

/** A polyline with rounded corners. */
function rounded(points: readonly (readonly [number, number])[], r = 5): string {
  let d = `M${round(points[0]![0])},${round(points[0]![1])}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [px, py] = points[i - 1]!;
    const [x, y] = points[i]!;
    const [nx, ny] = points[i + 1]!;
    const inLen = Math.hypot(x - px, y - py);
    const outLen = Math.hypot(nx - x, ny - y);
    const k = Math.min(r, inLen / 2, outLen / 2);
    const ax = x - ((x - px) / (inLen || 1)) * k;
    const ay = y - ((y - py) / (inLen || 1)) * k;
    const bx = x + ((nx - x) / (outLen || 1)) * k;
    const by = y + ((ny - y) / (outLen || 1)) * k;
    d += ` L${round(ax)},${round(ay)} Q${round(x)},${round(y)} ${round(bx)},${round(by)}`;
  }
  const [lx, ly] = points.at(-1)!;
  return `${d} L${round(lx)},${round(ly)}`;
}

const arrowAt = (x: number, y: number): string =>
  `${round(x - 4.5)},${round(y - SIZE.arrow)} ${round(x + 4.5)},${round(y - SIZE.arrow)} ${round(x)},${round(y)}`;

function tagAt(edge: GraphEdge, x: number, y: number): EdgeTag | null {
  if (!edge.tag) return null;
  return { x: round(x), y: round(y), w: round(textWidth(edge.tag, TAG_FONT) + 8), text: edge.tag };
}

/** Greedy interval colouring: each gutter route gets the first lane free over its span. */
function assignLanes(routes: readonly Route[]): Map<Route, number> {
  const lanes: [number, number][][] = [];
  const out = new Map<Route, number>();
  const spans = routes.map(
    (r) => [Math.min(r.from.line, r.to.line), Math.max(r.from.line, r.to.line)] as const,
  );
  routes.forEach((r, i) => {
    const [lo, hi] = spans[i]!;
    let lane = lanes.findIndex((used) => used.every(([a, b]) => hi < a || lo > b));
    if (lane < 0) lane = lanes.push([]) - 1;
    lanes[lane]!.push([lo, hi]);
    out.set(r, lane);
  });
  return out;
}

/** The x of gutter lane `lane`. */
export const laneX = (lane: number): number => SIZE.margin + 4 + lane * SIZE.lane;

/** How wide the gutter must be for `lanes` lanes (0 when none). */
export const gutterWidth = (lanes: number): number => (lanes === 0 ? 0 : laneX(lanes - 1) + 6);

/**
 * Port positions: each anchor's edges spread along its side in the order of `outOrder`
 * (out-edges) and `inOrder` (in-edges), so that edges do not cross just out of a node.
 */
function portPositions(
  routes: readonly Route[],
  outOrder: (r: Route) => number,
  inOrder: (r: Route) => number,
): { outX: Map<Route, number>; inX: Map<Route, number> } {
  const spread = (key: (r: Route) => Anchor, order: (r: Route) => number): Map<Route, number> => {
    const into = new Map<Route, number>();
    const by = new Map<Anchor, Route[]>();
    for (const r of routes) by.set(key(r), [...(by.get(key(r)) ?? []), r]);
    for (const [anchor, list] of by) {
      const sorted = [...list].sort((a, b) => order(a) - order(b));
      ports(anchor, sorted.length).forEach((x, i) => into.set(sorted[i]!, x));
    }
    return into;
  };
  return { outX: spread((r) => r.from, outOrder), inX: spread((r) => r.to, inOrder) };
}

/** The two horizontal runs of a routed edge: below its source, above its target. */
function runs(r: Route, sx: number, tx: number, offset: number): { ya: number; yb: number } {
  const sy = borderY(r.from, sx, 1);
  const end = borderY(r.to, tx, -1) - SIZE.arrow;
  return { ya: sy + 10 + offset, yb: Math.min(end - 12, r.to.approach) - offset };
}

/** The path of one route from port `sx` to port `tx`: a curve, or down the vertical at `via.x`. */
function pathOf(
  r: Route,
  sx: number,
  tx: number,
  via: { x: number; offset: number } | undefined,
): PlacedEdge {
  const sy = borderY(r.from, sx, 1);
  const ty = borderY(r.to, tx, -1);
  const end = ty - SIZE.arrow;
  const base = { id: r.edge.id, arrow: arrowAt(tx, ty), fromBand: r.fromBand };
  if (via === undefined) {
    const k = Math.max(8, (end - sy) / 2);
    const midX = (sx + tx) / 2;
    const midY = (sy + end) / 2;
    return {
      ...base,
      d: `M${round(sx)},${round(sy)} C${round(sx)},${round(sy + k)} ${round(tx)},${round(end - k)} ${round(tx)},${round(end)}`,
      tag: tagAt(r.edge, midX, midY),
      midX,
      midY,
    };
  }
  const { ya, yb } = runs(r, sx, tx, via.offset);
  const midX = (via.x + tx) / 2;
  return {
    ...base,
    d: rounded([
      [sx, sy],
      [sx, ya],
      [via.x, ya],
      [via.x, yb],
      [tx, yb],
      [tx, end],
    ]),
    tag: tagAt(r.edge, midX, yb),
    midX,
    midY: yb,
  };
}

/** Corridors for the routes that skip lines downwards, with their ports as they would be. */
function corridorsOf(
  routes: readonly Route[],
  obstacles: readonly (Box & { id: string })[],
  bounds: { readonly left: number; readonly right: number },
): Map<Route, number> {
  const { outX, inX } = portPositions(
    routes,
    (r) => r.to.x + r.to.w / 2,
    (r) => r.from.x + r.from.w / 2,
  );
  const out = new Map<Route, number>();
  const taken: Corridor[] = [];
  for (const r of routes) {
    if (r.direct || r.to.line <= r.from.line) continue;
    const sx = outX.get(r)!;
    const tx = inX.get(r)!;
    const { ya, yb } = runs(r, sx, tx, 0);
    const others = obstacles.filter((o) => o.id !== r.from.id && o.id !== r.to.id);
    const x = findCorridor(sx, tx, ya, yb, others, taken, bounds);
    if (x === undefined) continue;
    out.set(r, x);
    taken.push({ x, top: ya, bottom: yb });
  }
  return out;
}

/**
 * Routes every edge whose two ends are drawn, around `obstacles` (the nodes and the zone
 * captions), corridors within `bounds` (the zone boxes); returns the paths and the number
 * of gutter lanes they need (the caller widens the gutter and lays out again when that grows).
 */
export function routeEdges(
  edges: readonly GraphEdge[],
  anchorOf: (id: string) => { anchor: Anchor; band: boolean } | undefined,
  obstacles: readonly (Box & { id: string })[],
  bounds: { readonly left: number; readonly right: number },
): { edges: PlacedEdge[]; lanes: number } {
  const routes: Route[] = [];
  for (const edge of edges) {
    const from = anchorOf(edge.from);
    const to = anchorOf(edge.to);
    if (!from || !to || to.band) continue;
    routes.push({
      edge,
      from: from.anchor,
      to: to.anchor,
      direct: to.anchor.line === from.anchor.line + 1,
      fromBand: from.band,
    });
  }
  const corridors = corridorsOf(routes, obstacles, bounds);
  const lanes = assignLanes(routes.filter((r) => !r.direct && !corridors.has(r)));
  // Gutter edges leave and arrive on the left; the others in the order of where they go.
  const side = (r: Route, other: Anchor): number =>
    lanes.has(r) ? -1e6 + lanes.get(r)! : (corridors.get(r) ?? other.x + other.w / 2);
  const { outX, inX } = portPositions(
    routes,
    (r) => side(r, r.to),
    (r) => (lanes.has(r) ? -1e6 - lanes.get(r)! : side(r, r.from)),
  );
  const placed = routes.map((r) => {
    const lane = lanes.get(r);
    const corridor = corridors.get(r);
    const via =
      lane !== undefined
        ? { x: laneX(lane), offset: 3 * lane }
        : corridor !== undefined
          ? { x: corridor, offset: 0 }
          : undefined;
    return pathOf(r, outX.get(r)!, inX.get(r)!, via);
  });
  return { edges: placed, lanes: lanes.size === 0 ? 0 : Math.max(...lanes.values()) + 1 };
}
