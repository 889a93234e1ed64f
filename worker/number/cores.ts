// Tall pieces ("cores") → digits: two cores are one digit when they are stacked in the same
// column (a 0 or 8 written in two halves) or cross with real column overlap (a 4's bar through
// its crossbar). Drawing order plays no part, so a stroke added after later digits still joins.

import { pathDistance, xOverlap } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { MIN_WIDTH, STACKED, TOUCH, TOUCH_OVERLAP } from './rules.ts';

/** `touching`: stacking alone is not enough (short pieces can be stacked far apart). */
export function linked(a: Piece, b: Piece, h: number, touching = false): boolean {
  const ov = xOverlap(a.box, b.box, MIN_WIDTH * h);
  if (ov >= STACKED && !touching) return true;
  if (ov < TOUCH_OVERLAP) return false;
  return pathDistance(a.path, b.path, a.box, b.box, TOUCH * h) <= TOUCH * h;
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
