/**
 * The legend under the graph: the status entries, then the shapes, each a swatch and its
 * words, flowing into as many lines as the width needs.
 */

import { SHAPE_LEGEND, STATUS_LEGEND } from './legend';
import { LEGEND_FONT, textWidth } from './layout-text';
import { SIZE, round, type PlacedLegendItem } from './layout-types';
import { STATUS_MARK } from './words';

/** Legend items from `top` down, within `width`; `bottom` is where the legend ends. */
export function layoutLegend(
  width: number,
  top: number,
): { items: PlacedLegendItem[]; bottom: number } {
  const entries = [
    ...STATUS_LEGEND.map((e) => ({ key: e.key, text: `${STATUS_MARK[e.status]} ${e.text}` })),
    ...SHAPE_LEGEND.map((e) => ({ key: e.key, text: e.text })),
  ];
  const items: PlacedLegendItem[] = [];
  let x = SIZE.margin;
  let y = top;
  let section = 'status';
  for (const e of entries) {
    const w = SIZE.legendSwatch + 6 + textWidth(e.text, LEGEND_FONT);
    // The shapes start on a line of their own.
    const shape = SHAPE_LEGEND.some((s) => s.key === e.key);
    const newSection = shape && section === 'status';
    if (newSection) section = 'shape';
    if ((newSection && x > SIZE.margin) || x + w > width - SIZE.margin) {
      x = SIZE.margin;
      y += SIZE.legendLine;
    }
    items.push({ key: e.key, x: round(x), y: round(y), text: e.text });
    x += w + 14;
  }
  return { items, bottom: y + SIZE.legendLine };
}
