// Types that cross the worker boundary. Both sides `import type` from here; nothing here runs.

export type TrainState = 'loading' | 'training' | 'paused' | 'converged' | 'error';

import type { ActivationName } from './nn/activations.ts';
import type { OptimizerKind } from './nn/optimizer.ts';
import type { SaveReason, StorageStatus } from './persist/checkpoints.ts';

export type { ActivationName, OptimizerKind, SaveReason, StorageStatus };

/** What a person can choose about a run: the article's knobs. */
export interface RunConfig {
  activation: ActivationName;
  /** Units per hidden layer, input side first; 1–6 layers. */
  hidden: number[];
  optimizer: OptimizerKind;
  /** Peak rate of the schedule (warm-up, then cosine decay over the run's epochs). */
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** One-click set-ups that reproduce the article. */
export type LessonName = 'healthy' | 'vanishing' | 'dying';

/** Per-layer health, measured during training (feeds the article's lessons). */
export interface LayerStats {
  /** L2 norm of this layer's weight gradient, averaged over the last report window. */
  gradNorm: number;
  /** ReLU-family layers: share of units that never fired over the last window of samples. */
  deadFraction: number | null;
  /** sigmoid/tanh layers: share of units whose output sat in the flat tails on average. */
  saturatedFraction: number | null;
  units: number;
  /**
   * ReLU-family layers: units that fired for none of the 10,000 test images at the last
   * evaluation — dead for good, since no input brings them back. Null before an evaluation.
   */
  deadForGood: number | null;
}

/** One point of the training history (one per progress report). */
export interface HistoryPoint {
  samples: number;
  loss: number;
  /** Null when no test evaluation happened at this point. */
  testAccuracy: number | null;
}

/** A run's figures as one report sees them. */
export interface RunReport {
  /** Bumps with every new run, so the UI knows when a history starts over. */
  runId: number;
  config: RunConfig;
  /** The lesson this configuration is, or null for a custom one. */
  lesson: LessonName | null;
  /** Human-readable architecture, e.g. "784-256-128-10 relu". */
  model: string;
  samplesSeen: number;
  epoch: number;
  loss: number;
  /** Latest accuracy on the 10,000 test images, 0..1; null before the first evaluation. */
  testAccuracy: number | null;
  layers: LayerStats[];
  /** New history points since the previous report. */
  history: HistoryPoint[];
  /** The run stopped: its schedule is over, or it diverged (see message). */
  finished: boolean;
  message?: string;
}

/** Two configurations trained side by side from the same seed, while the main model waits. */
export interface RaceReport {
  runs: [RunReport, RunReport];
  /** Samples each contender trains on before the race ends. */
  samplesTarget: number;
  done: boolean;
}

export interface Progress extends RunReport {
  state: TrainState;
  /** Kernel backend doing the maths, e.g. "typescript" or "wasm-simd". */
  backend: string;
  samplesPerSec: number;
  /** Bumps every time the weights changed enough to be worth re-predicting. */
  modelVersion: number;
  /** The current learning rate of the main run (after the schedule). */
  learningRate: number;
  race: RaceReport | null;
  /** The saved model (IndexedDB checkpoint): when, how big, errors, notices. */
  storage?: StorageStatus;
}

export interface Prediction {
  /** Softmax output, 10 values summing to 1. */
  probabilities: Float32Array;
  /** Pre-softmax scores, 10 values. */
  logits: Float32Array;
  /** The 28×28 image the network saw, 0..1 ink, row-major. */
  input: Float32Array;
  modelVersion: number;
}

export type ProgressCallback = (p: Progress) => void;

/**
 * The whole worker boundary. `worker/index.ts` exposes an object that satisfies this;
 * the UI wraps the worker as `Remote<DigitPadApi>`.
 */
export interface DigitPadApi {
  /** Load MNIST if needed and train in the background; reports arrive through onProgress. */
  start(onProgress: ProgressCallback): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Throw the model away and train a fresh one (new seed unless one is given). */
  reset(seed?: number): Promise<void>;
  /** Start a new main run with this configuration (the old model is dropped). */
  configure(config: RunConfig): Promise<void>;
  /** The configuration a lesson uses, built on the app's default model. */
  lesson(name: LessonName, seed?: number): Promise<RunConfig>;
  /** Change the main run's peak learning rate on the fly; the run carries on. */
  setLearningRate(learningRate: number): Promise<void>;
  /** Train a and b side by side while the main run waits; the race ends after one epoch or stopRace(). */
  race(a: RunConfig, b: RunConfig): Promise<void>;
  stopRace(): Promise<void>;
  /** Checkpoint the model now (the page is being hidden, or an update reloads it). */
  saveCheckpoint(reason: 'hidden' | 'update'): Promise<void>;
  /** The model as a "DPNN" file: weights, optimizer state and training record. */
  exportModel(): Promise<Uint8Array>;
  /** Replace the model with an exported file's (≤ 16 MB); rejects with the reason and keeps the model. */
  importModel(bytes: Uint8Array): Promise<void>;
  /** Delete the saved model and train a fresh one. */
  forgetModel(): Promise<void>;
  dismissNotice(): Promise<void>;
  /**
   * Classify a drawing. rgba: the canvas pixels (width*height*4, transferred, not copied).
   * Ink is dark on light or opaque on transparent. Resolves null when there is no ink.
   */
  predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
}
