import { describe, expect, it } from 'vitest';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { Rng } from '../nn/rng.ts';
import { generateDigit } from './generate.ts';
import { ARMS, BAR, CROSS, EDGE, FOOT, FOOT_BAR, INSIDE, NO_UPRIGHT, NOTCH, TEE, TOP, partsOf, partsSayNo } from './parts.ts';
import { penInNumber, penOf, type Point } from './pen.ts';

const P = (x: number, y: number) => ({ x, y });
/** A polyline through the corners, a point every 0.01 (pointer-like spacing). */
const path = (...c: [number, number][]) => {
  const out: Point[] = [P(...c[0])];
  for (let k = 1; k < c.length; k++) {
    const [x0, y0] = c[k - 1], [x1, y1] = c[k], n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 0.01);
    for (let i = 1; i <= n; i++) out.push(P(x0 + ((x1 - x0) * i) / n, y0 + ((y1 - y0) * i) / n));
  }
  return out;
};
/** An arc of the ellipse centred (cx, cy), from angle a0 to a1 (radians, y down). */
const arc = (cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, n = 40) =>
  Array.from({ length: n + 1 }, (_, i) => P(cx + rx * Math.cos(a0 + ((a1 - a0) * i) / n), cy + ry * Math.sin(a0 + ((a1 - a0) * i) / n)));

const four = [path([0.4, 0.15], [0.3, 0.6], [0.75, 0.6]), path([0.62, 0.2], [0.62, 0.9])];
const fourOneStroke = [path([0.4, 0.15], [0.3, 0.6], [0.75, 0.6], [0.62, 0.45], [0.62, 0.9])];
const fourOnItsFoot = [path([0.45, 0.1], [0.3, 0.88], [0.8, 0.9]), path([0.65, 0.4], [0.65, 0.95])]; // UNIPEN dev has one
const v = [path([0.3, 0.15], [0.5, 0.85], [0.7, 0.15])];
const y = [path([0.3, 0.15], [0.5, 0.5]), path([0.7, 0.15], [0.4, 0.9])];
const u = [arc(0.5, 0.6, 0.2, 0.3, Math.PI, 0).reverse().concat(path([0.7, 0.3], [0.7, 0.9]))]; // down, round, up, down the stem
const seven = [path([0.3, 0.2], [0.7, 0.2], [0.45, 0.9])];
const greater = [path([0.3, 0.15], [0.7, 0.5], [0.3, 0.85])];
const d = [path([0.3, 0.15], [0.3, 0.85]), arc(0.3, 0.5, 0.4, 0.35, -Math.PI / 2, Math.PI / 2)];
const slashedZero = [arc(0.5, 0.5, 0.25, 0.4, 0, 2 * Math.PI), path([0.5, 0.05], [0.5, 0.92])];
const dollar = [arc(0.5, 0.35, 0.2, 0.15, -0.3, -Math.PI * 1.5).concat(arc(0.5, 0.65, 0.2, 0.15, -Math.PI / 2, Math.PI * 0.7)), path([0.5, 0.1], [0.5, 0.9])];
const five = [path([0.35, 0.15], [0.33, 0.45]).concat(arc(0.48, 0.65, 0.2, 0.2, -Math.PI * 0.8, Math.PI * 0.8)), path([0.35, 0.15], [0.65, 0.15])]; // flag apart

