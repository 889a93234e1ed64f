// The hooks "Your digits" trains through: batch sources mixed in before augmentation, and a
// fine-tuning phase that lets a run whose schedule is over train a little more, then test and
// finish again.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { defaultConfig } from './run-config.ts';
import { PHASE_COST } from './phase.ts';
import { Run } from './run.ts';
import type { BatchSource } from './trainer.ts';

const mnist = readMnist();
const data = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
const config = { ...defaultConfig(5), hidden: [32] };

function finish(run: Run): number {
  let steps = 0;
  while (!run.finished) if (run.work() > 0) steps++;
  return steps;
}

describe('batch sources', () => {
  it('overwrite rows of every batch before it is trained on', () => {
    const run = new Run(1, config, data, { samplesTarget: 640 });
    const seen: number[] = [];
    const source: BatchSource = {
      mix(x, labels, n) {
        seen.push(n);
        x.fill(0, 0, 784); // row 0 becomes a blank image labelled 9
        labels[0] = 9;
        return 1;
      },
    };
    run.trainer.sources.push(source);
    const trained: [number, number][] = [];
    const step = run.net.trainBatch.bind(run.net);
    run.net.trainBatch = (x, y, n, lr) => {
      trained.push([y[0], x.subarray(0, 784).reduce((a, b) => a + b, 0)]);
      return step(x, y, n, lr);
    };
    finish(run);
    expect(seen).toEqual(Array(10).fill(64));
    // Distorted after mixing (a blank image stays blank), trained with its label.
    expect(trained).toEqual(Array(10).fill([9, 0]));
  });
});

