// A piece of ink: a whole stroke, or the part of one on one side of a cut (see split.ts).

import { boxOf, heightOf, simplifyPath, widthOf, type Box } from './geometry.ts';
import { STROKE_WIDTH, type Pt } from './pad.ts';

export interface Piece {
  /** Index of the stroke in the drawing. */
  stroke: number;
  /** Its points `from` (inclusive) to `to` (exclusive) in the stroke; cut points are interpolated. */
  from: number;
  to: number;
  points: Pt[];
  /** The points thinned for distance checks (PATH_TOLERANCE × h); painting uses `points`. */
  path: Pt[];
  box: Box;
}

/** How far (× h) a thinned path may stray from the pen's: a tiny share of a touch (rules.ts). */
export const PATH_TOLERANCE = 0.005;

export function makePiece(stroke: number, from: number, to: number, points: Pt[], h: number): Piece {
  return { stroke, from, to, points, path: simplifyPath(points, PATH_TOLERANCE * h), box: boxOf(points) };
}

/** One piece per stroke with ink; h (the writing height) sets how finely paths are kept. */
export function wholeStrokes(strokes: readonly (readonly Pt[])[], h: number): Piece[] {
  const out: Piece[] = [];
  strokes.forEach((s, i) => {
    if (s.length > 0) out.push(makePiece(i, 0, s.length, [...s], h));
  });
  return out;
}

/** The larger of two pieces by height, then width, then stroke order: a strict total order. */
export function larger(a: Piece, b: Piece): boolean {
  const ha = heightOf(a.box), hb = heightOf(b.box);
  if (ha !== hb) return ha > hb;
  const wa = widthOf(a.box), wb = widthOf(b.box);
  if (wa !== wb) return wa > wb;
  return a.stroke !== b.stroke ? a.stroke < b.stroke : a.from < b.from;
}

/**
 * The height of the writing: the median height of the tall strokes (those at least half as tall
 * as the tallest). Most digits have one stroke spanning nearly their height, while flags, bars,
 * ticks and dots are shorter; a median ignores the odd over-tall stroke. Every threshold in
 * the segmentation is a multiple of this, so it works at any size the user writes.
 */
export function writingHeight(boxes: readonly Box[]): number {
  const hs = boxes.map(heightOf);
  const max = Math.max(0, ...hs);
  const tall = hs.filter((v) => v >= 0.5 * max).sort((a, b) => a - b);
  // The upper median: with two tall strokes (a 7 and its tick) the digit's own, not the tick.
  const median = tall.length ? tall[Math.floor(tall.length / 2)] : 0;
  if (median > 0) return median;
  // Only flat marks or dots: their width, or a pen's width, keeps the thresholds finite.
  return Math.max(STROKE_WIDTH, ...boxes.map(widthOf));
}
