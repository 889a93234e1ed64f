import { fillBatch, PIXELS, type MnistSet } from '../data/mnist.ts';
import { Network } from '../nn/network.ts';
import { softmaxCrossEntropy } from '../nn/loss.ts';
import { Rng } from '../nn/rng.ts';
import type { Preset } from './presets.ts';
import { augmentBatch, defaultAugment, type AugmentLimits } from './augment.ts';
import { NonDigitMixer } from '../notdigit/mixer.ts';
import { digitsCorrect } from '../notdigit/verdict.ts';
import { Confusion } from './confusion.ts';
import { elasticBatch } from './elastic.ts';
import { varyStrokeWidth } from './strokes.ts';
import { addStyles } from './styles.ts';

export interface EvalResult {
  accuracy: number;
  loss: number;
}

/**
 * Samples mixed into training batches besides MNIST: the person's own digits (worker/personal),
 * generated non-digits. A source overwrites some rows of each MNIST batch, before the batch is
 * distorted, so its samples get the same augmentation.
 */
export interface BatchSource {
  /** Overwrites some of the n rows of x (n × 784, 0..1) and their labels; returns how many. */
  mix(x: Float32Array, labels: Uint8Array, n: number): number;
  /**
   * After the step: the network's probabilities for the batch (n × classes) and the labels it
   * was trained on (a later source may have overwritten rows this one filled).
   */
  learnt?(probabilities: Float32Array, labels: Uint8Array, classes: number): void;
}

/**
 * A short fine-tuning phase (e.g. new personal digits after the schedule ended): `steps` steps
 * whose learning rate falls from `learningRate` to 0 along a cosine instead of following the
 * schedule, the running average moving at least at `average` per step so the answering model
 * follows within a few steps.
 */
export interface Tuning {
  steps: number;
  learningRate: number;
  average: number;
}

/**
 * Mini-batch training over MNIST in small slices of work, so the caller can interleave other
 * requests (predictions) between slices. Pure: no timers, no messaging.
 */
/** Steps between updates of the running average of the weights. */
const AVERAGE_EVERY = 4;

export class Trainer {
  readonly rng: Rng;
  epoch = 0;
  samplesSeen = 0;
  /** Position in the current epoch's shuffled order. */
  private cursor = 0;
  private order: Uint32Array;
  /** The batch, in the kernels' memory: the first layer reads it where it is, no copy. */
  private x: Float32Array;
  private xBytes: Uint8Array;
  private y: Uint8Array;
  private lossSum = 0;
  private correctSum = 0;
  private countSum = 0;

  private sinceAverage = 0;
  /** Updates the running average has had (checkpoints keep it: its early rate depends on it). */
  averages = 0;
  /**
   * The model that answers (tests, predictions): the running average of the trained weights
   * when the preset keeps one, else the trained network itself.
   */
  readonly model: Network;
  /** Mixed into every batch, in order (see BatchSource): generated non-digits first, when the preset asks. */
  readonly sources: BatchSource[] = [];
  /** The fine-tuning phase in progress, if any (see tune). */
  private tuning: Tuning | null = null;
  private tuned = 0;

  constructor(
    readonly net: Network,
    readonly preset: Preset,
    readonly train: MnistSet,
    /** A restored running average (from a checkpoint) to carry on with. */
    restored?: { model: Network; averages: number },
  ) {
    this.rng = new Rng(net.seed ^ 0x9e3779b9);
    this.order = new Uint32Array(train.count);
    const k = net.layers[0].kernels;
    this.model = net;
    if (preset.average) {
      const from = restored && restored.model !== net ? restored.model : net;
      this.model = new Network(net.spec, net.optimizer, net.seed, k);
      this.model.params.forEach((p, i) => p.value.set(from.params[i].value));
      this.averages = from === net ? 0 : restored!.averages;
    }
    this.x = k.alloc(preset.batchSize * PIXELS);
    this.xBytes = k.allocBytes(preset.batchSize * PIXELS);
    this.y = new Uint8Array(preset.batchSize);
    if (preset.nonDigits) {
      if (net.spec.classes !== preset.nonDigits.classIndex + 1) {
        throw new Error(`nonDigits.classIndex ${preset.nonDigits.classIndex} needs ${preset.nonDigits.classIndex + 1} classes, the model has ${net.spec.classes}`);
      }
      this.sources.push(new NonDigitMixer(preset.nonDigits, new Rng(net.seed ^ 0x6e6f7464)));
    }
    this.newEpoch();
  }

  private newEpoch(): void {
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng.shuffle(this.order);
    this.cursor = 0;
  }

  private augmentLimits(): AugmentLimits {
    const d = this.preset.augmentLimits ?? defaultAugment;
    const ramp = this.preset.augmentRamp ?? 0;
    const t = ramp > 0 ? Math.min(1, this.samplesSeen / ramp) : 1;
    if (t === 1) return d;
    return {
      rotate: d.rotate * t, scale: d.scale * t, shear: d.shear * t, shift: d.shift * t,
      ...(d.thicker || d.thinner ? { thicker: (d.thicker ?? 0) * t, thinner: (d.thinner ?? 0) * t } : {}),
      ...(d.elastic ? { elastic: d.elastic * t } : {}),
    };
  }

  /**
   * Carries on from a saved position: the epoch in progress continues with a fresh shuffle for
   * the images it had left, so epochs still end every `train.count` samples.
   */
  resumeAt(samplesSeen: number, epoch: number): void {
    this.samplesSeen = samplesSeen;
    this.epoch = epoch;
    this.cursor = Math.min(Math.max(0, samplesSeen - epoch * this.train.count), this.order.length - 1);
  }

  get done(): boolean {
    return this.epoch >= this.preset.epochs;
  }

