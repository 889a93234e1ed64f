import { describe, expect, it } from 'vitest';
import { checkHabits, noHabits, penHabits } from './habits.ts';
import { partsOf, partsSayNo } from './parts.ts';

const pt = (x: number, y: number) => ({ x, y });
/** A C in one stroke: from 40° round to 320°, never closing. */
const c = [Array.from({ length: 30 }, (_, i) => {
  const a = ((-40 - (280 * i) / 29) * Math.PI) / 180;
  return pt(0.5 + 0.3 * Math.cos(a), 0.5 + 0.35 * Math.sin(a));
})];
/** An arc of the ellipse centred (cx, cy), from angle a0 to a1 (radians, y down). */
const arc = (cx: number, cy: number, rx: number, ry: number, a0: number, a1: number) =>
  Array.from({ length: 41 }, (_, i) => pt(cx + rx * Math.cos(a0 + ((a1 - a0) * i) / 40), cy + ry * Math.sin(a0 + ((a1 - a0) * i) / 40)));
/** A closed 0. */
const o = [Array.from({ length: 40 }, (_, i) => {
  const a = (2 * Math.PI * i) / 39;
  return pt(0.5 + 0.3 * Math.cos(a), 0.5 + 0.35 * Math.sin(a));
})];
/** A 1 with a dot set apart above it, like a serif written separately. */
const dotted1 = [[pt(0.5, 0.3), pt(0.5, 0.9)], [pt(0.5, 0.1), pt(0.505, 0.105)]];
/** A 4 in three strokes. */
const four = [[pt(0.3, 0.1), pt(0.2, 0.6)], [pt(0.2, 0.6), pt(0.8, 0.6)], [pt(0.65, 0.2), pt(0.65, 0.9)]];

