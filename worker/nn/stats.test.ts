import { describe, expect, it } from 'vitest';
import { relu, sigmoid } from './activations.ts';
import { FiringCensus, LayerMonitor } from './stats.ts';

describe('LayerMonitor', () => {
  it('reports the gradient norm and saturation since the last take, and keeps them while idle', () => {
    const m = new LayerMonitor(2, sigmoid);
    // A restored model that does not train has no figure, not 0 % (QA: "Now 0%" after a reload).
    expect(m.take().saturatedFraction).toBeNull();
    m.observe(Float32Array.from([0.999, 0.5, 0.001, 0.5]), 2); // 2 of 4 outputs in the tails
    m.observeGrad(Float32Array.from([3, 4]));
    m.observeGrad(Float32Array.from([6, 8]));
    const first = m.take();
    expect(first.gradNorm).toBeCloseTo(7.5, 6); // mean of 5 and 10
    expect(first.saturatedFraction).toBeCloseTo(0.5, 6);
    expect(first.deadFraction).toBeNull();
    // Paused: nothing observed, the figures are not zeroed.
    expect(m.take()).toEqual(first);
  });
});

describe('FiringCensus', () => {
  it('counts the units that never fired over a pass', () => {
    const c = new FiringCensus(3);
    c.observe(Float32Array.from([0, 1, 0, 0, 0, 0]), 2);
    expect(c.silent()).toBe(2);
    c.observe(Float32Array.from([0, 0, 2]), 1);
    expect(c.silent()).toBe(1);
    expect(new LayerMonitor(3, relu).take().deadFraction).toBeNull(); // no full window yet
  });
});

describe('conv channels as units', () => {
  it('a channel fires for a sample when it fires at any position of its map', () => {
    // (batch 2, positions 3, units 2): channel 0 fires once at sample 1's last position; channel 1 never.
    const out = Float32Array.from([0, 0, 0, 0, 0, 0, /* sample 1 */ 0, 0, 0, 0, 5, 0]);
    const c = new FiringCensus(2, 3);
    c.observe(out, 2);
    expect(c.silent()).toBe(1);
    LayerMonitor.window = 2;
    const m = new LayerMonitor(2, relu, 3);
    m.observe(out, 2);
    LayerMonitor.window = 2048;
    expect(m.take().deadFraction).toBe(0.5);
  });

  it('saturation is a share of all outputs, every position counted', () => {
    const m = new LayerMonitor(1, sigmoid, 4);
    m.observe(Float32Array.from([0.999, 0.5, 0.5, 0.5]), 1);
    expect(m.take().saturatedFraction).toBeCloseTo(0.25, 6);
  });
});
