// A person's choice of run (the article's knobs) turned into a training preset, and the
// article's three lessons as ready-made choices.
import type { LessonName, NetworkKind, RunConfig } from '../api.ts';
import { ACTIVATIONS } from '../nn/activations.ts';
import { checkLearningRate, OPTIMIZERS } from '../nn/optimizer.ts';

export { checkLearningRate };
import { withNotADigit } from '../notdigit/preset.ts';
import { preset, type Preset } from './presets.ts';
import { PEN_STYLES } from './styles.ts';

export const MAX_DEPTH = 6;
export const MAX_WIDTH = 512;
export const MAX_BATCH = 512;

/** Throws a clear Error for anything a run cannot be built from. */
export function validateRunConfig(c: unknown): asserts c is RunConfig {
  if (typeof c !== 'object' || c === null) throw new Error('Run configuration must be an object');
  const r = c as Record<string, unknown>;
  if (r.kind !== undefined && r.kind !== 'mlp' && r.kind !== 'cnn') {
    throw new Error(`Network kind must be mlp or cnn, got ${String(r.kind)}`);
  }
  if (!ACTIVATIONS.includes(r.activation as never)) {
    throw new Error(`Activation must be one of ${ACTIVATIONS.join(', ')}, got ${String(r.activation)}`);
  }
  const h = r.hidden;
  if (!Array.isArray(h) || h.length < 1 || h.length > MAX_DEPTH) {
    throw new Error(`Depth must be 1–${MAX_DEPTH} hidden layers`);
  }
  // Array.from: every() skips the holes of a sparse array, which would pass unchecked.
  if (!Array.from(h).every((u) => Number.isInteger(u) && u >= 1 && u <= MAX_WIDTH)) {
    throw new Error(`Layer widths must be whole numbers in 1–${MAX_WIDTH}, got ${h.join(', ')}`);
  }
  if (!OPTIMIZERS.includes(r.optimizer as never)) {
    throw new Error(`Optimizer must be one of ${OPTIMIZERS.join(', ')}, got ${String(r.optimizer)}`);
  }
  checkLearningRate(r.learningRate);
  if (!Number.isInteger(r.batchSize) || (r.batchSize as number) < 1 || (r.batchSize as number) > MAX_BATCH) {
    throw new Error(`Batch size must be a whole number in 1–${MAX_BATCH}, got ${String(r.batchSize)}`);
  }
  if (!Number.isInteger(r.seed) || (r.seed as number) < 0 || (r.seed as number) >= 2 ** 32) {
    throw new Error(`Seed must be a whole number in 0–${2 ** 32 - 1}, got ${String(r.seed)}`);
  }
}

/**
 * Every run trains like the app's default: same epochs, warm-up and schedule shape, the same
 * augmentation (the model in use must cope with real drawings) and the same eleventh output,
 * "not a digit", learnt from generated non-digits — only the knobs differ. A convolutional
 * network also learns the pen styles MNIST lacks (styles.ts).
 */
export function presetFor(c: RunConfig): Preset {
  validateRunConfig(c);
  const base = withNotADigit(preset(c.kind === 'cnn' ? 'cnn' : 'default'));
  if (c.kind === 'cnn') base.styles = { ...PEN_STYLES };
  const steps = Math.ceil(60000 / c.batchSize) * base.epochs;
  return {
    ...base,
    spec: { ...base.spec, hidden: [...c.hidden], activation: c.activation },
    batchSize: c.batchSize,
    optimizer: {
      ...base.optimizer,
      kind: c.optimizer,
      learningRate: c.learningRate,
      // Momentum's β: the usual 0.9; Adam keeps its own β1.
      beta1: c.optimizer === 'sgd' ? 0 : c.optimizer === 'momentum' ? 0.9 : base.optimizer.beta1,
      totalSteps: steps,
    },
  };
}

/**
 * A saved network from before the "not a digit" output has ten classes (`classes`): it carries
 * on training as it was made (no generated non-digits), and answers with the ten-class rule.
 */
export function fittedTo(p: Preset, classes?: number): Preset {
  if (classes === undefined || classes === p.spec.classes) return p;
  return { ...p, spec: { ...p.spec, classes }, nonDigits: undefined };
}

/** The app's default model (or its convolutional network) as a run configuration. */
export function defaultConfig(seed: number, kind: NetworkKind = 'mlp'): RunConfig {
  const p = preset(kind === 'cnn' ? 'cnn' : 'default');
  return {
    ...(kind === 'cnn' ? { kind } : {}),
    activation: p.spec.activation,
    hidden: [...p.spec.hidden],
    optimizer: p.optimizer.kind,
    learningRate: p.optimizer.learningRate,
    batchSize: p.batchSize,
    seed,
  };
}

/**
 * The article's lessons. Vanishing: six sigmoid layers under plain momentum SGD (Adam would
 * rescale the tiny gradients and hide the effect). Dying: the default ReLU net with Adam at 20×
 * its rate — big updates push many units' pre-activations below zero for every input, and a
 * unit that never fires gets no gradient to come back with. (Plain SGD fast enough to do this
 * to the two-layer net diverges first.)
 */
export function lessonConfig(name: LessonName, seed: number): RunConfig {
  const healthy = defaultConfig(seed);
  switch (name) {
    case 'healthy':
      return healthy;
    case 'vanishing':
      return { ...healthy, activation: 'sigmoid', hidden: Array(6).fill(64), optimizer: 'momentum', learningRate: 0.05 };
    case 'dying':
      return { ...healthy, optimizer: 'adam', learningRate: 0.03 };
    case 'cnn':
      return defaultConfig(seed, 'cnn');
    default:
      throw new Error(`Unknown lesson "${String(name)}" (expected healthy, vanishing, dying or cnn)`);
  }
}

/** The lesson a configuration is (whatever its seed), or null for a custom one. */
export function matchLesson(c: RunConfig): LessonName | null {
  const names: LessonName[] = ['healthy', 'vanishing', 'dying', 'cnn'];
  const same = (a: RunConfig, b: RunConfig) =>
    (a.kind ?? 'mlp') === (b.kind ?? 'mlp') &&
    a.activation === b.activation && a.optimizer === b.optimizer && a.learningRate === b.learningRate &&
    a.batchSize === b.batchSize && a.hidden.length === b.hidden.length && a.hidden.every((u, i) => u === b.hidden[i]);
  return names.find((n) => same(lessonConfig(n, 0), c)) ?? null;
}
