import { describe, expect, it } from 'vitest';
import { settleContested, MOVE_GAIN } from './contested.ts';
import type { Pt } from './pad.ts';
import { makePiece, type Piece } from './pieces.ts';
import { answer, stubReader, type Answer } from '../testing/stub-reads.ts';

/** A straight stroke through the given points (h = 1). */
const line = (i: number, ...pts: [number, number][]): Piece => {
  const points: Pt[] = [];
  for (let k = 0; k + 1 < pts.length; k++) {
    const [[x0, y0], [x1, y1]] = [pts[k], pts[k + 1]];
    for (let s = 0; s < 8; s++) points.push({ x: x0 + ((x1 - x0) * s) / 8, y: y0 + ((y1 - y0) * s) / 8 });
  }
  points.push({ x: pts.at(-1)![0], y: pts.at(-1)![1] });
  return makePiece(i, 0, points.length, points, 1);
};

const says = answer;
const reader = stubReader;

// A crowded "49": the 4's arm-and-bar (stroke 0, half a digit tall) touches its stem (1) and the
// 9's stem (3); geometry gave it to the 9, whose loop (2) sits beside it.
const arm = line(0, [0.1, 0.1], [0.05, 0.55], [0.75, 0.55]);
const stem4 = line(1, [0.45, 0.05], [0.45, 1]);
const loop = line(2, [1.1, 0.1], [0.8, 0.2], [0.8, 0.45], [1.1, 0.5]);
const stem9 = line(3, [1.1, 0.1], [1.05, 1]);

function crowded49(answers: Record<string, Answer>) {
  const r = reader(answers);
  const groups = [[stem4], [arm, loop, stem9]];
  const readings = groups.map(r.read);
  settleContested(groups, readings, 1, r.read);
  return { groups: groups.map((g) => g.map((p) => p.stroke).join(',')), readings: readings.map((x) => x?.top), asked: r.asked };
}

describe('settleContested: a short piece touching two digits goes where both read surer', () => {
  it('moves the 4\'s arm from the 9 to its stem when the 4 and the 9 then both read surely', () => {
    const r = crowded49({ '1': says(1, 0.99), '0,2,3': says(9, 0.7), '0,1': says(4, 0.98), '2,3': says(9, 0.97) });
    expect(r.groups).toEqual(['0,1', '2,3']);
    expect(r.readings).toEqual([4, 9]);
  });

  it('keeps it where it is when the gain is too small, a side is unsure, or a side is no digit', () => {
    const start = { '1': says(1, 0.99), '0,2,3': says(9, 0.9) };
    // (The stem read as a 7: a bare 1 takes a touching piece without a gain, below.)
    expect(crowded49({ ...start, '1': says(7, 0.99), '0,1': says(4, 0.9 + MOVE_GAIN / 2), '2,3': says(9, 0.99) }).groups).toEqual(['1', '0,2,3']);
    expect(crowded49({ '1': says(7, 0.99), '0,2,3': says(9, 0.8), '0,1': says(4, 0.8 + MOVE_GAIN * 1.5), '2,3': says(9, 0.99) }).groups).toEqual(['0,1', '2,3']);
    expect(crowded49({ ...start, '0,1': says(4, 0.99), '2,3': says(9, 0.75) }).groups).toEqual(['1', '0,2,3']);
    expect(crowded49({ ...start, '0,1': says(4, 0.99, true), '2,3': says(9, 0.99) }).groups).toEqual(['1', '0,2,3']);
  });

  it('never leaves a bare stem read as 1 behind', () => {
    // The 4 owns its arm, whose bar reaches across the 9's stem, and reads unsurely; taking the
    // arm to the 9 would leave "1" and a sure 9.
    const r = reader({ '0,1': says(4, 0.6), '2,3': says(9, 0.99), '1': says(1, 0.99), '0,2,3': says(9, 0.99) });
    const groups = [[line(0, [0.1, 0.1], [0.05, 0.55], [1.2, 0.55]), stem4], [loop, stem9]];
    settleContested(groups, groups.map(r.read), 1, r.read);
    expect(groups.map((g) => g.map((p) => p.stroke).join(','))).toEqual(['0,1', '2,3']);
  });

  it("gives a bare stem read as 1 the piece it touches even when both read surely before (a 9's loop on the 8 beside it)", () => {
    // An 8 (stroke 1, left) with the 9's loop (2) on it, and the 9's stem (3) alone.
    const eight = line(1, [0.5, 0], [0.1, 0.25], [0.5, 0.5], [0.1, 0.75], [0.5, 1], [0.9, 0.75], [0.5, 0.5], [0.9, 0.25], [0.5, 0]);
    const run = (stemSays: Answer, joinedSays: Answer) => {
      const r = reader({ '1,2': says(8, 0.99), '3': stemSays, '1': says(8, 0.99), '2,3': joinedSays });
      const groups = [[eight, loop], [stem9]];
      settleContested(groups, groups.map(r.read), 1, r.read);
      return groups.map((g) => g.map((p) => p.stroke).join(','));
    };
    expect(run(says(1, 0.99), says(9, 0.97))).toEqual(['1', '2,3']);
    // Not when the stem reads as another digit, or the moved piece leaves it a 1 still.
    expect(run(says(7, 0.99), says(9, 0.97))).toEqual(['1,2', '3']);
    expect(run(says(1, 0.99), says(1, 0.97))).toEqual(['1,2', '3']);
  });

  it('weighs only pieces that touch the other digit, and not flat marks or tall strokes', () => {
    // The arm a little right of the 4's stem, not touching it: nothing is read again.
    const apart = [[stem4], [line(0, [0.65, 0.1], [0.6, 0.55], [1.3, 0.55]), loop, stem9]];
    const r = reader({ '1': says(1, 0.99), '0,2,3': says(9, 0.5), '0,1': says(4, 0.99), '2,3': says(9, 0.99) });
    settleContested(apart, apart.map(r.read), 1, r.read);
    expect(r.asked).toEqual(['1', '0,2,3']);
    // A flat bar across both (a 7's bar, a 1's base) stays where geometry put it.
    const bar = line(0, [0.2, 0.55], [0.8, 0.6]);
    const flat = reader({ '1': says(1, 0.99), '0,2,3': says(9, 0.5), '0,1': says(4, 0.99), '2,3': says(9, 0.99) });
    const groups = [[stem4], [bar, loop, stem9]];
    settleContested(groups, groups.map(flat.read), 1, flat.read);
    expect(flat.asked).toEqual(['1', '0,2,3']);
  });
});
