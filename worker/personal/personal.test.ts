// The promise of "Correct a guess": a handful of your digits in a style MNIST lacks changes how
// that style is read, within a phase of training, while MNIST's own test set barely moves.
//
// The style: a narrow zero under a long, steep slash running past it to the drawing's corners.
// The crossed 7 that the issue suggests is not one: the app's augmented model already reads
// generated crossed 7s right (300 of 300, bench/personal.ts prints it). Neither, since its
// "not a digit" mixer keeps the generated digits it gets wrong (stop 23), are zeros slashed
// corner to corner of the ring (seed 1: 0.905 read right, 0.215 before): it learnt them from the
// generator's slashed 0. The long slash it takes for an 8 about half the time (0.485; seed 2: 0.215).
// The model is the app's default run with its schedule squeezed into two epochs (the full eight
// take minutes on a busy machine; the bench does them).
import { describe, expect, it } from 'vitest';
import { readMnist } from '../../scripts/mnist-node.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { memoryStore } from '../testing/memory-store.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';
import { Evaluation } from '../train/trainer.ts';
import { replayCorrections } from './replay.ts';
import { styledDigits, type Style } from './styles.ts';
import { verdictOf } from './reading.ts';
import { PHASE, YourDigits } from './your-digits.ts';

const mnist = readMnist();
/** PERSONAL_SEED=2 npx vitest run worker/personal/personal.test.ts repeats it with another model. */
const SEED = Number(process.env.PERSONAL_SEED ?? 1);

const readRight = (run: Run, xs: { input: Float32Array; label: number }[]) =>
  xs.filter((x) => verdictOf(run.model, x.input).predicted === x.label).length / xs.length;

describe('learning your digits', () => {
  it('20 slashed zeros, corrected one by one: held-out slashed zeros read better, MNIST test within 0.3 points', async () => {
    const kernels = await loadKernels();
    // The app's run with its schedule squeezed into two epochs: converged (its rate decayed, its
    // average settled) as a model is when a phase of your digits follows its schedule.
    const run = new Run(1, defaultConfig(SEED), mnist, { kernels, samplesTarget: 2 * 60_000 });
    run.net.optimizer.totalSteps = Math.ceil((2 * 60_000) / run.preset.batchSize);
    while (!run.finished) run.work();
    const before = { mnist: new Evaluation(run.model, mnist.test).run().accuracy };
    const style: Style = 'long-slash-0';
    const mine = styledDigits(style, 20, new Rng(11));
    const heldOut = styledDigits(style, 200, new Rng(12));
    const crossed7 = styledDigits('crossed-7', 100, new Rng(13));
    const heldBefore = readRight(run, heldOut), sevensBefore = readRight(run, crossed7);

    const yours = new YourDigits(memoryStore());
    await yours.open(true);
    const replayed = await replayCorrections(yours, run, mine);
    const after = { mnist: new Evaluation(run.model, mnist.test).run().accuracy };
    const heldAfter = readRight(run, heldOut);

    // Measured (stop 23): seed 1 held out 0.485 → 1.000, MNIST 97.66 → 97.72; seeds 2 and 3: 0.215 →
    // 1.000 and 0.495 → 1.000, MNIST 97.58 → 97.39 and 97.66 → 97.70 (the full 8-epoch model: bench).
    console.log(
      `long-slash zeros held out ${heldBefore.toFixed(3)} → ${heldAfter.toFixed(3)}; crossed 7s ${sevensBefore.toFixed(2)} → ${readRight(run, crossed7).toFixed(2)}; ` +
        `MNIST ${(100 * before.mnist).toFixed(2)} → ${(100 * after.mnist).toFixed(2)}; prequential ${replayed.filter((r) => r.verdict.predicted === r.label).length}/20; ` +
        `phases ${replayed.filter((r) => r.phase).length}; steps to read a correction right: ${replayed.filter((r) => r.steps).map((r) => r.steps).join(', ')}`,
    );
    expect(heldBefore).toBeLessThan(0.9);
    expect(heldAfter).toBeGreaterThan(heldBefore + 0.1);
    expect(heldAfter).toBeGreaterThan(0.95);
    expect(after.mnist).toBeGreaterThanOrEqual(before.mnist - 0.003);
    // Another style the person did not teach is not broken by this one.
    expect(readRight(run, crossed7)).toBeGreaterThanOrEqual(sevensBefore - 0.05);
    // Every correction was read right by the end of its own phase (within PHASE.steps steps).
    for (const r of replayed) if (r.phase && r.verdict.predicted !== r.label) expect(r.steps).not.toBeNull();
    expect(replayed.every((r) => r.steps === null || r.steps <= PHASE.steps)).toBe(true);

    // Prequential: each digit was scored before it was learnt, so the figure is below what the
    // model now scores on the same digits (all right after learning them).
    const p = yours.status().prequential;
    expect(p.scored).toBe(20);
    expect(p.correct).toBe(replayed.filter((r) => r.verdict.predicted === r.label).length);
    expect(readRight(run, mine)).toBe(1);
    expect(p.accuracy!).toBeLessThanOrEqual(1);
    // Learning the style shows in the trend: the later digits were read right more often.
    const firstHalf = replayed.slice(0, 10).filter((r) => r.verdict.predicted === r.label).length;
    const secondHalf = replayed.slice(10).filter((r) => r.verdict.predicted === r.label).length;
    expect(secondHalf).toBeGreaterThanOrEqual(firstHalf);
  });
});
