import type { Kernels } from '../nn/kernels.ts';
import type { Rng } from '../nn/rng.ts';

// Small random affine distortions of the training images (rotation, scale, shear, shift).
// People draw slanted, small, big and off-centre digits that MNIST's writers rarely did;
// seeing such variants in training is what makes canvas drawings recognisable.
//
// It runs on every training batch, so it is written for speed. The maps are drawn here; the
// resampling runs in the kernels' warpAffine when they have one (WASM SIMD, four pixels per
// step, float32), else in warpOne below: the source is copied into a zero-bordered 32×32
// field, so bilinear reads need no bounds checks, and output pixels whose source falls
// outside the image are written as 0 without sampling.

const SIDE = 28;
const PAD = 2;
const PSIDE = SIDE + 2 * PAD; // 32
/** The source image, zero-bordered; the border is never written. */
const src = new Float32Array(PSIDE * PSIDE);

export interface AugmentLimits {
  rotate: number; // radians
  scale: number; // ± fraction
  shear: number;
  shift: number; // pixels
  /** Stroke width (strokes.ts): largest blend towards the dilation (thicker) and the erosion (thinner); none when absent. */
  thicker?: number;
  thinner?: number;
  /** Elastic distortion (elastic.ts): largest displacement of its field's corners, pixels; none when absent. */
  elastic?: number;
}

export const defaultAugment: AugmentLimits = { rotate: 0.2, scale: 0.12, shear: 0.2, shift: 2 };

/** Per image: m00, m01, m10, m11, dx, dy — for the kernels' warpAffine. */
let maps = new Float32Array(6 * 32);

/**
 * Distorts each 28×28 image of x (batch × 784) in place with bilinear resampling. The maps
 * depend only on rng, so a seed gives the same distortions on every backend.
 */
export function augmentBatch(
  x: Float32Array,
  batch: number,
  rng: Rng,
  lim: AugmentLimits = defaultAugment,
  kernels?: Kernels,
): void {
  const warp = kernels?.warpAffine;
  if (warp && maps.length < 6 * batch) maps = new Float32Array(6 * batch);
  for (let s = 0; s < batch; s++) {
    const a = (2 * rng.next() - 1) * lim.rotate, k = 1 + (2 * rng.next() - 1) * lim.scale;
    const sh = (2 * rng.next() - 1) * lim.shear;
    const dx = (2 * rng.next() - 1) * lim.shift, dy = (2 * rng.next() - 1) * lim.shift;
    // Inverse map: output pixel → source position, around the centre (13.5, 13.5).
    const c = Math.cos(a) / k, sn = Math.sin(a) / k;
    const m00 = c, m01 = -sn + sh * c, m10 = sn, m11 = c + sh * sn;
    if (warp) {
      const o = 6 * s;
      maps[o] = m00;
      maps[o + 1] = m01;
      maps[o + 2] = m10;
      maps[o + 3] = m11;
      maps[o + 4] = dx;
      maps[o + 5] = dy;
    } else warpOne(x, s * 784, m00, m01, m10, m11, dx, dy);
  }
  if (warp && !warp.call(kernels, x, batch, maps)) {
    for (let s = 0, o = 0; s < batch; s++, o += 6) {
      warpOne(x, s * 784, maps[o], maps[o + 1], maps[o + 2], maps[o + 3], maps[o + 4], maps[o + 5]);
    }
  }
}

/**
 * Image `i` of x (batch × 784) turned by `rotate` radians and scaled by `scale` about its centre,
 * then made `widen` times as wide, in place (the inference worker's closer look,
 * worker/infer/closer-look.ts).
 */
export function turnAndScale(x: Float32Array, i: number, rotate: number, scale: number, widen = 1): void {
  const c = Math.cos(rotate) / scale, sn = Math.sin(rotate) / scale;
  warpOne(x, i * 784, c / widen, -sn, sn / widen, c, 0, 0);
}

/** The TypeScript resampling of one image at x[base..base+784) (float64 maths). */
function warpOne(x: Float32Array, base: number, m00: number, m01: number, m10: number, m11: number, dx: number, dy: number): void {
  for (let y = 0; y < SIDE; y++) {
    const from = base + y * SIDE, to = (y + PAD) * PSIDE + PAD;
    for (let xx = 0; xx < SIDE; xx++) src[to + xx] = x[from + xx];
  }
  for (let y = 0; y < SIDE; y++) {
    const oy = y - 13.5 - dy;
    const row = base + y * SIDE;
    for (let xx = 0; xx < SIDE; xx++) {
      const ox = xx - 13.5 - dx;
      const sx = m00 * ox + m01 * oy + 13.5, sy = m10 * ox + m11 * oy + 13.5;
      // floor(sx) ≥ −1 and < 28, likewise sy: otherwise all four neighbours are outside.
      if (!(sx >= -1 && sx < SIDE && sy >= -1 && sy < SIDE)) {
        x[row + xx] = 0;
        continue;
      }
      const x0 = ((sx + 1) | 0) - 1, y0 = ((sy + 1) | 0) - 1; // floor, as sx, sy ≥ −1
      const fx = sx - x0, fy = sy - y0;
      const p = (y0 + PAD) * PSIDE + x0 + PAD;
      x[row + xx] = (src[p] * (1 - fx) + src[p + 1] * fx) * (1 - fy) + (src[p + PSIDE] * (1 - fx) + src[p + PSIDE + 1] * fx) * fy;
    }
  }
}
