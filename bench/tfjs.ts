// The same MLP in TensorFlow.js (benchmark only — the app never imports TF.js): same initial
// weights (copied from our network), same shuffled order, same batch and Adam schedule.
// The backward pass is written out with TF.js ops (matMul with transposes, the ReLU mask,
// softmax − one-hot) and handed to TF.js's Adam: tfjs-core's Node bundle registers no
// gradient functions (those come with the full @tensorflow/tfjs package), and the explicit
// form does the same kernel work as autodiff without the tape's bookkeeping.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fillBatch, PIXELS, type MnistSet } from '../worker/data/mnist.ts';
import { Network } from '../worker/nn/network.ts';
import { learningRateAt } from '../worker/nn/optimizer.ts';
import { Rng } from '../worker/nn/rng.ts';
import type { Preset } from '../worker/train/presets.ts';

let wasmReady: Promise<void> | null = null;

/** One thread, and the .wasm files from node_modules (Node has no page to fetch them from). */
export function prepareTfjsWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const dist = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
    setWasmPaths(`${dist}/`);
    setThreadsCount(1); // before the backend initialises
    if (!(await tf.setBackend('wasm'))) throw new Error('TF.js wasm backend failed to initialise');
  })();
  return wasmReady;
}

/** A TF.js training run on one backend; every call switches TF.js to that backend first. */
export class TfjsRun {
  samples = 0;
  trainSeconds = 0;
  private epoch = 0;
  private cursor = 0;
  private step = 0;
  private readonly order: Uint32Array;
  private readonly rng: Rng;
  private readonly x: Float32Array;
  private readonly y: Uint8Array;
  private vars: tf.Variable[] = [];
  private opt!: tf.AdamOptimizer;

  private constructor(readonly backend: 'cpu' | 'wasm', readonly p: Preset, readonly data: { train: MnistSet; test: MnistSet }, seed: number) {
    // Exactly the Trainer's shuffle: the same Rng stream, reshuffled from 0..n−1 each epoch.
    this.rng = new Rng(seed ^ 0x9e3779b9);
    this.order = new Uint32Array(data.train.count);
    this.x = new Float32Array(p.batchSize * PIXELS);
    this.y = new Uint8Array(p.batchSize);
    this.shuffle();
  }

  static async create(backend: 'cpu' | 'wasm', p: Preset, seed: number, data: { train: MnistSet; test: MnistSet }): Promise<TfjsRun> {
    if (backend === 'wasm') await prepareTfjsWasm();
    const run = new TfjsRun(backend, p, data, seed);
    await run.use();
    const init = new Network(p.spec, p.optimizer, seed); // the same initial weights as ours
    for (const l of init.layers) {
      run.vars.push(tf.variable(tf.tensor2d(l.w, [l.inputs, l.units])), tf.variable(tf.tensor1d(l.b)));
    }
    const o = p.optimizer;
    run.opt = tf.train.adam(o.learningRate, o.beta1, o.beta2, 1e-8);
    return run;
  }

  get name(): string {
    return `tfjs-${this.backend}`;
  }

  get done(): boolean {
    return this.epoch >= this.p.epochs;
  }

  private shuffle(): void {
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.rng.shuffle(this.order);
    this.cursor = 0;
  }

  private async use(): Promise<void> {
    if (tf.getBackend() !== this.backend && !(await tf.setBackend(this.backend))) {
      throw new Error(`TF.js ${this.backend} backend failed to initialise`);
    }
  }

  /** Logits for xs; with `acts`, also every layer's input (xs, then the hidden ReLU outputs). */
  private logits(xs: tf.Tensor2D, acts?: tf.Tensor2D[]): tf.Tensor2D {
    let h: tf.Tensor2D = xs;
    for (let i = 0; i < this.vars.length; i += 2) {
      acts?.push(h);
      h = tf.add(tf.matMul(h, this.vars[i] as tf.Tensor2D), this.vars[i + 1]);
      if (i + 2 < this.vars.length) h = tf.relu(h);
    }
    return h;
  }

  /** One step: forward, backward by hand (mean cross-entropy), Adam. Call inside tf.tidy. */
  private trainStep(xs: tf.Tensor2D, onehot: tf.Tensor2D, n: number): void {
    const acts: tf.Tensor2D[] = [];
    const logits = this.logits(xs, acts);
    let d: tf.Tensor2D = tf.div(tf.sub(tf.softmax(logits), onehot), n);
    const grads: { name: string; tensor: tf.Tensor }[] = [];
    for (let l = this.vars.length / 2 - 1; l >= 0; l--) {
      const w = this.vars[2 * l] as tf.Tensor2D, input = acts[l];
      grads.push({ name: this.vars[2 * l].name, tensor: tf.matMul(input, d, true, false) });
      grads.push({ name: this.vars[2 * l + 1].name, tensor: tf.sum(d, 0) });
      if (l > 0) d = tf.mul(tf.matMul(d, w, false, true), tf.step(input)); // ReLU′ from its output
    }
    this.opt.applyGradients(grads);
  }

  async trainUntil(samples: number): Promise<void> {
    await this.use();
    const t0 = performance.now();
    while (!this.done && this.samples < samples) {
      const n = fillBatch(this.data.train, this.order, this.cursor, this.p.batchSize, this.x, this.y);
      // The optimiser reads its rate every step: follow our schedule.
      (this.opt as unknown as { learningRate: number }).learningRate = learningRateAt(this.p.optimizer, this.step);
      tf.tidy(() => {
        const xs = tf.tensor2d(this.x.subarray(0, n * PIXELS), [n, PIXELS]);
        const ys = tf.oneHot(tf.tensor1d(this.y.subarray(0, n), 'int32'), this.p.spec.classes);
        this.trainStep(xs, ys as tf.Tensor2D, n);
      });
      this.step++;
      this.cursor += n;
      this.samples += n;
      if (this.cursor >= this.order.length) {
        this.epoch++;
        this.shuffle();
      }
    }
    this.trainSeconds += (performance.now() - t0) / 1000;
  }

  async evaluate(): Promise<number> {
    await this.use();
    const { test } = this.data;
    const chunk = 1000;
    const x = new Float32Array(chunk * PIXELS), y = new Uint8Array(chunk);
    const order = Uint32Array.from({ length: test.count }, (_, i) => i);
    let correct = 0;
    for (let at = 0; at < test.count; at += chunk) {
      const n = fillBatch(test, order, at, chunk, x, y);
      const guess = tf.tidy(() => tf.argMax(this.logits(tf.tensor2d(x.subarray(0, n * PIXELS), [n, PIXELS])), 1).dataSync());
      for (let i = 0; i < n; i++) if (guess[i] === y[i]) correct++;
    }
    return correct / test.count;
  }
}
