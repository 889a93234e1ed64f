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
import { styledDigits } from './styles.ts';
import { PHASE, verdictOf, YourDigits } from './your-digits.ts';

const mnist = readMnist();

describe('your digits in a CNN', () => {
  it('a misread slashed zero is learnt by a converged CNN run in one phase', async () => {
    const kernels = await loadKernels();
    const data = { train: subset(mnist.train, 0, 6000), test: subset(mnist.test, 0, 500) };
    const run = new Run(1, defaultConfig(1, 'cnn'), data, { kernels, samplesTarget: 6000 });
    run.net.optimizer.totalSteps = Math.ceil(6000 / run.preset.batchSize); // the schedule in one pass
    expect(run.net.spec.conv?.length).toBe(2);
    while (!run.finished) run.work();

    const yours = new YourDigits(memoryStore());
    await yours.open(true);
    yours.attach(run);
    const zeros = styledDigits('slashed-0', 40, new Rng(11));
    const wrong = zeros.find((z) => verdictOf(run.model, z.input).predicted !== 0);
    expect(wrong).toBeDefined();
    const digit = await yours.add(run.model, wrong!.input, 0);
    expect(digit.verdict!.predicted).not.toBe(0);
    expect(yours.learn([digit])).toBe(true);
    let steps = 0, rightAt: number | null = null;
    while (!run.finished) {
      if (run.work() === 0) continue;
      steps++;
      if (rightAt === null && verdictOf(run.model, wrong!.input).predicted === 0) rightAt = steps;
    }
    console.log(`CNN: a slashed zero read as ${digit.verdict!.predicted} is read as 0 after ${rightAt} steps of the phase`);
    expect(steps).toBe(PHASE.steps);
    expect(rightAt).not.toBeNull();
    expect(verdictOf(run.model, wrong!.input).predicted).toBe(0);
    expect(yours.rehearsalOf(run)!.contrastRows).toBeGreaterThan(0);
  });
});
