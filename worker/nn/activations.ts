// Each activation is a pair — forward and derivative side by side (as in TensorFlow
// Playground's nn.ts) — but over whole Float32Arrays, since a mini-batch is a matrix.

export type ActivationName = 'relu' | 'leaky-relu' | 'sigmoid' | 'tanh';
export const ACTIVATIONS: readonly ActivationName[] = ['relu', 'leaky-relu', 'sigmoid', 'tanh'];

export interface Activation {
  readonly name: ActivationName;
  /** He init keeps ReLU-family variance; Glorot suits the symmetric squashing functions. */
  readonly init: 'he' | 'glorot';
  /** Scalar forms, for explanations and tests. */
  f(x: number): number;
  der(x: number): number;
  /** y = f(x) over n values (may alias). */
  forward(y: Float32Array, x: Float32Array, n: number): void;
  /** d *= f'(x), with f' computed from the output y (cheaper than from x for all four). */
  backward(d: Float32Array, y: Float32Array, n: number): void;
  /** Whether a unit with output y counts as firing (ReLU family) or saturated (sigmoid/tanh). */
  isActive?(y: number): boolean;
  isSaturated?(y: number): boolean;
}

const LEAK = 0.01;
/** f'(x) below ~0.05 of its peak: the unit passes almost no gradient. */
const SIGMOID_SAT = 0.95;
const TANH_SAT = 0.97;

export const relu: Activation = {
  name: 'relu',
  init: 'he',
  f: (x) => (x > 0 ? x : 0),
  der: (x) => (x > 0 ? 1 : 0),
  forward(y, x, n) {
    for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
  },
  backward(d, y, n) {
    for (let i = 0; i < n; i++) if (y[i] <= 0) d[i] = 0;
  },
  isActive: (y) => y > 0,
};

export const leakyRelu: Activation = {
  name: 'leaky-relu',
  init: 'he',
  f: (x) => (x > 0 ? x : LEAK * x),
  der: (x) => (x > 0 ? 1 : LEAK),
  forward(y, x, n) {
    for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : LEAK * x[i];
  },
  backward(d, y, n) {
    for (let i = 0; i < n; i++) if (y[i] <= 0) d[i] *= LEAK;
  },
  isActive: (y) => y > 0,
};

export const sigmoid: Activation = {
  name: 'sigmoid',
  init: 'glorot',
  f: (x) => 1 / (1 + Math.exp(-x)),
  // σ'(x) = σ(x)(1 − σ(x)) ≤ 0.25, reached at x = 0: the root of vanishing gradients.
  der: (x) => {
    const s = 1 / (1 + Math.exp(-x));
    return s * (1 - s);
  },
  forward(y, x, n) {
    for (let i = 0; i < n; i++) y[i] = 1 / (1 + Math.exp(-x[i]));
  },
  backward(d, y, n) {
    for (let i = 0; i < n; i++) d[i] *= y[i] * (1 - y[i]);
  },
  isSaturated: (y) => y > SIGMOID_SAT || y < 1 - SIGMOID_SAT,
};

export const tanh: Activation = {
  name: 'tanh',
  init: 'glorot',
  f: Math.tanh,
  der: (x) => 1 - Math.tanh(x) ** 2,
  forward(y, x, n) {
    for (let i = 0; i < n; i++) y[i] = Math.tanh(x[i]);
  },
  backward(d, y, n) {
    for (let i = 0; i < n; i++) d[i] *= 1 - y[i] * y[i];
  },
  isSaturated: (y) => y > TANH_SAT || y < -TANH_SAT,
};

const BY_NAME: Record<ActivationName, Activation> = {
  relu,
  'leaky-relu': leakyRelu,
  sigmoid,
  tanh,
};

export function activation(name: string): Activation {
  const a = Object.hasOwn(BY_NAME, name) ? BY_NAME[name as ActivationName] : undefined;
  if (!a) throw new Error(`Unknown activation "${name}" (expected one of ${ACTIVATIONS.join(', ')})`);
  return a;
}
