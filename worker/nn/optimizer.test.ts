import { describe, expect, it } from 'vitest';
import { defaultOptimizer, learningRateAt, validateOptimizer, type OptimizerConfig } from './optimizer.ts';

describe('learning-rate schedules', () => {
  const base: OptimizerConfig = { ...defaultOptimizer, learningRate: 1, totalSteps: 110, warmupSteps: 10 };

  it('linear: warm-up, then a straight line to finalFraction at totalSteps, flat after', () => {
    const c: OptimizerConfig = { ...base, schedule: 'linear', finalFraction: 0 };
    expect(learningRateAt(c, 0)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(c, 10)).toBeCloseTo(1, 12);
    expect(learningRateAt(c, 35)).toBeCloseTo(0.75, 12);
    expect(learningRateAt(c, 60)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(c, 110)).toBeCloseTo(0, 12);
    expect(learningRateAt(c, 500)).toBeCloseTo(0, 12);
    expect(learningRateAt({ ...c, finalFraction: undefined }, 110)).toBeCloseTo(0.05, 12);
  });

  it('decayStart holds the full rate for that share of the steps after warm-up, then decays', () => {
    const c: OptimizerConfig = { ...base, schedule: 'linear', finalFraction: 0, decayStart: 0.6 };
    expect(learningRateAt(c, 10)).toBe(1);
    expect(learningRateAt(c, 70)).toBe(1); // 60% of the 100 steps after warm-up
    expect(learningRateAt(c, 90)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(c, 110)).toBeCloseTo(0, 12);
    const cos: OptimizerConfig = { ...c, schedule: 'cosine' };
    expect(learningRateAt(cos, 70)).toBe(1);
    expect(learningRateAt(cos, 90)).toBeCloseTo(0.5, 12);
    expect(learningRateAt(cos, 110)).toBeCloseTo(0, 12);
  });

  it('constant ignores the decay settings; bad settings are rejected', () => {
    expect(learningRateAt({ ...base, schedule: 'constant', decayStart: 0.5, finalFraction: 0 }, 100)).toBe(1);
    expect(() => validateOptimizer({ ...base, finalFraction: 1.5 })).toThrow('finalFraction must be in [0, 1], got 1.5');
    expect(() => validateOptimizer({ ...base, decayStart: 1 })).toThrow('decayStart must be in [0, 1), got 1');
    expect(() => validateOptimizer({ ...base, schedule: 'linear' })).not.toThrow();
  });
});
