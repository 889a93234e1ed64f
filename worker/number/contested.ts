// A short piece that touches two neighbouring digits' ink — a 4's arm and bar, a 9's loop, a
// 7's bar — went by geometry alone (attach.ts) with the piece most of its width lies over. In
// crowded writing that is often the wrong one: a narrow stem loses to a wide neighbour, and a
// crowded "49" reads "19" (the 4's stem alone, its arm on the 9). Here the classifier decides:
// the piece moves to the other digit when both then read as sure digits, and surer than before.
//
// Measured on numbers composed from the UNIPEN dev digits (compose.ts; Node, two CNN snapshots
// and the MLP), whole numbers read right: boxes overlapping up to a fifth of a width 77–86 % →
// 79–87 %, by a tenth to three tenths 61–73 % → 64–79 %; with gaps, and digits written alone,
// nothing changed (no piece there touches two digits). 1.08 → 1.15 classifier calls per crowded
// digit. A bare stem read as 1 taking the piece it touches without a gain (the wrong group read
// surely too): after two-digits.ts's stems, 88.7, 87.0, 79.7 → 89.0, 88.0, 79.7 % and
// 81.5, 79.0, 66.0 → 82.5, 81.5, 66.5 %.

import { heightOf, pathDistance, unionBox } from './geometry.ts';
import type { Piece } from './pieces.ts';
import { CORE_HEIGHT, FLAT, SPLIT_MIN_HEIGHT, TOUCH } from './rules.ts';
import { TWO_SURE, type Read } from './two-digits.ts';

/** A move must make the less sure of the two digits this much surer (and both at least TWO_SURE). */
export const MOVE_GAIN = 0.1;

const sureness = (r: Read | null) => (r === null || r.judgement.notADigit ? 0 : r.probabilities[r.top]);

function touches(m: Piece, group: readonly Piece[], h: number): boolean {
  return group.some((p) => pathDistance(m.path, p.path, m.box, p.box, TOUCH * h) <= TOUCH * h);
}

/**
 * `groups`: the digits' pieces, left to right; `readings`: each group as read. Moves short pieces
 * between neighbours where the classifier says so; mutates both arrays in place (a group keeps
 * its pieces in drawing order, as segment.ts gives them).
 */
export function settleContested<R extends Read>(groups: Piece[][], readings: (R | null)[], h: number, read: (pieces: Piece[]) => R | null): void {
  const byStroke = (a: Piece, b: Piece) => a.stroke - b.stroke || a.from - b.from;
  for (let k = 0; k + 1 < groups.length; k++) {
    for (const [from, to] of [[k, k + 1], [k + 1, k]]) {
      for (const m of [...groups[from]]) {
        const rest = groups[from].filter((p) => p !== m);
        // Flat marks (a 1's base, a 7's tick, a dot) stay where geometry put them: moved, they turn
        // a 9 into a 2; the pieces worth weighing carry shape (an arm, a loop, a bar across).
        const tall = heightOf(m.box);
        if (rest.length === 0 || tall < FLAT * h || tall >= CORE_HEIGHT * h || !touches(m, groups[to], h)) continue;
        // What stays must still be a digit's height (a 7 without its bar is; a lone dot is not).
        if (heightOf(unionBox(rest.map((p) => p.box))) < SPLIT_MIN_HEIGHT * h) continue;
        const before = Math.min(sureness(readings[from]), sureness(readings[to]));
        const joined = [...groups[to], m].sort(byStroke);
        const a = read(rest), b = read(joined);
        const after = Math.min(sureness(a), sureness(b));
        // A bare stem read as 1 is how the mistake looks (a 4's stem without its arm). So a move
        // never leaves one behind; and one that a short piece touches takes it without a gain when
        // both still read surely, as the wrong grouping may read surely too (a 9's loop on an 8).
        const bareOne = groups[to].length === 1 && readings[to]?.top === 1 && b?.top !== 1;
        if (a?.top === 1 || after < TWO_SURE || (after < before + MOVE_GAIN && !bareOne)) continue;
        groups[from] = rest;
        groups[to] = joined;
        readings[from] = a;
        readings[to] = b;
      }
    }
  }
}
