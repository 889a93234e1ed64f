// The model that answers is a running average of the trained weights when the preset asks.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { Network } from '../nn/network.ts';
import { preset, type Preset } from './presets.ts';
import { Trainer } from './trainer.ts';

const train = subset(readMnist().train, 0, 2000);

function trainer(average?: number): Trainer {
  const p: Preset = { ...preset('default'), spec: { inputs: 784, hidden: [16], activation: 'relu', classes: 10 }, average };
  return new Trainer(new Network(p.spec, p.optimizer, 5), p, train);
}

describe('averaged weights', () => {
  it('without an average rate, the trained network answers', () => {
    const t = trainer();
    expect(t.model).toBe(t.net);
  });

  it('the average starts at the initial weights and moves every 4 steps by the compounded rate', () => {
    const t = trainer(0.5);
    expect(t.model).not.toBe(t.net);
    const w0 = t.net.params[0].value.slice();
    expect(t.model.params[0].value).toEqual(w0);
    for (let s = 0; s < 3; s++) t.step();
    expect(t.model.params[0].value).toEqual(w0); // not yet
    t.step();
    const w4 = t.net.params[0].value;
    const rate = 1 - 0.5 ** 4;
    for (const i of [0, 1, 777, w4.length - 1]) {
      expect(t.model.params[0].value[i]).toBeCloseTo(w0[i] + rate * (w4[i] - w0[i]), 6);
    }
    expect(t.model.params[0].value).not.toEqual(w4);
  });

  it('the app model keeps an average', () => {
    expect(preset('default').average).toBeGreaterThan(0);
    expect(preset('mlp-128').average).toBeUndefined();
  });
});
