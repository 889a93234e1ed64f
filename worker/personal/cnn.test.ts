// Your digits are model-agnostic: the rehearsal source and the fine-tuning phase work the same in
// a run of the convolutional network (RunConfig kind 'cnn'), here on a short schedule.
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { memoryStore } from '../testing/memory-store.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { STYLE_LABEL, STYLES, styledDigits } from './styles.ts';
import { verdictOf } from './reading.ts';
import { PHASE, YourDigits } from './your-digits.ts';

const mnist = readMnist();

describe('your digits in a CNN', () => {
  it('a misread digit of a style MNIST lacks is learnt by a converged CNN run in one phase', async () => {
    const kernels = await loadKernels();
    const data = { train: subset(mnist.train, 0, 6000), test: subset(mnist.test, 0, 500) };
    const run = new Run(1, defaultConfig(1, 'cnn'), data, { kernels, samplesTarget: 6000 });
    run.net.optimizer.totalSteps = Math.ceil(6000 / run.preset.batchSize); // the schedule in one pass
    expect(run.net.spec.conv?.length).toBe(2);
    while (!run.finished) run.work();

    const yours = new YourDigits(memoryStore());
    await yours.open(true);
    yours.attach(run);
    // The first style with a misread digit: the CNN trains on slashed zeros, crossed 7s and
    // flagged 1s of its own (worker/train/styles.ts), so it reads nearly all of them (the first
    // 40 of each since the long slashes, stop 21).
    const found = STYLES.map((style) => ({ label: STYLE_LABEL[style], wrong: styledDigits(style, 1000, new Rng(11)).find((z) => verdictOf(run.model, z.input).predicted !== STYLE_LABEL[style]) }))
      .find((f) => f.wrong !== undefined);
    expect(found).toBeDefined();
    const { label, wrong } = found!;
    const digit = await yours.add(run.model, wrong!.input, label);
    expect(digit.verdict!.predicted).not.toBe(label);
    expect(yours.learn([digit])).toBe(true);
    let steps = 0, rightAt: number | null = null;
    while (!run.finished) {
      if (run.work() === 0) continue;
      steps++;
      if (rightAt === null && verdictOf(run.model, wrong!.input).predicted === label) rightAt = steps;
    }
    console.log(`CNN: a styled ${label} read as ${digit.verdict!.predicted} is read as ${label} after ${rightAt} steps of the phase`);
    expect(steps).toBe(PHASE.steps);
    expect(rightAt).not.toBeNull();
    expect(verdictOf(run.model, wrong!.input).predicted).toBe(label);
    expect(yours.rehearsalOf(run)!.contrastRows).toBeGreaterThan(0);
  });
});
