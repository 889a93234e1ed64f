// A decimal point or comma: a small mark in the gap between two digits, low on the line; and a
// minus sign before the first digit.

import { centreX, heightOf, pathDistance, unionBox, widthOf, type Box } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { COMMA, DOT, DOT_LOW, FLAT, MINUS_WIDTH, NEAR_BESIDE, TOUCH } from './rules.ts';

const cy = (b: Box) => (b.y0 + b.y1) / 2;

/**
 * Takes the separators out of `minors` and returns them. `groups` are the digits' cores. A mark
 * inside a digit's columns or touching any ink is part of that digit (the dot some people end a 3
 * with); one before the first or after the last digit is a stray mark, not a separator.
 */
export function takeSeparators(minors: Piece[], groups: readonly Piece[][], h: number): Piece[] {
  const everything = [...groups.flat(), ...minors];
  const boxes = groups.map((g) => unionBox(g.map((p) => p.box)));
  const out: Piece[] = [];
  for (let i = minors.length - 1; i >= 0; i--) {
    const m = minors[i];
    if (Math.max(m.box.x1 - m.box.x0, m.box.y1 - m.box.y0) > DOT * h) continue;
    const x = centreX(m.box);
    if (boxes.some((b) => b.x0 <= x && x <= b.x1)) continue;
    let left = -1, right = -1;
    boxes.forEach((b, k) => {
      if (b.x1 < x && (left < 0 || b.x1 > boxes[left].x1)) left = k;
      if (b.x0 > x && (right < 0 || b.x0 < boxes[right].x0)) right = k;
    });
    if (left < 0 || right < 0) continue;
    if (cy(m.box) < (cy(boxes[left]) + cy(boxes[right])) / 2 + DOT_LOW * h) continue;
    const touches = everything.some(
      (p) => p !== m && pathDistance(m.path, p.path, m.box, p.box, TOUCH * h) <= TOUCH * h,
    );
    if (touches) continue;
    out.unshift(m);
    minors.splice(i, 1);
  }
  return out;
}

/** A point, or a comma when the mark has a tail (box and h in the same units). */
export function separatorChar(box: Box, h: number): '.' | ',' {
  const tall = box.y1 - box.y0;
  // A tail is long and thin: a round dot drawn big (a finger's) is still a point.
  return tall >= COMMA * h && tall >= 1.5 * (box.x1 - box.x0) ? ',' : '.';
}

/**
 * Takes a minus sign out of `minors` and returns it (or null): a flat dash left of the first
 * digit, apart from it, at the middle half of its height. Joined to that digit as a stray bar,
 * it made a 5 of "−5" a doubtful shape ("Not sure").
 */
export function takeMinus(minors: Piece[], groups: readonly Piece[][], h: number): Piece | null {
  if (groups.length === 0) return null;
  const first = groups.map((g) => unionBox(g.map((p) => p.box))).reduce((a, b) => (b.x0 < a.x0 ? b : a));
  const tall = first.y1 - first.y0;
  const i = minors.findIndex((m) => {
    const cy = (m.box.y0 + m.box.y1) / 2;
    return (
      heightOf(m.box) < FLAT * h && widthOf(m.box) >= MINUS_WIDTH * h && widthOf(m.box) >= 2 * heightOf(m.box) &&
      m.box.x1 < first.x0 - NEAR_BESIDE * h && cy >= first.y0 + tall / 4 && cy <= first.y1 - tall / 4 &&
      // Nothing else wholly before the first digit: a dash among other marks is no sign. A mark
      // reaching into its columns from after the dash is its own (a 5's flag, a 7's bar, a 1's
      // serif drawn apart); one from before the dash (an underline, a crossing stroke) is not.
      minors.every((o) => o === m || (o.box.x1 >= first.x0 && o.box.x0 > m.box.x1))
    );
  });
  return i < 0 ? null : minors.splice(i, 1)[0];
}
