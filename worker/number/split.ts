// A group much wider than a digit is checked for two digits the core rules joined: digits that
// touch with some column overlap (split between its pieces), or two digits written without
// lifting the pen (split one stroke where the ink is thinnest — a single pass — in the middle
// of the thin stretch, i.e. the ligature between them). Either split must leave a digit-tall
// part on each side, so a wide 7 or 2 is not cut through its bar.

import { centreX, heightOf, unionBox, widthOf, xOverlap } from './geometry.ts';
import type { Pt } from './pad.ts';
import { makePiece, type Piece } from './pieces.ts';
import { LIGATURE_WIDE, MIN_WIDTH, SPLIT_MIN_HEIGHT, SPLIT_MIN_SIDE, SPLIT_OVERLAP, WIDE } from './rules.ts';

const tallEnough = (ps: readonly Piece[], h: number) => heightOf(unionBox(ps.map((p) => p.box))) >= SPLIT_MIN_HEIGHT * h;

/** The best cut between whole pieces, ordered by centre: the one whose sides overlap least. */
function splitBetweenPieces(group: Piece[], h: number): [Piece[], Piece[]] | null {
  const sorted = [...group].sort((a, b) => centreX(a.box) - centreX(b.box));
  let best: [Piece[], Piece[]] | null = null;
  let bestOverlap = SPLIT_OVERLAP;
  for (let k = 1; k < sorted.length; k++) {
    const left = sorted.slice(0, k), right = sorted.slice(k);
    const ov = xOverlap(unionBox(left.map((p) => p.box)), unionBox(right.map((p) => p.box)), MIN_WIDTH * h);
    if (ov <= bestOverlap && tallEnough(left, h) && tallEnough(right, h)) {
      best = [left, right];
      bestOverlap = ov;
    }
  }
  return best;
}

/** Segments of all pieces that cross the vertical line at x. */
function crossings(group: readonly Piece[], x: number): { piece: Piece; seg: number }[] {
  const out: { piece: Piece; seg: number }[] = [];
  for (const piece of group) {
    const ps = piece.points;
    for (let i = 0; i + 1 < ps.length; i++) if ((ps[i].x - x) * (ps[i + 1].x - x) < 0) out.push({ piece, seg: i });
  }
  return out;
}

function cutPiece(piece: Piece, seg: number, x: number, h: number): [Piece, Piece] {
  const a = piece.points[seg], b = piece.points[seg + 1];
  const t = (x - a.x) / (b.x - a.x);
  const c: Pt = { x, y: a.y + t * (b.y - a.y) };
  const head = [...piece.points.slice(0, seg + 1), c], tail = [c, ...piece.points.slice(seg + 1)];
  const mid = piece.from + seg + 1;
  return [makePiece(piece.stroke, piece.from, mid, head, h), makePiece(piece.stroke, mid, piece.to, tail, h)];
}

/** Cut the one stroke crossing the middle of the longest stretch of columns crossed only once. */
function splitThroughStroke(group: Piece[], h: number): [Piece[], Piece[]] | null {
  const box = unionBox(group.map((p) => p.box));
  if (widthOf(box) <= LIGATURE_WIDE * h) return null;
  const step = 0.01 * h;
  // Runs of sampled columns crossed exactly once that have a column crossed more often (a
  // digit's body) on both sides: a bridge between two bodies, not the tail of one (a 4's
  // diagonal, a 7's bar).
  const counts: number[] = [], xs: number[] = [];
  for (let x = box.x0 + step / 2; x < box.x1; x += step) {
    xs.push(x);
    counts.push(crossings(group, x).length);
  }
  const runs: number[][] = [];
  let run: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (counts[i] === 1) run.push(i);
    if ((counts[i] !== 1 || i === xs.length - 1) && run.length) {
      const before = counts.slice(0, run[0]).some((c) => c > 1), after = counts.slice(run[run.length - 1] + 1).some((c) => c > 1);
      if (before && after) runs.push(run.map((k) => xs[k]));
      run = [];
    }
  }
  runs.sort((a, b) => b.length - a.length);
  for (const r of runs) {
    const x = r[Math.floor(r.length / 2)];
    if (x - box.x0 < SPLIT_MIN_SIDE * h || box.x1 - x < SPLIT_MIN_SIDE * h) continue;
    const [{ piece, seg }] = crossings(group, x);
    const [p, q] = cutPiece(piece, seg, x, h);
    const sides: [Piece[], Piece[]] = [[], []];
    for (const other of group) if (other !== piece) sides[centreX(other.box) < x ? 0 : 1].push(other);
    sides[centreX(p.box) < x ? 0 : 1].push(p);
    sides[centreX(q.box) < x ? 0 : 1].push(q);
    if (sides[0].length && sides[1].length && tallEnough(sides[0], h) && tallEnough(sides[1], h)) return sides;
  }
  return null;
}

/** Splits a core group into digits, left to right; most groups come back whole. */
export function splitWide(group: Piece[], h: number): Piece[][] {
  if (widthOf(unionBox(group.map((p) => p.box))) <= WIDE * h) return [group];
  const sides = splitBetweenPieces(group, h) ?? splitThroughStroke(group, h);
  return sides ? sides.flatMap((s) => splitWide(s, h)) : [group];
}
