import type { Activation } from './activations.ts';
import type { Kernels } from './kernels.ts';
import type { Rng } from './rng.ts';

/**
 * What the network, the trainer and the statistics need of a layer with parameters: a dense
 * layer, or a convolutional block. Outputs are (batch, positions, units): a dense layer has one
 * position; a conv block has one per pixel of its output map, and its units are its channels.
 */
export interface Layer {
  /** Values per sample this layer reads. */
  readonly inputs: number;
  /** Units (dense) or channels (conv): what dead-unit figures count. */
  readonly units: number;
  /** Output positions per sample (1 for dense; pooled map pixels for conv). */
  readonly positions: number;
  readonly act: Activation | null;
  readonly kernels: Kernels;
  readonly w: Float32Array;
  readonly b: Float32Array;
  readonly dw: Float32Array;
  readonly db: Float32Array;
  /** Output of the last forward pass, (batch, positions, units). */
  out: Float32Array;
  /** Gradient w.r.t. this layer's input, (batch, inputs), filled by backward when asked. */
  dIn: Float32Array;
  init(rng: Rng): void;
  forward(x: Float32Array, batch: number): Float32Array;
  /** dOut (batch, positions, units) may be overwritten; accumulates dw and db. */
  backward(x: Float32Array, dOut: Float32Array, batch: number, needInputGrad: boolean): void;
  zeroGrad(): void;
}
