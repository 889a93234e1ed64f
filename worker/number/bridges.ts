// Digits whose cores the same short strokes cross are one shape. One short stroke touching two
// digits is common — a 5's flag or a 7's bar reaching over the next digit — and attach.ts gives it
// to one of them. Two separate strokes each touching the same two cores are not how neighbours
// are written but how a "#" is: two verticals, two bars across both. Kept whole, it is read as one
// drawing of four strokes, which the "not a digit" rule doubts (verdict.ts manyStrokes); split,
// each half looks like a confident 1, 4 or 7.

import { pathDistance } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { BRIDGES, TOUCH } from './rules.ts';

/** `groups` (digits' cores) with those that BRIDGES or more of `minors` each touch joined. */
export function joinBridged(groups: readonly Piece[][], minors: readonly Piece[], h: number): Piece[][] {
  const n = groups.length;
  const touches = (m: Piece, g: readonly Piece[]) => g.some((p) => pathDistance(m.path, p.path, m.box, p.box, TOUCH * h) <= TOUCH * h);
  // bridges[a·n + b], a < b: minors touching both groups a and b.
  const bridges = new Uint32Array(n * n);
  for (const m of minors) {
    const touched = groups.flatMap((g, k) => (touches(m, g) ? [k] : []));
    for (let i = 0; i < touched.length; i++) for (let j = i + 1; j < touched.length; j++) bridges[touched[i] * n + touched[j]]++;
  }
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (bridges[a * n + b] >= BRIDGES) parent[find(a)] = find(b);
  const joined = new Map<number, Piece[]>();
  groups.forEach((g, i) => joined.set(find(i), [...(joined.get(find(i)) ?? []), ...g]));
  return [...joined.values()];
}
