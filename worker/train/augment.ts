import type { Rng } from '../nn/rng.ts';

// Small random affine distortions of the training images (rotation, scale, shear, shift).
// People draw slanted, small, big and off-centre digits that MNIST's writers rarely did;
// seeing such variants in training is what makes canvas drawings recognisable.

const SIDE = 28;
const tmp = new Float32Array(SIDE * SIDE);

export interface AugmentLimits {
  rotate: number; // radians
  scale: number; // ± fraction
  shear: number;
  shift: number; // pixels
}

export const defaultAugment: AugmentLimits = { rotate: 0.2, scale: 0.12, shear: 0.2, shift: 2 };

/** Distorts each 28×28 image of x (batch × 784) in place with bilinear resampling. */
export function augmentBatch(x: Float32Array, batch: number, rng: Rng, lim: AugmentLimits = defaultAugment): void {
  const u = () => 2 * rng.next() - 1;
  for (let s = 0; s < batch; s++) {
    const img = x.subarray(s * 784, s * 784 + 784);
    tmp.set(img);
    const a = u() * lim.rotate, k = 1 + u() * lim.scale, sh = u() * lim.shear;
    const dx = u() * lim.shift, dy = u() * lim.shift;
    // Inverse map: output pixel → source position, around the centre (13.5, 13.5).
    const c = Math.cos(a) / k, sn = Math.sin(a) / k;
    const m00 = c, m01 = -sn + sh * c, m10 = sn, m11 = c + sh * sn;
    for (let y = 0; y < SIDE; y++) {
      for (let xx = 0; xx < SIDE; xx++) {
        const ox = xx - 13.5 - dx, oy = y - 13.5 - dy;
        const sx = m00 * ox + m01 * oy + 13.5, sy = m10 * ox + m11 * oy + 13.5;
        const x0 = Math.floor(sx), y0 = Math.floor(sy);
        const fx = sx - x0, fy = sy - y0;
        let v = 0;
        if (x0 >= -1 && x0 < SIDE && y0 >= -1 && y0 < SIDE) {
          const p = (xi: number, yi: number) => (xi >= 0 && xi < SIDE && yi >= 0 && yi < SIDE ? tmp[yi * SIDE + xi] : 0);
          v = (p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx) * (1 - fy) + (p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx) * fy;
        }
        img[y * SIDE + xx] = v;
      }
    }
  }
}
