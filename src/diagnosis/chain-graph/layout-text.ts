/**
 * Text sizes for the layout without a browser to measure in: the graph's labels are set in
 * a monospace font (`ui-monospace`, DejaVu Sans Mono, Menlo, Consolas), whose glyphs all
 * advance by about 0.6 em, so a label's width is its length in columns times that.
 */

/** Font sizes in px (SVG user units = CSS px: the viewBox is as wide as the drawing). */
export const TITLE_FONT = 12;
export const SUBTITLE_FONT = 10.5;
export const TAG_FONT = 10;
export const ZONE_FONT = 12;
export const LEGEND_FONT = 11;

/** A monospace glyph's advance in em, a little over DejaVu Sans Mono's and Menlo's 0.602. */
const ADVANCE = 0.62;

/** East Asian wide and emoji code points take two columns in a monospace font. */
const WIDE =
  /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;

function columns(text: string): number {
  let n = 0;
  for (const c of text) n += WIDE.test(c) ? 2 : 1;
  return n;
}

/** The width of `text` at `font` px. */
export function textWidth(text: string, font: number): number {
  return columns(text) * font * ADVANCE;
}

/**
 * `text` shortened to `width` px with an ellipsis: in the middle for names (both the
 * first label and the zone stay readable), at the end otherwise.
 */
export function fitText(text: string, font: number, width: number, middle = false): string {
  // (a hair of slack: a text as wide as the room it was measured for fits)
  if (textWidth(text, font) <= width + 0.01) return text;
  const chars = [...text];
  for (let keep = chars.length - 1; keep > 0; keep--) {
    const head = middle ? Math.ceil(keep / 2) : keep;
    const tail = middle ? chars.slice(chars.length - (keep - head)).join('') : '';
    const candidate = `${chars.slice(0, head).join('')}…${tail}`;
    if (textWidth(candidate, font) <= width) return candidate;
  }
  return '…';
}
