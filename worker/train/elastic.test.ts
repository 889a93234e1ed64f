import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { Rng } from '../nn/rng.ts';
import { elasticBatch } from './elastic.ts';

const images = (n: number) => Float32Array.from(readMnist().train.images.subarray(0, n * 784), (v) => v / 255);

describe('elastic distortions', () => {
  it('alpha 0 leaves images exactly as they were', () => {
    const x = images(4), y = x.slice();
    elasticBatch(y, 4, new Rng(1), 0);
    expect(y).toEqual(x);
  });

  it('moves ink by a fraction of a pixel to a few pixels, keeping the digit (same ink, same centre)', () => {
    const x = images(32), y = x.slice();
    elasticBatch(y, 32, new Rng(2), 2);
    for (let s = 0; s < 32; s++) {
      const a = x.subarray(s * 784, s * 784 + 784), b = y.subarray(s * 784, s * 784 + 784);
      const ink = (v: Float32Array) => v.reduce((t, p) => t + p, 0);
      const changed = a.reduce((t, p, i) => t + Math.abs(p - b[i]), 0);
      expect(changed / ink(a)).toBeGreaterThan(0.1); // it did distort
      expect(Math.abs(ink(b) / ink(a) - 1)).toBeLessThan(0.25);
      const cx = (v: Float32Array) => v.reduce((t, p, i) => t + p * (i % 28), 0) / ink(v);
      expect(Math.abs(cx(b) - cx(a))).toBeLessThan(1.5);
    }
    const z = x.slice();
    elasticBatch(z, 32, new Rng(2), 2);
    expect(z).toEqual(y); // reproducible from the seed
  });
});
