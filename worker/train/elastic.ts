// Elastic distortions (Simard et al. 2003, "Best practices for convolutional neural networks"):
// every image is resampled along a smooth random displacement field, like the small wobbles
// of a hand that affine maps cannot make. The field is smooth by construction — random vectors
// on a coarse grid, bilinearly interpolated — instead of Gaussian-filtered per-pixel noise:
// the same kind of field for 50 random numbers instead of 1,568 and a 25×25 blur.
// ~15 µs per image in TypeScript, about 1–2% of a CNN training step.
import type { Rng } from '../nn/rng.ts';

const SIDE = 28;
/** The source, zero-bordered by PAD pixels: displaced reads need no bounds checks. */
const PAD = 4;
const PSIDE = SIDE + 2 * PAD;
const src = new Float32Array(PSIDE * PSIDE);

/**
 * Displaces each 28×28 image of x (batch × 784) in place by a field of `grid`×`grid` cells whose
 * corner vectors are uniform in ±alpha pixels per axis (alpha ≤ 2); 2·(grid + 1)² rng draws per image.
 */
export function elasticBatch(x: Float32Array, batch: number, rng: Rng, alpha: number, grid = 4): void {
  if (!(alpha >= 0 && alpha <= 2)) throw new Error(`Elastic displacement must be in [0, 2] pixels, got ${alpha}`);
  const g1 = grid + 1, cell = (SIDE - 1) / grid;
  const gx = new Float64Array(g1 * g1), gy = new Float64Array(g1 * g1);
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < g1 * g1; i++) {
      gx[i] = (2 * rng.next() - 1) * alpha;
      gy[i] = (2 * rng.next() - 1) * alpha;
    }
    const base = s * SIDE * SIDE;
    for (let y = 0; y < SIDE; y++) src.set(x.subarray(base + y * SIDE, base + y * SIDE + SIDE), (y + PAD) * PSIDE + PAD);
    for (let y = 0; y < SIDE; y++) {
      const cy = Math.min(grid - 1, Math.floor(y / cell)), ty = y / cell - cy;
      for (let c = 0; c < SIDE; c++) {
        const cx = Math.min(grid - 1, Math.floor(c / cell)), tx = c / cell - cx;
        const i = cy * g1 + cx;
        const w00 = (1 - tx) * (1 - ty), w01 = tx * (1 - ty), w10 = (1 - tx) * ty, w11 = tx * ty;
        // Source position in the bordered field: within [PAD − 2, PAD + 29] as |displacement| ≤ 2.
        const sx = PAD + c + w00 * gx[i] + w01 * gx[i + 1] + w10 * gx[i + g1] + w11 * gx[i + g1 + 1];
        const sy = PAD + y + w00 * gy[i] + w01 * gy[i + 1] + w10 * gy[i + g1] + w11 * gy[i + g1 + 1];
        const x0 = Math.floor(sx), y0 = Math.floor(sy), fx = sx - x0, fy = sy - y0;
        const p = y0 * PSIDE + x0;
        x[base + y * SIDE + c] = (src[p] * (1 - fx) + src[p + 1] * fx) * (1 - fy) + (src[p + PSIDE] * (1 - fx) + src[p + PSIDE + 1] * fx) * fy;
      }
    }
  }
}
