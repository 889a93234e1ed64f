import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { defaultConfig } from './run-config.ts';
import { Race } from './race.ts';

const kernels = await loadKernels();
const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };

describe('Race', () => {
  it('stopped part-way, it is over and keeps what both contenders reached', () => {
    const race = new Race([1, 2], defaultConfig(3), { ...defaultConfig(3), activation: 'sigmoid' }, data, kernels);
    // Turns, as the session gives them, until both have been tested a few times.
    while (race.runs.some((r) => r.trainer.samplesSeen < 3000 || r.evaluating)) for (const r of race.runs) r.work();
    expect(race.check()).toBe(false);
    race.stop();
    expect(race.check()).toBe(true);
    const report = race.report();
    expect(report).toMatchObject({ done: true, stopped: true });
    for (const run of report.runs) {
      expect(run.samplesSeen).toBeGreaterThan(0);
      expect(run.samplesSeen).toBeLessThan(report.samplesTarget);
      expect(run.testAccuracy).toBeGreaterThan(0.3); // learning: chance is 0.1 (measured: 0.81 and 0.59)
      expect(run.history.some((p) => p.testAccuracy !== null)).toBe(true);
    }
  });

  it('a race that ran its course is finished, not stopped, even when Stop comes after', () => {
    const race = new Race([1, 2], defaultConfig(3), { ...defaultConfig(3), activation: 'sigmoid' }, data, kernels);
    // Both at their sample target, as after a whole race (the samples themselves are not the point here).
    for (const r of race.runs) r.finished = true;
    expect(race.check()).toBe(true);
    race.stop();
    expect(race.report()).toMatchObject({ done: true, stopped: false });
  });
});