describe('Run.tune', () => {
  it('does nothing while the schedule runs; after it, trains the phase, tests, and finishes again', () => {
    const run = new Run(1, config, data, { samplesTarget: 1280 });
    expect(run.tune({ steps: 5, learningRate: 1e-3, average: 0.5 })).toBe(false);
    finish(run);
    const tests = run.history.length;
    const samples = run.trainer.samplesSeen;
    const rates: number[] = [];
    const step = run.net.trainBatch.bind(run.net);
    run.net.trainBatch = (x, y, n, lr) => {
      const r = step(x, y, n, lr);
      rates.push(r.learningRate);
      return r;
    };
    expect(run.tune({ steps: 5, learningRate: 1e-3, average: 0.5 })).toBe(true);
    expect(run.finished).toBe(false);
    expect(run.tuning).toBe(true);
    expect(finish(run)).toBe(5);
    expect(run.tuning).toBe(false);
    expect(run.trainer.samplesSeen).toBe(samples + 5 * 64);
    // One test after the phase, then finished again, with its message.
    expect(run.history.length).toBe(tests + 1);
    expect(run.message).toMatch(/finished its schedule/);
    // The rate falls from the phase's peak along a cosine, whatever the schedule said.
    expect(rates[0]).toBeCloseTo(1e-3, 9);
    expect(rates.every((r, i) => i === 0 || r < rates[i - 1])).toBe(true);
    expect(rates[4]).toBeCloseTo(1e-3 * 0.5 * (1 + Math.cos((Math.PI * 4) / 5)), 9);
    // Afterwards the schedule's own (final) rate is back.
    run.tune({ steps: 1, learningRate: 7e-4, average: 0 });
    finish(run);
    expect(rates.at(-1)).toBeCloseTo(7e-4, 9);
  });

  it('asked late in the schedule, when its rate has fallen below the phase\'s, runs the phase after the schedule', () => {
    /** A run whose rate falls in a straight line from 1e-3 to 0 over its 20 steps. */
    const linear = () => {
      const run = new Run(1, config, data, { samplesTarget: 1280 });
      Object.assign(run.net.optimizer, { learningRate: 1e-3, schedule: 'linear', totalSteps: 20, warmupSteps: 0, decayStart: 0, finalFraction: 0 });
      return run;
    };
    const t = { steps: 5, learningRate: 5e-4, average: 0.5 };
    // Early (rate 1e-3): the schedule's own batches learn new samples; no phase.
    const early = linear();
    expect(early.tune(t)).toBe(false);
    expect(finish(early)).toBe(20);
    // Late (rate 4e-4 after 12 steps): the schedule ends, is tested, then the phase trains and is tested.
    const late = linear();
    while (late.net.step < 12) late.work();
    expect(late.learningRate).toBeCloseTo(4e-4, 9);
    expect(late.tune(t)).toBe(false);
    expect(late.tuning).toBe(false);
    const tests = late.history.length;
    expect(finish(late)).toBe(8 + 5);
    expect(late.history.length).toBe(tests + 2);
    expect(late.trainer.samplesSeen).toBe(1280 + 5 * 64);
    expect(late.message).toMatch(/finished its schedule/);
    expect(late.phaseDue).toBe(false);
    // A run halted meanwhile (diverged too often) finishes at the schedule's end, its phase refused.
    const halted = linear();
    while (halted.net.step < 12) halted.work();
    halted.tune(t);
    expect(halted.phaseDue).toBe(true);
    halted.halted = true;
    expect(finish(halted)).toBe(8);
    expect(halted.tuning).toBe(false);
    expect(halted.trainer.samplesSeen).toBe(1280);
  });

  it('the last step of a phase reaches the answering average at once', () => {
    const run = new Run(1, config, data, { samplesTarget: 1280 });
    finish(run);
    // average 1: the answering model is the trained weights after the phase, whatever the step count.
    run.tune({ steps: 3, learningRate: 1e-3, average: 1 });
    finish(run);
    expect(run.model).not.toBe(run.net);
    run.model.params.forEach((p, i) => expect(p.value).toEqual(run.net.params[i].value));
  });

  it('a phase in progress starts over with new steps; a failed run is left alone', () => {
    const run = new Run(1, config, data, { samplesTarget: 640 });
    finish(run);
    run.tune({ steps: 50, learningRate: 1e-4, average: 0.1 });
    run.work();
    run.work();
    expect(run.trainer.tuningLeft).toBe(48);
    expect(run.tune({ steps: 4, learningRate: 1e-4, average: 0.1 })).toBe(true);
    expect(finish(run)).toBe(4);
    run.failed = true;
    expect(run.tune({ steps: 4, learningRate: 1e-4, average: 0.1 })).toBe(false);
  });

  /** Every row of the phase's batches kept under the wrong label: what a mis-tap does, many times over. */
  const wrong: BatchSource = {
    mix(_x, labels, n) {
      for (let i = 0; i < n; i++) labels[i] = (labels[i] + 1) % 10;
      return n;
    },
  };
  const costly = { steps: 20, learningRate: 1e-2, average: 1 };
  const undoneNotice = new RegExp(`more than the ${100 * PHASE_COST} one learning phase may cost: it went back to how it was`);

  it('a phase that costs more than PHASE_COST of the test (and 5 images) is undone, with a notice; one that costs less stands', () => {
    for (const when of ['finished', 'queued late in the schedule', 'begun during the closing test'] as const) {
      const run = new Run(1, config, data, { samplesTarget: 1280, evalChunk: 50 });
      let weights: Float32Array[] = [];
      if (when === 'queued late in the schedule') {
        // The phase starts from the schedule's own closing test.
        Object.assign(run.net.optimizer, { learningRate: 1e-3, schedule: 'linear', totalSteps: 20, warmupSteps: 0, decayStart: 0, finalFraction: 0 });
        while (run.net.step < 12) run.work();
        run.tune(costly);
        while (run.trainer.samplesSeen < 1280 || run.evaluating) run.work();
        weights = run.model.params.map((p) => p.value.slice());
        run.trainer.sources.push(wrong);
      } else if (when === 'begun during the closing test') {
        // The baseline is the result of the test running when the phase was asked for.
        while (run.trainer.samplesSeen < 1280 || !run.evaluating) run.work();
        run.work();
        expect(run.evaluating).toBe(true);
        expect(run.report().testing).toBe(true); // the page says "testing" while the count stands still
        weights = run.model.params.map((p) => p.value.slice());
        run.trainer.sources.push(wrong);
        expect(run.tune(costly)).toBe(true);
      } else {
        finish(run);
        weights = run.model.params.map((p) => p.value.slice());
        run.trainer.sources.push(wrong);
        expect(run.tune(costly)).toBe(true);
      }
      finish(run);
      const before = run.history.filter((h) => h.samples === 1280).at(-1)!.testAccuracy!;
      // The phase's own test was recorded, then the figure from before it.
      expect(run.history.at(-2)!.testAccuracy, when).toBeLessThan(before - 0.05);
      expect(run.testAccuracy, when).toBe(before);
      expect(run.history.at(-1)!.testAccuracy).toBe(before);
      run.model.params.forEach((p, i) => expect(p.value).toEqual(weights[i]));
      expect(run.finished).toBe(true);
      expect(run.report().testing).toBe(false);
      expect(run.rewrites).toBe(1); // the session asks the bars again
      expect(run.work()).toBe(0); // finished for good: nothing trains past the schedule
      expect(run.notice).toMatch(undoneNotice);
      expect(run.notice).toMatch(/^Learning your digits cost the dense network /); // a pair's two networks both learn: the notice says which
      // A harmless phase (a tiny rate, true labels) stands, and the notice goes.
      run.trainer.sources.pop();
      run.tune({ steps: 2, learningRate: 1e-7, average: 1 });
      finish(run);
      expect(run.model.params.some((p, i) => p.value.some((v, j) => v !== weights[i][j]))).toBe(true);
      expect(run.notice).toBeNull();
    }
  });

  it('a take-back to a mark made during an undone phase brings the phase back with its check', () => {
    const run = new Run(1, config, data, { samplesTarget: 1280 });
    finish(run);
    const weights = run.model.params.map((p) => p.value.slice());
    run.trainer.sources.push(wrong);
    run.tune(costly);
    for (let i = 0; i < 5; i++) run.work();
    const mid = run.mark(); // a second tap, mid-phase: its take-back mark
    finish(run);
    expect(run.notice).toMatch(undoneNotice);
    // Its digit deleted: back to mid-phase; the phase runs on, is judged against the same start, and undone again.
    expect(run.undo(mid, Infinity)).toBe(true);
    expect(run.notice).toBeNull(); // about a tap now taken back
    expect(run.tuning).toBe(true);
    finish(run);
    run.model.params.forEach((p, i) => expect(p.value).toEqual(weights[i]));
    expect(run.notice).toMatch(undoneNotice);
  });

  it('a divergence notice from a later phase is not taken away as if it were the undone phase\'s', () => {
    const run = new Run(1, config, data, { samplesTarget: 1280 });
    finish(run);
    run.trainer.sources.push(wrong);
    run.tune(costly);
    finish(run);
    expect(run.notice).toMatch(undoneNotice);
    run.notice = 'Training diverged …';
    run.trainer.sources.pop();
    run.tune({ steps: 2, learningRate: 1e-7, average: 1 });
    finish(run);
    expect(run.notice).toBe('Training diverged …');
  });
});
