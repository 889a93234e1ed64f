// Area-averaging (box-filter) resampling of the ink map into the n×n field. Each output pixel is
// the mean ink over the source rectangle it covers, fractional pixels weighted by overlap: this
// is what gives downscaled strokes MNIST's grey anti-aliased edges, and because the footprint can
// start anywhere, the same pass also does the sub-pixel centring shift with no second filter.

import type { InkStats } from './ink.ts';

/** Taps for one axis: output i = Σ weight[offset[i] + t] · src[first[i] + t], t < count[i]. */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  offset: Int32Array;
  weight: Float32Array;
}

/** Output pixel i covers source [start + i·step, start + (i+1)·step), clipped to [lo, hi). */
function boxTaps(n: number, start: number, step: number, lo: number, hi: number): Taps {
  const first = new Int32Array(n), count = new Int32Array(n), offset = new Int32Array(n);
  const weight = new Float32Array(n * (Math.ceil(step) + 2));
  let used = 0;
  for (let i = 0; i < n; i++) {
    const a = start + i * step, b = a + step;
    const ka = Math.max(lo, Math.floor(a)), kb = Math.min(hi, Math.ceil(b));
    first[i] = ka;
    offset[i] = used;
    for (let k = ka; k < kb; k++) {
      weight[used++] = (Math.min(b, k + 1) - Math.max(a, k)) / step;
    }
    count[i] = Math.max(0, kb - ka);
  }
  return { first, count, offset, weight };
}

/**
 * Resamples `ink` (width columns, row-major) into an n×n field so that source point (cx, cy)
 * lands on field point (centre, centre) and one field pixel spans `step` source pixels.
 * Ink outside the field is clipped. Coordinates are continuous (pixel i spans [i, i+1)).
 */
export function resampleBox(
  ink: Float32Array,
  width: number,
  box: InkStats,
  cx: number,
  cy: number,
  step: number,
  n: number,
  centre: number,
): Float32Array {
  const xt = boxTaps(n, cx - centre * step, step, box.x0, box.x1);
  const yt = boxTaps(n, cy - centre * step, step, box.y0, box.y1);
  const rows = box.y1 - box.y0;

  // Horizontal pass over the box's rows: tmp (rows, n).
  const tmp = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    const src = (box.y0 + r) * width;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let t = 0, k = src + xt.first[i], w = xt.offset[i]; t < xt.count[i]; t++) s += xt.weight[w++] * ink[k++];
      tmp[r * n + i] = s;
    }
  }

  // Vertical pass: out (n, n).
  const out = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    for (let t = 0; t < yt.count[j]; t++) {
      const w = yt.weight[yt.offset[j] + t];
      const r = (yt.first[j] + t - box.y0) * n;
      for (let i = 0; i < n; i++) out[j * n + i] += w * tmp[r + i];
    }
  }
  return out;
}
