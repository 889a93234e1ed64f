// How much of a drawing's stroke runs through its inside rather than round its edge, for the
// parts test (parts.ts `inside`). A 0 is a ring: its stroke runs round the edge of its convex hull,
// however narrow or slanted the ring. An e's bar, a D's or a Q's loop, an @'s a, an &'s crossing run
// through the middle, where no 0 goes — but for a slash: a slashed 0 written without lifting the
// pen crosses its middle in one straight, steep line, so such a stretch does not count (the
// level bar of an e or a θ does). And where a ring closes (`meetingDepth`): a 0 closes on its edge,
// a heart drawn from its notch closes in its middle. Pad fractions in, like pen.ts.

import { boxOf } from '../number/geometry.ts';
import { arcLengths, resampleAlong } from './along.ts';
import type { Point } from './pen.ts';

/** A stretch of stroke this deep inside the hull, as a share of the hull's deepest point, is inside. */
export const DEEP = 0.5;
/** A stretch within this share of its length of its chord is straight… */
const STRAIGHT = 0.06;
/** …and steeper than this (30° from level) a slash. */
const STEEP = Math.tan((30 * Math.PI) / 180);
/** Grid points per side on which the hull's deepest point is looked for, before it is refined. */
const GRID = 20;
/**
 * Points each stroke is resampled to, evenly along it: the cost stays the same at any pointer
 * rate (an API caller's stroke may hold 100,000 points), and 2 % of a ring's length per step is
 * finer than any stretch the test counts.
 */
const POINTS = 128;
/** Strokes whose meetings are looked at: a digit takes a few (an API caller's drawing may hold hundreds). */
const MOST_STROKES = 12;
/** Moves the climb to the hull's deepest point may take. */
const CLIMB = 200;

const cross = (o: Point, a: Point, b: Point) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

/**
 * The convex hull (Andrew's monotone chain), ordered so that cross(a, b, p) > 0 for a point p
 * inside every edge a→b: clockwise as seen on the pad, whose y runs down.
 */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const lower: Point[] = [], upper: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  for (let i = p.length - 1; i >= 0; i--) {
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p[i]) <= 0) upper.pop();
    upper.push(p[i]);
  }
  return lower.slice(0, -1).concat(upper.slice(0, -1));
}

/**
 * How far inside the hull a point lies (0 on or outside it): its least distance to the edges'
 * lines, which inside a convex polygon is its distance to the boundary. `hull` as edges: each a
 * start point and its unit normal pointing inside, so a point costs a multiply-add per edge.
 */
type Edges = readonly { x: number; y: number; nx: number; ny: number }[];
function depth(p: Point, edges: Edges): number {
  let d = Infinity;
  for (const e of edges) d = Math.min(d, (p.x - e.x) * e.nx + (p.y - e.y) * e.ny);
  return Math.max(0, d);
}

/** The hull's edges with their inward unit normals (cross(a, b, p) > 0 inside); null when it has no area. */
function edgesOf(hull: readonly Point[]): Edges | null {
  const edges = [];
  for (let i = 0; i < hull.length; i++) {
    const a = hull[i], b = hull[(i + 1) % hull.length], length = Math.hypot(b.x - a.x, b.y - a.y);
    if (!(length > 0)) return null;
    edges.push({ x: a.x, y: a.y, nx: -(b.y - a.y) / length, ny: (b.x - a.x) / length });
  }
  return edges;
}

/**
 * The share of the strokes' length lying deeper inside their convex hull than DEEP times its
 * deepest point: about 0 for a ring, a bar or loop across the middle counts.
 */
export function insideShare(drawn: readonly (readonly Point[])[]): number {
  const strokes = drawn.map((s) => evenlyAlong(s, POINTS));
  const hull = convexHull(strokes.flat());
  const edges = hull.length < 3 ? null : edgesOf(hull);
  if (!edges) return 0;
  const deepest = deepestOf(hull, edges);
  if (!(deepest > 0)) return 0;
  let inside = 0, total = 0;
  for (const s of strokes) {
    // Runs of consecutive segments inside: [first point, last point].
    let from = -1;
    const close = (to: number) => {
      if (from >= 0 && !isSlash(s, from, to)) for (let k = from + 1; k <= to; k++) inside += Math.hypot(s[k].x - s[k - 1].x, s[k].y - s[k - 1].y);
      from = -1;
    };
    for (let i = 1; i < s.length; i++) {
      const a = s[i - 1], b = s[i];
      total += Math.hypot(b.x - a.x, b.y - a.y);
      const deep = depth({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }, edges) > DEEP * deepest;
      if (deep && from < 0) from = i - 1;
      if (!deep) close(i - 1);
    }
    close(s.length - 1);
  }
  return total > 0 ? inside / total : 0;
}

