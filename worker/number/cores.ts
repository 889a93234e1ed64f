// Tall pieces ("cores") → digits: two cores are one digit when they are stacked in the same
// column (a 0 or 8 written in two halves), cross with real column overlap (a 4's bar through
// its crossbar), or close a ring together (a 0 written as a left and a right half). Drawing
// order plays no part, so a stroke added after later digits still joins.

import { pathDistance, xOverlap } from './geometry.ts';
import type { Piece } from './pieces.ts';
import type { Pt } from './pad.ts';
import { MIN_WIDTH, RING_AREA, RING_ENDS, STACKED, TOUCH, TOUCH_OVERLAP } from './rules.ts';

/** `touching`: stacking alone is not enough (short pieces can be stacked far apart). */
export function linked(a: Piece, b: Piece, h: number, touching = false): boolean {
  if (closeRing(a, b, h)) return true;
  const ov = xOverlap(a.box, b.box, MIN_WIDTH * h);
  if (ov >= STACKED && !touching) return true;
  if (ov < TOUCH_OVERLAP) return false;
  return pathDistance(a.path, b.path, a.box, b.box, TOUCH * h) <= TOUCH * h;
}

/**
 * Whether each end of one piece meets a different end of the other (RING_ENDS) and the two
 * enclose an area between them (RING_AREA): one ring.
 */
function closeRing(a: Piece, b: Piece, h: number): boolean {
  const near = (p: Pt, q: Pt) => Math.hypot(p.x - q.x, p.y - q.y) <= RING_ENDS * h;
  const [a0, a1, b0, b1] = [a.points[0], a.points[a.points.length - 1], b.points[0], b.points[b.points.length - 1]];
  if (!a0 || !b0 || near(a0, a1) || near(b0, b1)) return false;
  // Round the ring: along a, then along b from the end a stopped at.
  const ring = near(a1, b0) && near(a0, b1) ? a.points.concat(b.points) : near(a1, b1) && near(a0, b0) ? a.points.concat([...b.points].reverse()) : null;
  return ring !== null && Math.abs(shoelace(ring)) >= RING_AREA * h * h;
}

/** The signed area a closed path encloses. */
function shoelace(p: readonly Pt[]): number {
  let twice = 0;
  for (let i = 0; i < p.length; i++) {
    const q = p[i], r = p[(i + 1) % p.length];
    twice += q.x * r.y - r.x * q.y;
  }
  return twice / 2;
}

/** Connected components of the `linked` relation. */
export function groupCores(cores: readonly Piece[], h: number, touching = false): Piece[][] {
  const parent = cores.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < cores.length; i++) {
    for (let j = i + 1; j < cores.length; j++) {
      if (find(i) !== find(j) && linked(cores[i], cores[j], h, touching)) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Piece[]>();
  cores.forEach((c, i) => {
    const root = find(i);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root)!.push(c);
  });
  return [...groups.values()];
}
