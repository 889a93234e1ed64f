import { describe, expect, it } from 'vitest';
import { Network } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';
import { convPlan, describe as describeSpec, paramSizes, validateSpec, type ModelSpec } from './spec.ts';

const mlp: ModelSpec = { inputs: 784, hidden: [256, 128], activation: 'relu', classes: 10 };
const cnn: ModelSpec = {
  inputs: 784, hidden: [128], activation: 'relu', classes: 10,
  conv: [{ filters: 16, kernel: 5, padding: 'same', pool: true }, { filters: 32, kernel: 3, padding: 'valid', pool: true }],
};
const withConv = (conv: unknown) => ({ ...cnn, conv }) as ModelSpec;

describe('model specs', () => {
  it('describe(): MLP strings unchanged, conv blocks spelt out', () => {
    expect(describeSpec(mlp)).toBe('784-256-128-10 relu');
    expect(describeSpec(cnn)).toBe('784-conv5x5x16same-pool-conv3x3x32valid-pool-128-10 relu');
  });

  it('convPlan(): 28 → same 5×5 → 28 → pool 14 → valid 3×3 → 12 → pool 6', () => {
    const [a, b] = convPlan(cnn);
    expect(a).toMatchObject({ h: 28, cin: 1, cout: 16, pad: 2, oh: 28, ph: 14 });
    expect(b).toMatchObject({ h: 14, cin: 16, cout: 32, pad: 0, oh: 12, ph: 6 });
  });

  it('paramSizes() is the length of every tensor of the built network, in params order', () => {
    expect(paramSizes(mlp)).toEqual([784 * 256, 256, 256 * 128, 128, 128 * 10, 10]);
    expect(paramSizes(cnn)).toEqual([5 * 5 * 16, 16, 3 * 3 * 16 * 32, 32, 6 * 6 * 32 * 128, 128, 128 * 10, 10]);
    for (const spec of [mlp, cnn]) {
      expect(new Network(spec, defaultOptimizer, 1).params.map((p) => p.value.length)).toEqual(paramSizes(spec));
    }
  });

  it('validateSpec() bounds conv specs with clear messages', () => {
    expect(() => validateSpec(cnn)).not.toThrow();
    expect(() => paramSizes({ ...cnn, hidden: undefined } as never)).toThrow('The architecture must list its layer sizes');
    expect(() => validateSpec({ ...cnn, inputs: 780 })).toThrow('square image input, got 780');
    expect(() => validateSpec(withConv({}))).toThrow('conv must be a list of at most 4 layers');
    expect(() => validateSpec(withConv(Array(5).fill(cnn.conv![0])))).toThrow('at most 4 layers');
    expect(() => validateSpec(withConv([null]))).toThrow('Conv layer 1 must be an object');
    expect(() => validateSpec(withConv(new Array(1)))).toThrow('Conv layer 1 must be an object'); // a hole
    expect(() => validateSpec(withConv([{ filters: 257, kernel: 3, padding: 'same', pool: false }]))).toThrow('filters must be an integer in 1..256, got 257');
    expect(() => validateSpec(withConv([{ filters: 2.5, kernel: 3, padding: 'same', pool: false }]))).toThrow(/filters must be an integer/);
    expect(() => validateSpec(withConv([{ filters: 8, kernel: 9, padding: 'valid', pool: false }]))).toThrow('kernel must be an integer in 1..7, got 9');
    expect(() => validateSpec(withConv([{ filters: 8, kernel: 4, padding: 'same', pool: false }]))).toThrow('"same" padding needs an odd kernel, got 4');
    expect(() => validateSpec(withConv([{ filters: 8, kernel: 3, padding: 'full', pool: false }]))).toThrow('padding must be "same" or "valid"');
    expect(() => validateSpec(withConv([{ filters: 8, kernel: 3, padding: 'same', pool: 1 }]))).toThrow('pool must be true or false');
    // 28 → 22 → pool 11 → 5 → pool 2: nothing left for a third 7×7 kernel.
    const shrink = { filters: 4, kernel: 7, padding: 'valid', pool: true };
    expect(() => validateSpec(withConv([shrink, shrink, shrink]))).toThrow('Conv layer 3: a 7×7 kernel does not fit a 2×2 input');
    expect(() => validateSpec(withConv([{ filters: 64, kernel: 3, padding: 'same', pool: false }]))).toThrow('50176 values per image; at most 32768');
  });
});
