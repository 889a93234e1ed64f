import { describe, expect, it } from 'vitest';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { penInNumber, penOf, withoutStrays } from './pen.ts';
import { LOOPS } from './verdict.ts';

const P = (x: number, y: number) => ({ x, y });
const line = (x0: number, y0: number, x1: number, y1: number, n = 10) => Array.from({ length: n + 1 }, (_, i) => P(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n));

describe('penOf', () => {
  it('counts strokes with ink; an empty one is no stroke', () => {
    expect(penOf([line(0.5, 0.2, 0.5, 0.8), [], line(0.3, 0.5, 0.7, 0.5)]).strokes).toBe(2);
    expect(penOf([]).strokes).toBe(0);
  });

  it('finds the dot of an i and of a ! drawn apart from the rest', () => {
    expect(penOf([line(0.5, 0.4, 0.5, 0.8), [P(0.5, 0.25)]]).detachedDot).toBe(true); // i
    expect(penOf([line(0.5, 0.2, 0.5, 0.65), [P(0.5, 0.8), P(0.501, 0.805)]]).detachedDot).toBe(true); // !
  });

  it('finds an !\'s or a ?\'s dot left large (a dash, a blob) wholly under the rest; not a 1\'s base, a mark beside the ink or the tail of a 9', () => {
    const stem = line(0.5, 0.2, 0.5, 0.68);
    const dash = line(0.49, 0.74, 0.52, 0.8, 3); // 0.1 of the drawing: no dot, but an !'s
    expect(penOf([stem, dash]).detachedDot).toBe(true);
    const hook = line(0.4, 0.3, 0.5, 0.2).concat(line(0.5, 0.2, 0.6, 0.3), line(0.6, 0.3, 0.5, 0.45), line(0.5, 0.45, 0.5, 0.6));
    expect(penOf([hook, line(0.48, 0.68, 0.53, 0.72, 3)]).detachedDot).toBe(true); // ?
    expect(penOf([line(0.49, 0.69, 0.52, 0.75, 3), stem]).detachedDot, 'drawn first').toBe(true);
    expect(penOf([stem, line(0.44, 0.68, 0.56, 0.68)]).detachedDot, "a 1's base, touching").toBe(false);
    expect(penOf([stem, line(0.42, 0.7, 0.58, 0.7)]).detachedDot, 'a base 0.33 of the drawing wide').toBe(false);
    expect(penOf([stem, line(0.75, 0.66, 0.78, 0.72, 3)]).detachedDot, 'beside, overlapping the foot').toBe(false);
    expect(penOf([stem, line(0.7, 0.74, 0.73, 0.8, 3)]).detachedDot, 'under, but off to the side').toBe(false);
    // A 9 whose tail, drawn apart, still reaches up beside its loop.
    const loop = line(0.6, 0.3, 0.4, 0.3).concat(line(0.4, 0.3, 0.4, 0.45), line(0.4, 0.45, 0.6, 0.45), line(0.6, 0.45, 0.6, 0.3));
    expect(penOf([loop, line(0.6, 0.44, 0.58, 0.8)]).detachedDot).toBe(false);
  });

  it('a touch-up on the ink, a 5 with its flag apart, a colon and a single tap are no detached dot', () => {
    expect(penOf([line(0.5, 0.2, 0.5, 0.8), [P(0.5, 0.5)]]).detachedDot).toBe(false); // touch-up on the stroke
    expect(penOf([line(0.4, 0.2, 0.4, 0.45).concat(line(0.4, 0.45, 0.6, 0.8)), line(0.45, 0.2, 0.62, 0.2)]).detachedDot).toBe(false); // flag: no dot
    expect(penOf([[P(0.5, 0.4)], [P(0.5, 0.6)]]).detachedDot).toBe(false); // colon: dots only
    expect(penOf([[P(0.5, 0.5)]]).detachedDot).toBe(false);
    // A tap inside the box of a 3's stroke, apart from the ink: a slip of the pen, not an i's dot.
    const three = line(0.35, 0.2, 0.65, 0.3).concat(line(0.65, 0.3, 0.45, 0.5), line(0.45, 0.5, 0.65, 0.7), line(0.65, 0.7, 0.35, 0.8));
    expect(penOf([three, [P(0.42, 0.35)]]).detachedDot).toBe(false);
    expect(penOf([three, [P(0.5, 0.08)]]).detachedDot).toBe(true); // the same tap above it
  });

  it('drops a stray tap beside the ink or off towards a corner; keeps an i\'s or a !\'s dot and a tap inside', () => {
    const three = line(0.35, 0.2, 0.65, 0.3).concat(line(0.65, 0.3, 0.45, 0.5), line(0.45, 0.5, 0.65, 0.7), line(0.65, 0.7, 0.35, 0.8));
    const tiny = line(0.86, 0.86, 0.875, 0.88, 2);
    for (const stray of [[P(0.9, 0.1)], [P(0.12, 0.9)], [P(0.9, 0.5)], tiny]) {
      const kept = withoutStrays([three, stray]);
      expect(kept).toEqual([three]);
      expect(penOf(kept).detachedDot).toBe(false);
    }
    const i = [line(0.5, 0.4, 0.5, 0.8), [P(0.5, 0.25)]], bang = [line(0.5, 0.2, 0.5, 0.65), [P(0.52, 0.8)]];
    expect(withoutStrays(i)).toEqual(i);
    expect(withoutStrays(bang)).toEqual(bang);
    expect(withoutStrays([three, [P(0.42, 0.35)]])).toHaveLength(2); // inside its box: a slip the tests already let through
    expect(withoutStrays([[P(0.5, 0.4)], [P(0.5, 0.6)]])).toHaveLength(2); // a colon: dots only, nothing to be apart from
  });

  it('finds drawings of small marks only: a colon of round dots, an ellipsis, dashes', () => {
    const blob = (x: number, y: number, r = 0.05) => Array.from({ length: 13 }, (_, i) => P(x + r * Math.cos(i / 2), y + r * Math.sin(i / 2)));
    expect(penOf([blob(0.5, 0.3), blob(0.52, 0.75)]).scattered).toBe(true); // colon (each dot ~20 % of it)
    expect(penOf([[P(0.3, 0.5)], [P(0.5, 0.5)], [P(0.7, 0.5)]]).scattered).toBe(true); // ellipsis
    expect(penOf([line(0.1, 0.5, 0.25, 0.5), line(0.4, 0.5, 0.55, 0.5), line(0.7, 0.5, 0.85, 0.5)]).scattered).toBe(true); // dashes
  });

  it('a digit of any strokes is no scatter: one stroke, a 4 in two, a 5 with its flag, an i', () => {
    expect(penOf([line(0.5, 0.2, 0.5, 0.8)]).scattered).toBe(false);
    expect(penOf([[P(0.5, 0.5)]]).scattered).toBe(false); // a single tap: the network's call
    expect(penOf([line(0.3, 0.2, 0.25, 0.55).concat(line(0.25, 0.55, 0.7, 0.55)), line(0.6, 0.2, 0.6, 0.85)]).scattered).toBe(false);
    expect(penOf([line(0.4, 0.2, 0.4, 0.45).concat(line(0.4, 0.45, 0.6, 0.8)), line(0.45, 0.2, 0.62, 0.2)]).scattered).toBe(false);
    expect(penOf([line(0.5, 0.4, 0.5, 0.8), [P(0.5, 0.25)]]).scattered).toBe(false);
  });

  it('a lone stroke that does not come back to its start is open: a C, a U; not an O, a 0 with a small gap, or two strokes', () => {
    const arc = (from: number, to: number, n = 40) => Array.from({ length: n + 1 }, (_, i) => {
      const a = ((from + ((to - from) * i) / n) * Math.PI) / 180;
      return P(0.5 + 0.3 * Math.cos(a), 0.5 + 0.4 * Math.sin(a));
    });
    expect(penOf([arc(-40, -320)]).openLoop).toBe(true); // C: from upper right, round the left, to lower right
    expect(penOf([line(0.3, 0.2, 0.3, 0.7).concat(arc(180, 0).slice(1).map((p) => P(p.x, 0.7 + (p.y - 0.5) * 0.5)), line(0.8, 0.7, 0.8, 0.2))]).openLoop).toBe(true); // U
    expect(penOf([arc(-90, 270)]).openLoop).toBe(false); // O, closed
    expect(penOf([arc(-90, 250)]).openLoop).toBe(false); // a 0 that stops a little short
    expect(penOf([arc(-90, 90), arc(90, 270)]).openLoop).toBe(false); // two strokes
    expect(penOf([line(0.5, 0.2, 0.5, 0.8)]).openLoop).toBe(true); // a 1 is open too: the verdict asks only of a 0
    // Still being drawn (the pen is down): no loop evidence yet, open or closed.
    expect(penOf([arc(-40, -320)], false)).toMatchObject({ strokes: 1, openLoop: false, loopGap: null });
  });

  it('measures how near a lone stroke comes back to itself: 0 for an 8 or a 6 that closes, far for a "(" or a C, none for two strokes', () => {
    const ring = (cx: number, cy: number, r: number, from: number, to: number) => Array.from({ length: 41 }, (_, i) => {
      const a = ((from + ((to - from) * i) / 40) * Math.PI) / 180;
      return P(cx + r * Math.cos(a), cy + r * Math.sin(a));
    });
    // An 8 in one stroke: the top ring one way, the bottom ring the other, crossing in the middle.
    const eight = ring(0.5, 0.35, 0.15, 90, -270).concat(ring(0.5, 0.65, 0.15, -90, 270).slice(1));
    expect(penOf([eight]).loopGap!).toBeLessThan(0.02);
    // A 6: down the left side and round into a loop that meets the stem.
    const six = ring(0.55, 0.4, 0.3, -80, -180).concat(ring(0.5, 0.65, 0.2, 180, 540).slice(1));
    expect(penOf([six]).loopGap!).toBeLessThan(0.05);
    expect(penOf([ring(0.9, 0.5, 0.5, 140, 220)]).loopGap!).toBeGreaterThan(0.5); // "("
    expect(penOf([ring(0.5, 0.5, 0.3, -40, -320)]).loopGap!).toBeGreaterThan(0.3); // C
    expect(penOf([eight.slice(0, 41), eight.slice(41)]).loopGap).toBeNull();
  });

  it('finds a + or an = of straight lines once the pen is up (lines.ts), not a 4 of two strokes', () => {
    const plus = [line(0.5, 0.15, 0.5, 0.85), line(0.15, 0.5, 0.85, 0.5)];
    expect(penOf(plus).lines).toBe(true);
    expect(penOf([line(0.2, 0.4, 0.8, 0.4), line(0.2, 0.6, 0.8, 0.6)]).lines).toBe(true);
    expect(penOf(plus, false).lines).toBe(false); // the pen is down: a stroke may still bend
    expect(penOf([line(0.3, 0.2, 0.25, 0.55).concat(line(0.25, 0.55, 0.7, 0.55)), line(0.6, 0.2, 0.6, 0.85)]).lines).toBe(false);
  });
});

