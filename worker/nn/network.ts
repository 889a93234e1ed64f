import { DigitPadError } from '../errors.ts';
import { activation } from './activations.ts';
import { Conv2D } from './conv.ts';
import { Dense } from './dense.ts';
import { tsKernels, type Kernels } from './kernels.ts';
import type { Layer } from './layer.ts';
import { softmax, softmaxCrossEntropy, softmaxCrossEntropyBackward } from './loss.ts';
import { applyUpdate, validateOptimizer, type OptimizerConfig, type Param } from './optimizer.ts';
import { Rng } from './rng.ts';
import { convPlan, denseInputs, validateSpec, type ModelSpec } from './spec.ts';
import { LayerMonitor } from './stats.ts';

export { describe, paramSizes, validateSpec, type ConvSpec, type ModelSpec } from './spec.ts';

export interface StepResult {
  loss: number;
  correct: number;
  learningRate: number;
}

/**
 * Optional convolutional blocks, hidden dense layers of one activation, then a linear layer
 * into softmax + cross-entropy.
 */
export class Network {
  readonly layers: Layer[];
  readonly params: Param[] = [];
  readonly monitors: LayerMonitor[];
  step = 0;
  private probs: Float32Array = new Float32Array(0);
  private dLogits: Float32Array = new Float32Array(0);

  constructor(
    readonly spec: ModelSpec,
    readonly optimizer: OptimizerConfig,
    readonly seed: number,
    kernels: Kernels = tsKernels,
  ) {
    validateSpec(spec);
    validateOptimizer(optimizer);
    const act = activation(spec.activation);
    const sizes = [denseInputs(spec), ...spec.hidden, spec.classes];
    this.layers = [
      ...convPlan(spec).map((plan) => new Conv2D(plan, act, kernels)),
      ...sizes.slice(1).map((units, i) => new Dense(sizes[i], units, i < spec.hidden.length ? act : null, kernels)),
    ];
    const rng = new Rng(seed);
    for (const l of this.layers) {
      l.init(rng);
      this.params.push(
        { value: l.w, grad: l.dw, m: kernels.alloc(l.w.length), v: kernels.alloc(l.w.length), decay: true },
        { value: l.b, grad: l.db, m: kernels.alloc(l.b.length), v: kernels.alloc(l.b.length), decay: false },
      );
    }
    this.monitors = this.layers.map((l) => new LayerMonitor(l.units, l.act, l.positions));
  }

  private checkBatch(x: Float32Array, batch: number): void {
    if (!Number.isInteger(batch) || batch < 1) throw new Error(`Batch size must be a positive integer, got ${batch}`);
    if (!(x instanceof Float32Array) || x.length < batch * this.spec.inputs) {
      throw new Error(`Expected a Float32Array of at least ${batch * this.spec.inputs} inputs for a batch of ${batch}`);
    }
  }

  /** Logits (batch, classes) for x (batch, inputs). */
  forward(x: Float32Array, batch: number): Float32Array {
    this.checkBatch(x, batch);
    let h = x;
    for (const l of this.layers) h = l.forward(h, batch);
    return h;
  }

  /**
   * One mini-batch of gradient descent; x is (batch, inputs), labels in 0..classes-1.
   * `learningRate`, when given, replaces the schedule's rate for this step.
   */
  trainBatch(x: Float32Array, labels: Uint8Array, batch: number, learningRate?: number): StepResult {
    const C = this.spec.classes;
    this.checkBatch(x, batch);
    if (labels.length < batch) throw new Error(`Expected ${batch} labels, got ${labels.length}`);
    for (let i = 0; i < batch; i++) {
      if (labels[i] >= C) throw new Error(`Label ${labels[i]} at ${i} is outside 0..${C - 1}`);
    }
    const logits = this.forward(x, batch);
    if (this.probs.length < batch * C) {
      this.probs = new Float32Array(batch * C);
      this.dLogits = new Float32Array(batch * C);
    }
    const { loss, correct } = softmaxCrossEntropy(this.probs, logits, labels, batch, C);
    if (!Number.isFinite(loss)) {
      throw new DigitPadError('diverged', `Training diverged at step ${this.step} (loss is ${loss}): lower the learning rate`);
    }
    softmaxCrossEntropyBackward(this.dLogits, this.probs, labels, batch, C);
    for (const l of this.layers) l.zeroGrad();
    let d = this.dLogits;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i];
      this.monitors[i].observe(l.out, batch);
      l.backward(i === 0 ? x : this.layers[i - 1].out, d, batch, i > 0);
      this.monitors[i].observeGrad(l.dw);
      d = l.dIn;
    }
    const rate = applyUpdate(this.optimizer, this.params, this.step, learningRate);
    this.step++;
    return { loss: loss / batch, correct, learningRate: rate };
  }

  /** The softmax outputs of the last trainBatch (batch × classes, row-major; valid until the next call). */
  get lastProbabilities(): Float32Array {
    return this.probs;
  }

  /** Probabilities and logits for one input. */
  predict(x: Float32Array): { probabilities: Float32Array; logits: Float32Array } {
    if (x.length !== this.spec.inputs) {
      throw new Error(`Expected ${this.spec.inputs} inputs, got ${x.length}`);
    }
    const logits = this.forward(x, 1).slice(0, this.spec.classes);
    const probabilities = new Float32Array(this.spec.classes);
    softmax(probabilities, logits);
    return { probabilities, logits };
  }
}
