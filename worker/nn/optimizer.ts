// SGD (with optional momentum) and Adam, with L2 weight decay and a learning-rate schedule.
// State arrays mirror the parameters they update, so a checkpoint can save them verbatim.

export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export type ScheduleKind = 'constant' | 'cosine';

export interface OptimizerConfig {
  kind: OptimizerKind;
  learningRate: number;
  /** Momentum coefficient (momentum) or β1 (adam). */
  beta1: number;
  beta2: number;
  weightDecay: number;
  schedule: ScheduleKind;
  /** Steps the schedule spans (cosine decays to 5% of the rate by then). */
  totalSteps: number;
  warmupSteps: number;
}

export const defaultOptimizer: OptimizerConfig = {
  kind: 'adam',
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  weightDecay: 0,
  schedule: 'constant',
  totalSteps: 1,
  warmupSteps: 0,
};

export function validateOptimizer(c: OptimizerConfig): void {
  if (!['sgd', 'momentum', 'adam'].includes(c.kind)) throw new Error(`Unknown optimizer "${c.kind}"`);
  if (!['constant', 'cosine'].includes(c.schedule)) throw new Error(`Unknown schedule "${c.schedule}"`);
  if (!(c.learningRate > 0 && c.learningRate <= 10)) throw new Error(`Learning rate must be in (0, 10], got ${c.learningRate}`);
  for (const [k, v] of [['beta1', c.beta1], ['beta2', c.beta2]] as const) {
    if (!(v >= 0 && v < 1)) throw new Error(`${k} must be in [0, 1), got ${v}`);
  }
  if (!(c.weightDecay >= 0 && c.weightDecay < 1)) throw new Error(`Weight decay must be in [0, 1), got ${c.weightDecay}`);
  if (!(c.totalSteps >= 1) || !(c.warmupSteps >= 0)) throw new Error('Schedule steps must be positive');
}

/** Learning rate at a step: linear warm-up, then constant or cosine decay to 5%. */
export function learningRateAt(c: OptimizerConfig, step: number): number {
  if (step < c.warmupSteps) return (c.learningRate * (step + 1)) / c.warmupSteps;
  if (c.schedule === 'constant') return c.learningRate;
  const t = Math.min(1, (step - c.warmupSteps) / Math.max(1, c.totalSteps - c.warmupSteps));
  return c.learningRate * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** One parameter tensor with its gradient and optimizer state. */
export interface Param {
  value: Float32Array;
  grad: Float32Array;
  m: Float32Array;
  v: Float32Array;
  /** Biases are not decayed. */
  decay: boolean;
}

/** Applies one update to every parameter; `step` counts from 0. */
export function applyUpdate(c: OptimizerConfig, params: Param[], step: number): number {
  const lr = learningRateAt(c, step);
  const t = step + 1;
  const bc1 = 1 - Math.pow(c.beta1, t);
  const bc2 = 1 - Math.pow(c.beta2, t);
  for (const p of params) {
    const { value: w, grad: g, m, v } = p;
    const wd = p.decay ? c.weightDecay : 0;
    const n = w.length;
    if (c.kind === 'adam') {
      const b1 = c.beta1, b2 = c.beta2, a = lr / bc1, eps = 1e-8;
      for (let i = 0; i < n; i++) {
        const gi = g[i] + wd * w[i];
        const mi = (m[i] = b1 * m[i] + (1 - b1) * gi);
        const vi = (v[i] = b2 * v[i] + (1 - b2) * gi * gi);
        w[i] -= (a * mi) / (Math.sqrt(vi / bc2) + eps);
      }
    } else if (c.kind === 'momentum') {
      const mu = c.beta1;
      for (let i = 0; i < n; i++) {
        const mi = (m[i] = mu * m[i] + g[i] + wd * w[i]);
        w[i] -= lr * mi;
      }
    } else {
      for (let i = 0; i < n; i++) w[i] -= lr * (g[i] + wd * w[i]);
    }
  }
  return lr;
}