describe('penInNumber', () => {
  it('judges a digit of one whole stroke for its loops as a lone drawing; not a piece cut from a neighbour\'s', () => {
    const c = Array.from({ length: 30 }, (_, i) => P(0.5 + 0.3 * Math.cos(0.6 + (i / 29) * 5), 0.5 + 0.4 * Math.sin(0.6 + (i / 29) * 5)));
    const whole = penInNumber(1, [c], true);
    expect(whole.loopGap).toBeCloseTo(penOf([c]).loopGap!, 9);
    expect(whole.openLoop).toBe(true);
    expect(penInNumber(1, [c], false)).toMatchObject({ loopGap: null, openLoop: false });
    expect(penInNumber(2, [c, line(0.2, 0.5, 0.8, 0.5)], true)).toMatchObject({ loopGap: null, openLoop: false });
    expect(penInNumber(1)).toMatchObject({ loopGap: null, openLoop: false, parts: null });
  });

  it('finds the dot of an !, a ? or an i over or under its stroke, as on the digit pad; not a point beside the ink', () => {
    // QA: on the number pad "!" read "1" and "?" "7", with nothing to doubt them.
    const bang = [line(0.5, 0.2, 0.5, 0.65), [P(0.52, 0.8), P(0.521, 0.805)]];
    const question = [line(0.35, 0.3, 0.45, 0.12).concat(line(0.45, 0.12, 0.65, 0.1), line(0.65, 0.1, 0.7, 0.25), line(0.7, 0.25, 0.5, 0.45), line(0.5, 0.45, 0.5, 0.62)), [P(0.5, 0.8)]];
    const i = [line(0.5, 0.4, 0.5, 0.8), [P(0.5, 0.25)]];
    for (const drawn of [bang, question, i]) expect(penInNumber(drawn.length, drawn, false).detachedDot).toBe(true);
    // A point after a 2 or before a 5, low and a little beside it (a number's full stop, ".5"),
    // and a tap inside a 3's box are no i's dot.
    const two = line(0.35, 0.25, 0.5, 0.15).concat(line(0.5, 0.15, 0.62, 0.3), line(0.62, 0.3, 0.35, 0.8), line(0.35, 0.8, 0.65, 0.8));
    for (const point of [P(0.8, 0.82), P(0.74, 0.88), P(0.72, 0.84)]) expect(penInNumber(2, [two, [point]], false).detachedDot).toBe(false);
    const five = line(0.45, 0.2, 0.45, 0.45).concat(line(0.45, 0.45, 0.65, 0.55), line(0.65, 0.55, 0.6, 0.75), line(0.6, 0.75, 0.42, 0.8));
    expect(penInNumber(3, [five, line(0.45, 0.2, 0.66, 0.2), [P(0.36, 0.84)]], false).detachedDot).toBe(false);
    const three = line(0.35, 0.2, 0.65, 0.3).concat(line(0.65, 0.3, 0.45, 0.5), line(0.45, 0.5, 0.65, 0.7), line(0.65, 0.7, 0.35, 0.8));
    expect(penInNumber(2, [three, [P(0.42, 0.35)]], false).detachedDot).toBe(false);
    // While the pen moves there are no pieces: nothing known.
    expect(penInNumber(2).detachedDot).toBe(false);
  });
});

