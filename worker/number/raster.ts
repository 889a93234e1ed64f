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
const FLATNESS = 0.1;

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
  return simplify(out, FLATNESS);
}

/**
 * Drops corners that stray less than `tol` px from the chord that skips them. Pointer events
 * come every pixel or so and each becomes a few chords; painting the same line in fewer, longer
 * pieces visits each pixel fewer times. Looks at most 32 points ahead: linear time.
 */
function simplify(poly: number[], tol: number): number[] {
  const n = poly.length / 2;
  if (n <= 2) return poly;
  const out = [poly[0], poly[1]];
  let a = 0;
  while (a < n - 1) {
    let next = a + 1;
    for (let j = a + 2; j < n && j <= a + 32; j++) {
      const ax = poly[2 * a], ay = poly[2 * a + 1], dx = poly[2 * j] - ax, dy = poly[2 * j + 1] - ay;
      const len = Math.sqrt(dx * dx + dy * dy);
      let ok = len > 0;
      for (let k = a + 1; ok && k < j; k++) {
        const qx = poly[2 * k] - ax, qy = poly[2 * k + 1] - ay;
        const along = (qx * dx + qy * dy) / (len * len);
        ok = along > 0 && along < 1 && Math.abs(qx * dy - qy * dx) / len <= tol;
      }
      if (!ok) break;
      next = j;
    }
    out.push(poly[2 * next], poly[2 * next + 1]);
    a = next;
  }
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
  // Squared distances bound the band where coverage is partial: no square root elsewhere.
  const outer2 = (r + 0.5) ** 2, inner2 = Math.max(0, r - 0.5) ** 2;
  for (let s = 0; s < Math.max(1, n - 1); s++) {
    const ax = poly[2 * s], ay = poly[2 * s + 1];
    const bx = n > 1 ? poly[2 * s + 2] : ax, by = n > 1 ? poly[2 * s + 3] : ay;
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const inv = len2 > 0 ? 1 / len2 : 0;
    const xa = Math.max(0, Math.floor(Math.min(ax, bx) - r - 1)), xb = Math.min(w - 1, Math.ceil(Math.max(ax, bx) + r + 1));
    const ya = Math.max(0, Math.floor(Math.min(ay, by) - r - 1)), yb = Math.min(h - 1, Math.ceil(Math.max(ay, by) + r + 1));
    for (let y = ya; y <= yb; y++) {
      const qy = y + 0.5 - ay;
      for (let x = xa, i = y * w + xa; x <= xb; x++, i++) {
        if (cov[i] >= 1) continue;
        const qx = x + 0.5 - ax;
        let t = (qx * dx + qy * dy) * inv;
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        const ex = qx - t * dx, ey = qy - t * dy;
        const d2 = ex * ex + ey * ey;
        if (d2 >= outer2) continue;
        const c = d2 <= inner2 ? 1 : r + 0.5 - Math.sqrt(d2);
        if (c > cov[i]) cov[i] = c;
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
    const poly = flattenStroke(stroke, win);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < poly.length; k += 2) {
      x0 = Math.min(x0, poly[k]);
      x1 = Math.max(x1, poly[k]);
      y0 = Math.min(y0, poly[k + 1]);
      y1 = Math.max(y1, poly[k + 1]);
    }
    const xa = Math.max(0, Math.floor(x0 - r - 1)), xb = Math.min(w - 1, Math.ceil(x1 + r + 1));
    const ya = Math.max(0, Math.floor(y0 - r - 1)), yb = Math.min(h - 1, Math.ceil(y1 + r + 1));
    for (let y = ya; y <= yb; y++) one.fill(0, y * w + xa, y * w + xb + 1);
    paintStroke(poly, r, one, w, h);
    // Black over what is there: coverage a on ink b leaves 1 − (1 − a)(1 − b).
    for (let y = ya; y <= yb; y++) {
      for (let i = y * w + xa; i <= y * w + xb; i++) if (one[i] > 0) ink[i] += one[i] * (1 - ink[i]);
    }
  }
  return ink;
}

/**
 * Coverage as canvas pixels (getImageData, straight alpha): black ink on a transparent canvas,
 * 8 bits. preprocess reads this exactly as black on opaque white (ink = alpha · darkness), and
 * skips blank pixels fastest.
 */
export function toRgba(ink: Float32Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(ink.length * 4);
  for (let i = 0; i < ink.length; i++) if (ink[i] > 0) rgba[4 * i + 3] = ink[i] * 255 + 0.5;
  return rgba;
}
