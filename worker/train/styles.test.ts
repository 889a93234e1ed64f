import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.ts';
import { addStyles, barSeven, segment, slashZero, styleOne } from './styles.ts';

const SIDE = 28;

/** A bare 1 as MNIST writes it: a slightly slanted stroke rows 4..23, pen radius 1.2. */
function bareOne(): Float32Array {
  const x = new Float32Array(SIDE * SIDE);
  segment(x, 0, 15, 5, 13, 23, 1.2);
  return x;
}

const ink = (x: Float32Array, r: number, c: number) => x[r * SIDE + c];
function inkRows(x: Float32Array): [number, number] {
  let top = -1, bottom = -1;
  for (let r = 0; r < SIDE; r++) {
    let m = 0;
    for (let c = 0; c < SIDE; c++) m += ink(x, r, c);
    if (m >= 0.5) { if (top < 0) top = r; bottom = r; }
  }
  return [top, bottom];
}
/** Columns with ink > 0.5 in rows r0..r1. */
function inkColumns(x: Float32Array, r0: number, r1: number): number[] {
  const cols: number[] = [];
  for (let r = r0; r <= r1; r++) for (let c = 0; c < SIDE; c++) if (ink(x, r, c) > 0.5) cols.push(c);
  return cols;
}

describe('continental 1s', () => {
  it('a flag grows down and to the left from the top, within the digit\'s height', () => {
    const x = bareOne(), before = inkRows(x);
    const leftmostBefore = Math.min(...inkColumns(x, before[0], before[0] + 8));
    styleOne(x, 0, new Rng(1), true, false);
    expect(inkRows(x)).toEqual(before);
    expect(Math.min(...inkColumns(x, before[0], before[0] + 8))).toBeLessThan(leftmostBefore - 2);
    // The bottom is untouched.
    expect(inkColumns(x, before[1] - 1, before[1])).toEqual(inkColumns(bareOne(), before[1] - 1, before[1]));
  });

  it('a foot is a bar across the bottom in the stroke\'s own width', () => {
    const x = bareOne(), [top, bottom] = inkRows(x);
    const widthBefore = new Set(inkColumns(x, bottom - 1, bottom)).size;
    styleOne(x, 0, new Rng(2), false, true);
    expect(inkRows(x)).toEqual([top, bottom]);
    const cols = inkColumns(x, bottom - 1, bottom);
    expect(Math.max(...cols) - Math.min(...cols)).toBeGreaterThan(widthBefore + 3);
    // About the pen's width: no more than 3 rows of the foot are dark.
    let footRows = 0;
    for (let r = bottom - 5; r <= bottom; r++) if (inkColumns(x, r, r).length > widthBefore + 3) footRows++;
    expect(footRows).toBeGreaterThan(0);
    expect(footRows).toBeLessThanOrEqual(3);
  });

  it('only 1s change, values stay in 0..1, and a seed gives the same images', () => {
    const batch = 40, x = new Float32Array(batch * SIDE * SIDE), labels = new Uint8Array(batch);
    for (let s = 0; s < batch; s++) {
      labels[s] = s % 10;
      segment(x, s * SIDE * SIDE, 15, 5, 13, 23, 1.2);
    }
    const a = x.slice(), b = x.slice();
    addStyles(a, labels, batch, new Rng(5), { flag: 1, foot: 1, slash: 0, bar: 0 });
    addStyles(b, labels, batch, new Rng(5), { flag: 1, foot: 1, slash: 0, bar: 0 });
    expect(a).toEqual(b);
    let changedOnes = 0;
    for (let s = 0; s < batch; s++) {
      const img = a.subarray(s * SIDE * SIDE, (s + 1) * SIDE * SIDE), orig = x.subarray(s * SIDE * SIDE, (s + 1) * SIDE * SIDE);
      const same = img.every((v, i) => v === orig[i]);
      if (labels[s] !== 1) expect(same).toBe(true);
      else if (!same) changedOnes++;
      expect(img.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    expect(changedOnes).toBe(4);
  });

  it('leaves a blank or tiny image alone', () => {
    const blank = new Float32Array(SIDE * SIDE);
    styleOne(blank, 0, new Rng(1), true, true);
    expect(blank.every((v) => v === 0)).toBe(true);
    const dot = new Float32Array(SIDE * SIDE);
    segment(dot, 0, 14, 14, 14, 15, 1);
    const copy = dot.slice();
    styleOne(dot, 0, new Rng(1), true, true);
    expect(dot).toEqual(copy);
  });

  it('a slash crosses a 0\'s empty middle, within its height; a long one runs past a shrunk ring', () => {
    const ring = () => {
      const x = new Float32Array(SIDE * SIDE);
      for (let k = 0; k < 24; k++) {
        const a = (2 * Math.PI * k) / 24, b = (2 * Math.PI * (k + 1)) / 24;
        segment(x, 0, 14 + 6 * Math.cos(a), 14 + 9 * Math.sin(a), 14 + 6 * Math.cos(b), 14 + 9 * Math.sin(b), 1.3);
      }
      return x;
    };
    const rows = inkRows(ring());
    expect(ink(ring(), 14, 14)).toBe(0);
    expect(ink(ring(), 14, 8)).toBeGreaterThan(0.5); // the ring's left side
    /** An Rng that returns these numbers in turn: slashZero asks for its hand, short or long, then the rest. */
    const fixed = (...v: number[]) => ({ next: () => v.shift() ?? 0.5 }) as unknown as Rng;
    const crossed = (x: Float32Array) => Math.max(...[10, 11, 12, 13, 14, 15, 16, 17, 18].map((c) => ink(x, 14, c)));
    for (const hand of [0.2, 0.9]) {
      const short = ring(), long = ring();
      slashZero(short, 0, fixed(hand, 0.9, 0.5));
      slashZero(long, 0, fixed(hand, 0.1, 0, 0.5, 0.5)); // shrunk to 0.7
      for (const x of [short, long]) {
        expect(crossed(x)).toBeGreaterThan(0.5);
        expect(inkRows(x)).toEqual(rows);
        expect(x.every((v) => v >= 0 && v <= 1)).toBe(true);
      }
      // The short slash keeps the ring as it was; the long one shrinks it (its left side moves
      // in), and only the slash, narrow, reaches the top and bottom rows.
      expect(ink(short, 14, 8)).toBeGreaterThan(0.5);
      expect(ink(long, 14, 8)).toBeLessThan(0.5);
      for (const r of rows) {
        const cols = inkColumns(long, r, r);
        expect(cols.length).toBeGreaterThan(0);
        expect(Math.max(...cols) - Math.min(...cols)).toBeLessThanOrEqual(3);
      }
    }
    // Seeded, both kinds turn up.
    let shrunk = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const x = ring();
      slashZero(x, 0, new Rng(seed));
      expect(crossed(x)).toBeGreaterThan(0.5);
      if (ink(x, 14, 8) < 0.5) shrunk++;
    }
    expect(shrunk).toBeGreaterThan(0);
    expect(shrunk).toBeLessThan(40);
  });

  it('a bar crosses a 7\'s stem a little below the middle', () => {
    const x = new Float32Array(SIDE * SIDE);
    segment(x, 0, 8, 5, 20, 5, 1.2);
    segment(x, 0, 20, 5, 12, 23, 1.2);
    const rows = inkRows(x);
    const widest = (r0: number, r1: number) => Math.max(...Array.from({ length: r1 - r0 + 1 }, (_, i) => inkColumns(x, r0 + i, r0 + i).length));
    const before = widest(12, 18);
    barSeven(x, 0, new Rng(6));
    expect(widest(12, 18)).toBeGreaterThan(before + 3);
    expect(inkRows(x)).toEqual(rows);
  });
});
