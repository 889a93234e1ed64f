// Our network on one backend, trained as the app trains it; also a chunked form for the
// interleaved comparison (compare.ts), which must not own the loop.
import type { MnistSet } from '../worker/data/mnist.ts';
import type { Kernels } from '../worker/nn/kernels.ts';
import { Network } from '../worker/nn/network.ts';
import type { Preset } from '../worker/train/presets.ts';
import { Evaluation, Trainer } from '../worker/train/trainer.ts';

export interface EvalRow {
  samples: number;
  trainSeconds: number;
  accuracy: number;
}

export interface TrainResult {
  net: Network;
  /** The model that answers (the running average, when the preset keeps one). */
  model: Network;
  samplesPerSec: number;
  secondsTo97: number | null;
  secondsTo99: number | null;
  accuracy: number;
  peakRss: number;
}

/** A training run that advances by whole batches up to a sample count, timing only training. */
export class OursRun {
  readonly net: Network;
  readonly trainer: Trainer;
  trainSeconds = 0;

  constructor(readonly p: Preset, seed: number, readonly kernels: Kernels, readonly data: { train: MnistSet; test: MnistSet }) {
    this.net = new Network(p.spec, p.optimizer, seed, kernels);
    this.trainer = new Trainer(this.net, p, data.train);
  }

  get samples(): number {
    return this.trainer.samplesSeen;
  }

  trainUntil(samples: number): void {
    const t0 = performance.now();
    while (!this.trainer.done && this.trainer.samplesSeen < samples) this.trainer.step();
    this.trainSeconds += (performance.now() - t0) / 1000;
  }

  evaluate(): number {
    return new Evaluation(this.trainer.model, this.data.test).run().accuracy;
  }
}

/** Trains p for its epochs, evaluating evalsPerEpoch times per epoch. */
export function trainOurs(
  p: Preset,
  seed: number,
  kernels: Kernels,
  data: { train: MnistSet; test: MnistSet },
  evalsPerEpoch: number,
  onEval: (row: EvalRow) => void = () => {},
  /** Stop after this many samples (the first epochs of a longer schedule). */
  maxSamples = Infinity,
): TrainResult {
  const run = new OursRun(p, seed, kernels, data);
  const evalEvery = Math.floor(data.train.count / evalsPerEpoch);
  let secondsTo97: number | null = null, secondsTo99: number | null = null;
  let accuracy = 0;
  let peakRss = process.memoryUsage().rss;
  for (let next = evalEvery; !run.trainer.done && run.samples < maxSamples; next += evalEvery) {
    run.trainUntil(next);
    accuracy = run.evaluate();
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (secondsTo97 === null && accuracy >= 0.97) secondsTo97 = run.trainSeconds;
    if (secondsTo99 === null && accuracy >= 0.99) secondsTo99 = run.trainSeconds;
    onEval({ samples: run.samples, trainSeconds: run.trainSeconds, accuracy });
  }
  return { net: run.net, model: run.trainer.model, samplesPerSec: run.samples / run.trainSeconds, secondsTo97, secondsTo99, accuracy, peakRss };
}