describe('partsOf', () => {
  it('finds a 4\'s bar, drawn in one stroke or two, or at its foot; none in a V, a Y or a u', () => {
    for (const s of [four, fourOneStroke]) expect(partsOf(s).bar).toBeGreaterThan(0.5);
    expect(partsOf(fourOnItsFoot).bar).toBeGreaterThan(FOOT_BAR);
    for (const s of [v, y, u]) expect(partsOf(s).bar).toBeLessThan(BAR);
    for (const s of [four, fourOneStroke, fourOnItsFoot]) expect(partsSayNo(partsOf(s), 4)).toBe(false);
    for (const s of [v, y, u]) expect(partsSayNo(partsOf(s), 4)).toBe(true);
  });

  it('finds a 7\'s top; none in a ">"', () => {
    expect(partsOf(seven).top).toBeGreaterThan(0.8);
    expect(partsOf(greater).top).toBeLessThan(TOP);
    expect([partsSayNo(partsOf(seven), 7), partsSayNo(partsOf(greater), 7)]).toEqual([false, true]);
  });

  it('finds a T\'s stem leaving its top in the middle; a 7\'s leaves it at the right end, plain, crossed, hooked or curved', () => {
    const capitalT = [path([0.2, 0.15], [0.8, 0.15]), path([0.5, 0.15], [0.5, 0.9])];
    const tOneStroke = [path([0.2, 0.15], [0.8, 0.17], [0.5, 0.17], [0.48, 0.9])]; // across, back, down
    const leaningT = [path([0.25, 0.12], [0.8, 0.2]), path([0.55, 0.17], [0.45, 0.9])];
    const crossed = [path([0.3, 0.2], [0.7, 0.2], [0.45, 0.9]), path([0.4, 0.55], [0.7, 0.55])];
    const hooked = [path([0.28, 0.3], [0.3, 0.2], [0.72, 0.2], [0.45, 0.9])];
    const curved = [arc(0.5, 0.3, 0.22, 0.12, Math.PI, 2 * Math.PI).concat(path([0.72, 0.3], [0.5, 0.9]))];
    for (const s of [capitalT, tOneStroke, leaningT]) expect(partsOf(s).tee).toBeGreaterThan(1.1 * TEE);
    for (const s of [seven, crossed, hooked, curved]) expect(partsOf(s).tee).toBeLessThan(TEE / 2);
    expect([capitalT, tOneStroke, leaningT, seven, crossed, hooked, curved].map((s) => partsSayNo(partsOf(s), 7))).toEqual([true, true, true, false, false, false, false]);
    // Only a 7 stands on its top's right end: a T's stem says nothing against a 1 (its arms do).
    expect(partsSayNo({ ...partsOf(capitalT), arms: 0 }, 1)).toBe(false);
  });

  it('finds an f\'s or a t\'s cross; none in a 1 with its flag and base', () => {
    const t = [path([0.5, 0.1], [0.5, 0.85], [0.6, 0.9]), path([0.35, 0.35], [0.65, 0.35])];
    const f = [arc(0.6, 0.2, 0.1, 0.1, 0, -Math.PI).reverse().concat(path([0.5, 0.2], [0.5, 0.9])), path([0.38, 0.45], [0.62, 0.45])];
    const one = [path([0.35, 0.25], [0.5, 0.1], [0.5, 0.9]), path([0.38, 0.9], [0.62, 0.9])];
    for (const s of [t, f]) expect(partsOf(s).cross).toBeGreaterThan(CROSS);
    expect(partsOf(one).cross).toBeLessThan(CROSS);
    expect([t, f, one].map((s) => partsSayNo(partsOf(s), 1))).toEqual([true, true, false]);
  });

  it('finds a D\'s upright at its side and a $\'s reaching past its S; a slashed 0 and a 4 are neither', () => {
    expect(partsOf(d)).toMatchObject({ sideUpright: true, throughUpright: false });
    expect(partsOf(dollar)).toMatchObject({ sideUpright: false, throughUpright: true });
    expect(partsOf(slashedZero)).toMatchObject({ sideUpright: false, throughUpright: false });
    expect(partsOf(five)).toMatchObject({ sideUpright: false, throughUpright: false });
    expect([partsSayNo(partsOf(d), 0), partsSayNo(partsOf(slashedZero), 0), partsSayNo(partsOf(dollar), 5), partsSayNo(partsOf(five), 5)]).toEqual([true, false, true, false]);
    // An R (its upright, then its bowl and leg) is no 8, nor a 2, 3, 5 or 6: none has an upright at its side.
    const r = [path([0.3, 0.1], [0.3, 0.9]), path([0.3, 0.1], [0.55, 0.1]).concat(arc(0.55, 0.3, 0.2, 0.2, -Math.PI / 2, Math.PI / 2)).concat(path([0.3, 0.5], [0.75, 0.9]))];
    expect(NO_UPRIGHT.map((digit) => partsSayNo(partsOf(r), digit))).toEqual(NO_UPRIGHT.map(() => true));
    expect(partsSayNo(partsOf(r), 4)).toBe(false); // a 4's stem may stand at its side
    // So is an h in one stroke (down its stem, back up it, over its arch) by its straight side (edge).
    const h = [path([0.3, 0.1], [0.3, 0.9], [0.3, 0.5]).concat(arc(0.5, 0.55, 0.2, 0.15, Math.PI, 2 * Math.PI)).concat(path([0.7, 0.55], [0.7, 0.9]))];
    expect(partsOf(h)).toMatchObject({ sideUpright: false });
    expect(partsOf(h).edge).toBeGreaterThanOrEqual(EDGE);
    expect(NO_UPRIGHT.map((digit) => partsSayNo(partsOf(h), digit))).toEqual(NO_UPRIGHT.map(() => true));
    // Only the digits without an upright of their own: a 4's stem may reach past its L.
    expect(NO_UPRIGHT).not.toContain(4);
    expect(NO_UPRIGHT).not.toContain(1);
  });

  it('finds a D drawn in one stroke by its straight side; a round, a narrow and a boxy 0 have none', () => {
    // Up the upright from the foot, then the bow back down to it; and down the upright, back up it, round the bow.
    const dUp = [path([0.3, 0.85], [0.3, 0.15]).concat(arc(0.3, 0.5, 0.4, 0.35, -Math.PI / 2, Math.PI / 2))];
    const dDown = [path([0.3, 0.15], [0.3, 0.85], [0.3, 0.16]).concat(arc(0.3, 0.5, 0.4, 0.35, -Math.PI / 2, Math.PI / 2))];
    const round = [arc(0.5, 0.5, 0.3, 0.4, -Math.PI / 2, 1.5 * Math.PI)];
    const narrow = [arc(0.5, 0.5, 0.12, 0.42, -Math.PI / 2, 1.5 * Math.PI)];
    const boxy = [path([0.5, 0.1], [0.3, 0.15], [0.3, 0.85], [0.5, 0.9], [0.7, 0.85], [0.7, 0.15], [0.5, 0.1])];
    for (const s of [dUp, dDown]) expect(partsOf(s).edge).toBeGreaterThan(EDGE);
    for (const s of [round, narrow, boxy]) expect(partsOf(s).edge).toBeLessThan(EDGE);
    expect([dUp, dDown, round, narrow, boxy].map((s) => partsSayNo(partsOf(s), 0))).toEqual([true, true, false, false, false]);
  });

  it('finds a Y\'s, a T\'s and a wide v\'s arms out to both sides at the top; a 1\'s flag goes one way', () => {
    const capitalY = [path([0.3, 0.1], [0.5, 0.45], [0.5, 0.9]), path([0.7, 0.1], [0.5, 0.45])];
    const t = [path([0.25, 0.1], [0.75, 0.1]), path([0.5, 0.1], [0.5, 0.9])];
    const wideV = [path([0.1, 0.2], [0.5, 0.8], [0.9, 0.2])];
    const flagged = [path([0.3, 0.3], [0.55, 0.1], [0.55, 0.9])];
    const based = [path([0.35, 0.25], [0.5, 0.1], [0.5, 0.9]), path([0.3, 0.9], [0.7, 0.9])];
    for (const s of [capitalY, y, t, wideV]) expect(partsOf(s).arms).toBeGreaterThan(ARMS);
    for (const s of [flagged, based]) expect(partsOf(s).arms).toBeLessThan(ARMS / 2);
    expect([capitalY, y, t, wideV, flagged, based].map((s) => partsSayNo(partsOf(s), 1))).toEqual([true, true, true, true, false, false]);
    // A narrow v's stem (the middle of its ink) lies on one arm: it is left to the network.
    expect(partsOf(v).arms).toBeLessThan(ARMS);
  });

  it('finds an L\'s foot, in one stroke either way or two; a 1\'s base goes out both ways, its flag up and its curl short', () => {
    const oneStroke = [path([0.35, 0.1], [0.35, 0.9], [0.75, 0.9])];
    const backwards = [path([0.75, 0.9], [0.35, 0.9], [0.35, 0.1])];
    const twoStrokes = [path([0.35, 0.1], [0.35, 0.9]), path([0.36, 0.9], [0.72, 0.88])];
    const slanted = [path([0.45, 0.1], [0.33, 0.88], [0.7, 0.86])]; // a quick L: leaning stem, rising foot
    const based = [path([0.35, 0.25], [0.5, 0.1], [0.5, 0.9]), path([0.3, 0.9], [0.72, 0.9])];
    const basedOneStroke = [path([0.35, 0.25], [0.5, 0.1], [0.5, 0.9], [0.3, 0.9], [0.72, 0.9])];
    const curled = [path([0.5, 0.1], [0.5, 0.8]).concat(arc(0.58, 0.8, 0.08, 0.1, Math.PI, Math.PI / 2, 20).slice(1))]; // a hooked 1
    const flagged = [path([0.3, 0.3], [0.55, 0.1], [0.55, 0.9])];
    for (const s of [oneStroke, backwards, twoStrokes, slanted]) expect(partsOf(s).foot).toBeGreaterThan(FOOT);
    for (const s of [based, basedOneStroke, curled, flagged]) expect(partsOf(s).foot).toBeLessThan(FOOT / 2);
    expect([oneStroke, based, curled, flagged].map((s) => partsSayNo(partsOf(s), 1))).toEqual([true, false, false, false]);
    expect(partsSayNo(partsOf(oneStroke), 1, ['foot'])).toBe(false); // a person whose 1s stand on a foot (habits.ts)
    // In a number, a 1's piece cut from a joined-up stroke may keep the level start of the
    // ligature to the next digit: only a digit written as one whole stroke is measured.
    expect(penInNumber(1, oneStroke, true).parts!.foot).toBeGreaterThan(FOOT);
    expect(penInNumber(1, oneStroke, false).parts!.foot).toBe(0);
  });

  it('finds where a ring closes: a heart drawn from its notch closes inside it, a 0 on its edge, narrow, slanted or overshooting', () => {
    // The classic heart curve, drawn from the notch round either way (y down), n points.
    const heart = (way: 1 | -1, n = 90) => [Array.from({ length: n + 1 }, (_, i) => {
      const t = (way * 2 * Math.PI * i) / n;
      const hx = 16 * Math.sin(t) ** 3, hy = 13 * Math.cos(t) - 5 * Math.cos(2 * t) - 2 * Math.cos(3 * t) - Math.cos(4 * t);
      return P(0.5 + hx / 60, 0.5 - hy / 60);
    })];
    const ring = [arc(0.5, 0.5, 0.3, 0.4, -Math.PI / 2, 1.95 * Math.PI)];
    const lean = Math.PI / 6;
    const slanted = [arc(0, 0, 0.08, 0.4, -Math.PI / 2, 1.97 * Math.PI, 60).map((q) => P(0.5 + q.x * Math.cos(lean) - q.y * Math.sin(lean), 0.5 + q.x * Math.sin(lean) + q.y * Math.cos(lean)))];
    const overshoot = [arc(0.5, 0.5, 0.25, 0.4, -Math.PI / 2, 1.65 * Math.PI)];
    // An 8 begun at its crossing closes there too: the test asks only of a 0.
    const eight = [arc(0.5, 0.3, 0.15, 0.2, Math.PI / 2, 2.5 * Math.PI).concat(arc(0.5, 0.7, 0.18, 0.2, -Math.PI / 2, -2.5 * Math.PI))];
    for (const s of [heart(1), heart(-1), heart(1, 2_000), eight]) expect(partsOf(s).notch).toBeGreaterThan(1.5 * NOTCH);
    for (const s of [ring, slanted, overshoot]) expect(partsOf(s).notch).toBeLessThan(NOTCH / 3);
    expect([heart(1), heart(-1), ring, slanted, overshoot].map((s) => partsSayNo(partsOf(s), 0))).toEqual([true, true, false, false, false]);
    expect(partsSayNo(partsOf(eight), 8)).toBe(false);
    // An open stroke does not close anywhere: a heart's half, a C.
    expect(partsOf([heart(1)[0].slice(0, 50)]).notch).toBe(0);
    // Two halves from the notch meet there; a 0 of two arcs meets on its edge, and a slashed 0's
    // slash, reaching past the ring, does not put the ring's closing point inside.
    const halves = [heart(1)[0].slice(0, 46), heart(-1)[0].slice(0, 46)];
    const arcs = [arc(0.5, 0.5, 0.25, 0.4, -Math.PI / 2, Math.PI / 2), arc(0.5, 0.5, 0.25, 0.4, -Math.PI / 2, -1.45 * Math.PI)];
    const slashed = [ring[0], path([0.75, 0.05], [0.25, 0.95])];
    expect(partsOf(halves).notch).toBeGreaterThan(1.5 * NOTCH);
    for (const s of [arcs, slashed, slashedZero]) expect(partsOf(s).notch).toBeLessThan(NOTCH / 3);
    expect([halves, arcs, slashed, slashedZero].map((s) => partsSayNo(partsOf(s), 0))).toEqual([true, false, false, false]);
    // A piece cut from a number's joined-up stroke ends where it was cut: not asked.
    expect(penInNumber(1, heart(1)).parts!.notch).toBe(0);
    expect(penInNumber(1, heart(1), true).parts!.notch).toBeGreaterThan(NOTCH);
  });

  it('finds the stroke of an e or an @ running through its inside; a 0 of one stroke runs round it, narrow, slanted, overshooting or slashed', () => {
    const e = [path([0.25, 0.5], [0.75, 0.5]).concat(arc(0.5, 0.5, 0.25, 0.35, 0, -1.55 * Math.PI))];
    // The a of an @, then out round it.
    const at = [arc(0.5, 0.5, 0.12, 0.12, 0, 2 * Math.PI).concat(arc(0.5, 0.5, 0.4, 0.4, 0, -1.8 * Math.PI, 60))];
    const ring = [arc(0.5, 0.5, 0.3, 0.4, -Math.PI / 2, 1.6 * Math.PI)];
    // A thin oval leaning 30° off upright: its bounding box's middle lies on its ink.
    const lean = Math.PI / 6;
    const slanted = [arc(0, 0, 0.06, 0.4, 0, 2 * Math.PI, 60).map((q) => P(0.5 + q.x * Math.cos(lean) - q.y * Math.sin(lean), 0.5 + q.x * Math.sin(lean) + q.y * Math.cos(lean)))];
    const overshoot = [arc(0.5, 0.5, 0.25, 0.4, -Math.PI / 2, 1.65 * Math.PI)];
    // Round the ring from its top, then the slash without lifting the pen.
    const slashed = [arc(0.5, 0.5, 0.25, 0.4, -Math.PI / 2, 1.5 * Math.PI).concat(path([0.5, 0.1], [0.7, 0.1], [0.3, 0.9]))];
    for (const s of [e, at]) expect(partsOf(s).inside).toBeGreaterThan(INSIDE);
    for (const s of [ring, slanted, overshoot, slashed]) expect(partsOf(s).inside).toBeLessThan(INSIDE / 2);
    expect([e, at, ring, slanted, overshoot, slashed].map((s) => partsSayNo(partsOf(s), 0))).toEqual([true, true, false, false, false, false]);
    // Counted for one stroke only: a slashed 0's slash crosses its middle.
    expect(partsOf(slashedZero).inside).toBe(0);
    // The same at any pointer rate: measured on the stroke resampled along its length.
    const denseE = [path([0.25, 0.5], [0.75, 0.5]).concat(arc(0.5, 0.5, 0.25, 0.35, 0, -1.55 * Math.PI, 100_000))];
    expect(partsOf(denseE).inside).toBeCloseTo(partsOf(e).inside, 1);
    expect(partsOf([arc(0.5, 0.5, 0.3, 0.4, -Math.PI / 2, 1.6 * Math.PI, 100_000)]).inside).toBeLessThan(INSIDE / 2);
    // In a number, only for a whole stroke: a piece cut from a joined-up one may hold a ligature.
    expect([penInNumber(1, e).parts!.inside, penInNumber(1, e, true).parts!.inside > INSIDE]).toEqual([0, true]);
  });

  it('finds no hole in an X, an N, an E or an S: no 8; an 8 of one stroke or two circles keeps it', () => {
    const x = [path([0.2, 0.1], [0.8, 0.9]), path([0.8, 0.1], [0.2, 0.9])];
    const n = [path([0.2, 0.9], [0.2, 0.1], [0.8, 0.9], [0.8, 0.1])];
    const e = [path([0.8, 0.1], [0.2, 0.1], [0.2, 0.9], [0.8, 0.9]), path([0.2, 0.5], [0.6, 0.5])];
    const sLetter = [dollar[0]]; // an 8 without its closing strokes
    const eight = [arc(0.5, 0.3, 0.18, 0.2, Math.PI / 2, 2.5 * Math.PI).concat(arc(0.5, 0.7, 0.22, 0.2, -Math.PI / 2, -2.5 * Math.PI))];
    const circles = [arc(0.5, 0.28, 0.16, 0.18, 0, 2 * Math.PI), arc(0.5, 0.7, 0.2, 0.22, 0, 2 * Math.PI)];
    expect([x, n, e, sLetter, eight, circles].map((s) => partsOf(s).holes)).toEqual([0, 0, 0, 0, 2, 2]);
    expect([x, n, e, sLetter, eight, circles].map((s) => partsSayNo(partsOf(s), 8))).toEqual([true, true, true, true, false, false]);
    // Only an 8 must have one: a 0, 6 or 9 may be written open.
    expect([0, 6, 9].map((digit) => partsSayNo(partsOf(n), digit))).toEqual([false, false, false]);
  });

  it('holds no parts in points no pen gives (infinite, spread past the doubles, a few ulps), and returns', () => {
    const none = { bar: 0, top: 0, tee: 0, cross: 0, arms: 0, inside: 0, notch: 0, sideUpright: false, throughUpright: false, edge: 0, holes: 0, foot: 0 };
    expect(partsOf([[P(0.2, 0.2), P(Infinity, 0.5), P(0.6, 0.8)]])).toEqual(none);
    expect(partsOf([[P(-1e308, 0), P(1e308, 0.5), P(0, 1)]])).toEqual(none);
    expect(partsOf([[P(0, 0), P(5e-324, 5e-324)]])).toEqual(none);
    expect(penOf([[P(0.2, 0.2), P(Infinity, 0.5), P(0.6, 0.8)]]).parts).toBeNull();
    expect(penInNumber(1, [[P(-1e308, 0), P(1e308, 0.5)]]).parts).toBeNull();
  });

  it('says nothing against any digit of the generator (20,000, with its crossed 7s, open 4s and slashed 0s)', () => {
    const rng = new Rng(5);
    const against: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const g = generateDigit(rng, i % 10);
      if (partsSayNo(partsOf(g.strokes.filter((s) => s.length > 0)), i % 10)) against.push(`#${i}: ${i % 10}`);
    }
    expect(against).toEqual([]);
  });
});

