// Stroke-width variation for training images: pens, fingers and tablets draw thinner or thicker
// lines than MNIST's scanned pencil strokes. Each image is blended towards its grey-level
// dilation (thicker) or erosion (thinner) by a random amount: the maximum or minimum over the
// pixel and its four neighbours, so a blend of 1 grows or shrinks every stroke by about one
// pixel on each side, and a fraction by a fraction of a pixel (the edge pixels' grey levels).
// ~5 µs per image in TypeScript, well under 1% of a CNN training step: no WASM kernel needed.
import type { Rng } from '../nn/rng.ts';

const SIDE = 28;
const tmp = new Float32Array(SIDE * SIDE);

/**
 * For each 28×28 image of x (batch × 784), in place: t uniform in [−thinner, thicker];
 * t > 0 blends towards the dilation by t, t < 0 towards the erosion by −t. One rng draw per image.
 */
export function varyStrokeWidth(x: Float32Array, batch: number, rng: Rng, thicker: number, thinner: number): void {
  for (let s = 0; s < batch; s++) {
    const t = rng.next() * (thicker + thinner) - thinner;
    if (t !== 0) morphOne(x, s * SIDE * SIDE, t);
  }
}

/** Blends one image by t towards its dilation (t > 0) or erosion (t < 0); outside the image counts as blank. */
export function morphOne(x: Float32Array, base: number, t: number): void {
  tmp.set(x.subarray(base, base + SIDE * SIDE));
  const grow = t > 0, a = Math.abs(t);
  for (let y = 0; y < SIDE; y++) {
    for (let c = 0; c < SIDE; c++) {
      const p = y * SIDE + c, v = tmp[p];
      const up = y > 0 ? tmp[p - SIDE] : 0, down = y < SIDE - 1 ? tmp[p + SIDE] : 0;
      const left = c > 0 ? tmp[p - 1] : 0, right = c < SIDE - 1 ? tmp[p + 1] : 0;
      const m = grow ? Math.max(v, up, down, left, right) : Math.min(v, up, down, left, right);
      x[base + p] = v + a * (m - v);
    }
  }
}
