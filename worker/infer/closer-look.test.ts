// The closer look: its views are real turns and scalings, its answer is their average (digits)
// and the plain view's "not a digit", and it reads slanted digits better than one view does.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { turnAndScale } from '../train/augment.ts';
import { Trainer } from '../train/trainer.ts';
import type { Preset } from '../train/presets.ts';
import { closerLook, VIEW_COUNT, viewBatch, VIEWS, type View } from './closer-look.ts';

/** A horizontal bar across the middle of a 28×28 image. */
function bar(): Float32Array {
  const x = new Float32Array(784);
  for (let c = 6; c < 22; c++) for (let r = 13; r <= 14; r++) x[r * 28 + c] = 1;
  return x;
}
const inkRows = (x: Float32Array) => new Set([...x.keys()].filter((i) => x[i] > 0.5).map((i) => Math.floor(i / 28)));
const inkCols = (x: Float32Array, ink = 0.5) => new Set([...x.keys()].filter((i) => x[i] > ink).map((i) => i % 28));

describe('turnAndScale', () => {
  it('leaves an image alone at 0° and scale 1, turns a bar upright at 90°, shrinks it at scale 0.5', () => {
    const x = bar();
    const same = x.slice();
    turnAndScale(same, 0, 0, 1);
    expect(same).toEqual(x);
    const turned = x.slice();
    turnAndScale(turned, 0, Math.PI / 2, 1);
    expect(inkCols(turned).size).toBeLessThanOrEqual(3);
    expect(inkRows(turned).size).toBeGreaterThanOrEqual(14);
    const small = new Float32Array(2 * 784);
    small.set(x, 784);
    turnAndScale(small, 1, 0, 0.5);
    expect(small.subarray(0, 784).every((v) => v === 0)).toBe(true); // image 0 untouched
    const cols = inkCols(small.subarray(784), 0.1); // half as thick, so fainter
    expect(cols.size).toBeGreaterThanOrEqual(6);
    expect(cols.size).toBeLessThanOrEqual(10);
  });

  it('widens an image without making it taller', () => {
    const x = bar();
    const wide = x.slice();
    turnAndScale(wide, 0, 0, 1, 1.25);
    expect(inkCols(wide).size).toBe(20); // 16 columns × 1.25
    expect(inkRows(wide)).toEqual(inkRows(x));
  });
});

describe('closerLook', () => {
  const spec: ModelSpec = { inputs: 784, hidden: [16], activation: 'relu', classes: 11 };
  const net = new Network(spec, defaultOptimizer, 3);
  const seven = bar();
  for (let r = 13; r < 26; r++) seven[r * 28 + 21 - Math.floor((r - 13) / 2)] = 1;

  it('averages the digits over the five views and keeps the plain view\'s "not a digit"', () => {
    const { probabilities, logits } = closerLook(net, seven);
    const plain = net.predict(seven);
    expect(logits).toEqual(plain.logits);
    expect(probabilities[10]).toBeCloseTo(plain.probabilities[10], 6);
    expect(probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    // The same average, one view at a time.
    const views = [seven, ...VIEWS.map((view) => {
      const v = seven.slice();
      turnAndScale(v, 0, ...view);
      return v;
    })];
    const mean = new Array(10).fill(0);
    for (const v of views) {
      const p = net.predict(v).probabilities;
      const digits = p.subarray(0, 10).reduce((a, b) => a + b);
      for (let d = 0; d < 10; d++) mean[d] += p[d] / digits / views.length;
    }
    for (let d = 0; d < 10; d++) expect(probabilities[d]).toBeCloseTo(mean[d] * (1 - plain.probabilities[10]), 5);
    // The views are not the drawing again: the answer moves.
    expect(Math.max(...probabilities.map((p, d) => Math.abs(p - plain.probabilities[d])))).toBeGreaterThan(1e-4);
  });

  it('with averageRest, "not a digit" is the views\' average and the digits keep their shares', () => {
    const plainView = closerLook(net, seven), averaged = closerLook(net, seven, true);
    const views = [seven, ...VIEWS.map((view) => {
      const v = seven.slice();
      turnAndScale(v, 0, ...view);
      return v;
    })];
    const mean = views.reduce((a, v) => a + net.predict(v).probabilities[10] / views.length, 0);
    expect(averaged.probabilities[10]).toBeCloseTo(mean, 5);
    expect(Math.abs(averaged.probabilities[10] - plainView.probabilities[10])).toBeGreaterThan(1e-4);
    expect(averaged.probabilities.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    const share = (p: Float32Array, d: number) => p[d] / (1 - p[10]);
    for (let d = 0; d < 10; d++) expect(share(averaged.probabilities, d)).toBeCloseTo(share(plainView.probabilities, d), 5);
    expect(averaged.logits).toEqual(plainView.logits);
  });

  // A small dense network trained on 5,000 MNIST digits, upright and as wide as MNIST writes them.
  function mnistTrained() {
    const { train, test } = readMnist();
    const preset: Preset = {
      spec: { inputs: 784, hidden: [64], activation: 'relu', classes: 10 },
      optimizer: { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, weightDecay: 0, schedule: 'constant', totalSteps: 1, warmupSteps: 0 },
      batchSize: 32,
      epochs: 2,
    };
    const trained = new Network(preset.spec, preset.optimizer, 1);
    const trainer = new Trainer(trained, preset, subset(train, 0, 5000));
    while (!trainer.done) trainer.step();
    return { trained, set: subset(test, 0, 500) };
  }
  const top = (p: Float32Array) => p.indexOf(Math.max(...p));
  /** The set's images, each changed by `write` (as a writer would have written it). */
  const written = (set: ReturnType<typeof mnistTrained>['set'], write: (x: Float32Array) => void) =>
    Array.from({ length: set.count }, (_, i) => {
      const x = Float32Array.from(set.images.subarray(i * 784, (i + 1) * 784), (v) => v / 255);
      write(x);
      return x;
    });

  it('reads slanted digits better than the drawing alone, and narrow ones better for its wider views (a network trained on MNIST)', () => {
    const { trained, set } = mnistTrained();
    // 500 test digits written 14° off upright, as a slanted writer would.
    let plain = 0, closer = 0;
    written(set, (x) => turnAndScale(x, 0, (14 * Math.PI) / 180, 1)).forEach((x, i) => {
      if (top(trained.predict(x).probabilities) === set.labels[i]) plain++;
      if (top(closerLook(trained, x).probabilities) === set.labels[i]) closer++;
    });
    expect(closer).toBeGreaterThan(plain);
    // The same digits written 0.6 times as wide, as pen writers often do: the closer look reads
    // more of them right than the same views without the widening.
    const unwidened = VIEWS.map(([turn, scale]): View => [turn, scale, 1]);
    let wide = 0, notWide = 0;
    written(set, (x) => turnAndScale(x, 0, 0, 1, 0.6)).forEach((x, i) => {
      if (top(closerLook(trained, x).probabilities) === set.labels[i]) wide++;
      const logits = trained.forward(viewBatch(x, 0, VIEW_COUNT, unwidened), VIEW_COUNT).slice(0, VIEW_COUNT * 10);
      if (top(closerLook(trained, x, false, logits).probabilities) === set.labels[i]) notWide++;
    });
    expect(wide).toBeGreaterThan(notWide);
  });
});
