import { describe, expect, it } from 'vitest';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { HOLE_PEN, holesOf } from './holes.ts';
import type { Point } from './pen.ts';

const P = (x: number, y: number) => ({ x, y });
/** An arc of the ellipse centred (cx, cy), from angle a0 to a1 (radians, y down). */
const arc = (cx: number, cy: number, rx: number, ry: number, a0: number, a1: number, n = 60) =>
  Array.from({ length: n + 1 }, (_, i) => P(cx + rx * Math.cos(a0 + ((a1 - a0) * i) / n), cy + ry * Math.sin(a0 + ((a1 - a0) * i) / n)));
const line = (x0: number, y0: number, x1: number, y1: number): Point[] => [P(x0, y0), P(x1, y1)];

describe('holesOf', () => {
  it('counts a ring\'s one hole, an 8\'s two and a C\'s none', () => {
    expect(holesOf([arc(0.5, 0.5, 0.3, 0.4, 0, 2 * Math.PI)])).toBe(1);
    // An 8 in one stroke: its top loop one way, its bottom loop the other.
    const eight = [arc(0.5, 0.3, 0.18, 0.2, Math.PI / 2, 2.5 * Math.PI).concat(arc(0.5, 0.7, 0.22, 0.2, -Math.PI / 2, -2.5 * Math.PI))];
    expect(holesOf(eight)).toBe(2);
    expect(holesOf([arc(0.5, 0.5, 0.3, 0.4, 0.6, 2 * Math.PI - 0.6)])).toBe(0);
  });

  it('closes a gap the thick pen spans, not one wider; fills a flourish\'s tiny eye', () => {
    // A ring whose ends stay 0.05 and 0.2 of its size apart.
    const gapped = (gap: number) => [arc(0.5, 0.5, 0.5, 0.5, -Math.PI / 2 + gap, 1.5 * Math.PI)];
    expect(holesOf(gapped(0.05))).toBe(1);
    expect(holesOf(gapped(0.4))).toBe(0);
    // A stroke with a loop 0.04 of its size across.
    const eye = [line(0.1, 0.9, 0.5, 0.1).concat(arc(0.52, 0.12, 0.02, 0.02, Math.PI, 3 * Math.PI, 12)).concat(line(0.5, 0.1, 0.9, 0.9))];
    expect(holesOf(eye)).toBe(0);
  });

  it('sees loops drawn in several strokes: an A\'s eye, a B\'s two, a D\'s one; an X, an N, an E none', () => {
    expect(holesOf([line(0.2, 0.9, 0.5, 0.1).concat(line(0.5, 0.1, 0.8, 0.9)), line(0.3, 0.6, 0.7, 0.6)])).toBe(1);
    const b = [line(0.3, 0.1, 0.3, 0.9), arc(0.3, 0.3, 0.3, 0.2, -Math.PI / 2, Math.PI / 2), arc(0.3, 0.7, 0.35, 0.2, -Math.PI / 2, Math.PI / 2)];
    expect(holesOf(b)).toBe(2);
    expect(holesOf([line(0.3, 0.1, 0.3, 0.9), arc(0.3, 0.5, 0.4, 0.4, -Math.PI / 2, Math.PI / 2)])).toBe(1);
    expect(holesOf([line(0.2, 0.1, 0.8, 0.9), line(0.8, 0.1, 0.2, 0.9)])).toBe(0);
    expect(holesOf([[P(0.2, 0.9), P(0.2, 0.1), P(0.8, 0.9), P(0.8, 0.1)]])).toBe(0);
    expect(holesOf([[P(0.8, 0.1), P(0.2, 0.1), P(0.2, 0.9), P(0.8, 0.9)], line(0.2, 0.5, 0.6, 0.5)])).toBe(0);
  });

  it('is the same at any pointer rate and place, and counts nothing in points no pen gives', () => {
    const ring = (n: number, dx = 0) => [arc(0.5 + dx, 0.5, 0.3, 0.4, 0, 2 * Math.PI, n)];
    expect([holesOf(ring(12)), holesOf(ring(100_000)), holesOf(ring(60, 1e6))]).toEqual([1, 1, 1]);
    expect(holesOf([[P(0.5, 0.5)]])).toBe(0);
    expect(holesOf([[P(0, 0), P(Infinity, 1)]])).toBe(0);
  });
});

// Real pen digits (UNIPEN dev, when ../shared has it).
const unipen = readUnipen();
describe.skipIf(unipen === null)('holesOf on real pen digits', () => {
  const strokes = unipen!.map((s) => s.strokes.map((l) => l.map(([x, y]) => P(x, y))));
  const labelled = (digit: number) => strokes.filter((_, i) => unipen![i].label === digit);

  it('finds a hole in every 8, with a pen half as thick too (so no 8 is near losing it)', () => {
    for (const pen of [HOLE_PEN / 2, HOLE_PEN]) expect(labelled(8).filter((s) => holesOf(s, pen) === 0).length).toBe(0);
  });
});
