// The same CNN in TensorFlow.js (benchmark only): same initial weights (TF.js's filter layout
// (k, k, cin, cout) and channels-last flattening are ours), same shuffled order, batch and
// Adam schedule. The backward pass is written out with TF.js's own kernels — Conv2DBackpropFilter,
// conv2dTranspose (Conv2DBackpropInput), MaxPoolGrad — because tfjs-core's Node bundle
// registers no gradient functions (see tfjs.ts); autodiff would run the same kernels.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { fillBatch, PIXELS, type MnistSet } from '../worker/data/mnist.ts';
import { Network } from '../worker/nn/network.ts';
import { learningRateAt } from '../worker/nn/optimizer.ts';
import { Rng } from '../worker/nn/rng.ts';
import { convPlan } from '../worker/nn/spec.ts';
import type { Preset } from '../worker/train/presets.ts';
import { prepareTfjsWasm } from './tfjs.ts';

type T4 = tf.Tensor4D;

export class TfjsCnn {
  samples = 0;
  trainSeconds = 0;
  private step = 0;
  private cursor = 0;
  private readonly order: Uint32Array;
  private readonly x: Float32Array;
  private readonly y: Uint8Array;
  private readonly vars: tf.Variable[] = [];
  private readonly opt: tf.AdamOptimizer;

  private constructor(readonly backend: 'cpu' | 'wasm', readonly p: Preset, readonly train: MnistSet, seed: number) {
    const rng = new Rng(seed ^ 0x9e3779b9); // the Trainer's first shuffle
    this.order = rng.shuffle(Uint32Array.from({ length: train.count }, (_, i) => i));
    this.x = new Float32Array(p.batchSize * PIXELS);
    this.y = new Uint8Array(p.batchSize);
    const init = new Network(p.spec, p.optimizer, seed);
    const plans = convPlan(p.spec);
    init.layers.forEach((l, i) => {
      const pl = plans[i];
      const w = pl ? tf.tensor4d(l.w, [pl.k, pl.k, pl.cin, pl.cout]) : tf.tensor2d(l.w, [l.inputs, l.units]);
      this.vars.push(tf.variable(w), tf.variable(tf.tensor1d(l.b)));
    });
    const o = p.optimizer;
    this.opt = tf.train.adam(o.learningRate, o.beta1, o.beta2, 1e-8);
  }

  static async create(backend: 'cpu' | 'wasm', p: Preset, seed: number, train: MnistSet): Promise<TfjsCnn> {
    if (backend === 'wasm') await prepareTfjsWasm();
    if (!(await tf.setBackend(backend))) throw new Error(`TF.js ${backend} backend failed to initialise`);
    return new TfjsCnn(backend, p, train, seed);
  }

  get name(): string {
    return `tfjs-${this.backend}`;
  }

  private async use(): Promise<void> {
    if (tf.getBackend() !== this.backend && !(await tf.setBackend(this.backend))) throw new Error(`TF.js ${this.backend} failed`);
  }

  /** Logits; with `saved`, every conv block's input, activation and pooled output and every dense input. */
  private logits(x: T4, saved?: tf.Tensor[][]): tf.Tensor2D {
    const plans = convPlan(this.p.spec);
    let h: tf.Tensor = x;
    plans.forEach((pl, i) => {
      const a = tf.relu(tf.add(tf.conv2d(h as T4, this.vars[2 * i] as tf.Tensor4D, 1, pl.pad ? 'same' : 'valid'), this.vars[2 * i + 1]));
      const out = pl.pool ? tf.maxPool(a as T4, 2, 2, 'valid') : a;
      saved?.push([h, a, out]);
      h = out;
    });
    h = tf.reshape(h, [x.shape[0], -1]);
    for (let i = 2 * plans.length; i < this.vars.length; i += 2) {
      saved?.push([h]);
      h = tf.add(tf.matMul(h as tf.Tensor2D, this.vars[i] as tf.Tensor2D), this.vars[i + 1]);
      if (i + 2 < this.vars.length) h = tf.relu(h);
    }
    return h as tf.Tensor2D;
  }

