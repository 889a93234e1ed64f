import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.ts';
import type { Pt } from './pad.ts';
import { segment, type Segmentation } from './segment.ts';
import { hashSign, letterA, letterH, place, shapeWidth, writeNumber } from './synthetic-digits.ts';

/** Strokes of each group as sorted lists of stroke indices. */
const groups = (seg: Segmentation) => seg.digits.map((g) => [...new Set(g.pieces.map((p) => p.stroke))].sort((a, b) => a - b));

/** Strokes digit by digit, and for each stroke its digit. */
function flatten(digits: Pt[][][]): { strokes: Pt[][]; digitOf: number[] } {
  return { strokes: digits.flat(), digitOf: digits.flatMap((d, k) => d.map(() => k)) };
}

/** The expected groups for strokes given in `order` (original stroke indices). */
function expected(digitOf: number[], order: number[]): number[][] {
  const out: number[][] = [];
  order.forEach((orig, i) => (out[digitOf[orig]] ??= []).push(i));
  return out.map((g) => g.sort((a, b) => a - b));
}

describe('segment', () => {
  it('keeps two-stroke 4, 5 and crossed 7 whole, left to right', () => {
    const { strokes, digitOf } = flatten(writeNumber('4571'));
    expect(strokes.length).toBe(7);
    expect(groups(segment(strokes))).toEqual(expected(digitOf, strokes.map((_, i) => i)));
  });

  it('does not depend on drawing order: second strokes written after later digits, or any order', () => {
    const { strokes, digitOf } = flatten(writeNumber('745'));
    const want = groups(segment(strokes));
    expect(want).toEqual(expected(digitOf, strokes.map((_, i) => i)));
    // 7's crossbar and 4's bar last, then reversed, then shuffles.
    const orders = [[0, 2, 3, 5, 4, 1], strokes.map((_, i) => strokes.length - 1 - i)];
    const rng = new Rng(5);
    for (let k = 0; k < 20; k++) orders.push([...rng.shuffle(Uint32Array.from(strokes.keys()))]);
    for (const order of orders) {
      expect(groups(segment(order.map((i) => strokes[i])))).toEqual(expected(digitOf, order));
    }
  });

  it('splits gaps of a fifth of a digit width, even where the pixels of the strokes touch', () => {
    for (const text of ['1111', '4040', '5775', '0123']) {
      const { strokes, digitOf } = flatten(writeNumber(text, { gap: 0.2 }));
      expect(groups(segment(strokes)), text).toEqual(expected(digitOf, strokes.map((_, i) => i)));
    }
  });

  it('orders left to right whatever the writing order, with vertical drift', () => {
    const digits = writeNumber('20457', { drift: 0.25 }); // each digit a quarter lower
    const order = [4, 3, 2, 1, 0]; // written right to left
    const strokes = order.flatMap((k) => digits[k]);
    const seg = segment(strokes);
    expect(seg.digits.length).toBe(5);
    // Group k holds strokes of digit k: digit k was written (4 − k)-th.
    const starts = order.map((_, i) => order.slice(0, i).reduce((n, d) => n + digits[d].length, 0));
    expect(seg.digits.map((g) => Math.min(...g.pieces.map((p) => p.stroke)))).toEqual([4, 3, 2, 1, 0].map((w) => starts[w]));
  });

  it('keeps touching digits apart', () => {
    // 1 touching a 0; 2 whose base runs into the 3; two 0s overlapping slightly.
    for (const [text, gap] of [['10', -0.05], ['23', -0.1], ['00', -0.08]] as const) {
      const { strokes, digitOf } = flatten(writeNumber(text, { gap }));
      expect(groups(segment(strokes)), text).toEqual(expected(digitOf, [0, 1]));
    }
  });

  it('keeps a 0 written as a left and a right half whole: their ends meet at both ends', () => {
    const half = (x0: number, way: 1 | -1): Pt[] =>
      Array.from({ length: 25 }, (_, i) => ({ x: x0 + 0.17 + way * 0.17 * Math.sin((Math.PI * i) / 24), y: 0.5 - 0.3 * Math.cos((Math.PI * i) / 24) }));
    const [one, two] = writeNumber('12', { gap: 3.5 });
    const x0 = Math.max(...one.flat().map((p) => p.x)) + 0.12;
    // Left half down from the top, right half up from the bottom: any order, any direction.
    const left = half(x0, -1), right = half(x0, 1);
    for (const zero of [[left, right], [right, left], [left, [...right].reverse()]]) {
      expect(groups(segment([...one, ...zero, ...two]))).toEqual([[0], [1, 2], [3]]);
    }
    // Touching at one end only, two halves are two strokes side by side: "((" stays two.
    const apart = [left, left.map((p, i) => ({ x: p.x + 0.2 + (i === 0 ? -0.2 : 0), y: p.y }))];
    expect(groups(segment(apart))).toEqual([[0], [1]]);
  });

  it("gives a 5's flag that reaches over the next digit to the 5", () => {
    const five = place('5', 0.1, 0.2, 0.6);
    const one = place('1', 0.1 + shapeWidth('5', 0.6) + 0.06, 0.2, 0.6);
    // The flag runs on to cross the 1 near its top.
    const flag = five[1];
    const end = flag[flag.length - 1];
    const longFlag = [...flag, { x: end.x + 0.12, y: end.y + 0.02 }, { x: end.x + 0.18, y: end.y + 0.03 }];
    const strokes = [five[0], ...one, longFlag];
    expect(groups(segment(strokes))).toEqual([[0, 2], [1]]);
  });

  it('keeps a "#" whole: two bars across the same two strokes make one shape, not two digits', () => {
    for (const o of [{}, { slant: 0 }, { slant: 0.25, gap: 0.5 }, { slant: -0.1, gap: 0.3, over: 0.05 }]) {
      const strokes = hashSign(0.3, 0.2, 0.6, o);
      expect(groups(segment(strokes)), JSON.stringify(o)).toEqual([[0, 1, 2, 3]]);
      // Bars first, or between the verticals.
      expect(groups(segment([strokes[2], strokes[3], strokes[0], strokes[1]]))).toEqual([[0, 1, 2, 3]]);
      expect(groups(segment([strokes[2], strokes[0], strokes[3], strokes[1]]))).toEqual([[0, 1, 2, 3]]);
    }
    // Between two 1s it is one part of its own.
    const strokes = [...place('1', 0.85, 0.2, 0.6), ...hashSign(0.3, 0.2, 0.6), ...place('1', 0.1, 0.2, 0.6)];
    expect(groups(segment(strokes))).toEqual([[5], [1, 2, 3, 4], [0]]);
  });

  it('keeps an H whole: a level bar from one upright to the other, at their middles, is a crossbar', () => {
    for (const o of [{}, { slant: 0 }, { gap: 0.7, at: 0.4 }, { slant: 0.2, at: 0.6, over: 0.05 }, { over: -0.03 }]) {
      const strokes = letterH(0.3, 0.2, 0.6, o);
      const seg = segment(strokes);
      expect(groups(seg), JSON.stringify(o)).toEqual([[0, 1, 2]]);
      expect(seg.digits[0].shape).toBe(true);
      // The bar first, or between the uprights.
      expect(groups(segment([strokes[2], strokes[0], strokes[1]]))).toEqual([[0, 1, 2]]);
      expect(groups(segment([strokes[0], strokes[2], strokes[1]]))).toEqual([[0, 1, 2]]);
    }
    // Beside digits it is one part of its own.
    const strokes = [...place('1', 0.1, 0.2, 0.6), ...letterH(0.5, 0.2, 0.6), ...place('7', 1.2, 0.2, 0.6)];
    expect(groups(segment(strokes))).toEqual([[0], [1, 2, 3], [4, 5]]);
  });

  it('keeps an A of three strokes whole: its legs meet at the top, its bar runs from one to the other', () => {
    for (const o of [{}, { spread: 0.9, at: 0.55 }, { spread: 0.6, at: 0.65 }]) {
      const strokes = letterA(0.3, 0.2, 0.6, o);
      expect(groups(segment(strokes)), JSON.stringify(o)).toEqual([[0, 1, 2]]);
      expect(groups(segment([strokes[2], strokes[1], strokes[0]]))).toEqual([[0, 1, 2]]);
    }
    // Legs apart at the top, the bar lying over both: two strokes and a bar, as a 5's flag reaching the next digit.
    expect(segment(letterA(0.3, 0.2, 0.6, { spread: 0.9, apart: 0.12 })).digits.some((g) => g.shape)).toBe(false);
  });

  it('takes no crossbar for a bar that crosses an upright, sits at the top or the foot, or lies over one digit', () => {
    // Through both uprights and well past them, as a crossed 7's bar reaching the next digit
    // crosses its own stem; at the top, as a 5's flag or a 7's bar; at the foot, as a 1's base.
    for (const o of [{ over: 0.25 }, { at: 0.1 }, { at: 0.9 }]) {
      const seg = segment(letterH(0.3, 0.2, 0.6, o));
      expect(seg.digits.every((g) => !g.shape), JSON.stringify(o)).toBe(true);
    }
    // A crossed 7 whose bar reaches the 1 beside it, and a 5 whose flag does.
    for (const text of ['71', '51']) {
      const [a, b] = writeNumber(text, { gap: 0.1 });
      const bar = a[1].map((p) => ({ ...p }));
      const reach = Math.min(...b[0].map((p) => p.x)) - Math.max(...bar.map((p) => p.x));
      bar.push({ x: bar[bar.length - 1].x + reach, y: bar[bar.length - 1].y });
      const seg = segment([a[0], bar, ...b]);
      expect(seg.digits.length, text).toBe(2);
      expect(seg.digits.some((g) => g.shape)).toBe(false);
    }
    // A 5 whose flag leaves its stem a third of the way down (one UNIPEN writer's) and reaches the
    // 1 beside it, at the height of both middles and ending on each: it lies over its own 5.
    const [[body], [one]] = writeNumber('51', { gap: 0.1 });
    const y = 0.2 + 0.3 * 0.6;
    const from = body.reduce((best, p) => (Math.abs(p.y - y) < Math.abs(best.y - y) ? p : best));
    const to = Math.min(...one.map((p) => p.x));
    const flag = Array.from({ length: 12 }, (_, i) => ({ x: from.x + ((to - from.x) * i) / 11, y }));
    const seg = segment([body, flag, one]);
    expect(groups(seg)).toEqual([[0, 1], [2]]);
    expect(seg.digits.some((g) => g.shape)).toBe(false);
  });

  it('cuts one stroke written through two digits at the ligature between them', () => {
    // "00" without lifting the pen: the first 0, a bridge along the bottom, the second 0.
    const [a] = place('0', 0.1, 0.2, 0.6);
    const [b] = place('0', 0.1 + 0.62, 0.2, 0.6);
    const bridge: Pt[] = Array.from({ length: 6 }, (_, i) => ({ x: a[0].x + ((b[0].x - a[0].x) * (i + 1)) / 7, y: 0.2 + 0.02 * Math.sin(i) }));
    const seg = segment([[...a, ...bridge, ...b]]);
    expect(seg.digits.length).toBe(2);
    const [left, right] = seg.digits;
    // Each side keeps its whole 0: the cut falls between them.
    expect(left.box.x1).toBeLessThan(b[0].x - 0.2);
    expect(right.box.x0).toBeGreaterThan(a[0].x + 0.2);
    expect(left.pieces[0].from).toBe(0);
    expect(right.pieces[0].to).toBe(a.length + bridge.length + b.length);
  });

  it('finds a decimal point low in a gap, but keeps a dot touching a digit with it', () => {
    const digits = writeNumber('314', { gap: 0.8 });
    const x = (digits[0][0].reduce((m, p) => Math.max(m, p.x), 0) + digits[1][0].reduce((m, p) => Math.min(m, p.x), 9)) / 2;
    const dot = [{ x, y: 0.77 }, { x: x + 0.01, y: 0.78 }];
    const high = [{ x, y: 0.3 }];
    const withDot = segment([...digits.flat(), dot]);
    expect(withDot.digits.length).toBe(3);
    expect(withDot.separators.map((g) => g.pieces[0].stroke)).toEqual([4]);
    // High up it is no decimal point: it goes with the nearer digit.
    expect(segment([...digits.flat(), high]).separators).toEqual([]);
  });

  it('finds a minus sign before the first digit, not a 5\'s flag, a 7\'s tick or a dash among marks', () => {
    const digits = writeNumber('57', { gap: 0.6 });
    const x0 = Math.min(...digits[0].flat().map((p) => p.x));
    const dash = (y: number, from = x0 - 0.3, to = x0 - 0.12) => [{ x: from, y }, { x: (from + to) / 2, y: y + 0.005 }, { x: to, y }];
    const minus = segment([dash(0.5), ...digits.flat()]);
    expect(minus.minus?.pieces[0].stroke).toBe(0);
    expect(groups(minus)).toEqual([[1, 2], [3, 4]]);
    // High up or low it is no minus; nor is a dash right at the digit's side, nor one beside other marks.
    for (const strokes of [[dash(0.24), ...digits.flat()], [dash(0.78), ...digits.flat()], [dash(0.5, x0 - 0.12, x0 - 0.02), ...digits.flat()], [dash(0.5), dash(0.6), ...digits.flat()]]) {
      expect(segment(strokes).minus).toBeNull();
    }
    // A dash after the first digit is not one either (a 7's bar drawn apart joins its 7).
    expect(segment([...digits.flat(), dash(0.5, x0 + 0.9, x0 + 1.1)]).minus).toBeNull();
  });

  it('is the same at any size and place', () => {
    const { strokes } = flatten(writeNumber('4715', { gap: 0.3 }));
    const want = groups(segment(strokes));
    for (const [k, dx, dy] of [[0.3, 0.5, 0.1], [2.5, 0, -0.3], [0.05, 3, 0.9]]) {
      expect(groups(segment(strokes.map((s) => s.map((p) => ({ x: p.x * k + dx, y: p.y * k + dy })))))).toEqual(want);
    }
  });

  it('handles no ink, dots only, and empty strokes', () => {
    expect(segment([]).digits).toEqual([]);
    expect(segment([[], []]).digits).toEqual([]);
    expect(segment([[{ x: 0.5, y: 0.5 }]]).digits.length).toBe(1);
  });
});
