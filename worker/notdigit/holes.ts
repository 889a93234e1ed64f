// How many holes a drawing's ink encloses: the background regions its strokes wall off from the
// outside, counted on a small raster of the strokes drawn with a thick pen. A thick pen closes the
// small gaps a real loop leaves and fills the tiny eyes of a flourish, so what is counted is the
// loops a reader sees: every real 8 has one or two, which is the only rule parts.ts takes from it
// (docs/not-sure.md: why none is asked of a 1, 3, 5 or 7).

import { boxOf } from '../number/geometry.ts';
import { arcLengths, resampleAlong } from './along.ts';
import type { Point } from './pen.ts';

/** Cells across the drawing's longer side. */
const CELLS = 48;
/** Empty cells round the drawing, so the outside is one region. */
const MARGIN = 3;
/** The pen's radius, as a share of the drawing's longer side. */
export const HOLE_PEN = 0.04;
/** Points a stroke is resampled to at most (a scribble's many turns). */
const MOST_POINTS = 1000;
/** A hole holds at least this many cells: fewer is a pinhole between touching lines. */
const LEAST_CELLS = 4;

/** The holes the strokes' ink encloses (strokes in any units equal across and down). */
export function holesOf(strokes: readonly (readonly Point[])[], pen = HOLE_PEN): number {
  const ink = boxOf(strokes.flat());
  const size = Math.max(ink.x1 - ink.x0, ink.y1 - ink.y0);
  const n = CELLS + 2 * MARGIN, k = CELLS / size, r = pen * CELLS;
  if (!(size > 0 && Number.isFinite(size) && Number.isFinite(k))) return 0; // a few ulps, or spread past the doubles
  // Centred, so a narrow drawing (a 1) sits in the middle of its square.
  const ox = MARGIN + (CELLS - (ink.x1 - ink.x0) * k) / 2, oy = MARGIN + (CELLS - (ink.y1 - ink.y0) * k) / 2;
  const wall = new Uint8Array(n * n);
  // Every cell within r of a segment is ink: on the stroke resampled about a cell apart (at most
  // MOST_POINTS, whatever the pointer rate), each segment's cells are a few dozen.
  const r2 = r * r;
  const segment = (ax: number, ay: number, bx: number, by: number) => {
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const i0 = Math.max(0, Math.floor(Math.min(ax, bx) - r)), i1 = Math.min(n - 1, Math.ceil(Math.max(ax, bx) + r));
    const j0 = Math.max(0, Math.floor(Math.min(ay, by) - r)), j1 = Math.min(n - 1, Math.ceil(Math.max(ay, by) + r));
    for (let j = j0; j <= j1; j++)
      for (let i = i0; i <= i1; i++) {
        const px = i + 0.5 - ax, py = j + 0.5 - ay;
        const t = len2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / len2)) : 0;
        if ((px - t * dx) ** 2 + (py - t * dy) ** 2 <= r2) wall[j * n + i] = 1;
      }
  };
  for (const s of strokes) {
    const at = arcLengths(s), length = at[at.length - 1] * k;
    const p = length > 0 ? resampleAlong(s, at, Math.min(MOST_POINTS, Math.ceil(length) + 1)) : [s[0]];
    const x = (q: Point) => ox + (q.x - ink.x0) * k, y = (q: Point) => oy + (q.y - ink.y0) * k;
    if (p.length === 1) segment(x(p[0]), y(p[0]), x(p[0]), y(p[0]));
    for (let m = 1; m < p.length; m++) segment(x(p[m - 1]), y(p[m - 1]), x(p[m]), y(p[m]));
  }
  // Flood each empty region (4-connected: ink touching corner to corner still walls it off).
  const seen = new Uint8Array(n * n), stack: number[] = [];
  let holes = 0;
  for (let start = 0; start < n * n; start++) {
    if (wall[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let cells = 0, outside = false;
    while (stack.length > 0) {
      const c = stack.pop()!, i = c % n, j = (c - i) / n;
      cells++;
      if (i === 0 || j === 0 || i === n - 1 || j === n - 1) outside = true;
      for (let e = 0; e < 4; e++) {
        const d = e === 0 ? (i > 0 ? c - 1 : -1) : e === 1 ? (i < n - 1 ? c + 1 : -1) : e === 2 ? (j > 0 ? c - n : -1) : j < n - 1 ? c + n : -1;
        if (d >= 0 && !wall[d] && !seen[d]) (seen[d] = 1), stack.push(d);
      }
    }
    if (!outside && cells >= LEAST_CELLS) holes++;
  }
  return holes;
}
