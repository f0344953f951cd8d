/**
 * The laid-out graph: where every zone box, node, edge, the folded band and the legend go,
 * in SVG user units (CSS px; the drawing's viewBox is as wide as the space it fills).
 */

import type { GraphStatus } from './graph';

export type NodeShape = 'ellipse' | 'box' | 'hexagon';

/** A rectangle: its top-left corner and size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface PlacedNode extends Box {
  readonly id: string;
  readonly shape: NodeShape;
  /** The node's lines, shortened to fit. */
  readonly title: string;
  readonly subtitle: string;
  /** Index of the line of nodes it is in, top down (the folded band is -1). */
  readonly line: number;
}

export interface EdgeTag {
  /** Centre of the tag. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly text: string;
}

export interface PlacedEdge {
  readonly id: string;
  /** The line, an SVG path. */
  readonly d: string;
  /** The arrowhead, SVG polygon points. */
  readonly arrow: string;
  readonly tag: EdgeTag | null;
  /** Drawn from the folded band: its source is in a folded zone. */
  readonly fromBand: boolean;
  /** Where the edge is read in the reading order (its middle). */
  readonly midY: number;
  readonly midX: number;
}

export interface PlacedZone extends Box {
  readonly name: string;
  readonly status: GraphStatus;
  /** The zone's name as the box's caption, shortened to fit. */
  readonly label: string;
}

/** The zones folded away on a narrow screen, drawn as one band that unfolds them. */
export interface PlacedBand extends Box {
  readonly zones: readonly string[];
  readonly status: GraphStatus;
  readonly label: string;
}

export interface PlacedLegendItem {
  /** A key of STATUS_LEGEND or SHAPE_LEGEND. */
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly zones: readonly PlacedZone[];
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly band: PlacedBand | null;
  readonly legend: readonly PlacedLegendItem[];
  /** Focusable items in reading order: the band, then nodes and edges top down. */
  readonly order: readonly string[];
}

/** Sizes, in px. */
export const SIZE = {
  margin: 4,
  nodeHeight: 40,
  minNodeWidth: 84,
  maxNodeWidth: 300,
  nodeGap: 14,
  lineGap: 44,
  zonePad: 8,
  zoneHead: 20,
  zoneGap: 16,
  bandHeight: 32,
  lane: 7,
  arrow: 8,
  tagHeight: 14,
  legendLine: 22,
  legendSwatch: 30,
} as const;

/** The band's id in the reading order. */
export const BAND_ID = 'band';

/** A hexagon's corner points for a node: where NSEC/NSEC3 proofs are drawn. */
export function hexagonPoints(n: Box): string {
  const inset = Math.min(12, n.w / 4);
  const mid = n.y + n.h / 2;
  const points: [number, number][] = [
    [n.x, mid],
    [n.x + inset, n.y],
    [n.x + n.w - inset, n.y],
    [n.x + n.w, mid],
    [n.x + n.w - inset, n.y + n.h],
    [n.x + inset, n.y + n.h],
  ];
  return points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ');
}

/** Two decimals: enough for any zoom, short in the SVG file. */
export const round = (n: number): number => Math.round(n * 100) / 100;
