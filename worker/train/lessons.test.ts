// The app's lesson presets, run as they run in the app (Run + presetFor, augmentation on), on a
// slice of real MNIST: each must produce the effect the article describes.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import type { RunConfig } from '../api.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { defaultConfig, lessonConfig, matchLesson, presetFor, validateRunConfig } from './run-config.ts';
import { Run } from './run.ts';
import { PEN_STYLES } from './styles.ts';

// The WASM kernels, as in the app: the TypeScript ones make this file take minutes on a busy machine.
const kernels = await loadKernels();
const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 10000), test: subset(mnist.test, 0, 2000) };

/** Trains `steps` batches; returns the per-layer reports taken every `every` steps. */
function train(config: RunConfig, steps: number, every = 50) {
  const run = new Run(1, config, data, { kernels });
  const reports = [];
  for (let s = 1; s <= steps; s++) {
    while (run.evaluating) run.work();
    expect(run.work()).toBeGreaterThan(0);
    if (s % every === 0) reports.push(run.report());
  }
  return { run, reports };
}

/** Share of all hidden units that never fired over the monitor's last window. */
function deadShare(layers: { deadFraction: number | null; units: number }[]): number {
  const hidden = layers.filter((l) => l.deadFraction !== null);
  const units = hidden.reduce((s, l) => s + l.units, 0);
  return hidden.reduce((s, l) => s + l.deadFraction! * l.units, 0) / units;
}

describe('lesson presets', () => {
  it('"Vanishing gradients": the first layer gets far less gradient than the last', () => {
    const config = lessonConfig('vanishing', 1);
    expect(config.hidden).toHaveLength(6);
    const { reports } = train(config, 300);
    const mean = (i: number) => reports.reduce((s, r) => s + r.layers[i].gradNorm, 0) / reports.length;
    // Measured: first hidden ≈ 4e-4, last hidden ≈ 0.2 (ratio ~500).
    expect(mean(0) * 10).toBeLessThan(mean(5));
    expect(mean(0) * 10).toBeLessThan(mean(6));
  });

  it('"Dying ReLU" leaves tens of percent of hidden units dead; "Healthy ReLU" stays under 5%', () => {
    const dying = train(lessonConfig('dying', 1), 500).reports.at(-1)!;
    const healthy = train(lessonConfig('healthy', 1), 500).reports.at(-1)!;
    // Measured: dying ≈ 40% (first layer ~50%), healthy ≈ 1%.
    expect(deadShare(dying.layers)).toBeGreaterThanOrEqual(0.25);
    expect(deadShare(healthy.layers)).toBeLessThan(0.05);
  });

  it('a race: ReLU reaches 90% test accuracy in fewer samples than sigmoid at equal depth', () => {
    const base: RunConfig = { activation: 'relu', hidden: [64, 64, 64], optimizer: 'adam', learningRate: 1e-3, batchSize: 32, seed: 7 };
    const samplesTo90 = (config: RunConfig): number => {
      const run = new Run(1, config, data, { samplesTarget: 60000, kernels });
      while (!run.finished) {
        run.work();
        const hit = run.report().history.find((p) => p.testAccuracy! >= 0.9);
        if (hit) return hit.samples;
      }
      return Infinity;
    };
    const relu = samplesTo90(base);
    const sigmoid = samplesTo90({ ...base, activation: 'sigmoid' });
    // Measured: ReLU ≈ 21,500 samples; sigmoid is still near 83% at 30,000.
    expect(relu).toBeLessThan(60000);
    expect(relu).toBeLessThan(sigmoid);
  });

  it('ReLU units that fire for no test image are counted as dead for good', () => {
    const run = new Run(1, lessonConfig('dying', 2), data, { kernels });
    while (run.trainer.samplesSeen < 16000 || run.evaluating) run.work();
    const layers = run.report().layers;
    expect(layers[0].deadForGood).not.toBeNull();
    expect(layers[0].deadForGood!).toBeGreaterThan(0);
    expect(layers[0].deadForGood!).toBeLessThanOrEqual(layers[0].units);
    expect(layers.at(-1)!.deadForGood).toBeNull();
  });
});

describe('run configuration', () => {
  it('the healthy lesson is the app default, and presets keep its schedule and augmentation', () => {
    expect(lessonConfig('healthy', 3)).toEqual(defaultConfig(3));
    const p = presetFor(lessonConfig('vanishing', 3));
    expect(p.spec.hidden).toEqual([64, 64, 64, 64, 64, 64]);
    expect(p.optimizer.kind).toBe('momentum');
    expect(p.optimizer.beta1).toBe(0.9);
    expect(p.augment).toBe(true);
    expect(p.optimizer.totalSteps).toBe(Math.ceil(60000 / p.batchSize) * p.epochs);
    // Pen styles MNIST lacks: the convolutional network learns them, the dense one does not.
    expect(presetFor(defaultConfig(3, 'cnn')).styles).toEqual(PEN_STYLES);
    expect(p.styles).toBeUndefined();
  });

  it('recognises a lesson whatever its seed, and a changed knob as custom', () => {
    expect(matchLesson(lessonConfig('dying', 42))).toBe('dying');
    expect(matchLesson(lessonConfig('vanishing', 7))).toBe('vanishing');
    expect(matchLesson(defaultConfig(9))).toBe('healthy');
    expect(matchLesson({ ...defaultConfig(9), learningRate: 0.01 })).toBeNull();
    expect(matchLesson({ ...lessonConfig('vanishing', 1), activation: 'tanh' })).toBeNull();
  });

  it('rejects bad choices with a clear message', () => {
    const ok = defaultConfig(1);
    expect(() => validateRunConfig({ ...ok, activation: 'softplus' })).toThrow(/Activation must be one of/);
    expect(() => validateRunConfig({ ...ok, hidden: [] })).toThrow(/Depth must be 1–6/);
    expect(() => validateRunConfig({ ...ok, hidden: Array(7).fill(8) })).toThrow(/Depth must be 1–6/);
    expect(() => validateRunConfig({ ...ok, hidden: [64, 0] })).toThrow(/Layer widths/);
    const holey = [64, 64, 64];
    delete holey[1];
    expect(() => validateRunConfig({ ...ok, hidden: holey })).toThrow(/Layer widths/);
    expect(() => validateRunConfig({ ...ok, learningRate: NaN })).toThrow(/Learning rate/);
    expect(() => validateRunConfig({ ...ok, optimizer: 'rmsprop' })).toThrow(/Optimizer must be/);
    expect(() => validateRunConfig({ ...ok, batchSize: 0 })).toThrow(/Batch size/);
    expect(() => validateRunConfig({ ...ok, seed: -1 })).toThrow(/Seed/);
    expect(() => validateRunConfig(null)).toThrow(/must be an object/);
    expect(() => lessonConfig('nope' as never, 1)).toThrow(/Unknown lesson/);
  });

  it('the learning rate changes live, without restarting the run', () => {
    const run = new Run(1, defaultConfig(1), data, { kernels });
    for (let i = 0; i < 250; i++) run.work();
    const before = run.learningRate;
    const seen = run.trainer.samplesSeen;
    run.setLearningRate(run.config.learningRate / 10);
    expect(run.learningRate).toBeCloseTo(before / 10, 8);
    expect(run.trainer.samplesSeen).toBe(seen);
  });
});
