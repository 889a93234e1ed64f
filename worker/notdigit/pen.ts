// What a drawing's pen strokes say that its 28×28 pixels lose, for the "not a digit" verdict
// (verdict.ts): how many strokes it took, whether one of them is a dot set apart from the rest
// of the ink and outside it (the dot of an i, j, ! or ?), whether it is only small marks (a
// colon, an ellipsis, dashes), whether a lone stroke stays open (a C, not a 0) and how near it
// comes back to itself (a 6 or an 8 written without lifting the pen closes a loop), and whether it
// is only straight lines no digit is made of (lines.ts: +, ×, =, ||), whether a lone stroke is a
// closed outline of straight sides (polygon.ts: a square, a triangle), and whether it holds the
// parts a digit needs (parts.ts: a 4's bar, a 7's top; no f's cross for a 1, no D's or $'s
// upright). Pad fractions in: on the square pad they are the same units across and down.

import { arcLengths, resampleAlong } from './along.ts';
import { onlyLines } from './lines.ts';
import { partsOf, type Parts } from './parts.ts';
import { isPolygon } from './polygon.ts';

/** A point of a stroke (pad fractions, or any units equal across and down). */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Pen {
  /** Strokes with at least one point. */
  strokes: number;
  /**
   * A dot (see DOT) at least APART away from every larger stroke, and outside their box; or, on
   * the digit pad, a mark (UNDER_MARK) wholly under the rest of the ink: an !'s or a ?'s dot.
   */
  detachedDot: boolean;
  /** Two or more strokes and none spans MARKS of the drawing: small marks, no stroke to read. */
  scattered: boolean;
  /** One stroke that does not come back to where it began (OPEN_LOOP): a C, not a 0. */
  openLoop: boolean;
  /**
   * One stroke: how near it comes back to any part of itself at least LOOP_ARC of the drawing's
   * size behind, in drawing sizes (a crossing or a touch: about 0). Null or absent: not one
   * stroke, or not known (a digit of a number, a stroke still being drawn).
   */
  loopGap?: number | null;
  /**
   * Only straight lines, two crossing near both middles or all side by side (lines.ts: +, ×, =,
   * ||, ≡). Judged once the pen is up: false while a stroke is still being drawn.
   */
  lines: boolean;
  /**
   * One stroke that closes on itself, of long straight sides (polygon.ts: a square, a triangle,
   * a diamond, a star). Judged once the pen is up; absent: not known.
   */
  polygon?: boolean;
  /**
   * The parts a digit must hold and the strokes none has (parts.ts: a 4's bar, a 7's top, a 1
   * without a cross, a D's upright, a $'s). Judged once the pen is up; null or absent: not known.
   */
  parts?: Parts | null;
}

/** A stroke whose longer side is under this share of the whole drawing's is a dot. */
export const DOT = 0.06;
/** …and set apart when no larger stroke comes within this share of the drawing's size. */
export const APART = 0.1;
/**
 * A digit has a stroke that spans most of it: among the 653 UNIPEN dev digits the longest
 * stroke spans at least 54 % of the drawing (two-circle 8s), 70 % for all but five. A colon's
 * dots, an ellipsis or dashes span far less.
 */
export const MARKS = 0.4;
/**
 * A 0 written in one stroke ends where it began. Of the 65 one-stroke UNIPEN dev zeros, the end
 * comes within 0.12 of the drawing's size of the stroke's first third (or the start of its last
 * third) for 95 %, within 0.25 for all; a C, c or U of the hand-drawn set stays 0.37–0.74 away.
 */
export const OPEN_LOOP = 0.35;

/**
 * A 6 or an 8 written in one stroke closes a loop: the stroke crosses or touches itself. Every
 * one-stroke 6 and 8 of the UNIPEN dev set (61 and 70) comes back within 0.16 and 0.03 of the
 * drawing's size of a part of itself at least this far (0.6 of its size) behind along the stroke;
 * a "(" or a C does not come back at all.
 */
export const LOOP_ARC = 0.6;
/** Points a stroke is resampled to for loopGap: its pairs stay cheap at any pointer rate. */
const LOOP_POINTS = 64;

function box(points: readonly Point[]): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of points) {
    x0 = Math.min(x0, p.x), y0 = Math.min(y0, p.y), x1 = Math.max(x1, p.x), y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
}

function size(points: readonly Point[]): number {
  const b = box(points);
  return Math.max(b.x1 - b.x0, b.y1 - b.y0);
}

/**
 * How far to either side of the rest of the ink (a share of its height) a dot may lie and still
 * be the dot of an i, j, !, ?, ; or ÷, which sits above or below its stroke.
 */
export const DOT_SIDEWAYS = 0.2;
/** …and in a number, where a point beside a digit is written low too. */
export const DOT_SIDEWAYS_IN_NUMBER = 0.08;

