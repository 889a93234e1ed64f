import { describe, expect, it } from 'vitest';
import { footSpan, INK, WIDE_FOOT } from './foot.ts';
import { readMnist } from '../../scripts/mnist-node.ts';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { Rng } from '../nn/rng.ts';
import { generateDigit } from './generate.ts';
import { padInput } from './render.ts';

/** A 28×28 image with ink on the given [row, from column, to column] runs. */
function image(runs: [number, number, number][]): Float32Array {
  const x = new Float32Array(784);
  for (const [row, from, to] of runs) for (let c = from; c <= to; c++) x[row * 28 + c] = 1;
  return x;
}
const rows = (from: number, to: number, c0: number, c1: number) => Array.from({ length: to - from + 1 }, (_, i) => [from + i, c0, c1] as [number, number, number]);

describe('footSpan', () => {
  it('is narrow for a stem, full for two legs or a bar, 0 without ink', () => {
    // A 4: an upright, a bar at row 14, and a stem down the right to row 23.
    const four = image([...rows(4, 14, 8, 9), [14, 8, 20], ...rows(4, 23, 18, 19)]);
    expect(footSpan(four)).toBeCloseTo(2 / 13, 6);
    // An H: two legs to the bottom.
    const h = image([...rows(4, 23, 6, 7), [13, 6, 19], ...rows(4, 23, 18, 19)]);
    expect(footSpan(h)).toBe(1);
    // An L: the bar is the bottom row.
    expect(footSpan(image([...rows(4, 23, 6, 7), [23, 6, 19]]))).toBe(1);
    expect(footSpan(new Float32Array(784))).toBe(0);
    // Bytes (0..255) with the threshold scaled to them.
    expect(footSpan(Uint8Array.from(h, (v) => v * 255), INK * 255)).toBe(1);
    expect(() => footSpan(new Float32Array(100 * 3))).toThrow(/not a square/);
  });

  it('finds a 4 or a 7 of MNIST\'s test set on a wide foot rarely, and a generated one never', () => {
    const { test } = readMnist();
    for (const d of [4, 7]) {
      let n = 0, wide = 0;
      for (let i = 0; i < test.count; i++) {
        if (test.labels[i] !== d) continue;
        n++;
        if (footSpan(test.images.subarray(i * 784, (i + 1) * 784), INK * 255) > WIDE_FOOT) wide++;
      }
      expect(n).toBeGreaterThan(950);
      expect(wide / n).toBeLessThan(0.005); // measured: 2 of 982 4s (H-like), 0 of 1,028 7s
    }
    const rng = new Rng(9);
    for (let i = 0; i < 400; i++) {
      const d = i % 2 ? 7 : 4;
      const g = generateDigit(rng, d);
      expect(footSpan(padInput(g.strokes, 280, g.lineWidth)!), `generated ${d} #${i}`).toBeLessThanOrEqual(WIDE_FOOT);
    }
  });
});

// Real pen digits (UNIPEN dev, when ../shared has it), drawn at 60 % of the app's pad.
const unipen = readUnipen();
function onPad(strokes: [number, number][][]) {
  const pts = strokes.flat(), xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs), y0 = Math.min(...ys), w = Math.max(...xs) - x0, h = Math.max(...ys) - y0;
  const k = 0.6 / Math.max(w, h, 1);
  return strokes.map((l) => l.map(([x, y]) => ({ x: 0.5 + (x - x0 - w / 2) * k, y: 0.5 + (y - y0 - h / 2) * k })));
}
describe.skipIf(unipen === null)('footSpan on real pen digits', () => {
  it('finds every 4 and 7 on one stem', () => {
    const feet = unipen!.filter((s) => s.label === 4 || s.label === 7).map((s) => footSpan(padInput(onPad(s.strokes), 280)!));
    expect(feet.length).toBeGreaterThan(100);
    expect(Math.max(...feet)).toBeLessThan(WIDE_FOOT); // measured: at most 0.76
  });
});