describe('penHabits', () => {
  it('reads each trait from the person\'s own digits, per label', () => {
    const h = penHabits([
      { label: 0, strokes: c },
      { label: 0, strokes: o },
      { label: 1, strokes: dotted1 },
      { label: 4, strokes: four },
      { label: 7, strokes: null }, // pixels only: says nothing
    ]);
    expect(h.openLoop).toEqual([true, false, false, false, false, false, false, false, false, false]);
    expect(h.detachedDot).toEqual([false, true, false, false, false, false, false, false, false, false]);
    expect(h.scattered.some(Boolean)).toBe(false);
    expect(h.strokes).toEqual([1, 2, 0, 0, 3, 0, 0, 0, 0, 0]);
    // The C labelled 0 never comes back to itself; the closed 0 does; other digits took more strokes.
    expect(h.loopGap[0]).toBeGreaterThan(0.3);
    expect(h.loopGap.slice(1)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(penHabits([{ label: 6, strokes: o }]).loopGap[6]).toBeLessThan(0.01);
    expect(h.lines.some(Boolean)).toBe(false);
    // Someone whose 1 is two side-by-side strokes (an upright gone over beside itself).
    expect(penHabits([{ label: 1, strokes: [[pt(0.45, 0.1), pt(0.45, 0.9)], [pt(0.6, 0.1), pt(0.6, 0.9)]] }]).lines[1]).toBe(true);
    // The foot comes from the pixels (bytes), strokes kept or not: an H-like 4 stands on two legs.
    const pixels = new Uint8Array(784);
    for (let r = 4; r < 24; r++) pixels[r * 28 + 6] = pixels[r * 28 + 20] = 255;
    for (let c = 6; c <= 20; c++) pixels[13 * 28 + c] = 255;
    expect(penHabits([{ label: 4, strokes: null, pixels }]).wideFoot).toEqual([false, false, false, false, true, false, false, false, false, false]);
    expect(h.wideFoot.some(Boolean)).toBe(false);
    // A 4 open at the top like a V, without a bar (parts.ts); the 4 with its bar teaches nothing.
    const v = [[pt(0.3, 0.15), pt(0.4, 0.5), pt(0.5, 0.85), pt(0.6, 0.5), pt(0.7, 0.15)]];
    expect(penHabits([{ label: 4, strokes: v }]).parts).toEqual([[], [], [], [], ['bar'], [], [], [], [], []]);
    expect(h.parts.every((tests) => tests.length === 0)).toBe(true);
    // Someone whose 0 is a square in one stroke; round zeros teach nothing of it.
    const square = [[pt(0.2, 0.2), pt(0.5, 0.2), pt(0.8, 0.2), pt(0.8, 0.5), pt(0.8, 0.8), pt(0.5, 0.8), pt(0.2, 0.8), pt(0.2, 0.5), pt(0.2, 0.2)]];
    expect(penHabits([{ label: 0, strokes: square }]).polygon).toEqual([true, false, false, false, false, false, false, false, false, false]);
    expect(h.polygon.some(Boolean)).toBe(false);
    // Closed zeros alone teach nothing.
    expect(penHabits([{ label: 0, strokes: o }]).openLoop[0]).toBe(false);
    expect(penHabits([])).toEqual(noHabits());
  });

  it('yields each parts test alone: a person whose 0 stands on a straight side still has an e ruled out as 0', () => {
    const dZero = [[pt(0.3, 0.15), pt(0.3, 0.85)], arc(0.3, 0.5, 0.4, 0.35, -Math.PI / 2, Math.PI / 2)];
    const e = [[pt(0.25, 0.5), pt(0.75, 0.5)].concat(arc(0.5, 0.5, 0.25, 0.35, 0, -1.55 * Math.PI))];
    const h = penHabits([{ label: 0, strokes: dZero }]);
    expect(h.parts[0]).toContain('sideUpright');
    expect(h.parts[0]).not.toContain('inside');
    expect([partsSayNo(partsOf(dZero), 0), partsSayNo(partsOf(dZero), 0, h.parts[0])]).toEqual([true, false]);
    expect(partsSayNo(partsOf(e), 0, h.parts[0])).toBe(true);
  });

  it('reads a digit of a number as its bars were read: a piece\'s ligature says nothing of the person\'s loops', () => {
    // An e-like piece: a 0 cut from a joined-up stroke, the ligature's bit running through its middle.
    const piece = [[pt(0.25, 0.5), pt(0.75, 0.5)].concat(arc(0.5, 0.5, 0.25, 0.35, 0, -1.55 * Math.PI))];
    expect(penHabits([{ label: 0, strokes: piece }]).parts[0]).toContain('inside');
    expect(penHabits([{ label: 0, strokes: piece, inNumber: true }]).parts[0]).toEqual([]);
    expect(penHabits([{ label: 0, strokes: c, inNumber: true }]).openLoop[0]).toBe(false);
  });

  it('takes only well-formed habits from another worker', () => {
    const h = penHabits([{ label: 4, strokes: four }]);
    expect(checkHabits(structuredClone(h))).toEqual(h);
    expect(checkHabits(undefined)).toBeNull();
    expect(checkHabits({ ...h, strokes: h.strokes.slice(0, 9) })).toBeNull();
    expect(checkHabits({ ...h, openLoop: h.openLoop.map(() => 1) })).toBeNull();
    expect(checkHabits({ ...h, strokes: h.strokes.map(() => -1) })).toBeNull();
    expect(checkHabits({ ...h, loopGap: h.loopGap.map(() => NaN) })).toBeNull();
    expect(checkHabits({ ...h, loopGap: undefined })).toBeNull();
    expect(checkHabits({ ...h, lines: h.lines.slice(1) })).toBeNull();
    expect(checkHabits({ ...h, wideFoot: undefined })).toBeNull();
    expect(checkHabits({ ...h, polygon: h.polygon.map(() => 'yes') })).toBeNull();
    expect(checkHabits({ ...h, parts: h.parts.map(() => 0) })).toBeNull();
    expect(checkHabits({ ...h, parts: h.parts.map(() => ['no such test']) })).toBeNull();
    expect(checkHabits(structuredClone(penHabits([{ label: 4, strokes: [[pt(0.3, 0.15), pt(0.5, 0.85), pt(0.7, 0.15)]] }])))?.parts[4]).toEqual(['bar']);
  });
});
