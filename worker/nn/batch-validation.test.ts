import { describe, expect, it } from 'vitest';
import { Network } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';

describe('Network rejects malformed batches instead of computing garbage', () => {
  const net = new Network({ inputs: 4, hidden: [3], activation: 'relu', classes: 2 }, defaultOptimizer, 1);
  const x = new Float32Array(8).fill(0.5);

  it('labels outside the classes', () => {
    expect(() => net.trainBatch(x, Uint8Array.from([0, 2]), 2)).toThrow('Label 2 at 1 is outside 0..1');
  });
  it('too few inputs or labels for the batch', () => {
    expect(() => net.trainBatch(x, Uint8Array.from([0, 1, 0]), 3)).toThrow('at least 12 inputs for a batch of 3');
    expect(() => net.trainBatch(x, Uint8Array.from([0]), 2)).toThrow('Expected 2 labels, got 1');
  });
  it('a batch size that is not a positive integer', () => {
    expect(() => net.forward(x, 0)).toThrow('positive integer');
    expect(() => net.forward(x, 1.5)).toThrow('positive integer');
  });
  it('and still trains on a good batch afterwards', () => {
    const r = net.trainBatch(x, Uint8Array.from([0, 1]), 2);
    expect(Number.isFinite(r.loss)).toBe(true);
    expect(net.step).toBe(1);
  });
});
