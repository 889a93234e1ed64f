// What a model is, as data: a multilayer perceptron ({inputs, hidden, activation, classes}) or,
// with `conv`, convolutional blocks in front of it. Pure functions only: the model-file decoder
// checks a file's size with paramSizes() before anything is allocated.
import { activation, type ActivationName } from './activations.ts';

/** One convolutional block: k×k convolution (stride 1), the activation, then optionally 2×2 max-pooling. */
export interface ConvSpec {
  filters: number;
  kernel: number;
  padding: 'same' | 'valid';
  pool: boolean;
}

export interface ModelSpec {
  inputs: number;
  hidden: number[];
  activation: ActivationName;
  classes: number;
  /** Convolutional blocks; the input is then a square single-channel image (784 → 1×28×28). */
  conv?: ConvSpec[];
}

/** Tensor shapes of one convolutional block, per sample, channels last (h, w, c). */
export interface ConvPlan {
  h: number;
  w: number;
  cin: number;
  cout: number;
  k: number;
  pad: number;
  pool: boolean;
  /** Convolution output (before pooling). */
  oh: number;
  ow: number;
  /** Block output (after pooling, if any): what the next layer reads. */
  ph: number;
  pw: number;
}

export const MAX_CONV_LAYERS = 4;
export const MAX_FILTERS = 256;
export const MAX_KERNEL = 7;
/** Largest flattened conv output the dense layers may take (e.g. 28×28×32 without pooling is 25,088). */
export const MAX_FLAT = 32768;
const MAX_UNITS = 4096;

/** Shapes of the convolutional blocks (empty for an MLP). Throws on shapes that do not fit. */
export function convPlan(spec: ModelSpec): ConvPlan[] {
  const plans: ConvPlan[] = [];
  if (!spec.conv?.length) return plans;
  const side = Math.round(Math.sqrt(spec.inputs));
  if (side * side !== spec.inputs) throw new Error(`A convolutional model needs a square image input, got ${spec.inputs} inputs`);
  let h = side, w = side, c = 1;
  for (const [i, l] of spec.conv.entries()) {
    const k = l.kernel;
    const pad = l.padding === 'same' ? (k - 1) / 2 : 0;
    const oh = h + 2 * pad - k + 1, ow = w + 2 * pad - k + 1;
    if (oh < 1 || ow < 1) throw new Error(`Conv layer ${i + 1}: a ${k}×${k} kernel does not fit a ${h}×${w} input`);
    if (l.pool && (oh < 2 || ow < 2)) throw new Error(`Conv layer ${i + 1}: nothing to pool in a ${oh}×${ow} map`);
    const ph = l.pool ? oh >> 1 : oh, pw = l.pool ? ow >> 1 : ow;
    plans.push({ h, w, cin: c, cout: l.filters, k, pad, pool: l.pool, oh, ow, ph, pw });
    h = ph;
    w = pw;
    c = l.filters;
  }
  return plans;
}

/** Values per sample that the first dense layer reads (the flattened conv output, or the input). */
export function denseInputs(spec: ModelSpec): number {
  const p = convPlan(spec).at(-1);
  return p ? p.ph * p.pw * p.cout : spec.inputs;
}

export function validateSpec(spec: ModelSpec): void {
  if (typeof spec !== 'object' || spec === null || !Array.isArray(spec.hidden)) {
    throw new Error('The architecture must list its layer sizes');
  }
  const sizes = [spec.inputs, ...spec.hidden, spec.classes];
  if (!sizes.every((s) => Number.isInteger(s) && s >= 1 && s <= MAX_UNITS)) {
    throw new Error(`Layer sizes must be integers in 1..${MAX_UNITS}, got ${sizes.join('-')}`);
  }
  if (spec.hidden.length > 8) throw new Error(`At most 8 hidden layers, got ${spec.hidden.length}`);
  activation(spec.activation);
  if (spec.conv === undefined) return;
  if (!Array.isArray(spec.conv) || spec.conv.length > MAX_CONV_LAYERS) {
    throw new Error(`conv must be a list of at most ${MAX_CONV_LAYERS} layers`);
  }
  // Array.from: every() would skip the holes of a sparse array.
  for (const [i, l] of Array.from(spec.conv).entries()) {
    if (typeof l !== 'object' || l === null) throw new Error(`Conv layer ${i + 1} must be an object`);
    if (!(Number.isInteger(l.filters) && l.filters >= 1 && l.filters <= MAX_FILTERS)) {
      throw new Error(`Conv layer ${i + 1}: filters must be an integer in 1..${MAX_FILTERS}, got ${l.filters}`);
    }
    if (!(Number.isInteger(l.kernel) && l.kernel >= 1 && l.kernel <= MAX_KERNEL)) {
      throw new Error(`Conv layer ${i + 1}: kernel must be an integer in 1..${MAX_KERNEL}, got ${l.kernel}`);
    }
    if (l.padding !== 'same' && l.padding !== 'valid') throw new Error(`Conv layer ${i + 1}: padding must be "same" or "valid"`);
    if (l.padding === 'same' && l.kernel % 2 === 0) throw new Error(`Conv layer ${i + 1}: "same" padding needs an odd kernel, got ${l.kernel}`);
    if (typeof l.pool !== 'boolean') throw new Error(`Conv layer ${i + 1}: pool must be true or false`);
  }
  const flat = denseInputs(spec); // also checks that every kernel fits its input
  if (flat > MAX_FLAT) throw new Error(`The conv layers give ${flat} values per image; at most ${MAX_FLAT} may reach the dense layers`);
}

/**
 * The length of every parameter tensor, in Network.params order (weights then bias, layer by
 * layer, conv blocks first), computed from the spec alone (validated first) without allocating:
 * a model file's size is checked against this before a network is built.
 */
export function paramSizes(spec: ModelSpec): number[] {
  validateSpec(spec);
  const out: number[] = [];
  for (const p of convPlan(spec)) out.push(p.k * p.k * p.cin * p.cout, p.cout);
  const sizes = [denseInputs(spec), ...spec.hidden, spec.classes];
  for (let i = 1; i < sizes.length; i++) out.push(sizes[i - 1] * sizes[i], sizes[i]);
  return out;
}

/** "784-256-128-10 relu"; with conv blocks "784-conv5x5x32same-pool-conv5x5x64same-pool-256-10 relu". */
export function describe(spec: ModelSpec): string {
  const conv = (spec.conv ?? []).map((l) => `conv${l.kernel}x${l.kernel}x${l.filters}${l.padding}${l.pool ? '-pool' : ''}`);
  return `${[spec.inputs, ...conv, ...spec.hidden, spec.classes].join('-')} ${spec.activation}`;
}
