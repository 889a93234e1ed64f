// Two digits written so close that the segmentation's rules (segment.ts) kept them as one group:
// their columns overlap too much for split.ts, which cuts by geometry alone. Here the classifier
// decides. A group at least half as wide as the writing is tall is cut between its whole pieces,
// ordered by centre, and the cut is taken when both sides read as sure digits while the whole does
// not read as one (or, from a little wider, reads as one no more surely than its sides).
//
// Measured on numbers composed from the UNIPEN dev digits with neighbouring boxes overlapping by
// up to a fifth of a digit's width (compose.ts gap [−0.2, 0]; three Node models, two CNN seeds
// and the MLP): whole numbers read right 58–65 % → 77–86 % (stop 60 tried groups from 0.7 h and
// weighed a sure whole from 0.9 h: 71–80 %; most of what that left was a 1 crowding its
// neighbour, too narrow to try, and a crowded "96" read as a sure 8). With gaps of a fifth of a
// width or more nothing changed; no digit of the 653 UNIPEN digits, nor of 3,000 generated ones,
// written alone on the number pad is cut in two. It costs 1.003 classifier calls per digit on
// spaced numbers, 1.08 on crowded ones.
//
// A 1 written into its neighbour's columns ("18" read as a sure 8, a crowded "10" as no digit)
// overlaps too much to be tried at all; it is tried when it is one tall narrow stem that the
// other side's ink barely crosses (STEM_*). Node, the same three models (two CNNs, the MLP;
// contested.ts before it), whole crowded numbers right: 87.3, 85.7, 78.7 → 88.7, 87.0, 79.7 %;
// overlapping a tenth to three tenths, 78.5, 76.0, 64.0 → 81.5, 79.0, 66.0 %. Crowded 1s that
// were cut had the other side's ink 0.03–0.09 h past their centre; a 4's bar crosses its stem by
// 0.11 h or more in the UNIPEN digits, so STEM_PAST keeps clear of it.

import { centreX, heightOf, unionBox, widthOf, xOverlap, type Box } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { MIN_WIDTH, SPLIT_MIN_HEIGHT } from './rules.ts';

/** Groups narrower than this (× h) are one digit: two crowded digits, even two 1s, are wider. */
export const TWO_MIN_WIDE = 0.5;
/** …and from this wide (× h) a sure whole is still weighed against its sides (a crowded "10" reads as a sure 0, a "96" as an 8). */
export const TWO_WEIGH_WIDE = 0.6;
/** The sides' columns may overlap up to this share of the narrower side (split.ts allows 0.35). */
export const TWO_OVERLAP = 0.7;
/**
 * A 1 written into its neighbour's columns (a crowded "10", "18") overlaps it past TWO_OVERLAP,
 * and is still tried when it is a stem: one stroke at least this tall (× h) as both sides are…
 */
export const STEM_TALL = 0.8;
/** …at most this wide for its height… */
export const STEM_NARROW = 0.35;
/**
 * …and the other side's ink reaches at most this far (× h) past the stem's centre line: a slash
 * through a 0 has ink both sides, and a 4's bar crosses its stem.
 */
export const STEM_PAST = 0.07;
/** Each side must read as a digit at least this surely… */
export const TWO_SURE = 0.8;
/** …and a whole read below this is in doubt: two digits read as one look like neither. */
export const TWO_DOUBT = 0.5;
/** A sure whole gives way to sides this sure (or surer than itself). */
export const TWO_SURER = 0.95;

/** `side` is one stem as tall as `other`, at the edge of other's columns or beyond (see STEM_TALL). */
function stemBeside(side: readonly Piece[], other: Box, h: number): boolean {
  if (side.length !== 1 || heightOf(other) < STEM_TALL * h) return false;
  const b = side[0].box;
  if (heightOf(b) < STEM_TALL * h || widthOf(b) > STEM_NARROW * heightOf(b)) return false;
  const x = centreX(b);
  return other.x0 >= x - STEM_PAST * h || other.x1 <= x + STEM_PAST * h;
}

/** What twoDigits needs of a reading: how sure its top digit is, and whether it looks like a digit at all. */
export interface Read {
  probabilities: ArrayLike<number>;
  top: number;
  judgement: { notADigit: boolean };
}

/**
 * `whole`: the group as read; `read`: reads a set of pieces (null: no ink). Returns the two sides'
 * readings, left then right, or null to keep the group whole.
 */
export function twoDigits<R extends Read>(pieces: readonly Piece[], whole: R, h: number, read: (pieces: Piece[]) => R | null): [R, R] | null {
  const width = widthOf(unionBox(pieces.map((p) => p.box)));
  if (pieces.length < 2 || width < TWO_MIN_WIDE * h) return null;
  const sureness = (r: R) => r.probabilities[r.top];
  const doubtful = whole.judgement.notADigit || sureness(whole) < TWO_DOUBT;
  if (!doubtful && width < TWO_WEIGH_WIDE * h) return null;
  const sorted = [...pieces].sort((a, b) => centreX(a.box) - centreX(b.box));
  // Each side's pieces in the group's own order (the order the pen wrote them in), as a whole group's.
  const inOrder = (side: Piece[]) => pieces.filter((p) => side.includes(p));
  let best: [R, R] | null = null;
  let bestSure = TWO_SURE;
  for (let k = 1; k < sorted.length; k++) {
    const left = inOrder(sorted.slice(0, k)), right = inOrder(sorted.slice(k));
    const lb = unionBox(left.map((p) => p.box)), rb = unionBox(right.map((p) => p.box));
    // Each side a digit's height (a 7's bar or a 5's flag is no digit), columns not one inside the other.
    if (heightOf(lb) < SPLIT_MIN_HEIGHT * h || heightOf(rb) < SPLIT_MIN_HEIGHT * h) continue;
    if (xOverlap(lb, rb, MIN_WIDTH * h) > TWO_OVERLAP && !stemBeside(left, rb, h) && !stemBeside(right, lb, h)) continue;
    const a = read(left), b = read(right);
    if (!a || !b || a.judgement.notADigit || b.judgement.notADigit) continue;
    const sure = Math.min(sureness(a), sureness(b));
    if (sure < bestSure || (!doubtful && sure < Math.min(sureness(whole), TWO_SURER))) continue;
    best = [a, b];
    bestSure = sure;
  }
  return best;
}