// Real pen digits (UNIPEN dev, when ../shared has it).
const unipen = readUnipen();
describe.skipIf(unipen === null)('partsOf on real pen digits', () => {
  const parts = unipen!.map((s) => ({ label: s.label, parts: partsOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))) }));

  it('says nothing against any of the 653 digits', () => {
    expect(parts.filter((p) => partsSayNo(p.parts, p.label)).map((p) => p.label)).toEqual([]);
  });

  it('finds every 4\'s bar and every 7\'s top well over the limits, and every 1\'s middle well under its (figures in parts.ts)', () => {
    expect(Math.min(...parts.filter((p) => p.label === 4).map((p) => p.parts.bar))).toBeGreaterThan(1.3 * BAR);
    expect(Math.min(...parts.filter((p) => p.label === 7).map((p) => p.parts.top))).toBeGreaterThan(1.5 * TOP);
    // Every 7's stem leaves its top at the top's right end, well short of a T's middle (0.28 at most when measured).
    expect(Math.max(...parts.filter((p) => p.label === 7).map((p) => p.parts.tee))).toBeLessThan(TEE / 1.3);
    expect(Math.max(...parts.filter((p) => p.label === 1).map((p) => p.parts.cross))).toBeLessThan(CROSS / 1.5);
    // The 0s' straightest side, narrow pen ovals as they are, stays under a D's (0.75 when measured).
    expect(Math.max(...parts.filter((p) => p.label === 0).map((p) => p.parts.edge))).toBeLessThan(0.8);
    // No 1's top reaches out both ways as a Y's does, no 0 of one stroke runs through its inside.
    expect(Math.max(...parts.filter((p) => p.label === 1).map((p) => p.parts.arms))).toBeLessThan(ARMS / 2);
    // No 1 stands on an L's foot (a curl at the foot is short, a base goes out both ways).
    expect(Math.max(...parts.filter((p) => p.label === 1).map((p) => p.parts.foot))).toBeLessThan(FOOT / 2);
    expect(Math.max(...parts.filter((p) => p.label === 0).map((p) => p.parts.inside))).toBeLessThan(INSIDE / 1.5);
    // Every 0 closes on its ring, in one stroke or more (0.20 at most when measured).
    expect(Math.max(...parts.filter((p) => p.label === 0).map((p) => p.parts.notch))).toBeLessThan(NOTCH / 1.4);
    // The digits without an upright have no straight side a one-stroke D's length either.
    expect(Math.max(...parts.filter((p) => NO_UPRIGHT.includes(p.label)).map((p) => p.parts.edge))).toBeLessThan(0.7);
    // Uprights at the side or reaching past the rest: 4s only.
    expect(new Set(parts.filter((p) => p.parts.sideUpright || p.parts.throughUpright).map((p) => p.label))).toEqual(new Set([4]));
  });
});