  /** Starts a fine-tuning phase (a phase in progress starts over); null ends one. */
  tune(t: Tuning | null): void {
    this.tuning = t && { ...t };
    this.tuned = 0;
  }

  /** The fine-tuning phase as it stands (copies), to be put back by a run's undo. */
  get phaseState(): { tuning: Tuning | null; tuned: number } {
    return { tuning: this.tuning && { ...this.tuning }, tuned: this.tuned };
  }

  set phaseState(s: { tuning: Tuning | null; tuned: number }) {
    this.tuning = s.tuning && { ...s.tuning };
    this.tuned = s.tuned;
  }

  /** Steps left in the fine-tuning phase (0 when there is none). */
  get tuningLeft(): number {
    return this.tuning ? this.tuning.steps - this.tuned : 0;
  }

  /** Trains one mini-batch; reshuffles at each epoch's end. Returns the samples used. */
  step(): number {
    const k = this.net.layers[0].kernels;
    const n = fillBatch(this.train, this.order, this.cursor, this.preset.batchSize, this.x, this.y, k, this.xBytes);
    if (this.preset.styles) addStyles(this.x, this.y, n, this.rng, this.preset.styles);
    for (const source of this.sources) source.mix(this.x, this.y, n);
    if (this.preset.augment) {
      const lim = this.augmentLimits();
      augmentBatch(this.x, n, this.rng, lim, k);
      if (lim.thicker || lim.thinner) varyStrokeWidth(this.x, n, this.rng, lim.thicker ?? 0, lim.thinner ?? 0, k);
      if (lim.elastic) elasticBatch(this.x, n, this.rng, lim.elastic);
    }
    const tuning = this.tuning;
    const lr = tuning ? tuning.learningRate * 0.5 * (1 + Math.cos((Math.PI * this.tuned) / tuning.steps)) : undefined;
    if (tuning && ++this.tuned >= tuning.steps) this.tuning = null;
    const r = this.net.trainBatch(this.x, this.y, n, lr);
    for (const source of this.sources) source.learnt?.(this.net.lastProbabilities, this.y, this.net.spec.classes);
    // The average moves every few steps by the rate those steps would have added up to: the
    // pass over every weight is memory-bound, and a step-by-step one cost ~14% of a step.
    // Early on the average follows closely (as TensorFlow's moving averages do with a step
    // count), so it does not lag behind a network that is still learning fast.
    // A tuning phase's last step is averaged in at once: no later step may come to do it.
    const last = tuning !== null && this.tuning === null;
    if (this.model !== this.net && (++this.sinceAverage === AVERAGE_EVERY || last)) {
      const perStep = Math.max(this.preset.average!, tuning?.average ?? 0);
      const rate = Math.max(1 - (1 - perStep) ** this.sinceAverage, 9 / (10 + this.averages++));
      this.model.params.forEach((p, i) => k.average(p.value, this.net.params[i].value, p.value.length, rate));
      this.sinceAverage = 0;
    }
    this.cursor += n;
    this.samplesSeen += n;
    this.lossSum += r.loss * n;
    this.correctSum += r.correct;
    this.countSum += n;
    if (this.cursor >= this.order.length) {
      this.epoch++;
      this.newEpoch();
    }
    return n;
  }

  /** Mean loss and accuracy over batches since the last call. */
  takeTrainingStats(): { loss: number; accuracy: number } {
    const c = Math.max(1, this.countSum);
    const out = { loss: this.lossSum / c, accuracy: this.correctSum / c };
    this.lossSum = this.correctSum = this.countSum = 0;
    return out;
  }
}

/**
 * Evaluates in chunks: call `next(n)` until it returns a result. Batched forward passes are
 * much faster than one image at a time.
 */
export class Evaluation {
  private pos = 0;
  private correct = 0;
  private loss = 0;
  private x: Float32Array;
  private xBytes: Uint8Array;
  private y: Uint8Array;
  private order: Uint32Array;
  private probs: Float32Array;
  /** Where this pass went wrong (read after next() returns a result). */
  readonly confusion = new Confusion();

  constructor(readonly net: Network, readonly set: MnistSet, private readonly batch = 250) {
    const k = net.layers[0].kernels;
    this.x = k.alloc(batch * PIXELS);
    this.xBytes = k.allocBytes(batch * PIXELS);
    this.y = new Uint8Array(batch);
    this.probs = new Float32Array(batch * net.spec.classes);
    this.order = Uint32Array.from({ length: set.count }, (_, i) => i);
  }

  /** Back to the first image, for another pass over the same set. */
  restart(): this {
    this.pos = this.correct = this.loss = 0;
    this.confusion.reset();
    return this;
  }

  /** Processes up to one chunk; returns the result once the whole set is done. */
  next(): EvalResult | null {
    const n = fillBatch(this.set, this.order, this.pos, this.batch, this.x, this.y, this.net.layers[0].kernels, this.xBytes);
    const C = this.net.spec.classes;
    const logits = this.net.forward(this.x, n);
    const r = softmaxCrossEntropy(this.probs, logits, this.y, n, C);
    this.loss += r.loss;
    // A model with a "not a digit" output is scored on the digits' outputs alone.
    this.correct += C > 10 ? digitsCorrect(logits, this.y, n, C) : r.correct;
    this.confusion.observe(this.probs, this.y, this.pos, n, this.net.spec.classes);
    this.pos += n;
    if (this.pos < this.set.count) return null;
    return { accuracy: this.correct / this.set.count, loss: this.loss / this.set.count };
  }

  /** Runs to completion (benchmarks and tests). */
  run(): EvalResult {
    for (;;) {
      const r = this.next();
      if (r) return r;
    }
  }
}
