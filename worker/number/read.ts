// A written number → its digits, read by any classifier: segment the strokes (segment.ts), turn
// each group into the network's input (digit-input.ts), ask the classifier, spell the result.

import { digitInput } from './digit-input.ts';
import type { Box } from './geometry.ts';
import { padExtent, STROKE_WIDTH, toSideUnits, type PadStroke, type Pt } from './pad.ts';
import { segment, type InkGroup } from './segment.ts';
import { separatorChar } from './separators.ts';

/**
 * 28×28 input (row-major, ink = 1), how many pen strokes have ink in it, its pieces of them
 * (points in side units), and whether it is one whole stroke (no piece cut from a neighbour's) →
 * one probability per digit 0–9.
 */
export type Classify = (input: Float32Array, strokes: number, pieces: readonly (readonly Pt[])[], oneWholeStroke: boolean) => ArrayLike<number>;

export interface DigitReading {
  /** The ink's box (stroke width included) in pad fractions, like the points. */
  box: Box;
  /** What the classifier saw: 784 values in 0..1. */
  input: Float32Array;
  probabilities: Float32Array;
  /** The most probable digit. */
  top: number;
  /** Strokes (indices into the drawing) with ink in this digit; a stroke cut between two digits is in both. */
  strokeIndices: number[];
}

export interface SeparatorReading {
  /** A decimal point, or a comma (a mark with a tail), as written; or a minus sign before the digits. */
  char: '.' | ',' | '−';
  box: Box;
  strokeIndices: number[];
  /** Its index in `text`. */
  at: number;
}

export interface NumberReading {
  /** Digits and separators left to right, e.g. "2026", "3.14" or "1,000"; "" for no ink. */
  text: string;
  digits: DigitReading[];
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
 * pad's shorter side wide for the inputs to match what the user sees.
 */
export function readNumber(strokes: readonly PadStroke[], padWidth: number, padHeight: number, classify: Classify): NumberReading {
  const pad = { width: padWidth, height: padHeight };
  const ext = padExtent(pad);
  const side = toSideUnits(strokes, pad);
  const seg = segment(side);
  const r = STROKE_WIDTH / 2;
  const fractions = (b: Box): Box => ({ x0: (b.x0 - r) / ext.w, y0: (b.y0 - r) / ext.h, x1: (b.x1 + r) / ext.w, y1: (b.y1 + r) / ext.h });
  const indices = (g: InkGroup) => [...new Set(g.pieces.map((p) => p.stroke))];

  const digits: DigitReading[] = [];
  for (const g of seg.digits) {
    const paths = g.pieces.map((p) => p.points);
    const input = digitInput(paths, g.box, ext);
    if (input === null) continue;
    const one = g.pieces.length === 1 && g.pieces[0].from === 0 && g.pieces[0].to === side[g.pieces[0].stroke].length;
    const probabilities = Float32Array.from(classify(input, indices(g).length, paths, one));
    if (probabilities.length !== 10) throw new Error(`readNumber: classify must return 10 probabilities, got ${probabilities.length}`);
    digits.push({ box: fractions(g.box), input, probabilities, top: argmax(probabilities), strokeIndices: indices(g) });
  }
  // Spell left to right; a separator goes after the digits left of its centre.
  const marks = seg.separators.map((g) => ({ x: (g.box.x0 + g.box.x1) / 2 / ext.w, g }));
  const separators: SeparatorReading[] = [];
  let text = '';
  if (seg.minus && digits.length > 0) {
    separators.push({ char: '−', box: fractions(seg.minus.box), strokeIndices: indices(seg.minus), at: 0 });
    text = '−';
  }
  let m = 0;
  for (const [k, d] of digits.entries()) {
    for (; m < marks.length && marks[m].x < (d.box.x0 + d.box.x1) / 2; m++) {
      if (k === 0) continue; // no digit before it: not a separator after all
      const char = separatorChar(marks[m].g.box, seg.height);
      separators.push({ char, box: fractions(marks[m].g.box), strokeIndices: indices(marks[m].g), at: text.length });
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
