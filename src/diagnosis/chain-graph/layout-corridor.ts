/**
 * A corridor for an edge that skips a line of nodes: a vertical x between the nodes (and
 * zone captions) it passes, so the edge runs down through the gap instead of out to the
 * gutter. The first run (below its source) and the last (above its target) lie in the
 * gaps between lines, where no node is.
 */

import type { Box } from './layout-types';

/** A vertical corridor already taken, over `top`..`bottom`. */
export interface Corridor {
  readonly x: number;
  readonly top: number;
  readonly bottom: number;
}

/** How far a corridor keeps from a node's side. */
const CLEARANCE = 7;

/** Whether the axis-aligned segment from (x1, y1) to (x2, y2) passes within `margin` of a box. */
function hits(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  boxes: readonly Box[],
  margin: number,
): boolean {
  const [left, right] = x1 < x2 ? [x1, x2] : [x2, x1];
  const [top, bottom] = y1 < y2 ? [y1, y2] : [y2, y1];
  return boxes.some(
    (b) =>
      left < b.x + b.w + margin &&
      right > b.x - margin &&
      top < b.y + b.h + margin &&
      bottom > b.y - margin,
  );
}

/**
 * The x of a free corridor from the run at `top` (leaving `sx`) to the run at `bottom`
 * (reaching `tx`) inside the zone boxes (`bounds`), as near the straight line as it can
 * be; undefined when every x is blocked.
 */
export function findCorridor(
  sx: number,
  tx: number,
  top: number,
  bottom: number,
  obstacles: readonly Box[],
  taken: readonly Corridor[],
  bounds: { readonly left: number; readonly right: number },
): number | undefined {
  const between = obstacles.filter((b) => b.y < bottom && b.y + b.h > top);
  const candidates = [
    (sx + tx) / 2,
    sx,
    tx,
    ...between.flatMap((b) => [b.x - CLEARANCE - 1, b.x + b.w + CLEARANCE + 1]),
  ].sort((a, b) => Math.abs(a - sx) + Math.abs(a - tx) - (Math.abs(b - sx) + Math.abs(b - tx)));
  return candidates.find(
    (x) =>
      x >= bounds.left &&
      x <= bounds.right &&
      !hits(x, top, x, bottom, obstacles, CLEARANCE - 1) &&
      !hits(sx, top, x, top, obstacles, 2) &&
      !hits(x, bottom, tx, bottom, obstacles, 2) &&
      !taken.some((c) => Math.abs(c.x - x) < 5 && c.top < bottom && c.bottom > top),
  );
}
