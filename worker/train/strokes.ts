// Stroke-width variation for training images: pens, fingers and tablets draw thinner or thicker
// lines than MNIST's scanned pencil strokes. Each image is blended towards its grey-level
// dilation (thicker) or erosion (thinner) by a random amount: the maximum or minimum over the
// pixel and its four neighbours, so a blend of 1 grows or shrinks every stroke by about one
// pixel on each side, and a fraction by a fraction of a pixel (the edge pixels' grey levels).
// In TypeScript ~40 µs per image on the loaded test machine, ~3% of a CNN training step, so the
// kernels do it where they can (WASM SIMD, four pixels per step); morphOne is the reference.
import type { Kernels } from '../nn/kernels.ts';
import type { Rng } from '../nn/rng.ts';

const SIDE = 28;
const PSIDE = SIDE + 2;
/** The image with a blank 1-pixel border: neighbours need no bounds checks. */
const tmp = new Float32Array(PSIDE * PSIDE);

let amounts = new Float32Array(64);

/**
 * For each 28×28 image of x (batch × 784), in place: t uniform in [−thinner, thicker];
 * t > 0 blends towards the dilation by t, t < 0 towards the erosion by −t. One rng draw per
 * image, so a seed gives the same widths on every backend.
 */
export function varyStrokeWidth(x: Float32Array, batch: number, rng: Rng, thicker: number, thinner: number, kernels?: Kernels): void {
  if (amounts.length < batch) amounts = new Float32Array(batch);
  for (let s = 0; s < batch; s++) amounts[s] = rng.next() * (thicker + thinner) - thinner;
  if (kernels?.strokeWidth?.(x, batch, amounts)) return;
  for (let s = 0; s < batch; s++) if (amounts[s] !== 0) morphOne(x, s * SIDE * SIDE, amounts[s]);
}

/** Blends one image by t towards its dilation (t > 0) or erosion (t < 0); outside the image counts as blank. */
export function morphOne(x: Float32Array, base: number, t: number): void {
  for (let y = 0; y < SIDE; y++) tmp.set(x.subarray(base + y * SIDE, base + y * SIDE + SIDE), (y + 1) * PSIDE + 1);
  const a = Math.abs(t);
  for (let y = 0; y < SIDE; y++) {
    for (let c = 0; c < SIDE; c++) {
      const p = (y + 1) * PSIDE + c + 1, v = tmp[p];
      const up = tmp[p - PSIDE], down = tmp[p + PSIDE], left = tmp[p - 1], right = tmp[p + 1];
      let m: number;
      if (t > 0) {
        m = v > up ? v : up;
        m = m > down ? m : down;
        m = m > left ? m : left;
        m = m > right ? m : right;
      } else {
        m = v < up ? v : up;
        m = m < down ? m : down;
        m = m < left ? m : left;
        m = m < right ? m : right;
      }
      x[base + y * SIDE + c] = v + a * (m - v);
    }
  }
}