  private trainStep(x: T4, onehot: tf.Tensor2D, n: number): void {
    const plans = convPlan(this.p.spec), saved: tf.Tensor[][] = [];
    let d: tf.Tensor = tf.div(tf.sub(tf.softmax(this.logits(x, saved)), onehot), n);
    const grads: { name: string; tensor: tf.Tensor }[] = [];
    for (let l = this.vars.length / 2 - 1; l >= 0; l--) {
      const w = this.vars[2 * l], s = saved[l];
      const pl = plans[l];
      if (!pl) {
        grads.push({ name: w.name, tensor: tf.matMul(s[0] as tf.Tensor2D, d as tf.Tensor2D, true, false) });
        grads.push({ name: this.vars[2 * l + 1].name, tensor: tf.sum(d, 0) });
        if (l === 0) break;
        d = tf.matMul(d as tf.Tensor2D, w as tf.Tensor2D, false, true);
        d = l > plans.length ? tf.mul(d, tf.step(s[0])) : tf.reshape(d, saved[l - 1][2].shape);
        continue;
      }
      const [input, act, out] = s;
      if (pl.pool) d = tf.engine().runKernel('MaxPoolGrad', { dy: d, input: act, output: out }, { filterSize: 2, strides: 2, pad: 'valid' }) as tf.Tensor;
      d = tf.mul(d, tf.step(act));
      const pad = pl.pad ? 'same' : 'valid';
      const filterShape = [pl.k, pl.k, pl.cin, pl.cout];
      grads.push({ name: w.name, tensor: tf.engine().runKernel('Conv2DBackpropFilter', { x: input, dy: d }, { strides: 1, pad, dataFormat: 'NHWC', filterShape }) as tf.Tensor });
      grads.push({ name: this.vars[2 * l + 1].name, tensor: tf.sum(d, [0, 1, 2]) });
      if (l > 0) d = tf.mul(tf.conv2dTranspose(d as T4, w as tf.Tensor4D, input.shape as [number, number, number, number], 1, pad), tf.step(input));
    }
    this.opt.applyGradients(grads);
  }

  /** Trains whole batches until `samples` more have been seen (or the epoch's order runs out). */
  async trainFor(samples: number): Promise<void> {
    await this.use();
    const side = Math.sqrt(this.p.spec.inputs), target = this.samples + samples;
    const t0 = performance.now();
    while (this.samples < target && this.cursor < this.order.length) {
      const n = fillBatch(this.train, this.order, this.cursor, this.p.batchSize, this.x, this.y);
      (this.opt as unknown as { learningRate: number }).learningRate = learningRateAt(this.p.optimizer, this.step);
      tf.tidy(() => {
        const xs = tf.tensor4d(this.x.subarray(0, n * PIXELS), [n, side, side, 1]);
        const ys = tf.oneHot(tf.tensor1d(this.y.subarray(0, n), 'int32'), this.p.spec.classes) as tf.Tensor2D;
        this.trainStep(xs, ys, n);
      });
      this.step++;
      this.cursor += n;
      this.samples += n;
    }
    this.trainSeconds += (performance.now() - t0) / 1000;
  }

  /** Milliseconds of one image's forward pass (input upload to logits read back), p50 over `runs`. */
  async forwardMs(image: Float32Array, runs = 200): Promise<number> {
    await this.use();
    const side = Math.sqrt(this.p.spec.inputs), times: number[] = [];
    for (let r = 0; r < runs + 20; r++) {
      const t0 = performance.now();
      tf.tidy(() => this.logits(tf.tensor4d(image, [1, side, side, 1])).dataSync());
      if (r >= 20) times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[runs >> 1];
  }

  /** Accuracy of the weights on `set` (checks that this run really trains the same net). */
  async evaluate(set: MnistSet, count = 1000): Promise<number> {
    await this.use();
    const side = Math.sqrt(this.p.spec.inputs), x = new Float32Array(count * PIXELS), y = new Uint8Array(count);
    fillBatch(set, Uint32Array.from({ length: count }, (_, i) => i), 0, count, x, y);
    const guess = tf.tidy(() => tf.argMax(this.logits(tf.tensor4d(x, [count, side, side, 1])), 1).dataSync());
    let right = 0;
    for (let i = 0; i < count; i++) if (guess[i] === y[i]) right++;
    return right / count;
  }
}
