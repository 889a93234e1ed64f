import { describe, expect, it } from 'vitest';
import { ACTIVATIONS, activation, sigmoid } from './activations.ts';
import { Rng } from './rng.ts';

describe('activations', () => {
  it("sigmoid's derivative never exceeds 0.25 and peaks at exactly 0.25 at x = 0", () => {
    let max = 0;
    let min = Infinity;
    let argmax = NaN;
    for (let i = -200000; i <= 200000; i++) {
      const x = i / 10000; // [-20, 20], step 1e-4
      const d = sigmoid.der(x);
      min = Math.min(min, d);
      if (d > max) { max = d; argmax = x; }
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(0.25);
    expect(sigmoid.der(0)).toBe(0.25);
    expect(argmax).toBe(0);
    // And it vanishes in the tails: the vanishing-gradient story.
    expect(sigmoid.der(10)).toBeLessThan(1e-4);
    expect(sigmoid.der(-10)).toBeLessThan(1e-4);
  });

  for (const name of ACTIVATIONS) {
    it(`${name}: array forward = scalar f, array backward = der(x) · d`, () => {
      const a = activation(name);
      expect(a.name).toBe(name);
      const rng = new Rng(7);
      const n = 1001;
      // Values away from 0 (ReLU kink: der(0) vs output-based backward are a convention).
      const x = Float32Array.from({ length: n }, () => {
        const v = rng.normal() * 4;
        return Math.abs(v) < 1e-3 ? 0.5 : v;
      });
      const y = new Float32Array(n);
      a.forward(y, x, n);
      const d = Float32Array.from({ length: n }, () => rng.normal());
      const dIn = Float32Array.from(d);
      a.backward(dIn, y, n);
      for (let i = 0; i < n; i++) {
        expect(y[i]).toBeCloseTo(a.f(x[i]), 5);
        const want = a.der(x[i]) * d[i];
        expect(Math.abs(dIn[i] - want), `${name} at x=${x[i]}: ${dIn[i]} vs ${want}`).toBeLessThan(1e-5 * (1 + Math.abs(want)));
      }
      // forward may alias.
      const z = Float32Array.from(x);
      a.forward(z, z, n);
      expect(Array.from(z)).toEqual(Array.from(y));
    });
  }

  it('classifies firing and saturation by output', () => {
    expect(activation('relu').isActive!(0)).toBe(false);
    expect(activation('relu').isActive!(0.1)).toBe(true);
    expect(activation('leaky-relu').isActive!(-0.01)).toBe(false);
    expect(sigmoid.isSaturated!(0.5)).toBe(false);
    expect(sigmoid.isSaturated!(0.99)).toBe(true);
    expect(sigmoid.isSaturated!(0.01)).toBe(true);
    expect(activation('tanh').isSaturated!(-0.99)).toBe(true);
    expect(activation('tanh').isSaturated!(0.5)).toBe(false);
  });

  it('unknown activation name throws with the list of names', () => {
    expect(() => activation('softplus')).toThrow(/Unknown activation "softplus".*relu, leaky-relu, sigmoid, tanh/);
    expect(() => activation('')).toThrow(/Unknown activation/);
  });
});
