import { describe, expect, it } from 'vitest';
import { preprocess } from '../preprocess.ts';
import { READ_SCALE } from './digit-input.ts';
import { STROKE_WIDTH, type Pt } from './pad.ts';
import { flattenStroke, rasterize, toRgba, type RasterWindow } from './raster.ts';
import { writeNumber } from './synthetic-digits.ts';

const pad = (scale: number): RasterWindow => ({ scale, left: 0, top: 0, width: scale, height: scale });

/**
 * The canvas's shape measured the slow, exact way: 8×8 samples per pixel, each inside when within
 * half a line width of the stroke's path, strokes composited source-over.
 */
function supersampled(strokes: Pt[][], win: RasterWindow): Float32Array {
  const r = (STROKE_WIDTH * win.scale) / 2, n = 8;
  const out = new Float32Array(win.width * win.height);
  for (const s of strokes) {
    const poly = flattenStroke(s, win);
    for (let y = 0; y < win.height; y++) for (let x = 0; x < win.width; x++) {
      let inside = 0;
      for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) {
        const px = x + (i + 0.5) / n, py = y + (j + 0.5) / n;
        let best = Infinity;
        for (let k = 0; k + 3 < poly.length || k === 0; k += 2) {
          const ax = poly[k], ay = poly[k + 1], bx = poly[k + 2] ?? ax, by = poly[k + 3] ?? ay;
          const dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
          const t = l2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / l2)) : 0;
          best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
          if (k + 3 >= poly.length) break;
        }
        if (best <= r) inside++;
      }
      const a = inside / (n * n);
      out[y * win.width + x] += a * (1 - out[y * win.width + x]);
    }
  }
  return out;
}

describe('rasterize', () => {
  it('draws a line STROKE_WIDTH of the side wide with round caps', () => {
    const win = pad(200);
    const ink = rasterize([[{ x: 0.2, y: 0.5 }, { x: 0.8, y: 0.5 }]], win);
    let column = 0;
    for (let y = 0; y < 200; y++) column += ink[y * 200 + 100];
    expect(column).toBeCloseTo(STROKE_WIDTH * 200, 1);
    // The cap reaches half a width past the end, on the centreline only.
    const r = (STROKE_WIDTH * 200) / 2;
    expect(ink[100 * 200 + Math.floor(160 + r - 1)]).toBeGreaterThan(0.9);
    expect(ink[100 * 200 + Math.ceil(160 + r + 1)]).toBe(0);
    expect(ink[Math.floor(100 - r + 2) * 200 + Math.floor(160 + r - 2)]).toBe(0);
  });

  it('draws a lone point as a dot of the line width', () => {
    const ink = rasterize([[{ x: 0.5, y: 0.5 }]], pad(200));
    const area = ink.reduce((a, b) => a + b, 0);
    expect(area / (Math.PI * ((STROKE_WIDTH * 200) / 2) ** 2)).toBeCloseTo(1, 2);
  });

  it('follows quadratic curves through the midpoints of the recorded points', () => {
    const pts = [{ x: 0.1, y: 0.1 }, { x: 0.5, y: 0.9 }, { x: 0.9, y: 0.1 }];
    const poly = flattenStroke(pts, pad(100));
    const has = (x: number, y: number) => poly.some((v, i) => i % 2 === 0 && Math.hypot(v - x, poly[i + 1] - y) < 1e-9);
    expect(has(10, 10)).toBe(true);
    expect(has(70, 50)).toBe(true); // halfway from (50, 90) to (90, 10): where the curve ends
    expect(has(90, 10)).toBe(true); // then a line to the last point
    // The curve's own midpoint (t = ½): ¼·start + ½·control + ¼·end, not the corner (50, 90).
    // Distance to the flattened path (its pieces stray at most 0.1 px from the curve).
    const near = (x: number, y: number) => {
      let best = Infinity;
      for (let i = 0; i + 3 < poly.length; i += 2) {
        const [ax, ay, bx, by] = poly.slice(i, i + 4);
        const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
        best = Math.min(best, Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)));
      }
      return best;
    };
    expect(near(0.25 * 10 + 0.5 * 50 + 0.25 * 70, 0.25 * 10 + 0.5 * 90 + 0.25 * 50)).toBeLessThan(0.2);
    expect(near(50, 90)).toBeGreaterThan(10);
  });

  it('matches the exact shape sampled 64 times per pixel, overlaps included', () => {
    const strokes = writeNumber('47', { size: 0.35, top: 0.1 }).flat();
    const win = pad(60);
    const fast = rasterize(strokes, win), exact = supersampled(strokes, win);
    let worst = 0, sum = 0, inked = 0;
    for (let i = 0; i < fast.length; i++) {
      worst = Math.max(worst, Math.abs(fast[i] - exact[i]));
      if (exact[i] > 0) {
        sum += Math.abs(fast[i] - exact[i]);
        inked++;
      }
    }
    expect(worst).toBeLessThan(0.15);
    expect(sum / inked).toBeLessThan(0.02);
  });

  it('gives (nearly) the same 28×28 input at the reading resolution as at four times it', () => {
    // Measured: cosine ≥ 0.9945, mean difference ≤ 0.0115 per pixel (pixel edges shift the crop).
    for (const text of ['4', '5', '7', '0', '2', '1']) {
      const strokes = writeNumber(text, { size: 0.7, top: 0.15 }).flat();
      const at = (scale: number) => preprocess(toRgba(rasterize(strokes, pad(scale))), scale, scale)!;
      const lo = at(READ_SCALE), hi = at(4 * READ_SCALE);
      let sum = 0, ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < 784; i++) {
        sum += Math.abs(lo[i] - hi[i]);
        ab += lo[i] * hi[i];
        aa += lo[i] * lo[i];
        bb += hi[i] * hi[i];
      }
      expect(ab / Math.sqrt(aa * bb), text).toBeGreaterThan(0.99);
      expect(sum / 784, text).toBeLessThan(0.015);
    }
  });

  it('writes canvas pixels preprocess reads as that much ink: black, alpha = coverage', () => {
    const rgba = toRgba(Float32Array.of(0, 0.5, 1));
    expect([...rgba]).toEqual([0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 255]);
  });
});
