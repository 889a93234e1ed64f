// A shape of straight sides drawn in one stroke that comes back to its start: a square, a
// triangle, a diamond, a star. The network, seeing a ring of ink, reads one as a 0 now and then (a
// square "0" at 66 % in Chromium, QA, stop 66; a diamond or a pentagon at 0.93–1.00 on young Node
// snapshots). A pen 0 is round: no UNIPEN dev digit that closes in one stroke has more than 0.63
// of its outline on long straight sides, where the other writers' squares have 0.96.

import { arcLengths, resampleAlong } from './along.ts';
import type { Point } from './pen.ts';

/** Points the stroke is resampled to: the test costs the same at any pointer rate. */
const POINTS = 96;
/** A side is straight when no point strays more than this share of the drawing from it… */
export const SIDE_STRAY = 0.02;
/** …and long when it spans this share of the drawing. */
export const LONG_SIDE = 0.3;
/** A polygon has at least three long straight sides… */
export const MIN_SIDES = 3;
/**
 * …that hold this share of its simplified outline's length (UNIPEN dev digits in one stroke that
 * closes: at most 0.63; a square 0.6 of the pad wide, drawn with a wobble of ±1 % of the pad at
 * each pointer move, passes 50 times in 50, at ±1.5 % 31 times)…
 */
export const STRAIGHT_SHARE = 0.75;
/** …and its end comes back within this share of the drawing of its start. */
export const CLOSED = 0.2;

/**
 * Whether one stroke is a closed outline of straight sides; `whole`: the drawing's size. Its
 * sides are found by Douglas–Peucker simplification at SIDE_STRAY.
 */
export function isPolygon(s: readonly Point[], whole: number): boolean {
  if (s.length < 2 || !(whole > 0)) return false;
  const at = arcLengths(s);
  const length = at[at.length - 1];
  if (!(length > 0)) return false;
  const p = smooth(resampleAlong(s, at, POINTS));
  if (Math.hypot(p[0].x - p[POINTS - 1].x, p[0].y - p[POINTS - 1].y) > CLOSED * whole) return false;
  const corners = simplify(p, SIDE_STRAY * whole);
  let sides = 0, straight = 0, outline = 0;
  for (let k = 1; k < corners.length; k++) {
    const a = p[corners[k - 1]], b = p[corners[k]];
    const side = Math.hypot(b.x - a.x, b.y - a.y);
    outline += side;
    if (side >= LONG_SIDE * whole) (sides++, (straight += side));
  }
  return sides >= MIN_SIDES && straight >= STRAIGHT_SHARE * outline;
}

/** Each point the mean of itself and its neighbours: a hand's wobble would cut a side in pieces. */
function smooth(p: readonly Point[]): Point[] {
  return p.map((q, i) => {
    const a = p[Math.max(0, i - 1)], b = p[Math.min(p.length - 1, i + 1)];
    return { x: (a.x + q.x + b.x) / 3, y: (a.y + q.y + b.y) / 3 };
  });
}

/**
 * Douglas–Peucker: the indices of the points kept, first and last included. Not number/geometry.ts
 * simplifyPath: that one is greedy (it extends a chord while the next points stay near it, 32 at
 * most), made for speed, and here it cuts a round stroke into longer chords: with it 9 of 20,000
 * generated 0s passed as polygons and UNIPEN dev reached 0.67 of its outline on long sides,
 * against none and 0.63 with this global split.
 */
export function simplify(p: readonly Point[], tolerance: number): number[] {
  const keep = new Array<boolean>(p.length).fill(false);
  keep[0] = keep[p.length - 1] = true;
  const spans: [number, number][] = [[0, p.length - 1]];
  while (spans.length > 0) {
    const [a, b] = spans.pop()!;
    const dx = p[b].x - p[a].x, dy = p[b].y - p[a].y, chord = Math.hypot(dx, dy);
    let far = -1, farthest = tolerance;
    for (let i = a + 1; i < b; i++) {
      const ex = p[i].x - p[a].x, ey = p[i].y - p[a].y;
      // From the chord; from its start when the chord has no length (a stroke back at its start).
      const d = chord > 0 ? Math.abs(dx * ey - dy * ex) / chord : Math.hypot(ex, ey);
      if (d > farthest) [far, farthest] = [i, d];
    }
    if (far > 0) {
      keep[far] = true;
      spans.push([a, far], [far, b]);
    }
  }
  return keep.flatMap((k, i) => (k ? [i] : []));
}