/**
 * How deep inside the ring they close their ends meet: for a stroke whose end comes back within
 * `near` of its size of its start, or two strokes with an end of each that near, the shallower
 * end's depth inside the convex hull of that stroke or those two, over the hull's deepest point;
 * the deepest such meeting, 0 for none. A 0 closes on its ring, at its edge, in one stroke or two;
 * a heart drawn from its notch (as most are) closes about half way to its middle, and so do its
 * two halves drawn from there. The ring's own hull, not the drawing's: a slashed 0's slash reaches
 * past its ring, which would put the ring's closing point inside.
 */
export function meetingDepth(drawn: readonly (readonly Point[])[], near: number): number {
  const strokes = drawn.filter((s) => s.length > 0).slice(0, MOST_STROKES).map((s) => evenlyAlong(s, POINTS));
  let deepest = 0;
  for (let i = 0; i < strokes.length; i++) {
    for (let j = i; j < strokes.length; j++) {
      const a = strokes[i], b = strokes[j];
      const ends = i === j ? [[a[0], a[a.length - 1]]] : [a[0], a[a.length - 1]].flatMap((p) => [[p, b[0]], [p, b[b.length - 1]]]);
      const hull = convexHull(i === j ? a : a.concat(b));
      const edges = hull.length < 3 ? null : edgesOf(hull);
      if (!edges) continue;
      const { x0, y0, x1, y1 } = boxOf(hull);
      const reach = near * Math.max(x1 - x0, y1 - y0);
      const met = ends.filter(([p, q]) => Math.hypot(p.x - q.x, p.y - q.y) <= reach);
      const depthMet = Math.max(0, ...met.map(([p, q]) => Math.min(depth(p, edges), depth(q, edges))));
      const middle = depthMet > 0 ? deepestOf(hull, edges) : 0;
      if (middle > 0) deepest = Math.max(deepest, depthMet / middle);
    }
  }
  return deepest;
}

/**
 * How deep the hull's deepest point lies: the best of a grid over its box, then climbed from
 * there (depth inside a convex polygon is concave, so the climb finds the top however a narrow,
 * slanted hull falls between the grid's points).
 */
function deepestOf(hull: readonly Point[], edges: Edges): number {
  const { x0, y0, x1, y1 } = boxOf(hull);
  let best = { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, deepest = depth(best, edges);
  for (let i = 1; i < GRID; i++) {
    for (let j = 1; j < GRID; j++) {
      const p = { x: x0 + ((x1 - x0) * i) / GRID, y: y0 + ((y1 - y0) * j) / GRID }, d = depth(p, edges);
      if (d > deepest) (best = p), (deepest = d);
    }
  }
  // At most CLIMB moves: each raises the depth, but a long flat ridge could take many small ones.
  for (let step = Math.max(x1 - x0, y1 - y0) / GRID, moves = 0; step > 1e-4 * Math.max(x1 - x0, y1 - y0) && moves < CLIMB; moves++) {
    let moved = false;
    for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]]) {
      const p = { x: best.x + dx * step, y: best.y + dy * step }, d = depth(p, edges);
      if (d > deepest) (best = p), (deepest = d), (moved = true);
    }
    if (!moved) step /= 2;
  }
  return deepest;
}

/** n points evenly spaced along a stroke (its points as they are when it has no length). */
function evenlyAlong(s: readonly Point[], n: number): Point[] {
  const at = arcLengths(s);
  const length = at[at.length - 1];
  return length > 0 && Number.isFinite(length) ? resampleAlong(s, at, n) : s.slice(0, n);
}

/** Whether the points i..j of a stroke lie along one straight, steep line (a slash). */
function isSlash(s: readonly Point[], i: number, j: number): boolean {
  const a = s[i], dx = s[j].x - a.x, dy = s[j].y - a.y, length = Math.hypot(dx, dy);
  if (!(length > 0) || Math.abs(dy) < STEEP * Math.abs(dx)) return false;
  for (let k = i + 1; k < j; k++) if (Math.abs(dx * (s[k].y - a.y) - dy * (s[k].x - a.x)) / length > STRAIGHT * length) return false;
  return true;
}