/**
 * A stroke under this share of the drawing's size, wholly under the rest of the ink (its top
 * below their foot) and within DOT_SIDEWAYS of their columns, is the dot of an ! or a ?, however
 * large a dot the pen left: a dash or a blob of 0.1–0.15 of the drawing is common. No digit has
 * one: none of the 653 UNIPEN dev digits, the other writers' 60 or 20,000 generated digits, even
 * at 0.35 with no gap; of the hand-drawn glyphs, 11 ! and ? (and three : and two others).
 */
export const UNDER_MARK = 0.3;
/**
 * A closed outline of straight sides that spans this share of the drawing is no digit, whatever
 * else is drawn with it: a house, an envelope, a boxed cross (QA: a house of its outline and one
 * line read as 0 at 99 %). A digit's closed part is smaller: a 4's top, a 9's head.
 */
export const OUTLINE = 0.8;

/**
 * The drawing without its stray taps: dots set apart from the rest of the ink, outside its box,
 * and not above or below it as an i's or a !'s dot is — beside it or off towards a corner, where
 * a finger or a pen slipped. Left in, such a tap would count as the drawing's own (the "not a
 * digit" dot test) and stretch its box, so the digit would be read shrunk into a corner.
 */
export function withoutStrays<S extends readonly Point[]>(strokes: readonly S[]): S[] {
  const ink = inkOf(strokes);
  if (!ink) return [...strokes];
  const { drawn, isDot, apartDot, overOrUnder } = ink;
  return drawn.filter((s, i) => !(isDot[i] && apartDot(s) && !overOrUnder(s)));
}

/**
 * A drawing's strokes with ink, its size, which strokes are dots and the box of the rest; and
 * whether a dot stands apart (outside that box, no larger stroke near). Null without a stroke
 * larger than a dot (dots alone, a colon or an ellipsis, have nothing to be apart from).
 */
function inkOf<S extends readonly Point[]>(strokes: readonly S[]) {
  const drawn = strokes.filter((s) => s.length > 0);
  const whole = size(drawn.flat());
  if (!(whole > 0)) return null;
  const isDot = drawn.map((s) => size(s) < DOT * whole);
  const big = drawn.filter((_, i) => !isDot[i]);
  if (big.length === 0) return null;
  const rest = box(big.flat());
  const centre = (dot: readonly Point[]) => {
    const b = box(dot);
    return { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 };
  };
  const apartDot = (dot: readonly Point[]) => {
    const { x, y } = centre(dot);
    const outside = x < rest.x0 || x > rest.x1 || y < rest.y0 || y > rest.y1;
    return outside && big.every((s) => apart(dot, s, APART * whole));
  };
  /** Where an i's or a !'s dot sits: above or below the rest, within `sideways` (of its height) of its columns. */
  const overOrUnder = (dot: readonly Point[], sideways = DOT_SIDEWAYS) => {
    const { x, y } = centre(dot), side = sideways * (rest.y1 - rest.y0);
    return (y < rest.y0 || y > rest.y1) && x >= rest.x0 - side && x <= rest.x1 + side;
  };
  return { drawn, isDot, rest, apartDot, overOrUnder };
}

/** A mark wholly under the rest of the ink, within its columns: see UNDER_MARK. */
function markUnder(drawn: readonly (readonly Point[])[], whole: number): boolean {
  // Under a stroke to read (a colon's lower dot is under a dot, and small marks are `scattered`).
  if (drawn.length < 2 || !drawn.some((s) => size(s) >= MARKS * whole)) return false;
  return drawn.some((mark, i) => {
    const b = box(mark);
    if (Math.max(b.x1 - b.x0, b.y1 - b.y0) >= UNDER_MARK * whole) return false;
    const rest = box(drawn.filter((_, j) => j !== i).flat());
    const side = DOT_SIDEWAYS * (rest.y1 - rest.y0), x = (b.x0 + b.x1) / 2;
    return b.y0 > rest.y1 && x >= rest.x0 - side && x <= rest.x1 + side;
  });
}

/**
 * The pen evidence of a drawing's strokes. `settled`: the pen is up. A drawing still being drawn
 * has not closed its loops yet, so it gets no loop evidence (openLoop false, loopGap null), and
 * the quadratic loop search is not spent on every pen movement.
 */
