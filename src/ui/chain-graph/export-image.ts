/**
 * The graph as files for the domain owner's ticket: an SVG that stands alone (every style
 * the page's CSS gave it written into presentation attributes, a background, a title) and
 * a PNG at twice the size, painted onto a canvas from the same SVG elements.
 *
 * The PNG is painted element by element rather than by loading the SVG into an <img>: the
 * page's Content-Security-Policy allows images only from its own origin (`img-src 'self'`,
 * vite.config.ts), so a blob: or data: image of the SVG would be refused. The graph uses a
 * handful of SVG elements (rect, ellipse, polygon, path, line, text), all in user units
 * without transforms, which the canvas draws the same way.
 */

/** Style properties that decide how the graph's elements look. */
const PRESENTATION = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Drawn at all: not `display: none`, not hidden (focus rings, hit areas). */
function shown(el: Element): boolean {
  const style = getComputedStyle(el);
  return style.display !== 'none' && style.visibility !== 'hidden';
}

/** The page background behind the graph, for the files (which have no page behind them). */
function background(svg: SVGSVGElement): string {
  let el: Element | null = svg;
  while (el) {
    const color = getComputedStyle(el).backgroundColor;
    if (color && color !== 'transparent' && !/rgba\(.*, 0\)$/.test(color)) return color;
    el = el.parentElement;
  }
  return '#ffffff';
}

/**
 * The SVG as a standalone file: a clone whose elements carry their computed styles as
 * presentation attributes (no class, no stylesheet), with what is not drawn left out.
 */
export function serializeSvg(svg: SVGSVGElement, title: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  const drop: Element[] = [];
  originals.forEach((el, i) => {
    const copy = copies[i]!;
    if (el !== svg && !shown(el)) {
      drop.push(copy);
      return;
    }
    const style = getComputedStyle(el);
    for (const p of PRESENTATION) {
      const value = style.getPropertyValue(p);
      if (value) copy.setAttribute(p, value);
    }
    for (const a of ['class', 'tabindex', 'style']) copy.removeAttribute(a);
  });
  for (const el of drop) el.remove();
  const { width, height } = svg.viewBox.baseVal;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const back = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of [
    ['width', '100%'],
    ['height', '100%'],
    ['fill', background(svg)],
  ])
    back.setAttribute(k!, v!);
  const name = document.createElementNS(SVG_NS, 'title');
  name.textContent = title;
  clone.prepend(name, back);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

const num = (el: Element, name: string): number => Number(el.getAttribute(name) ?? 0);

/** The outline of one SVG element as a canvas path, or null for text and groups. */
function outline(el: Element): Path2D | null {
  const path = new Path2D();
  switch (el.tagName.toLowerCase()) {
    case 'rect': {
      const rx = num(el, 'rx');
      path.roundRect(num(el, 'x'), num(el, 'y'), num(el, 'width'), num(el, 'height'), rx);
      return path;
    }
    case 'ellipse':
      path.ellipse(num(el, 'cx'), num(el, 'cy'), num(el, 'rx'), num(el, 'ry'), 0, 0, 2 * Math.PI);
      return path;
    case 'polygon': {
      const points = (el.getAttribute('points') ?? '')
        .trim()
        .split(/\s+/)
        .map((p) => p.split(',').map(Number));
      points.forEach(([x, y], i) => (i === 0 ? path.moveTo(x!, y!) : path.lineTo(x!, y!)));
      path.closePath();
      return path;
    }
    case 'line':
      path.moveTo(num(el, 'x1'), num(el, 'y1'));
      path.lineTo(num(el, 'x2'), num(el, 'y2'));
      return path;
    case 'path':
      return new Path2D(el.getAttribute('d') ?? '');
    default:
      return null;
  }
}

const px = (value: string): number => Number.parseFloat(value) || 0;

/** Paints one element as its computed style says: fill, then stroke, or its text. */
function paint(ctx: CanvasRenderingContext2D, el: Element): void {
  const style = getComputedStyle(el);
  ctx.globalAlpha = px(style.opacity || '1');
  if (el.tagName.toLowerCase() === 'text') {
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const anchor = style.getPropertyValue('text-anchor');
    ctx.textAlign = anchor === 'middle' ? 'center' : anchor === 'end' ? 'right' : 'left';
    ctx.textBaseline =
      style.getPropertyValue('dominant-baseline') === 'central' ? 'middle' : 'alphabetic';
    const text = el.textContent ?? '';
    // The rim of background colour first, as `paint-order: stroke` draws it.
    if (style.stroke !== 'none' && px(style.strokeWidth) > 0) {
      ctx.strokeStyle = style.stroke;
      ctx.lineWidth = px(style.strokeWidth);
      ctx.lineJoin = 'round';
      ctx.setLineDash([]);
      ctx.strokeText(text, num(el, 'x'), num(el, 'y'));
    }
    ctx.fillStyle = style.fill;
    ctx.fillText(text, num(el, 'x'), num(el, 'y'));
    return;
  }
  const path = outline(el);
  if (!path) return;
  if (style.fill !== 'none') {
    ctx.fillStyle = style.fill;
    ctx.globalAlpha = px(style.opacity || '1') * px(style.fillOpacity || '1');
    ctx.fill(path);
  }
  if (style.stroke !== 'none' && px(style.strokeWidth) > 0) {
    ctx.strokeStyle = style.stroke;
    ctx.globalAlpha = px(style.opacity || '1') * px(style.strokeOpacity || '1');
    ctx.lineWidth = px(style.strokeWidth);
    ctx.lineCap = style.strokeLinecap as CanvasLineCap;
    ctx.lineJoin = style.strokeLinejoin as CanvasLineJoin;
    const dashes =
      style.strokeDasharray === 'none' ? [] : style.strokeDasharray.split(/[\s,]+/).map(px);
    ctx.setLineDash(dashes);
    ctx.stroke(path);
  }
}

/** The graph as a PNG at `scale` × its size, painted element by element in document order. */
export function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const { width, height } = svg.viewBox.baseVal;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return Promise.reject(new Error('This browser cannot draw on a canvas.'));
  ctx.scale(scale, scale);
  ctx.fillStyle = background(svg);
  ctx.fillRect(0, 0, width, height);
  const walk = (el: Element): void => {
    if (!shown(el)) return;
    paint(ctx, el);
    for (const child of el.children) walk(child);
  };
  for (const child of svg.children) walk(child);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))),
      'image/png',
    ),
  );
}

/** Offers `blob` as a download named `filename`. */
export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL; it is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
