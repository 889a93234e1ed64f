import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { augmentBatch } from './augment.ts';

// The original, straightforward resampling (bounds-checked reads through a closure): the
// fast TypeScript form must give exactly its values, the WASM SIMD form the same within
// float32 rounding of the map.
function reference(x: Float32Array, batch: number, rng: Rng): void {
  const lim = { rotate: 0.2, scale: 0.12, shear: 0.2, shift: 2 };
  const u = () => 2 * rng.next() - 1;
  const tmp = new Float32Array(784);
  for (let s = 0; s < batch; s++) {
    const img = x.subarray(s * 784, s * 784 + 784);
    tmp.set(img);
    const a = u() * lim.rotate, k = 1 + u() * lim.scale, sh = u() * lim.shear;
    const dx = u() * lim.shift, dy = u() * lim.shift;
    const c = Math.cos(a) / k, sn = Math.sin(a) / k;
    const m00 = c, m01 = -sn + sh * c, m10 = sn, m11 = c + sh * sn;
    const p = (xi: number, yi: number) => (xi >= 0 && xi < 28 && yi >= 0 && yi < 28 ? tmp[yi * 28 + xi] : 0);
    for (let y = 0; y < 28; y++) {
      for (let xx = 0; xx < 28; xx++) {
        const ox = xx - 13.5 - dx, oy = y - 13.5 - dy;
        const sx = m00 * ox + m01 * oy + 13.5, sy = m10 * ox + m11 * oy + 13.5;
        const x0 = Math.floor(sx), y0 = Math.floor(sy);
        const fx = sx - x0, fy = sy - y0;
        let v = 0;
        if (x0 >= -1 && x0 < 28 && y0 >= -1 && y0 < 28) {
          v = (p(x0, y0) * (1 - fx) + p(x0 + 1, y0) * fx) * (1 - fy) + (p(x0, y0 + 1) * (1 - fx) + p(x0 + 1, y0 + 1) * fx) * fy;
        }
        img[y * 28 + xx] = v;
      }
    }
  }
}

describe('augmentBatch', () => {
  const batch = 64;
  const images = () => Float32Array.from(readMnist().train.images.subarray(0, batch * 784), (v) => v / 255);

  it('TypeScript: exactly the reference values', () => {
    const ref = images(), fast = images();
    reference(ref, batch, new Rng(5));
    augmentBatch(fast, batch, new Rng(5));
    expect(fast).toEqual(ref);
    expect(fast).not.toEqual(images()); // it did distort
  });

  it('WASM SIMD: the reference values within float32 rounding, same maps from the same seed', async () => {
    const k = await loadKernels({ backend: 'wasm' });
    const ref = images();
    reference(ref, batch, new Rng(9));
    const x = k.alloc(batch * 784);
    x.set(images());
    augmentBatch(x, batch, new Rng(9), undefined, k);
    let worst = 0;
    for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(x[i] - ref[i]));
    expect(worst).toBeLessThan(2e-4);
  });
});
