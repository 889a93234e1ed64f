// Short pieces (flags, bars, bases, ticks, dots, the smaller half of an 8) join the one bigger
// piece they belong with. One partner each, never several: a 5's flag that reaches over the next
// digit must not glue the two digits together, as a pairwise "touches" rule would.

import { boxGap, heightOf, pathDistance, shareOver, xOverlap } from './geometry.ts';
import { larger, type Piece } from './pieces.ts';
import { FLAT, MIN_WIDTH, NEAR, NEAR_BESIDE, STACKED, TOUCH } from './rules.ts';

interface Candidate {
  piece: Piece;
  /** 3 touches, 2 stacked in its column, 1 near, 0 none of these. */
  rank: number;
  /** Share of the mark's own width over the piece's columns. */
  share: number;
  distance: number;
}

function rate(m: Piece, p: Piece, h: number): Candidate {
  const d = pathDistance(m.path, p.path, m.box, p.box, NEAR * h);
  const distance = Number.isFinite(d) ? d : boxGap(m.box, p.box);
  const overlap = xOverlap(m.box, p.box, MIN_WIDTH * h);
  // Further than a touch, a mark beside a piece (not over or under it) must be closer to count:
  // a 5's detached flag sits over its digit, a 7's tick just left of its bar.
  const near = distance <= (overlap > 0 ? NEAR : NEAR_BESIDE) * h;
  const rank = distance <= TOUCH * h ? 3 : overlap >= STACKED ? 2 : near ? 1 : 0;
  const share = shareOver(m.box, p.box, MIN_WIDTH * h);
  return { piece: p, rank, share, distance };
}

/**
 * Touching beats stacked beats near. Among pieces it touches, a mark goes with the one most of
 * it lies over or under (a flag crossing into the next digit still overlaps its own digit more); among
 * the others, with the nearest.
 */
function better(a: Candidate, b: Candidate): boolean {
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.rank >= 2 && a.share !== b.share) return a.share > b.share;
  return a.distance < b.distance;
}

/**
 * Adds each minor piece to the group of its partner; a minor with no partner it belongs with
 * starts a group of its own (a digit written small), unless it is flat (a stray bar or dot is
 * never a digit alone: it joins the nearest). Mutates and returns `groups`.
 */
export function attachMinors(minors: readonly Piece[], groups: Piece[][], h: number): Piece[][] {
  const groupOf = new Map<Piece, Piece[]>();
  for (const g of groups) for (const p of g) groupOf.set(p, g);
  const all = [...groups.flat(), ...minors];
  // Biggest first: a partner is always bigger, so its group is known by then.
  const order = [...minors].sort((a, b) => (larger(a, b) ? -1 : 1));
  for (const m of order) {
    let best: Candidate | null = null;
    for (const p of all) {
      if (p === m || !larger(p, m)) continue;
      const c = rate(m, p, h);
      if (best === null || better(c, best)) best = c;
    }
    const flat = heightOf(m.box) < FLAT * h;
    if (best && (best.rank > 0 || flat)) {
      const g = groupOf.get(best.piece)!;
      g.push(m);
      groupOf.set(m, g);
    } else {
      const g = [m];
      groups.push(g);
      groupOf.set(m, g);
    }
  }
  return groups;
}
