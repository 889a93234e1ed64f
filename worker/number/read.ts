// A written number → its digits, read by any classifier: segment the strokes (segment.ts), turn
// each group into the network's input (digit-input.ts), ask the classifier, let it move a short
// piece touching two digits to the one it belongs with (contested.ts) and cut a group that reads
// as two crowded digits (two-digits.ts), spell the result.

import { digitInput } from './digit-input.ts';
import { unionBox, type Box } from './geometry.ts';
import { padExtent, STROKE_WIDTH, toSideUnits, type PadStroke, type Pt } from './pad.ts';
import type { Piece } from './pieces.ts';
import { segment } from './segment.ts';
import { separatorChar } from './separators.ts';
import { twoDigits } from './two-digits.ts';
import { settleContested } from './contested.ts';

/** What a classifier says of one digit: its ten probabilities, and whether it looks like a digit at all. */
export interface Judgement {
  digitProbabilities: ArrayLike<number>;
  notADigit: boolean;
}

/**
 * 28×28 input (row-major, ink = 1), how many pen strokes have ink in it, its pieces of them
 * (points in side units), and whether it is one whole stroke (no piece cut from a neighbour's) →
 * what the classifier says of it. It may be asked about more groups than there are digits: the
 * sides of a group that might be two digits are read too.
 */
export type Classify<J extends Judgement = Judgement> = (input: Float32Array, strokes: number, pieces: readonly (readonly Pt[])[], oneWholeStroke: boolean) => J;

export interface DigitReading<J extends Judgement = Judgement> {
  /** The ink's box (stroke width included) in pad fractions, like the points. */
  box: Box;
  /** What the classifier saw: 784 values in 0..1. */
  input: Float32Array;
  probabilities: Float32Array;
  /** The most probable digit. */
  top: number;
  /** Strokes (indices into the drawing) with ink in this digit; a stroke cut between two digits is in both. */
  strokeIndices: number[];
  /**
   * Its own ink, [x0, y0, x1, y1, …] per piece in pad fractions like the strokes: of a stroke cut
   * between two digits, only its side (a joined-up "00" kept as one digit is one 0, not both).
   */
  ink: number[][];
  /** What the classifier said of it. */
  judgement: J;
}

export interface SeparatorReading {
  /** A decimal point, or a comma (a mark with a tail), as written; or a minus sign before the digits. */
  char: '.' | ',' | '−';
  box: Box;
  strokeIndices: number[];
  /** Its index in `text`. */
  at: number;
}

export interface NumberReading<J extends Judgement = Judgement> {
  /** Digits and separators left to right, e.g. "2026", "3.14" or "1,000"; "" for no ink. */
  text: string;
  digits: DigitReading<J>[];
  separators: SeparatorReading[];
}

function argmax(p: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
  return best;
}

/**
 * strokes: points as fractions of the pad's width and height (pad.ts). padWidth/padHeight: the
 * pad's size in any unit; only their ratio is used. Strokes must be drawn STROKE_WIDTH × the
 * pad's shorter side wide for the inputs to match what the user sees. `settle`: false leaves
 * contested pieces where geometry put them (tests measure what moving them brings).
 */
export function readNumber<J extends Judgement>(strokes: readonly PadStroke[], padWidth: number, padHeight: number, classify: Classify<J>, settle = true): NumberReading<J> {
  const pad = { width: padWidth, height: padHeight };
  const ext = padExtent(pad);
  const side = toSideUnits(strokes, pad);
  const seg = segment(side);
  const r = STROKE_WIDTH / 2;
  const fractions = (b: Box): Box => ({ x0: (b.x0 - r) / ext.w, y0: (b.y0 - r) / ext.h, x1: (b.x1 + r) / ext.w, y1: (b.y1 + r) / ext.h });
  const indices = (pieces: readonly Piece[]) => [...new Set(pieces.map((p) => p.stroke))].sort((a, b) => a - b);

  const read = (pieces: Piece[]): DigitReading<J> | null => {
    const box = unionBox(pieces.map((p) => p.box));
    const paths = pieces.map((p) => p.points);
    const input = digitInput(paths, box, ext);
    if (input === null) return null;
    const one = pieces.length === 1 && pieces[0].from === 0 && pieces[0].to === side[pieces[0].stroke].length;
    const strokeIndices = indices(pieces);
    const judgement = classify(input, strokeIndices.length, paths, one);
    const probabilities = Float32Array.from(judgement.digitProbabilities);
    if (probabilities.length !== 10) throw new Error(`readNumber: classify must return 10 probabilities, got ${probabilities.length}`);
    const ink = paths.map((path) => path.flatMap((p) => [p.x / ext.w, p.y / ext.h]));
    return { box: fractions(box), input, probabilities, top: argmax(probabilities), strokeIndices, ink, judgement };
  };
  const groups = seg.digits.map((g) => g.pieces);
  const wholes = groups.map(read);
  if (settle) settleContested(groups, wholes, seg.height, read);
  const digits: DigitReading<J>[] = [];
  groups.forEach((g, k) => {
    const whole = wholes[k];
    // A shape the segmentation joined (an H) is not two crowded digits, however sure its sides.
    if (whole) digits.push(...((!seg.digits[k].shape && twoDigits(g, whole, seg.height, read)) || [whole]));
  });
  // Spell left to right; a separator goes after the digits left of its centre.
  const marks = seg.separators.map((g) => ({ x: (g.box.x0 + g.box.x1) / 2 / ext.w, g }));
  const separators: SeparatorReading[] = [];
  let text = '';
  if (seg.minus && digits.length > 0) {
    separators.push({ char: '−', box: fractions(seg.minus.box), strokeIndices: indices(seg.minus.pieces), at: 0 });
    text = '−';
  }
  let m = 0;
  for (const [k, d] of digits.entries()) {
    for (; m < marks.length && marks[m].x < (d.box.x0 + d.box.x1) / 2; m++) {
      if (k === 0) continue; // no digit before it: not a separator after all
      const char = separatorChar(marks[m].g.box, seg.height);
      separators.push({ char, box: fractions(marks[m].g.box), strokeIndices: indices(marks[m].g.pieces), at: text.length });
      text += char;
    }
    text += String(d.top);
  }
  return { text, digits, separators };
}

/**
 * The text with each digit the model is not sure of as "?" (`unsure`: one flag per digit, left to
 * right): "2?6" for a 2, an A and a 6. A number with a guessed digit in it is not the number read.
 */
export function markUnsure(text: string, unsure: readonly boolean[]): string {
  let k = 0;
  return [...text].map((c) => (c < '0' || c > '9' ? c : unsure[k++] ? '?' : c)).join('');
}
