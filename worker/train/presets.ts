import type { ModelSpec } from '../nn/network.ts';
import type { OptimizerConfig } from '../nn/optimizer.ts';

export interface Preset {
  spec: ModelSpec;
  optimizer: OptimizerConfig;
  batchSize: number;
  /** Training stops ("converged") after this many epochs: the schedule has run its course. */
  epochs: number;
  /** Random affine distortions of training images (robustness to real drawings). */
  augment?: boolean;
}

const TRAIN_SIZE = 60000;

function adam(lr: number, batchSize: number, epochs: number, schedule: 'constant' | 'cosine'): OptimizerConfig {
  const steps = Math.ceil(TRAIN_SIZE / batchSize) * epochs;
  return {
    kind: 'adam', learningRate: lr, beta1: 0.9, beta2: 0.999, weightDecay: 0,
    schedule, totalSteps: steps, warmupSteps: schedule === 'cosine' ? 200 : 0,
  };
}

export const PRESETS = {
  /** The reference everyone benchmarks: 784-128-10, batch 32, Adam 1e-3. */
  'mlp-128': {
    spec: { inputs: 784, hidden: [128], activation: 'relu', classes: 10 },
    optimizer: adam(1e-3, 32, 3, 'constant'),
    batchSize: 32,
    epochs: 3,
  },
  /** The app's model: two ReLU layers, cosine-decayed Adam; ~98% within a few epochs. */
  default: {
    spec: { inputs: 784, hidden: [256, 128], activation: 'relu', classes: 10 },
    // Batch 32 keeps one step short, so a prediction never waits long behind training.
    optimizer: adam(1.5e-3, 32, 8, 'cosine'),
    batchSize: 32,
    epochs: 8,
    augment: true,
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;

export function preset(name: string): Preset {
  const p = (PRESETS as Record<string, Preset>)[name];
  if (!p) throw new Error(`Unknown model preset "${name}" (have: ${Object.keys(PRESETS).join(', ')})`);
  return structuredClone(p);
}
