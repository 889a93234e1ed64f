// A convolutional model survives the model file: paramSizes() sizes it, and the decoded network
// answers exactly as the saved one.
import { describe, expect, it } from 'vitest';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';
import { Rng } from './rng.ts';
import { deserialize, serialize } from './serialize.ts';

const spec: ModelSpec = {
  inputs: 784, hidden: [16], activation: 'relu', classes: 10,
  conv: [{ filters: 4, kernel: 5, padding: 'same', pool: true }, { filters: 6, kernel: 3, padding: 'valid', pool: true }],
};

describe('a CNN in a model file', () => {
  it('round-trips: same spec, weights and predictions; a truncated file is refused', () => {
    const net = new Network(spec, defaultOptimizer, 4);
    const rng = new Rng(1);
    const x = Float32Array.from({ length: 784 }, () => (rng.next() < 0.8 ? 0 : rng.next()));
    const bytes = serialize(net);
    const back = deserialize(bytes).net;
    expect(back.spec).toEqual(spec);
    expect(back.params.map((p) => p.value)).toEqual(net.params.map((p) => p.value));
    expect(back.predict(x).probabilities).toEqual(net.predict(x).probabilities);
    expect(() => deserialize(bytes.subarray(0, bytes.length - 8))).toThrow();
  });
});
