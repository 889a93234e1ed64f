import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.ts';
import { generateDigit } from './generate.ts';
import { onlyLines, straightLine } from './lines.ts';

const P = (x: number, y: number) => ({ x, y });
/** A stroke from (x0, y0) to (x1, y1) with pointer-like jitter of ±j. */
const line = (x0: number, y0: number, x1: number, y1: number, j = 0, n = 16) => {
  const rng = new Rng(Math.round(1e4 * (x0 + 3 * y0 + 7 * x1 + 11 * y1)));
  return Array.from({ length: n + 1 }, (_, i) => P(x0 + ((x1 - x0) * i) / n + j * (rng.next() - 0.5), y0 + ((y1 - y0) * i) / n + j * (rng.next() - 0.5)));
};
const size = (strokes: { x: number; y: number }[][]) => {
  const a = strokes.flat();
  return Math.max(Math.max(...a.map((p) => p.x)) - Math.min(...a.map((p) => p.x)), Math.max(...a.map((p) => p.y)) - Math.min(...a.map((p) => p.y)));
};
const lines = (...strokes: { x: number; y: number }[][]) => onlyLines(strokes, size(strokes));

describe('straightLine', () => {
  it('takes a wobbly straight stroke, not a bent one, a short one or one that doubles back', () => {
    expect(straightLine(line(0.2, 0.5, 0.8, 0.52, 0.03), 0.6)).not.toBeNull();
    expect(straightLine(line(0.2, 0.2, 0.5, 0.8).concat(line(0.5, 0.8, 0.8, 0.2)), 0.6)).toBeNull(); // a V
    expect(straightLine(line(0.5, 0.5, 0.55, 0.5), 0.6)).toBeNull(); // a tick
    expect(straightLine(line(0.5, 0.2, 0.5, 0.8).concat(line(0.5, 0.8, 0.5, 0.5)), 0.6)).toBeNull(); // down and half back up
  });
});

describe('onlyLines', () => {
  it('finds a +, an × and an x written with a wobble, an =, a || and a ≡', () => {
    expect(lines(line(0.5, 0.15, 0.52, 0.85, 0.02), line(0.15, 0.5, 0.85, 0.48, 0.02))).toBe(true); // +
    expect(lines(line(0.2, 0.2, 0.8, 0.8, 0.02), line(0.8, 0.2, 0.2, 0.8, 0.02))).toBe(true); // ×
    expect(lines(line(0.3, 0.4, 0.7, 0.9), line(0.72, 0.45, 0.28, 0.85))).toBe(true); // x, small and low
    expect(lines(line(0.2, 0.4, 0.8, 0.42, 0.02), line(0.22, 0.6, 0.78, 0.58, 0.02))).toBe(true); // =
    expect(lines(line(0.4, 0.2, 0.42, 0.8), line(0.6, 0.22, 0.6, 0.78))).toBe(true); // ||
    expect(lines(line(0.2, 0.3, 0.8, 0.3), line(0.2, 0.5, 0.8, 0.5), line(0.2, 0.7, 0.8, 0.7))).toBe(true); // ≡
  });

  it('no digit: a 4 of three straight strokes, a 7 of two, a crossed 7, a 4 of two, a 1 in two pieces or gone over twice, a T', () => {
    // 4: the left arm, the bar, and an upright that the bar crosses at 70 % of its length.
    expect(lines(line(0.3, 0.15, 0.2, 0.6), line(0.2, 0.6, 0.8, 0.6), line(0.62, 0.2, 0.62, 0.9))).toBe(false);
    // Its bar and upright alone (written first, the arm still to come) are a +, and flagged until then.
    expect(lines(line(0.2, 0.6, 0.8, 0.6), line(0.62, 0.2, 0.62, 0.9))).toBe(true);
    expect(lines(line(0.2, 0.2, 0.8, 0.2), line(0.75, 0.2, 0.4, 0.9))).toBe(false); // 7: they meet at an end
    expect(lines(line(0.2, 0.2, 0.8, 0.2).concat(line(0.8, 0.2, 0.4, 0.9)), line(0.45, 0.55, 0.75, 0.55))).toBe(false); // crossed 7
    expect(lines(line(0.3, 0.15, 0.25, 0.6).concat(line(0.25, 0.6, 0.8, 0.6)), line(0.62, 0.2, 0.62, 0.9))).toBe(false); // 4 of two
    expect(lines(line(0.5, 0.1, 0.5, 0.45), line(0.5, 0.5, 0.51, 0.9))).toBe(false); // a 1 in two pieces, end to end
    expect(lines(line(0.5, 0.1, 0.5, 0.9), line(0.52, 0.12, 0.51, 0.88))).toBe(false); // a 1 gone over twice
    expect(lines(line(0.2, 0.2, 0.8, 0.2), line(0.5, 0.2, 0.5, 0.9))).toBe(false); // T: the upright starts at the bar
    expect(lines(line(0.5, 0.1, 0.5, 0.9))).toBe(false); // one stroke
    expect(lines(line(0.5, 0.1, 0.5, 0.9), line(0.5, 0.1, 0.76, 0.856))).toBe(false); // a narrow V from one point: no ||
  });

  it('no generated digit, in any of its forms, is only such lines', () => {
    const rng = new Rng(3);
    const found: string[] = [];
    for (let i = 0; i < 4000; i++) {
      const d = generateDigit(rng, i % 10);
      if (onlyLines(d.strokes, size(d.strokes))) found.push(d.name);
    }
    expect(found).toEqual([]);
  });
});
