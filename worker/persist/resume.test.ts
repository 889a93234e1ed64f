// A run saved as a checkpoint and restored carries on where it was: same weights, counters,
// last test result and history; no evaluation storm to catch up; a finished run stays finished.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { nextEvalAfter } from '../train/test-pass.ts';
import { checkpointOf, decodeCheckpoint, encodeCheckpoint } from './checkpoint.ts';

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
    // 4,000 samples: at 3,000 this 32-unit network reads 45–59 % (seeds 1, 2, 3, 7), too close to
    // the floor that says it has learnt something worth restoring.
    trainTo(a, 4000);
    expect(a.history.length).toBeGreaterThan(1);
    expect(a.testAccuracy).toBeGreaterThan(0.5);

    const cp = decodeCheckpoint(encodeCheckpoint(checkpointOf(a)));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net, model: cp.model, averages: cp.averages });
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
    // The model that answers is the running average, not the raw weights, and it comes back too.
    expect(a.model).not.toBe(a.net);
    expect(a.model.predict(image).probabilities).not.toEqual(a.net.predict(image).probabilities);
    expect(b.model.predict(image).probabilities).toEqual(a.model.predict(image).probabilities);
    expect(b.trainer.averages).toBe(a.trainer.averages);
    // Where the saved model fails comes back with it: the confusion matrix of its last test, once.
    expect(a.evaluationReport).not.toBeNull();
    expect(report.evaluation).toEqual(a.evaluationReport);
    expect(report.evaluation!.confusion.flat().reduce((x, n) => x + n, 0)).toBe(data.test.count);
    expect(b.report().evaluation).toBeUndefined();
  });

  it('does not re-run the evaluations already behind it: at most one is due next', () => {
    const a = new Run(1, config, data);
    trainTo(a, 3000);
    const cp = decodeCheckpoint(encodeCheckpoint(checkpointOf(a)));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net, model: cp.model, averages: cp.averages });
    b.resume(cp.metrics);
    const chunksPerEval = Math.ceil(data.test.count / 100);
    const evalWork = trainTo(b, b.trainer.samplesSeen + 500);
    expect(evalWork).toBeLessThanOrEqual(chunksPerEval);
    expect(b.history.length).toBeLessThanOrEqual(a.history.length + 1);
  });

  it('finds the next test point in closed form, as the step-by-step walk would', () => {
    const walk = (samples: number, epoch: number) => {
      let at = 2000;
      while (at <= samples) at = Math.min(at + epoch / 4, at * 2);
      return at;
    };
    for (const epoch of [4000, 60000]) {
      for (const s of [0, 1999, 2000, 2001, 7999, 16000, 30999, 31000, 31001, 123456, 999_999]) {
        expect(nextEvalAfter(s, epoch), `${s} of ${epoch}`).toBe(walk(s, epoch));
      }
    }
    // A crafted record claiming 60 million samples costs nothing to resume.
    const t0 = performance.now();
    expect(nextEvalAfter(60_000_000, 60000)).toBe(60_001_000);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('a run restored mid-epoch ends that epoch where the original would have', () => {
    const a = new Run(1, config, data);
    trainTo(a, 5000); // epoch 1, a quarter of the way through
    const cp = decodeCheckpoint(encodeCheckpoint(checkpointOf(a)));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net, model: cp.model, averages: cp.averages });
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
    const cp = decodeCheckpoint(encodeCheckpoint({ ...checkpointOf(a), metrics: { ...checkpointOf(a).metrics, converged: true } }));
    const b = new Run(2, cp.metrics.config, data, { net: cp.net, model: cp.model, averages: cp.averages });
    b.resume(cp.metrics);
    expect(b.finished).toBe(true);
    expect(b.message).toMatch(/finished its schedule/);
    expect(b.work()).toBe(0);
  });
});
