// A tiny CNN learns a 2-class toy problem — horizontal or vertical strokes anywhere in an 8×8
// image — on the TypeScript and the WASM kernels; its conv channels report dead-unit figures.
import { describe, expect, it } from 'vitest';
import { availableBackends, loadKernels } from './backend.ts';
import { tsKernels, type Kernels } from './kernels.ts';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';
import { Rng } from './rng.ts';

const SIDE = 8;

/** n images: label 0 a horizontal stroke of 4 pixels, 1 a vertical one, at random places, plus faint noise. */
function strokes(n: number, rng: Rng): { x: Float32Array; y: Uint8Array } {
  const x = new Float32Array(n * SIDE * SIDE), y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const vertical = rng.next() < 0.5;
    y[i] = vertical ? 1 : 0;
    const a = Math.floor(rng.next() * (SIDE - 3)), b = Math.floor(rng.next() * SIDE);
    for (let t = 0; t < 4; t++) {
      const [r, c] = vertical ? [a + t, b] : [b, a + t];
      x[i * 64 + r * SIDE + c] = 0.7 + 0.3 * rng.next();
    }
    for (let p = 0; p < 64; p++) if (rng.next() < 0.1) x[i * 64 + p] += 0.2 * rng.next();
  }
  return { x, y };
}

const spec: ModelSpec = {
  inputs: 64, hidden: [], activation: 'relu', classes: 2,
  conv: [{ filters: 4, kernel: 3, padding: 'same', pool: true }],
};

function accuracy(net: Network, x: Float32Array, y: Uint8Array): number {
  const logits = net.forward(x, y.length);
  let right = 0;
  for (let i = 0; i < y.length; i++) if ((logits[2 * i + 1] > logits[2 * i] ? 1 : 0) === y[i]) right++;
  return right / y.length;
}

const backends: [string, () => Promise<Kernels>][] = [
  ['typescript', async () => tsKernels],
  ...availableBackends().filter((b) => b !== 'typescript').map((b) => [b, () => loadKernels({ backend: b })] as [string, () => Promise<Kernels>]),
];

describe.each(backends)('a tiny CNN on %s kernels', (_, load) => {
  it('learns horizontal vs vertical strokes (> 95% on unseen images; chance before)', async () => {
    const k = await load();
    const net = new Network(spec, { ...defaultOptimizer, learningRate: 0.01 }, 3, k);
    const test = strokes(400, new Rng(99));
    const before = accuracy(net, test.x, test.y);
    expect(before).toBeLessThan(0.8);
    const rng = new Rng(1);
    const batch = 16, xb = k.alloc(batch * 64);
    let first = 0, last = 0;
    for (let s = 0; s < 300; s++) {
      const b = strokes(batch, rng);
      xb.set(b.x);
      const { loss } = net.trainBatch(xb, b.y, batch);
      if (s < 10) first += loss / 10;
      if (s >= 290) last += loss / 10;
    }
    expect(last).toBeLessThan(first / 4);
    expect(accuracy(net, test.x, test.y)).toBeGreaterThan(0.95);
    // The conv block's units are its 4 channels, each counted over its 4×4 pooled map.
    expect(net.monitors[0].units).toBe(4);
    expect(net.layers[0].positions).toBe(16);
    const stats = net.monitors[0].take();
    expect(stats.gradNorm).toBeGreaterThan(0);
    expect(stats.deadFraction).not.toBeNull();
    expect(stats.deadFraction).toBeGreaterThanOrEqual(0);
    expect(stats.deadFraction).toBeLessThan(1);
  });
});
