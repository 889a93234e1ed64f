// The article's two failure modes, reproduced on real MNIST: vanishing gradients in a deep
// sigmoid net, and ReLU units killed by a far too high learning rate.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { fillBatch, PIXELS, subset } from '../data/mnist.ts';
import type { ActivationName } from './activations.ts';
import { Network } from './network.ts';
import { defaultOptimizer, type OptimizerConfig } from './optimizer.ts';
import { Rng } from './rng.ts';
import { LayerMonitor } from './stats.ts';

const { train } = readMnist();

function firstStepGradNorms(act: ActivationName): number[] {
  const net = new Network({ inputs: 784, hidden: [32, 32, 32, 32, 32, 32], activation: act, classes: 10 }, defaultOptimizer, 1);
  const x = new Float32Array(256 * PIXELS);
  const y = new Uint8Array(256);
  fillBatch(train, Uint32Array.from({ length: 256 }, (_, i) => i), 0, 256, x, y);
  net.trainBatch(x, y, 256);
  return net.monitors.map((m) => m.take().gradNorm);
}

describe('vanishing gradients (784-[32×6]-10 at initialisation, 256 MNIST images)', () => {
  it('sigmoid: the first layer gets a tiny fraction of the gradient the last layers get', () => {
    const g = firstStepGradNorms('sigmoid');
    expect(g.length).toBe(7);
    expect(g.every((v) => v > 0 && Number.isFinite(v))).toBe(true);
    // Measured: first/last hidden ≈ 1.8e-3, first/output ≈ 6e-4.
    expect(g[0] / g[5]).toBeLessThan(0.1);
    expect(g[0] / g[6]).toBeLessThan(0.1);
    // It shrinks layer by layer going backwards.
    for (let i = 0; i < 6; i++) expect(g[i]).toBeLessThan(g[i + 1]);
  });

  it('relu: gradient norms stay of the same order through the depth', () => {
    const g = firstStepGradNorms('relu');
    // Measured: first/last hidden ≈ 2.8.
    expect(g[0] / g[5]).toBeGreaterThan(0.1);
    expect(g[0] / g[6]).toBeGreaterThan(0.1);
    expect(g[0] / g[5]).toBeLessThan(10);
  });
});

describe('dying ReLU (784-64-10, 300 steps of batch 32 on 5,000 images)', () => {
  const set = subset(train, 0, 5000);

  function run(optimizer: OptimizerConfig): { dead: number | null; loss: number } {
    expect(LayerMonitor.window).toBe(2048);
    const net = new Network({ inputs: 784, hidden: [64], activation: 'relu', classes: 10 }, optimizer, 3);
    const rng = new Rng(5);
    const order = Uint32Array.from({ length: set.count }, (_, i) => i);
    const x = new Float32Array(32 * PIXELS);
    const y = new Uint8Array(32);
    let cursor = set.count;
    let loss = NaN;
    for (let s = 0; s < 300; s++) {
      if (cursor + 32 > set.count) {
        rng.shuffle(order);
        cursor = 0;
      }
      fillBatch(set, order, cursor, 32, x, y);
      cursor += 32;
      loss = net.trainBatch(x, y, 32).loss;
    }
    return { dead: net.monitors[0].take().deadFraction, loss };
  }

  it('plain SGD at lr 1 kills a large share of the first hidden layer without diverging', () => {
    const { dead, loss } = run({ ...defaultOptimizer, kind: 'sgd', learningRate: 1 });
    expect(Number.isFinite(loss)).toBe(true);
    // Measured: 0.5625 (36 of 64 units never fire on 2,048 samples).
    expect(dead).not.toBeNull();
    expect(dead!).toBeGreaterThanOrEqual(0.25);
  });

  it('Adam 1e-3 keeps almost every unit alive and learns', () => {
    const { dead, loss } = run({ ...defaultOptimizer, kind: 'adam', learningRate: 1e-3 });
    // Measured: 0.016 (1 of 64), loss ≈ 0.28.
    expect(dead).not.toBeNull();
    expect(dead!).toBeLessThan(0.05);
    expect(loss).toBeLessThan(0.8);
  });
});
