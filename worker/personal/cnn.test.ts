// Your digits are model-agnostic: the rehearsal source and the fine-tuning phase work the same in
// a convolutional network's trainer (the cnn preset's shape, made small for a test).
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { Network } from '../nn/network.ts';
import { Rng } from '../nn/rng.ts';
import { memoryStore } from '../testing/memory-store.ts';
import { preset } from '../train/presets.ts';
import { Trainer } from '../train/trainer.ts';
import { styledDigits } from './styles.ts';
import { PHASE, verdictOf, YourDigits } from './your-digits.ts';

const mnist = readMnist();

describe('your digits in a CNN', () => {
  it('a misread slashed zero is learnt by a converged CNN in one phase', async () => {
    const kernels = await loadKernels();
    const p = preset('cnn');
    p.spec = { ...p.spec, hidden: [32], conv: [{ filters: 8, kernel: 5, padding: 'same', pool: true }, { filters: 16, kernel: 5, padding: 'same', pool: true }] };
    p.epochs = 1;
    p.optimizer.totalSteps = Math.ceil(6000 / p.batchSize);
    const net = new Network(p.spec, p.optimizer, 1, kernels);
    const trainer = new Trainer(net, p, subset(mnist.train, 0, 6000));
    while (!trainer.done) trainer.step();

    const yours = new YourDigits(memoryStore());
    await yours.open(true);
    trainer.sources.push(yours.rehearsal);
    yours.rehearsal.setReplay(trainer.train);
    const zeros = styledDigits('slashed-0', 30, new Rng(11));
    const wrong = zeros.find((z) => verdictOf(trainer.model, z.input).predicted !== 0);
    expect(wrong).toBeDefined();
    const digit = await yours.add(trainer.model, wrong!.input, 0);
    expect(digit.verdict!.predicted).not.toBe(0);
    // What Run.tune does after a schedule: the digit fresh in the batches, a phase of steps.
    yours.learn(null, [digit]);
    trainer.tune(PHASE);
    let steps = 0, rightAt: number | null = null;
    while (trainer.tuningLeft > 0) {
      trainer.step();
      steps++;
      if (rightAt === null && verdictOf(trainer.model, wrong!.input).predicted === 0) rightAt = steps;
    }
    console.log(`CNN (small): a slashed zero read as ${digit.verdict!.predicted} is read as 0 after ${rightAt} steps of the phase`);
    expect(steps).toBe(PHASE.steps);
    expect(rightAt).not.toBeNull();
    expect(verdictOf(trainer.model, wrong!.input).predicted).toBe(0);
    expect(yours.rehearsal.rows).toBeGreaterThan(0);
    expect(yours.rehearsal.contrastRows).toBeGreaterThan(0);
  });
});
