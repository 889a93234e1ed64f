// A run saved as a checkpoint and restored carries on where it was: same weights, counters,
// last test result and history; no evaluation storm to catch up; a finished run stays finished.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { decodeCheckpoint, encodeCheckpoint, recordOf } from './checkpoint.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
const config = { ...defaultConfig(7), hidden: [32] };

/** The first test image, scaled to 0..1. */
const image = Float32Array.from(data.test.images.subarray(0, 784), (v) => v / 255);

/** Works until `samples` are trained and no evaluation is pending; counts evaluation chunks. */
function trainTo(run: Run, samples: number): number {
  let evalWork = 0;
  while (run.trainer.samplesSeen < samples || run.evaluating) {
    if (run.work() === 0) evalWork++;
    if (run.finished) break;
  }
  return evalWork;
}

describe('restoring a run from a checkpoint', () => {
  it('carries on from the saved counters, result and history', () => {
    const a = new Run(1, config, data);
    trainTo(a, 3000);
    expect(a.history.length).toBeGreaterThan(1);
    expect(a.testAccuracy).toBeGreaterThan(0.5);

    const cp = decodeCheckpoint(encodeCheckpoint(a.net, recordOf(a)));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net });
    b.resume(cp.metrics);
    expect(b.trainer.samplesSeen).toBe(a.trainer.samplesSeen);
    expect(b.trainer.epoch).toBe(a.trainer.epoch);
    expect(b.testAccuracy).toBe(a.testAccuracy);
    expect(b.finished).toBe(false);
    // The first report sends the whole history (a new run id: the chart starts over with it).
    const report = b.report();
    expect(report.history).toEqual(a.history);
    expect(report.testAccuracy).toBe(a.testAccuracy);
    expect(b.net.predict(image).probabilities).toEqual(a.net.predict(image).probabilities);

    // Training on does not re-run the evaluations already behind it: at most one is due next.
    const chunksPerEval = Math.ceil(data.test.count / 100);
    const evalWork = trainTo(b, b.trainer.samplesSeen + 500);
    expect(evalWork).toBeLessThanOrEqual(chunksPerEval);
    expect(b.history.length).toBeLessThanOrEqual(a.history.length + 1);
  });

  it('a run restored mid-epoch ends that epoch where the original would have', () => {
    const a = new Run(1, config, data);
    trainTo(a, 5000); // epoch 1, a quarter of the way through
    const cp = decodeCheckpoint(encodeCheckpoint(a.net, recordOf(a)));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net });
    b.resume(cp.metrics);
    const epochAt = (run: Run, samples: number) => {
      trainTo(run, samples);
      return run.trainer.epoch;
    };
    expect(epochAt(a, 7900)).toBe(1);
    expect(epochAt(b, 7900)).toBe(1);
    expect(epochAt(a, 8100)).toBe(2);
    expect(epochAt(b, 8100)).toBe(2);
  });

  it('a run that had finished its schedule stays finished', () => {
    const a = new Run(1, config, data);
    trainTo(a, 200);
    const cp = decodeCheckpoint(encodeCheckpoint(a.net, { ...recordOf(a), converged: true }));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net });
    b.resume(cp.metrics);
    expect(b.finished).toBe(true);
    expect(b.message).toMatch(/finished its schedule/);
    expect(b.work()).toBe(0);
  });
});
