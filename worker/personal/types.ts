// Types of "Your digits" that cross the worker boundary: worker/api.ts re-exports them and the
// UI imports them as types. Nothing here runs.

import type { Verdict } from './digit.ts';
import type { Prequential } from './prequential.ts';

export type { Prequential, Share } from './prequential.ts';
export type { PadPoint, Verdict } from './digit.ts';

/** One of your digits as the list shows it (newest first). */
export interface DigitEntry {
  id: string;
  label: number;
  createdAt: number;
  /** How the model read it before learning it (null: there was no model yet). */
  verdict: Verdict | null;
  /** The 28×28 input the network saw, row-major, ink 0..255: the thumbnail. */
  pixels: Uint8Array;
  /** Its pen strokes were kept (export carries them). */
  hasStrokes: boolean;
}

/** A corrected digit that the answering model now reads right: how long that took. */
export interface Learnt {
  id: string;
  label: number;
  /** Milliseconds from adding it until the answering model read it right (training in slices). */
  ms: number;
}

/** What the "Your digits" panel shows; Progress carries it. */
export interface YourDigitsStatus {
  count: number;
  /** How many of each label 0–9. */
  byLabel: number[];
  /** Accuracy on your digits, each scored before it was learnt, and its trend. */
  prequential: Prequential;
  /**
   * New digits are being learnt (a fine-tuning phase, or fresh digits in the batches of a run
   * that trains), or will be once training is resumed ('on resume').
   */
  learning: boolean | 'on resume';
  /** The latest correction the model has learnt, or null. */
  learnt: Learnt | null;
  /** Bumps whenever the list changes: the UI fetches listDigits() again. */
  version: number;
  /** Saved by a newer DigitPad: shown but not changed. */
  readOnly: boolean;
  /** One-off news (digits set aside, a newer format). */
  notice: string | null;
  /** Reading them failed (the list is empty until it works). */
  error: string | null;
}

/** What addDigit resolves to: the verdict the model gave before learning it, and the new status. */
export interface AddedDigit {
  id: string;
  verdict: Verdict | null;
  status: YourDigitsStatus;
}

/** addDigit's options. */
export interface AddDigitOptions {
  /** The id an earlier tap on the same drawing got: taken back (and unlearnt) first. */
  replaces?: string;
  /** The drawing is one digit of a number (its bars had only its stroke count as pen evidence). */
  inNumber?: boolean;
  /**
   * The score of the answer the bars showed when the person tapped (Prediction.score): the
   * inference worker's snapshot can be a step behind the training worker's model, and "read
   * right" means what the person saw. Absent: the answering model scores it now.
   */
  shown?: Verdict;
}

/** What deleteDigit resolves to. */
export interface TakenBack {
  /** It was the latest digit tapped, and the answering model went back to its weights from before it. */
  unlearnt: boolean;
}

/** What importDigits resolves to. */
export interface ImportedDigits {
  added: number;
  /** Already in the set (same id). */
  already: number;
  /** New, but beyond the room left (MAX_DIGITS): still only in the file. */
  noRoom: number;
  status: YourDigitsStatus;
}
