// Strokes → pixels, the way the pad's canvas paints them (src/lib/strokes.ts renderDrawing):
// black lines STROKE_WIDTH side units wide with round caps and joins, each recorded point the
// control point of a quadratic curve ending halfway to the next, a lone point a dot; strokes
// painted one over another ("source-over"). No DOM: the reader needs pixels in the worker, and
// tests need them in Node.

import { STROKE_WIDTH, type Pt } from './pad.ts';

/** Which pixels to paint: `scale` pixels per side unit, the window's top-left pixel at (left, top). */
export interface RasterWindow {
  scale: number;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** A quadratic is flattened until its chords stray less than this from the curve (px). */
const FLATNESS = 0.05;

/** The stroke's path in window pixels as a polyline (x, y pairs), curves flattened. */
export function flattenStroke(points: readonly Pt[], win: RasterWindow): number[] {
  const px = (p: Pt) => (p.x * win.scale - win.left);
  const py = (p: Pt) => (p.y * win.scale - win.top);
  if (points.length === 0) return [];
  const out = [px(points[0]), py(points[0])];
  let x = out[0], y = out[1];
  for (let i = 1; i < points.length - 1; i++) {
    const cx = px(points[i]), cy = py(points[i]);
    const ex = (cx + px(points[i + 1])) / 2, ey = (cy + py(points[i + 1])) / 2;
    // A quadratic's chords in k pieces stray at most |p0 − 2c + p1| / (8k²) from it.
    const dev = Math.hypot(x - 2 * cx + ex, y - 2 * cy + ey);
    const k = Math.max(1, Math.ceil(Math.sqrt(dev / (8 * FLATNESS))));
    for (let j = 1; j <= k; j++) {
      const t = j / k, u = 1 - t;
      out.push(u * u * x + 2 * u * t * cx + t * t * ex, u * u * y + 2 * u * t * cy + t * t * ey);
    }
    x = ex;
    y = ey;
  }
  if (points.length > 1) out.push(px(points[points.length - 1]), py(points[points.length - 1]));
  return out;
}

/**
 * Paints one stroke's coverage into `cov` (max over its segments: a stroke is one shape, it does
 * not darken where it overlaps itself). A pixel's coverage is approximated from the distance d
 * of its centre to the centreline: clamp(r + ½ − d, 0, 1), the exact box-filter area for a
 * straight edge and within a few percent for curves much wider than a pixel.
 */
function paintStroke(poly: number[], r: number, cov: Float32Array, w: number, h: number): void {
  const n = poly.length / 2;
  for (let s = 0; s < Math.max(1, n - 1); s++) {
    const ax = poly[2 * s], ay = poly[2 * s + 1];
    const bx = n > 1 ? poly[2 * s + 2] : ax, by = n > 1 ? poly[2 * s + 3] : ay;
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const xa = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1)), xb = Math.min(w - 1, Math.ceil(Math.max(ax, bx) + r + 1));
    const ya = Math.max(0, Math.floor(Math.min(ay, by) - r - 1)), yb = Math.min(h - 1, Math.ceil(Math.max(ay, by) + r + 1));
    for (let y = ya; y <= yb; y++) {
      const qy = y + 0.5 - ay;
      for (let x = xa, i = y * w + xa; x <= xb; x++, i++) {
        const qx = x + 0.5 - ax;
        const t = len2 > 0 ? Math.max(0, Math.min(1, (qx * dx + qy * dy) / len2)) : 0;
        const c = r + 0.5 - Math.hypot(qx - t * dx, qy - t * dy);
        if (c > cov[i]) cov[i] = c >= 1 ? 1 : c;
      }
    }
  }
}

/** Ink coverage 0..1 (width·height, row-major) of the strokes in the window. */
export function rasterize(strokes: readonly (readonly Pt[])[], win: RasterWindow): Float32Array {
  const { width: w, height: h } = win;
  const r = (STROKE_WIDTH * win.scale) / 2;
  const ink = new Float32Array(w * h);
  const one = new Float32Array(w * h);
  for (const stroke of strokes) {
    if (stroke.length === 0) continue;
    one.fill(0);
    paintStroke(flattenStroke(stroke, win), r, one, w, h);
    // Black over what is there: coverage a on ink b leaves 1 − (1 − a)(1 − b).
    for (let i = 0; i < one.length; i++) if (one[i] > 0) ink[i] += one[i] * (1 - ink[i]);
  }
  return ink;
}

/** Coverage as canvas pixels (getImageData): black ink on opaque white, 8 bits per channel. */
export function toRgba(ink: Float32Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(ink.length * 4);
  for (let i = 0, p = 0; i < ink.length; i++, p += 4) {
    rgba[p] = rgba[p + 1] = rgba[p + 2] = Math.round(255 * (1 - ink[i]));
    rgba[p + 3] = 255;
  }
  return rgba;
}
