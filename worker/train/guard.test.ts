import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { Network } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { DivergenceGuard } from './guard.ts';
import { defaultConfig } from './run-config.ts';
import { MAX_ROLLBACKS, Run } from './run.ts';

const spec = { inputs: 6, hidden: [4], activation: 'relu' as const, classes: 3 };

describe('DivergenceGuard', () => {
  it('puts back exactly the kept weights, optimizer state and answering average', () => {
    const net = new Network(spec, defaultOptimizer, 1);
    const avg = new Network(spec, defaultOptimizer, 2);
    net.params[0].m.fill(0.5);
    const guard = new DivergenceGuard(net, avg);
    guard.keep(0.9);
    const kept = [net.params[0].value.slice(), net.params[0].m.slice(), avg.params[2].value.slice()];
    net.params[0].value.fill(123);
    net.params[0].m.fill(NaN);
    avg.params[2].value.fill(-7);
    expect(guard.finite()).toBe(false);
    guard.restore();
    expect(guard.finite()).toBe(true);
    expect([net.params[0].value, net.params[0].m, avg.params[2].value]).toEqual(kept);
    expect(guard.keptAccuracy).toBe(0.9);
  });

  it('calls a collapse or non-finite weights diverged, noise and early runs not', () => {
    const net = new Network(spec, defaultOptimizer, 1);
    const guard = new DivergenceGuard(net, net);
    expect(guard.judge(0.9, 0.95)).toEqual({ ok: true });
    expect(guard.judge(0.6, 0.95)).toEqual({ ok: false, why: 'test accuracy fell from 95.0% to 60.0%' });
    // A lesson that barely learns (best 40 %) has nothing to defend yet.
    expect(guard.judge(0.1, 0.4)).toEqual({ ok: true });
    expect(guard.judge(0.1, null)).toEqual({ ok: true });
    net.params[1].value[0] = Infinity;
    expect(guard.judge(0.97, 0.95)).toEqual({ ok: false, why: 'the weights became infinite or NaN' });
  });
});

describe('a run that diverges', () => {
  const mnist = readMnist();
  const data = { train: subset(mnist.train, 0, 3000), test: subset(mnist.test, 0, 300) };

  it('rolls back with a quarter of the rate each time, and halts after the last chance', () => {
    const run = new Run(1, { ...defaultConfig(4), hidden: [16], learningRate: 1e-3 }, data);
    while ((run.best ?? 0) < 0.6 && run.trainer.samplesSeen < 20_000) run.work();
    while (run.evaluating) run.work();
    const good = run.best!;
    expect(good).toBeGreaterThan(0.5);
    const x = Float32Array.from({ length: 784 }, (_, i) => (i % 9) / 9);
    const before = run.model.predict(x).probabilities;
    expect(run.evaluationReport).not.toBeNull();

    for (let i = 1; i <= MAX_ROLLBACKS; i++) {
      // Wreck the weights the way a huge rate does; the next training step notices.
      run.net.params[0].value.fill(1e30);
      while (run.rollbacks < i) run.work();
      expect(run.model.predict(x).probabilities).toEqual(before);
      // Each notice replaces the one before: from the second on, it says this is not the first.
      if (i < MAX_ROLLBACKS) expect(run.notice).toMatch(i === 1 ? /^Training diverged at learning rate/ : /^Training diverged again at learning rate/);
    }
    expect(run.notice).toMatch(/^Training diverged 3 times \((the training loss became infinite|the weights became infinite or NaN|test accuracy fell from .+)\): DigitPad went back to the last good model \([\d.]+%\) and paused\./);
    expect(run.halted).toBe(true);
    // Where it failed described weights now thrown away: what checkpoints keep is the kept model's.
    expect(rightOf(run.evaluationReport!)).toBeCloseTo(good, 6);
    expect(run.config.learningRate).toBeCloseTo(1e-3 / 16);
    expect(run.testAccuracy).toBe(good);
    run.unhalt();
    expect(run.halted).toBe(false);
  });

  it('a test that collapses is rolled back, and the confusion and silent units sent are the kept model\'s, not the collapsed one\'s', () => {
    const run = new Run(1, { ...defaultConfig(5), hidden: [16], learningRate: 1e-3 }, data);
    while ((run.best ?? 0) < 0.6 && run.trainer.samplesSeen < 20_000) run.work();
    while (run.evaluating) run.work();
    run.report(); // the good test's confusion is sent
    // Finite weights that read every image alike: no training step notices, the next test does.
    // Hidden units pushed far below zero (the answering average's too, which the test reads): the
    // test finds every one silent, and no gradient reaches them to change that.
    for (const net of [run.net, run.model]) for (const [i, p] of net.params.entries()) p.value.fill(i === 1 ? -10 : 0);
    while (run.rollbacks < 1) run.work();
    expect(run.notice).toMatch(/test accuracy fell from/);
    const good = run.best!; // the kept model's test (the running average may have passed one more first)
    expect(good).toBeGreaterThan(0.6);
    const sent = run.report().evaluation;
    expect(sent).toBeDefined();
    expect(rightOf(sent!)).toBeCloseTo(good, 6);
    expect(rightOf(run.evaluationReport!)).toBeCloseTo(good, 6);
    // The dead units shown are the kept model's too: the collapsed test found all 16 silent, the
    // kept one fewer; the training window that watched the zeroed weights starts again.
    const [hidden] = run.report().layers;
    expect(hidden.deadForGood).not.toBeNull();
    expect(hidden.deadForGood!).toBeLessThan(16);
    expect(hidden.deadFraction).toBeNull();
  });
});

/** Test accuracy as a confusion matrix counts it. */
function rightOf(e: { confusion: number[][] }): number {
  return e.confusion.reduce((n, row, t) => n + row[t], 0) / e.confusion.flat().reduce((n, c) => n + c, 0);
}
