import { describe, expect, it } from 'vitest';
import { subset } from '../data/mnist.ts';
import { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import { preset } from '../train/presets.ts';
import { Trainer } from '../train/trainer.ts';
import { readMnist } from '../../scripts/mnist-node.ts';
import { NonDigitMixer } from './mixer.ts';
import { withNotADigit } from './preset.ts';

function batch(n: number): { x: Float32Array; y: Uint8Array } {
  return { x: new Float32Array(n * 784).fill(0.5), y: new Uint8Array(n).fill(3) };
}

describe('NonDigitMixer', () => {
  it('replaces the asked-for share of a batch with drawings labelled "not a digit"', () => {
    const m = new NonDigitMixer({ fraction: 0.25, classIndex: 10, freshPerBatch: 40 }, new Rng(1));
    const { x, y } = batch(64);
    expect(m.mix(x, y, 64)).toBe(16);
    expect(y.filter((l) => l === 10).length).toBe(16);
    expect(y.filter((l) => l === 3).length).toBe(48);
    for (let r = 0; r < 64; r++) {
      const row = x.subarray(r * 784, (r + 1) * 784);
      if (y[r] === 3) expect(row.every((v) => v === 0.5)).toBe(true);
      else {
        expect(row.every((v) => v >= 0 && v <= 1)).toBe(true);
        expect(row.reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
      }
    }
  });

  it('never uses more drawings than it has made, and is deterministic per seed', () => {
    const run = (seed: number) => {
      const m = new NonDigitMixer({ fraction: 0.5, classIndex: 10, freshPerBatch: 2 }, new Rng(seed));
      const { x, y } = batch(32);
      return { k: m.mix(x, y, 32), sum: x.reduce((a, b) => a + b, 0), generated: m.generated };
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3).k).toBe(2);
    expect(run(3).generated).toBe(2);
  });

  it('mixes in generated digits under their own labels when asked', () => {
    const m = new NonDigitMixer({ fraction: 0.2, digits: 0.2, classIndex: 10, freshPerBatch: 200 }, new Rng(2));
    const { x, y } = batch(100);
    expect(m.mix(x, y, 100)).toBe(40);
    const nonDigits = y.filter((l) => l === 10).length, digits = y.filter((l) => l !== 10 && l !== 3).length;
    expect(nonDigits).toBeGreaterThan(8);
    expect(digits).toBeGreaterThan(8);
  });

  it('with mining, reuses the drawings the network still gets wrong, and retires them in time', () => {
    // The "network" here gets every drawing wrong whose ink (its byte sum) is even: a property
    // the mixer cannot see, only learn from the probabilities it is handed back.
    const run = (mining: boolean) => {
      const m = new NonDigitMixer({ fraction: 0.15, classIndex: 10, pool: 64, freshPerBatch: 2, mining }, new Rng(5));
      const uses = new Map<number, number>();
      let hard = 0, all = 0;
      for (let b = 0; b < 600; b++) {
        const { x, y } = batch(32);
        m.mix(x, y, 32);
        const p = new Float32Array(32 * 11);
        for (let r = 0; r < 32; r++) {
          if (y[r] === 3) continue;
          let ink = 0;
          for (let j = 0; j < 784; j++) ink += Math.round(x[r * 784 + j] * 255);
          const wrong = ink % 2 === 0;
          p[r * 11 + y[r]] = wrong ? 0.1 : 0.9;
          if (b >= 100) {
            all++;
            if (wrong) hard++;
            uses.set(ink, (uses.get(ink) ?? 0) + 1);
          }
        }
        m.learnt(p, y, 11);
      }
      return { hardShare: hard / all, mostUses: Math.max(...uses.values()) };
    };
    const plain = run(false), mined = run(true);
    expect(plain.hardShare).toBeGreaterThan(0.35);
    expect(plain.hardShare).toBeLessThan(0.65);
    expect(mined.hardShare).toBeGreaterThan(plain.hardShare + 0.15);
    // Reused, not worn out: no drawing is used more than about MAX_USES (8) times.
    expect(mined.mostUses).toBeLessThanOrEqual(16);
  });

  it('checks its options', () => {
    expect(() => new NonDigitMixer({ fraction: 1.5, classIndex: 10 }, new Rng(1))).toThrow(/fraction/);
    expect(() => new NonDigitMixer({ fraction: 0.1, classIndex: -1 }, new Rng(1))).toThrow(/classIndex/);
  });
});

describe('Trainer with nonDigits', () => {
  const { train } = readMnist();

  it('needs an output for the extra label', () => {
    const p = { ...withNotADigit(preset('default')), spec: preset('default').spec };
    const net = new Network(p.spec, p.optimizer, 1);
    expect(() => new Trainer(net, p, subset(train, 0, 100))).toThrow(/needs 11 classes/);
  });

  it('trains an 11-output network on mixed batches', () => {
    const p = withNotADigit(preset('default'));
    expect(p.spec.classes).toBe(11);
    expect(preset('default').spec.classes).toBe(10);
    const net = new Network(p.spec, p.optimizer, 1);
    const t = new Trainer(net, p, subset(train, 0, 1000));
    for (let i = 0; i < 5; i++) t.step();
    expect((t.sources[0] as NonDigitMixer).generated).toBe(10);
    expect(Number.isFinite(t.takeTrainingStats().loss)).toBe(true);
  });
});
