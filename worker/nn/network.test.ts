import { describe, expect, it } from 'vitest';
import { describe as describeSpec, Network, type ModelSpec } from './network.ts';
import { defaultOptimizer, learningRateAt, type OptimizerConfig } from './optimizer.ts';
import { Rng } from './rng.ts';

const spec: ModelSpec = { inputs: 20, hidden: [16, 16], activation: 'relu', classes: 4 };
const make = (s: Partial<ModelSpec>, o: Partial<OptimizerConfig> = {}) =>
  () => new Network({ ...spec, ...s }, { ...defaultOptimizer, ...o }, 1);

describe('Network validation', () => {
  it('accepts a good spec and describes it', () => {
    expect(make({})).not.toThrow();
    expect(describeSpec(spec)).toBe('20-16-16-4 relu');
    expect(make({ hidden: [] })).not.toThrow();
  });

  it('rejects bad layer sizes, too many layers, unknown activation', () => {
    expect(make({ inputs: 0 })).toThrow('Layer sizes must be integers in 1..4096, got 0-16-16-4');
    expect(make({ hidden: [16.5] })).toThrow(/Layer sizes must be integers in 1\.\.4096/);
    expect(make({ hidden: [5000] })).toThrow(/Layer sizes must be integers/);
    expect(make({ classes: NaN })).toThrow(/Layer sizes must be integers/);
    expect(make({ hidden: Array(9).fill(4) })).toThrow('At most 8 hidden layers, got 9');
    expect(make({ activation: 'gelu' as never })).toThrow(/Unknown activation "gelu"/);
  });

  it('rejects bad optimizer configs', () => {
    expect(make({}, { kind: 'rmsprop' as never })).toThrow('Unknown optimizer "rmsprop"');
    expect(make({}, { schedule: 'step' as never })).toThrow('Unknown schedule "step"');
    expect(make({}, { learningRate: 0 })).toThrow('Learning rate must be a number in (0, 10], got 0');
    expect(make({}, { learningRate: -1 })).toThrow(/Learning rate must be a number in/);
    expect(make({}, { learningRate: NaN })).toThrow(/Learning rate must be a number in/);
    expect(make({}, { learningRate: 11 })).toThrow(/Learning rate must be a number in/);
    expect(make({}, { beta1: 1 })).toThrow('beta1 must be in [0, 1), got 1');
    expect(make({}, { beta2: -0.1 })).toThrow('beta2 must be in [0, 1), got -0.1');
    expect(make({}, { weightDecay: 1 })).toThrow('Weight decay must be in [0, 1), got 1');
    expect(make({}, { totalSteps: 0 })).toThrow('Schedule length must be a whole number of steps in 1..100000000, got 0');
    expect(make({}, { warmupSteps: -1 })).toThrow('Warm-up must be a whole number of steps in 0..100000000, got -1');
    expect(() => new Network(spec, defaultOptimizer, NaN)).toThrow('Seed must be a finite number, got NaN');
  });

  it('predict rejects wrong-length input and returns a distribution', () => {
    const net = make({})();
    expect(() => net.predict(new Float32Array(19))).toThrow('Expected 20 inputs, got 19');
    expect(() => net.predict(new Float32Array(21))).toThrow('Expected 20 inputs, got 21');
    const { probabilities, logits } = net.predict(new Float32Array(20).fill(0.5));
    expect(logits.length).toBe(4);
    expect(probabilities.length).toBe(4);
    expect(probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 6);
  });

  it('trainBatch throws "diverged" when the loss becomes non-finite', () => {
    const net = new Network({ ...spec, activation: 'leaky-relu' }, { ...defaultOptimizer, kind: 'sgd', learningRate: 10 }, 1);
    const rng = new Rng(2);
    const x = Float32Array.from({ length: 8 * 20 }, () => rng.normal() * 3);
    const y = Uint8Array.from({ length: 8 }, () => Math.floor(rng.next() * 4));
    let error: Error | null = null;
    let steps = 0;
    try {
      for (; steps < 200; steps++) net.trainBatch(x, y, 8);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/^Training diverged at step \d+ \(loss is (NaN|Infinity)\): lower the learning rate$/);
    expect(steps).toBeLessThan(200);
    // The step counter stopped at the failing step: nothing was applied for it.
    expect(net.step).toBe(steps);
  });

  it('a sane learning rate on the same data does not diverge and lowers the loss', () => {
    const net = new Network({ ...spec, activation: 'leaky-relu' }, { ...defaultOptimizer, kind: 'sgd', learningRate: 0.05 }, 1);
    const rng = new Rng(2);
    const x = Float32Array.from({ length: 8 * 20 }, () => rng.normal() * 3);
    const y = Uint8Array.from({ length: 8 }, () => Math.floor(rng.next() * 4));
    const first = net.trainBatch(x, y, 8).loss;
    let last = first;
    for (let i = 0; i < 100; i++) last = net.trainBatch(x, y, 8).loss;
    expect(last).toBeLessThan(first * 0.5);
  });

  it('learning-rate schedule: warm-up then cosine decay to 5%', () => {
    const c: OptimizerConfig = { ...defaultOptimizer, learningRate: 1, schedule: 'cosine', totalSteps: 110, warmupSteps: 10 };
    expect(learningRateAt(c, 0)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(c, 9)).toBeCloseTo(1, 12);
    expect(learningRateAt(c, 10)).toBeCloseTo(1, 12);
    expect(learningRateAt(c, 60)).toBeCloseTo(0.05 + 0.95 * 0.5, 12);
    expect(learningRateAt(c, 110)).toBeCloseTo(0.05, 12);
    expect(learningRateAt(c, 1000)).toBeCloseTo(0.05, 12);
  });
});
