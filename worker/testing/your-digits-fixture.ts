// What the Your digits tests share: a slice of real MNIST, the WASM kernels, a small finished
// run, a wall clock, and digits in styles MNIST lacks.
import { readMnist } from '../../scripts/mnist-node.ts';
import { subset } from '../data/mnist.ts';
import { loadKernels } from '../nn/backend.ts';
import { Rng } from '../nn/rng.ts';
import { Rehearsal } from '../personal/rehearsal.ts';
import { styledDigits } from '../personal/styles.ts';
import { defaultConfig } from '../train/run-config.ts';
import { Run } from '../train/run.ts';

const mnist = readMnist();
export const data = { train: subset(mnist.train, 0, 4000), test: subset(mnist.test, 0, 500) };
export const kernels = await loadKernels();

/** A small run that has finished its (short) schedule. */
export function finishedRun(): Run {
  const run = new Run(1, { ...defaultConfig(3), hidden: [32] }, data, { kernels, samplesTarget: 4000 });
  while (!run.finished) run.work();
  return run;
}

/** The run's batch sources that mix your digits in (beside the generated non-digits). */
export const rehearsals = (run: Run) => run.trainer.sources.filter((s) => s instanceof Rehearsal);

let clock = 1_700_000_000_000;
export const wall = () => (clock += 1000);
export const drawings = styledDigits('slashed-0', 6, new Rng(1)).concat(styledDigits('crossed-7', 3, new Rng(2)));
