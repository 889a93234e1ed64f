// Digits whose cores the same short strokes cross are one shape. One short stroke touching two
// digits is common — a 5's flag or a 7's bar reaching over the next digit — and attach.ts gives it
// to one of them. Two separate strokes each touching the same two cores are not how neighbours
// are written but how a "#" is: two verticals, two bars across both. Kept whole, it is read as one
// drawing of four strokes, which the "not a digit" rule doubts (verdict.ts manyStrokes); split,
// each half looks like a confident 1, 4 or 7.
//
// One bar is enough when it lies in the gap between two cores, at the height of their middles,
// one end on each: the crossbar of an H (or of an A, whose legs meet at the top). A digit's own
// bar, flag or base that reaches the next digit lies mostly over its own digit (a 5's flag),
// crosses it (a crossed 7's bar, a 4's), or sits at its top or foot. An H kept whole is read as
// one drawing, as on the digit pad; cut, its sides are a sure 1 and 4. Groups a crossbar joined
// are never cut again (read.ts); so is a "#" whose bars end on its uprights, and one whose bars
// run past them may still be cut when its sides read as two sure digits.

import { boxOf, heightOf, pathDistance, shareOver, unionBox, widthOf, type Box } from './geometry.ts';
import type { Pt } from './pad.ts';
import type { Piece } from './pieces.ts';
import { APEX_OVER, APEX_TOP, BRIDGES, CROSSBAR_BAND, CROSSBAR_END, CROSSBAR_OVER, FLAT, TOUCH } from './rules.ts';

/** A stroke of `a` and one of `b` begin or end together (within CROSSBAR_END) at the top of both: the legs of an A. */
function apex(a: readonly Piece[], b: readonly Piece[], h: number): boolean {
  const top = unionBox([...a, ...b].map((p) => p.box));
  const tips = (g: readonly Piece[]) => g.flatMap((p) => [p.points[0], p.points[p.points.length - 1]]).filter((e) => e.y <= top.y0 + APEX_TOP * heightOf(top));
  const bs = tips(b);
  return tips(a).some((e) => bs.some((f) => Math.hypot(e.x - f.x, e.y - f.y) <= CROSSBAR_END * h));
}

/**
 * `m` is a level bar in the gap between groups `a` and `b` (between an A's legs, over them),
 * at the height of their middles, with one end on each (a crossed 7's bar that reaches the next
 * digit crosses its own stem instead).
 */
function crossbar(m: Piece, a: readonly Piece[], b: readonly Piece[], h: number): boolean {
  const mid = (m.box.y0 + m.box.y1) / 2;
  const inBand = (g: Box) => mid >= g.y0 + CROSSBAR_BAND * heightOf(g) && mid <= g.y1 - CROSSBAR_BAND * heightOf(g);
  const level = heightOf(m.box) < FLAT * h && widthOf(m.box) > heightOf(m.box);
  const boxes = [a, b].map((g) => unionBox(g.map((p) => p.box)));
  // A 5's flag that reaches the next digit lies mostly over its 5; an A's bar lies over both legs.
  const over = Math.max(...boxes.map((g) => shareOver(m.box, g)));
  if (!level || !boxes.every(inBand) || !(over <= CROSSBAR_OVER || (over <= APEX_OVER && apex(a, b, h)))) return false;
  const ends = [m.path[0], m.path[m.path.length - 1]];
  const on = (end: Pt, g: readonly Piece[]) => g.some((p) => pathDistance([end], p.path, boxOf([end]), p.box, CROSSBAR_END * h) <= CROSSBAR_END * h);
  return (on(ends[0], a) && on(ends[1], b)) || (on(ends[0], b) && on(ends[1], a));
}

/**
 * `groups` (digits' cores) with those that BRIDGES or more of `minors` each touch, or one crossbar,
 * joined. `shapes`: the groups a crossbar joined, which no later cut may part again (read.ts).
 */
export function joinBridged(groups: readonly Piece[][], minors: readonly Piece[], h: number): { groups: Piece[][]; shapes: Set<Piece[]> } {
  const n = groups.length;
  const touches = (m: Piece, g: readonly Piece[]) => g.some((p) => pathDistance(m.path, p.path, m.box, p.box, TOUCH * h) <= TOUCH * h);
  // bridges[a·n + b], a < b: minors touching both groups a and b; crossed: one of them a crossbar.
  const bridges = new Uint32Array(n * n), crossed = new Uint8Array(n * n);
  for (const m of minors) {
    const touched = groups.flatMap((g, k) => (touches(m, g) ? [k] : []));
    for (let i = 0; i < touched.length; i++) for (let j = i + 1; j < touched.length; j++) {
      const ab = touched[i] * n + touched[j];
      bridges[ab]++;
      if (crossbar(m, groups[touched[i]], groups[touched[j]], h)) crossed[ab] = 1;
    }
  }
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (bridges[a * n + b] >= BRIDGES || crossed[a * n + b]) parent[find(a)] = find(b);
  const joined = new Map<number, Piece[]>();
  groups.forEach((g, i) => joined.set(find(i), [...(joined.get(find(i)) ?? []), ...g]));
  const barred = new Set<Piece[]>();
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (crossed[a * n + b]) barred.add(joined.get(find(a))!);
  return { groups: [...joined.values()], shapes: barred };
}
