import type { Activation } from './activations.ts';
import type { Kernels } from './kernels.ts';
import type { Layer } from './layer.ts';
import type { Rng } from './rng.ts';

/**
 * A fully connected layer with an optional activation: y = f(x·W + b).
 * Buffers for a batch are owned by the layer and grown on demand, never per step.
 */
export class Dense implements Layer {
  readonly w: Float32Array; // (inputs, units), row-major
  readonly b: Float32Array; // (units)
  readonly dw: Float32Array;
  readonly db: Float32Array;
  readonly positions = 1;
  /** Post-activation output of the last forward pass, (batch, units). */
  out: Float32Array;
  /** Gradient w.r.t. this layer's input, (batch, inputs). */
  dIn: Float32Array;
  private capacity = 0;

  constructor(
    readonly inputs: number,
    readonly units: number,
    readonly act: Activation | null,
    /** Where this layer's tensors live and its maths runs; the trainer allocates beside them. */
    readonly kernels: Kernels,
  ) {
    const k = kernels;
    this.w = k.alloc(inputs * units);
    this.b = k.alloc(units);
    this.dw = k.alloc(inputs * units);
    this.db = k.alloc(units);
    this.out = k.alloc(0);
    this.dIn = k.alloc(0);
  }

  /** He (ReLU family) or Glorot (sigmoid/tanh, and the linear output layer) normal init. */
  init(rng: Rng): void {
    const fanAvg = (this.inputs + this.units) / 2;
    const std = this.act?.init === 'he' ? Math.sqrt(2 / this.inputs) : Math.sqrt(1 / fanAvg);
    for (let i = 0; i < this.w.length; i++) this.w[i] = rng.normal() * std;
    this.b.fill(0);
  }

  ensureCapacity(batch: number): void {
    if (batch <= this.capacity) return;
    this.capacity = batch;
    this.out = this.kernels.alloc(batch * this.units);
    this.dIn = this.kernels.alloc(batch * this.inputs);
  }

  forward(x: Float32Array, batch: number): Float32Array {
    this.ensureCapacity(batch);
    this.kernels.matmul(this.out, x, this.w, this.b, batch, this.inputs, this.units);
    if (this.act) this.act.forward(this.out, this.out, batch * this.units);
    return this.out;
  }

  /**
   * dOut: gradient w.r.t. this layer's output (overwritten: it becomes the pre-activation
   * gradient). Accumulates into dw/db; fills dIn unless this is the first layer.
   */
  backward(x: Float32Array, dOut: Float32Array, batch: number, needInputGrad: boolean): void {
    if (this.act) this.act.backward(dOut, this.out, batch * this.units);
    this.kernels.matmulTransA(this.dw, x, dOut, batch, this.inputs, this.units);
    this.kernels.sumRows(this.db, dOut, batch, this.units);
    if (needInputGrad) this.kernels.matmulTransB(this.dIn, dOut, this.w, batch, this.units, this.inputs);
  }

  zeroGrad(): void {
    this.dw.fill(0);
    this.db.fill(0);
  }
}
