import type { Activation } from './activations.ts';
import type { ConvShape, Kernels } from './kernels.ts';
import type { Layer } from './layer.ts';
import type { Rng } from './rng.ts';
import type { ConvPlan } from './spec.ts';

/**
 * A convolutional block: y = pool(f(x ⊛ W + b)), a k×k stride-1 convolution, the activation,
 * then (if the plan says so) 2×2 max-pooling. Channels last throughout, so flattening for the
 * dense layers that follow is free: (batch, ph, pw, c) is already (batch, ph·pw·c).
 * Buffers for a batch are owned by the block and grown on demand, never per step.
 */
export class Conv2D implements Layer {
  readonly w: Float32Array; // (k, k, cin, cout), row-major
  readonly b: Float32Array; // (cout)
  readonly dw: Float32Array;
  readonly db: Float32Array;
  readonly inputs: number;
  readonly units: number;
  readonly positions: number;
  /** Block output of the last forward pass, (batch, ph, pw, cout). */
  out: Float32Array;
  /** Gradient w.r.t. the block's input, (batch, h, w, cin). */
  dIn: Float32Array;
  /** Activated convolution output before pooling, (batch, oh, ow, cout); `out` itself without pooling. */
  private pre: Float32Array;
  /** Its gradient, (batch, oh, ow, cout). */
  private dPre: Float32Array;
  private capacity = 0;
  private gradCapacity = 0;
  private readonly shape: ConvShape;

  constructor(
    readonly plan: ConvPlan,
    readonly act: Activation | null,
    readonly kernels: Kernels,
  ) {
    const { h, w, cin, cout, k, pad, ph, pw } = plan;
    this.inputs = h * w * cin;
    this.units = cout;
    this.positions = ph * pw;
    // ReLU is applied by the convolution itself as it stores (a separate pass cost more than pooling).
    this.shape = { batch: 0, h, w, cin, cout, k, pad, relu: act?.name === 'relu' };
    this.w = kernels.alloc(k * k * cin * cout);
    this.b = kernels.alloc(cout);
    this.dw = kernels.alloc(k * k * cin * cout);
    this.db = kernels.alloc(cout);
    this.out = this.pre = this.dPre = this.dIn = kernels.alloc(0);
  }

  /** He (ReLU family) or Glorot normal init over the k·k·cin inputs of each output. */
  init(rng: Rng): void {
    const { k, cin, cout } = this.plan;
    const fanIn = k * k * cin, fanOut = k * k * cout;
    const std = this.act?.init === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    for (let i = 0; i < this.w.length; i++) this.w[i] = rng.normal() * std;
    this.b.fill(0);
  }

  ensureCapacity(batch: number): void {
    if (batch <= this.capacity) return;
    this.capacity = batch;
    const { oh, ow, cout, pool } = this.plan;
    this.pre = this.kernels.alloc(batch * oh * ow * cout);
    this.out = pool ? this.kernels.alloc(batch * this.positions * cout) : this.pre;
  }

  /** Gradient buffers only for batches that train: a network that only answers (tests, predictions) never needs them. */
  private ensureGradCapacity(batch: number): void {
    if (batch <= this.gradCapacity) return;
    this.gradCapacity = batch;
    const { oh, ow, cout, pool } = this.plan;
    // Without pooling the gradient arrives in the next layer's dIn, used in place.
    this.dPre = pool ? this.kernels.alloc(batch * oh * ow * cout) : this.kernels.alloc(0);
    this.dIn = this.kernels.alloc(batch * this.inputs);
  }

  forward(x: Float32Array, batch: number): Float32Array {
    this.ensureCapacity(batch);
    const { oh, ow, cout, pool } = this.plan;
    this.shape.batch = batch;
    this.kernels.conv2d(this.pre, x, this.w, this.b, this.shape);
    if (this.act && !this.shape.relu) this.act.forward(this.pre, this.pre, batch * oh * ow * cout);
    if (pool) this.kernels.maxPool2(this.out, this.pre, batch, oh, ow, cout);
    return this.out;
  }

  /**
   * dOut: gradient w.r.t. the block output (overwritten without pooling). Accumulates into
   * dw/db; fills dIn unless this is the first layer.
   */
  backward(x: Float32Array, dOut: Float32Array, batch: number, needInputGrad: boolean): void {
    const { oh, ow, cout, pool } = this.plan;
    const n = batch * oh * ow * cout;
    this.ensureGradCapacity(batch);
    let d = dOut;
    if (pool) {
      this.kernels.maxPool2Backward(this.dPre, dOut, this.pre, this.out, batch, oh, ow, cout);
      d = this.dPre;
    }
    if (this.shape.relu) this.kernels.reluBackward(d, this.pre, n);
    else if (this.act) this.act.backward(d, this.pre, n);
    this.shape.batch = batch;
    this.kernels.sumRows(this.db, d, batch * oh * ow, cout);
    this.kernels.conv2dGradW(this.dw, x, d, this.shape);
    if (needInputGrad) this.kernels.conv2dGradX(this.dIn, d, this.w, this.shape);
  }

  zeroGrad(): void {
    this.dw.fill(0);
    this.db.fill(0);
  }
}
