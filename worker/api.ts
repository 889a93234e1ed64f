// Types that cross the worker boundary. Both sides `import type` from here; nothing here runs.

export type TrainState = 'loading' | 'training' | 'paused' | 'converged' | 'error';

/** Per-layer health, measured during training (feeds the article's lessons). */
export interface LayerStats {
  /** L2 norm of this layer's weight gradient, averaged over the last report window. */
  gradNorm: number;
  /** ReLU-family layers: share of units that never fired over the last window of samples. */
  deadFraction: number | null;
  /** sigmoid/tanh layers: share of units whose output sat in the flat tails on average. */
  saturatedFraction: number | null;
}

/** One point of the training history (one per progress report). */
export interface HistoryPoint {
  samples: number;
  loss: number;
  /** Null when no test evaluation happened at this point. */
  testAccuracy: number | null;
}

export interface Progress {
  state: TrainState;
  /** Kernel backend doing the maths, e.g. "typescript" or "wasm-simd". */
  backend: string;
  /** Human-readable architecture, e.g. "784-256-128-10 relu". */
  model: string;
  samplesSeen: number;
  epoch: number;
  samplesPerSec: number;
  loss: number;
  /** Latest accuracy on the 10,000 test images, 0..1; null before the first evaluation. */
  testAccuracy: number | null;
  /** Bumps every time the weights changed enough to be worth re-predicting. */
  modelVersion: number;
  layers: LayerStats[];
  /** New history points since the previous report. */
  history: HistoryPoint[];
  /** Set when state is 'error' or to explain a state change. */
  message?: string;
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
  /**
   * Classify a drawing. rgba: the canvas pixels (width*height*4, transferred, not copied).
   * Ink is dark on light or opaque on transparent. Resolves null when there is no ink.
   */
  predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
}
