// The inference worker's side of the boundary: what it answers and the snapshots it answers
// with. Re-exported by `api.ts`, so both sides still `import type` from there; nothing here runs.
import type { ModelSpec } from './nn/network.ts';
import type { PenHabits } from './notdigit/habits.ts';
import type { Verdict } from './personal/types.ts';

export interface Prediction {
  /** The ten digits' probabilities, summing to 1 (a softmax over the digit logits). */
  probabilities: Float32Array;
  /** The ten digits' pre-softmax scores. */
  logits: Float32Array;
  /**
   * "Not sure": the drawing does not look like a digit (the model's "not a digit" output is
   * high) or no digit stands out. The bars still show the probabilities, muted.
   */
  notADigit: boolean;
  /** 'looks-like-no-digit' or 'no-clear-digit' when notADigit, else null. */
  notSureReason: 'looks-like-no-digit' | 'no-clear-digit' | null;
  /** The "not a digit" output's probability (0 for a model without one). */
  notDigitProbability: number;
  /** This answer as a score for your digits: a tap sends it back (AddDigitOptions.shown). */
  score: Verdict;
  /** The 28×28 image the network saw, 0..1 ink, row-major. */
  input: Float32Array;
  modelVersion: number;
}

/** The answering model's weights, sent from the training worker to the inference worker. */
export interface ModelSnapshot {
  /** The training worker's modelVersion these weights belong to. */
  version: number;
  /** null: no model answers (yet). */
  spec: ModelSpec | null;
  /** One array per parameter, `Network.params` order. */
  values: Float32Array[];
  /** The person's pen habits from "Your digits" (worker/notdigit/habits.ts); absent: none. */
  habits?: PenHabits;
}

/**
 * The inference worker (the same script, started with the name "inference"): it answers
 * drawings with the latest snapshot of the answering model, never waiting behind training.
 */
export interface InferenceApi {
  /** Snapshots arrive on `port` (from DigitPadApi.connectInference); `onModel` hears each new version. */
  listen(port: MessagePort, onModel: (version: number) => void): Promise<void>;
  /**
   * The pad's strokes: [x0, y0, x1, y1, …] per stroke, in fractions of the square pad. Null when
   * there is no ink or model. `settled` (the pen is up): a closer look, averaging five views
   * (worker/infer/closer-look.ts), ~1–2 ms instead of ~0.4.
   */
  predictStrokes(strokes: number[][], settled?: boolean): Promise<Prediction | null>;
  /** Canvas pixels (width*height*4, transferred). Ink is dark on light or opaque on transparent. */
  predict(rgba: Uint8ClampedArray, width: number, height: number): Promise<Prediction | null>;
  /**
   * A number written on a wide pad: strokes as for predictStrokes but in fractions of the pad's
   * width and height, and the pad's size (any unit; only the ratio counts). Null without a model.
   * `settled`: each digit gets the closer look, as in predictStrokes.
   */
  readNumber(strokes: number[][], width: number, height: number, settled?: boolean): Promise<NumberReading | null>;
}

/** One digit of a written number. Boxes are in fractions of the pad's width and height. */
export interface NumberDigit {
  box: { x0: number; y0: number; x1: number; y1: number };
  /** The 28×28 input the network saw for it. */
  input: Float32Array;
  probabilities: Float32Array;
  top: number;
  /** The model is not sure this is a digit (see Prediction.notADigit). */
  notADigit: boolean;
  /** This digit's answer as a score for your digits (Prediction.score). */
  score: Verdict;
  /** The drawing's strokes with ink in this digit (a stroke cut between two digits is in both). */
  strokeIndices: number[];
  /** Its own ink, [x0, y0, x1, y1, …] per piece in the pad's fractions: of a stroke cut between two digits, its side only. */
  ink: number[][];
}

/** A whole number read from the pad: its digits left to right (and a point or comma, and a minus sign, if written). */
export interface NumberReading {
  /** e.g. "2026", "3.14", "1,000" or "−5"; a digit the model is not sure of is "?" ("2?6"); "" when there is no ink. */
  text: string;
  digits: NumberDigit[];
  separators: { char: '.' | ',' | '−'; box: NumberDigit['box']; strokeIndices: number[]; at: number }[];
  modelVersion: number;
}

/** The name the inference worker is started with (worker/index.ts exposes its API by it). */
export type InferenceWorkerName = 'digitpad-inference';
/**
 * A worker named `<name><mark><channel>` sends its replies on the BroadcastChannel `<channel>`
 * named so, not by postMessage (src/lib/worker-link.ts says why).
 */
export type ReplyChannelMark = '#replies:';
