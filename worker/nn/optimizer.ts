// SGD (with optional momentum) and Adam, with L2 weight decay and a learning-rate schedule.
// State arrays mirror the parameters they update, so a checkpoint can save them verbatim.

import { kernelsFor, type AdamStep } from './kernels.ts';

export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
export const OPTIMIZERS: readonly OptimizerKind[] = ['sgd', 'momentum', 'adam'];
export type ScheduleKind = 'constant' | 'cosine' | 'linear';
export const SCHEDULES: readonly ScheduleKind[] = ['constant', 'cosine', 'linear'];

export interface OptimizerConfig {
  kind: OptimizerKind;
  learningRate: number;
  /** Momentum coefficient (momentum) or β1 (adam). */
  beta1: number;
  beta2: number;
  weightDecay: number;
  schedule: ScheduleKind;
  /** Steps the schedule spans: cosine and linear decay to `finalFraction` of the rate by then. */
  totalSteps: number;
  warmupSteps: number;
  /** Where cosine/linear decay ends, as a share of the rate; 0.05 when absent. */
  finalFraction?: number;
  /**
   * Share of the steps after warm-up spent at the full rate before cosine/linear decay begins
   * (0 when absent: decay from the start). Holding the rate and annealing only at the end
   * keeps the fast early progress that a decay from the start gives away.
   */
  decayStart?: number;
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

export function checkLearningRate(lr: unknown): asserts lr is number {
  if (typeof lr !== 'number' || !(lr > 0 && lr <= 10)) {
    throw new Error(`Learning rate must be a number in (0, 10], got ${String(lr)}`);
  }
}

/** Far beyond any schedule DigitPad runs (1,000 epochs of MNIST in batches of 1 is 6·10⁷). */
export const MAX_STEPS = 1e8;

export function validateOptimizer(c: OptimizerConfig): void {
  if (typeof c !== 'object' || c === null) throw new Error('Optimizer settings must be an object');
  if (!OPTIMIZERS.includes(c.kind)) throw new Error(`Unknown optimizer "${c.kind}"`);
  if (!SCHEDULES.includes(c.schedule)) throw new Error(`Unknown schedule "${c.schedule}"`);
  if (c.finalFraction !== undefined && !(c.finalFraction >= 0 && c.finalFraction <= 1)) {
    throw new Error(`finalFraction must be in [0, 1], got ${c.finalFraction}`);
  }
  if (c.decayStart !== undefined && !(c.decayStart >= 0 && c.decayStart < 1)) {
    throw new Error(`decayStart must be in [0, 1), got ${c.decayStart}`);
  }
  checkLearningRate(c.learningRate);
  for (const [k, v] of [['beta1', c.beta1], ['beta2', c.beta2]] as const) {
    if (!(v >= 0 && v < 1)) throw new Error(`${k} must be in [0, 1), got ${v}`);
  }
  if (!(c.weightDecay >= 0 && c.weightDecay < 1)) throw new Error(`Weight decay must be in [0, 1), got ${c.weightDecay}`);
  // Bounded: a model file's header must not be able to ask for absurd schedules.
  if (!(Number.isInteger(c.totalSteps) && c.totalSteps >= 1 && c.totalSteps <= MAX_STEPS)) {
    throw new Error(`Schedule length must be a whole number of steps in 1..${MAX_STEPS}, got ${c.totalSteps}`);
  }
  if (!(Number.isInteger(c.warmupSteps) && c.warmupSteps >= 0 && c.warmupSteps <= MAX_STEPS)) {
    throw new Error(`Warm-up must be a whole number of steps in 0..${MAX_STEPS}, got ${c.warmupSteps}`);
  }
}

/**
 * Learning rate at a step: linear warm-up, then constant, or (after holding the full rate for
 * decayStart of the remaining steps) a cosine or straight-line decay to finalFraction of the
 * rate at totalSteps, flat after that.
 */
export function learningRateAt(c: OptimizerConfig, step: number): number {
  if (step < c.warmupSteps) return (c.learningRate * (step + 1)) / c.warmupSteps;
  if (c.schedule === 'constant') return c.learningRate;
  const progress = Math.min(1, (step - c.warmupSteps) / Math.max(1, c.totalSteps - c.warmupSteps));
  const start = c.decayStart ?? 0;
  const t = Math.max(0, (progress - start) / (1 - start));
  const floor = c.finalFraction ?? 0.05;
  const shape = c.schedule === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * t)) : 1 - t;
  return c.learningRate * (floor + (1 - floor) * shape);
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

// Reused across steps: no allocation per batch.
const adamStep: AdamStep = { lr: 0, beta1: 0, beta2: 0, bc1: 1, bc2: 1, eps: 1e-8, weightDecay: 0 };

/**
 * Applies one update to every parameter; `step` counts from 0. The arithmetic lives in the
 * kernels of the memory each tensor is in (kernelsFor): WASM SIMD for WASM-allocated tensors.
 * `lr` overrides the schedule's rate for this step (a fine-tuning phase after the schedule).
 */
export function applyUpdate(c: OptimizerConfig, params: Param[], step: number, lr = learningRateAt(c, step)): number {
  const t = step + 1;
  adamStep.lr = lr;
  adamStep.beta1 = c.beta1;
  adamStep.beta2 = c.beta2;
  adamStep.bc1 = 1 - Math.pow(c.beta1, t);
  adamStep.bc2 = 1 - Math.pow(c.beta2, t);
  for (const p of params) {
    const k = kernelsFor(p.value);
    const wd = p.decay ? c.weightDecay : 0;
    const n = p.value.length;
    if (c.kind === 'adam') {
      adamStep.weightDecay = wd;
      k.adam(p.value, p.grad, p.m, p.v, n, adamStep);
    } else {
      k.sgd(p.value, p.grad, c.kind === 'momentum' ? p.m : null, n, lr, c.kind === 'momentum' ? c.beta1 : 0, wd);
    }
  }
  return lr;
}