export function penOf(strokes: readonly (readonly Point[])[], settled = true): Pen {
  const drawn = strokes.filter((s) => s.length > 0);
  const whole = size(drawn.flat());
  // The dot of an i, j, !, ?, ; or ÷ lies above or below the rest of the ink (a tap beside it is
  // a slip, dropped by withoutStrays); a tap inside the box of a digit's strokes is a slip of the
  // pen too (UNIPEN dev: a 3 with one).
  const ink = inkOf(drawn);
  const detachedDot = (ink !== null && drawn.some((dot, i) => ink.isDot[i] && ink.apartDot(dot))) || markUnder(drawn, whole);
  const scattered = whole > 0 && drawn.length > 1 && drawn.every((s) => size(s) < MARKS * whole);
  const { openLoop, loopGap } = loopsOf(settled && whole > 0 && drawn.length === 1 ? drawn[0] : null, whole);
  const lines = settled && onlyLines(drawn, whole);
  const polygon = settled && drawn.some((s) => size(s) >= OUTLINE * whole && isPolygon(s, whole));
  const parts = settled && Number.isFinite(whole) && whole > 0 ? partsOf(drawn) : null;
  return { strokes: drawn.length, detachedDot, scattered, openLoop, loopGap, lines, polygon, parts };
}

/**
 * The pen evidence of one digit of a number: its stroke count, and once the pen is up the parts
 * its pieces of strokes hold (`pieces`: a stroke cut between two digits leaves each its piece),
 * whether one of them is a closed outline of straight sides that spans it, a dot over or under
 * it, and, when it is one whole stroke (`wholeStroke`: not a piece cut from a neighbour's),
 * whether it stays open and how near it comes back to itself, as for a lone drawing. A dot in a
 * gap is a separator (number/segment.ts) and small marks are its neighbours' business.
 */
export function penInNumber(strokes: number, pieces?: readonly (readonly Point[])[], wholeStroke = false): Pen {
  const drawn = pieces?.filter((s) => s.length > 0) ?? [];
  const whole = drawn.length > 0 ? size(drawn.flat()) : 0;
  const known = Number.isFinite(whole) && whole > 0;
  const parts = known ? partsOf(drawn, wholeStroke, wholeStroke) : null;
  const loops = loopsOf(known && wholeStroke && drawn.length === 1 ? drawn[0] : null, whole);
  // The dot of an !, a ? or an i, over or under its stroke, stays with it (a separator lies in a
  // gap between digits): as on the digit pad, it says "not a digit". Only one within its columns
  // counts here: a point before the first digit or after the last (".5", "12.") joins that digit
  // too, low and a little beside it.
  const ink = known ? inkOf(drawn) : null;
  const detachedDot = ink !== null && drawn.some((dot, i) => ink.isDot[i] && ink.apartDot(dot) && ink.overOrUnder(dot, DOT_SIDEWAYS_IN_NUMBER));
  // As on the digit pad, an outline that spans the digit counts with strokes beside it (a house).
  // A piece cut from a neighbour's stroke is asked too: a cut does not close a stroke on itself.
  const polygon = known && drawn.some((s) => size(s) >= OUTLINE * whole && isPolygon(s, whole));
  return { strokes, detachedDot, scattered: false, lines: false, polygon, parts, ...loops };
}

/** A lone stroke's loop evidence (`whole`: the drawing's size); none for no stroke. */
function loopsOf(stroke: readonly Point[] | null, whole: number): Pick<Pen, 'openLoop' | 'loopGap'> {
  return stroke ? { openLoop: gap(stroke) > OPEN_LOOP * whole, loopGap: returnGap(stroke, whole) } : { openLoop: false, loopGap: null };
}

/** How near a stroke comes back to itself, over `whole`: see Pen.loopGap. */
function returnGap(s: readonly Point[], whole: number): number {
  const at = arcLengths(s);
  const length = at[at.length - 1];
  if (!(length > 0)) return Infinity;
  const p = resampleAlong(s, at, LOOP_POINTS);
  // Points are length / (n − 1) apart along the stroke: pairs `behind` or more indices apart are LOOP_ARC apart.
  const behind = Math.ceil((LOOP_ARC * whole * (LOOP_POINTS - 1)) / length);
  let d = Infinity;
  for (let j = behind; j < p.length; j++) for (let i = 0; i + behind <= j; i++) d = Math.min(d, Math.hypot(p[j].x - p[i].x, p[j].y - p[i].y));
  return d / whole;
}

/** How far a stroke stays from closing: its end from its first third, or its start from its last. */
function gap(s: readonly Point[]): number {
  const third = Math.max(1, Math.floor(s.length / 3));
  return Math.min(nearest(s[s.length - 1], s.slice(0, third)), nearest(s[0], s.slice(s.length - third)));
}

function nearest(p: Point, points: readonly Point[]): number {
  let d = Infinity;
  for (const q of points) d = Math.min(d, Math.hypot(p.x - q.x, p.y - q.y));
  return d;
}

function apart(a: readonly Point[], b: readonly Point[], d: number): boolean {
  for (const p of a) for (const q of b) if (Math.hypot(p.x - q.x, p.y - q.y) < d) return false;
  return true;
}
