import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { morphOne, varyStrokeWidth } from './strokes.ts';

const images = (n: number) => Float32Array.from(readMnist().train.images.subarray(0, n * 784), (v) => v / 255);
const ink = (x: Float32Array, i = 0) => x.subarray(i * 784, i * 784 + 784).reduce((s, v) => s + v, 0);

describe('stroke-width variation', () => {
  it('dilation thickens, erosion thins, by an amount that grows with the blend', () => {
    const x = images(1);
    const full = x.slice(), half = x.slice(), thin = x.slice();
    morphOne(full, 0, 1);
    morphOne(half, 0, 0.5);
    morphOne(thin, 0, -1);
    expect(ink(full)).toBeGreaterThan(1.5 * ink(x)); // a 2–3 px stroke gains a pixel on each side
    expect(ink(half)).toBeCloseTo((ink(x) + ink(full)) / 2, 3);
    expect(ink(thin)).toBeLessThan(0.6 * ink(x));
    expect(ink(thin)).toBeGreaterThan(0); // the digit is not wiped out
    for (const a of [full, half, thin]) expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
    // A blank pixel beside a bright one gains ink only when thickening.
    const blank = x.findIndex((v, i) => v === 0 && x[i + 1] > 0.9);
    expect(full[blank]).toBeGreaterThan(0.9);
    expect(thin[blank]).toBe(0);
  });

  it('varies each image by its own random amount within the limits, reproducibly', () => {
    const x = images(64), a = x.slice(), b = x.slice();
    varyStrokeWidth(a, 64, new Rng(3), 0.8, 0.5);
    varyStrokeWidth(b, 64, new Rng(3), 0.8, 0.5);
    expect(a).toEqual(b);
    const ratios = Array.from({ length: 64 }, (_, i) => ink(a, i) / ink(x, i));
    expect(Math.max(...ratios)).toBeGreaterThan(1.2);
    expect(Math.min(...ratios)).toBeLessThan(0.85);
    const none = x.slice();
    varyStrokeWidth(none, 64, new Rng(3), 0, 0);
    expect(none).toEqual(x);
  });
});

describe('stroke width on the WASM SIMD kernels', () => {
  it('gives the TypeScript values within float32 rounding, from the same draws, in and out of WASM memory', async () => {
    const k = await loadKernels({ backend: 'wasm' });
    const ref = images(64);
    varyStrokeWidth(ref, 64, new Rng(8), 0.9, 0.7); // no kernels: the TypeScript form
    for (const inside of [true, false]) {
      const x = inside ? k.alloc(64 * 784) : new Float32Array(64 * 784);
      x.set(images(64));
      varyStrokeWidth(x, 64, new Rng(8), 0.9, 0.7, k);
      let worst = 0;
      for (let i = 0; i < ref.length; i++) worst = Math.max(worst, Math.abs(x[i] - ref[i]));
      expect(worst).toBeLessThan(1e-6);
      expect(x).not.toEqual(images(64));
    }
    expect(k.strokeWidth!(k.alloc(784), 1, Float32Array.of(0.5))).toBe(true); // the kernel ran, not the fallback
  });
});

describe('a preset asking for stroke-width variation', () => {
  it('varies its training batches (one extra draw per image); the default preset does not', async () => {
    const { subset } = await import('../data/mnist.ts');
    const { Network } = await import('../nn/network.ts');
    const { preset } = await import('./presets.ts');
    const { Trainer } = await import('./trainer.ts');
    const { defaultAugment } = await import('./augment.ts');
    const train = subset(readMnist().train, 0, 256);
    const run = (thicker: number, thinner: number) => {
      const p = { ...preset('default'), spec: { inputs: 784, hidden: [8], activation: 'relu' as const, classes: 10 }, augmentRamp: 0 };
      if (thicker || thinner) p.augmentLimits = { ...defaultAugment, thicker, thinner };
      const t = new Trainer(new Network(p.spec, p.optimizer, 2), p, train);
      let draws = 0;
      const next = t.rng.next.bind(t.rng);
      t.rng.next = () => (draws++, next());
      t.step();
      return { draws, w: t.net.params[0].value };
    };
    const plain = run(0, 0), varied = run(0.8, 0.5);
    expect(plain.draws).toBe(5 * 64); // the affine map of each image of the batch
    expect(varied.draws).toBe(6 * 64); // and its stroke width
    expect(varied.w).not.toEqual(plain.w);
  });
});