// Real pen digits (UNIPEN dev, when ../shared has it): none has a detached dot (one has a tap
// inside its box), and none is only small marks.
const unipen = readUnipen();
describe.skipIf(unipen === null)('penOf on real pen digits', () => {
  it('finds no detached dot', () => {
    const dotted = unipen!.filter((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).detachedDot).length;
    expect(dotted).toBe(0);
  });

  it('finds no stray to drop', () => {
    const dropped = unipen!.filter((s) => s.strokes.length !== withoutStrays(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).length).length;
    expect(dropped).toBe(0);
  });

  it('finds no zero open', () => {
    expect(unipen!.filter((s) => s.label === 0 && penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).openLoop)).toEqual([]);
  });

  it('finds every one-stroke 6 and 8 coming back to itself well within the limits that rule them out', () => {
    for (const [digit, most] of LOOPS) {
      const gaps = unipen!.filter((s) => s.label === digit && s.strokes.length === 1).map((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).loopGap!);
      expect(gaps.length).toBeGreaterThan(50);
      expect(Math.max(...gaps)).toBeLessThan(most / 1.5);
    }
  });

  it('never finds small marks only', () => {
    expect(unipen!.filter((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).scattered)).toEqual([]);
  });

  it('never finds only straight lines crossing at their middles or side by side', () => {
    expect(unipen!.filter((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).lines)).toEqual([]);
  });
});
