// A decimal point or comma: a small mark in the gap between two digits, low on the line.

import { centreX, pathDistance, unionBox, type Box } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { COMMA, DOT, DOT_LOW, TOUCH } from './rules.ts';

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
  return tall >= COMMA * h && tall > box.x1 - box.x0 ? ',' : '.';
}
