import { describe, expect, it } from 'vitest';
import { penInNumber } from '../notdigit/pen.ts';
import { DEFAULT_RULE, verdict } from '../notdigit/verdict.ts';
import { preprocess } from '../preprocess.ts';
import { READ_SCALE } from './digit-input.ts';
import type { Pt } from './pad.ts';
import { rasterize, toRgba } from './raster.ts';
import { markUnsure, readNumber, type Classify } from './read.ts';
import { hashSign, letterH, place, toPad, writeNumber } from './synthetic-digits.ts';

/** The single-digit path: the whole square pad painted, then preprocess. */
function singleDigitInput(strokes: Pt[][]): Float32Array {
  const win = { scale: READ_SCALE, left: 0, top: 0, width: READ_SCALE, height: READ_SCALE };
  return preprocess(toRgba(rasterize(strokes, win)), READ_SCALE, READ_SCALE)!;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** A classifier's answer that is sure it sees a digit, with these probabilities. */
const sure = (digitProbabilities: ArrayLike<number>) => ({ digitProbabilities, notADigit: false });
const blank = () => sure(new Float32Array(10));

/** A classifier that knows one template per shape and answers the nearest (cosine). */
function templateClassifier(shapes: string[]): Classify {
  const templates = shapes.map((s) => ({ digit: Number(s), input: singleDigitInput(place(s, 0.25, 0.2, 0.6)) }));
  return (input) => {
    const p = new Float32Array(10);
    let best = templates[0], bestScore = -1;
    for (const t of templates) {
      let ab = 0, aa = 0, bb = 0;
      for (let i = 0; i < 784; i++) {
        ab += input[i] * t.input[i];
        aa += input[i] * input[i];
        bb += t.input[i] * t.input[i];
      }
      const score = ab / Math.sqrt(aa * bb);
      if (score > bestScore) [best, bestScore] = [t, score];
    }
    p[best.digit] = 1;
    return sure(p);
  };
}

describe('readNumber', () => {
  it("gives a lone digit on a square pad exactly the single-digit path's input", () => {
    for (const shape of ['4', '5', '7', '0', '1']) {
      const strokes = place(shape, 0.3, 0.15, 0.65);
      const r = readNumber(toPad(strokes, 1), 1, 1, () => sure(new Float32Array(10).fill(0.1)));
      expect(r.digits.length).toBe(1);
      expect(r.digits[0].input).toEqual(singleDigitInput(strokes));
    }
  });

  it('gives a lone digit on a wide pad the input it would have on a square pad', () => {
    for (const shape of ['4', '5', '7']) {
      const strokes = place(shape, 0.3, 0.15, 0.65);
      // 1.5 side units to the right on a pad three times as wide as tall: whole pixels apart.
      const moved = strokes.map((s) => s.map((p) => ({ x: p.x + 1.5, y: p.y })));
      const r = readNumber(toPad(moved, 3), 300, 100, blank);
      expect(maxDiff(r.digits[0].input, singleDigitInput(strokes))).toBeLessThan(1e-5);
    }
  });

  it('reads a number with whatever classifier it is given, left to right', () => {
    const classify = templateClassifier(['0', '1', '2', '3', '4', '5', '7']);
    const digits = writeNumber('4501273', { size: 0.6, gap: 0.35 });
    const width = 0.2 + digits.flat(2).reduce((m, p) => Math.max(m, p.x), 0);
    // Written right to left, each digit's strokes together.
    const strokes = toPad([...digits].reverse().flat(), width);
    const r = readNumber(strokes, width * 240, 240, classify);
    expect(r.text).toBe('4501273');
    expect(r.digits.map((d) => d.top).join('')).toBe('4501273');
    expect(r.separators).toEqual([]);
    // Boxes are in pad fractions, left to right, apart, and hold their strokes' points.
    r.digits.forEach((d, k) => {
      if (k > 0) expect(d.box.x0).toBeGreaterThan(r.digits[k - 1].box.x0);
      for (const s of d.strokeIndices) {
        for (const p of strokes[s]) expect(p.x >= d.box.x0 && p.x <= d.box.x1 && p.y >= d.box.y0 && p.y <= d.box.y1).toBe(true);
      }
    });
    expect(r.digits.flatMap((d) => d.strokeIndices).sort((a, b) => a - b)).toEqual(strokes.map((_, i) => i));
  });

  it("gives each digit its own ink, in pad fractions: of one stroke written through two 0s, each side's part", () => {
    const [a] = place('0', 0.1, 0.2, 0.6);
    const [b] = place('0', 0.1 + 0.62, 0.2, 0.6);
    const bridge: Pt[] = Array.from({ length: 6 }, (_, i) => ({ x: a[0].x + ((b[0].x - a[0].x) * (i + 1)) / 7, y: 0.2 + 0.02 * Math.sin(i) }));
    const width = 1.6;
    const stroke = toPad([[...a, ...bridge, ...b]], width)[0];
    const r = readNumber([stroke], width * 100, 100, templateClassifier(['0', '1']));
    expect(r.text).toBe('00');
    const [left, right] = r.digits;
    expect([left.strokeIndices, right.strokeIndices]).toEqual([[0], [0]]);
    // Each 0's ink is its own side of the stroke, inside its box: they meet only at the cut.
    const xs = (d: (typeof r.digits)[number]) => d.ink.flatMap((s) => s.filter((_, k) => k % 2 === 0));
    expect(Math.max(...xs(left))).toBeLessThanOrEqual(Math.min(...xs(right)));
    expect(Math.max(...xs(right)) - Math.min(...xs(left))).toBeGreaterThan(0.9 / width);
    for (const d of r.digits) for (const s of d.ink) for (let k = 0; k < s.length; k += 2) {
      expect(s[k] >= d.box.x0 && s[k] <= d.box.x1 && s[k + 1] >= d.box.y0 && s[k + 1] <= d.box.y1).toBe(true);
    }
    // Together they are the stroke, point for point (and the cut point, once on each side).
    const pad = stroke.flatMap((p) => [p.x, p.y]);
    const both = [...left.ink.flat(), ...right.ink.flat()];
    expect(both.length).toBeGreaterThanOrEqual(pad.length);
    expect(both.length).toBeLessThanOrEqual(pad.length + 4);
    for (let k = 0; k < pad.length; k += 2) {
      expect(both.some((v, j) => j % 2 === 0 && Math.abs(v - pad[k]) < 1e-9 && Math.abs(both[j + 1] - pad[k + 1]) < 1e-9)).toBe(true);
    }
    // A digit not cut is its whole strokes.
    const zero = toPad(place('0', 0.3, 0.2, 0.6), 1);
    const lone = readNumber(zero, 100, 100, blank).digits[0];
    expect(lone.ink).toHaveLength(1);
    lone.ink[0].forEach((v, k) => expect(v).toBeCloseTo(k % 2 === 0 ? zero[0][k >> 1].x : zero[0][k >> 1].y, 12));
  });

  it('reads a number written small as if written at half the pad\'s height, like a lone digit', () => {
    const inputs = (size: number, top: number) => {
      const digits = writeNumber('4571', { size, gap: 0.35, top });
      const width = 0.2 + digits.flat(2).reduce((m, p) => Math.max(m, p.x), 0);
      return readNumber(toPad(digits.flat(), width), width * 240, 240, blank).digits.map((d) => d.input);
    };
    const small = inputs(0.15, 0.8), half = inputs(0.5, 0.25);
    expect(small.length).toBe(4);
    // The same digits, enlarged: the same inputs but for the painting's sub-pixel placement. Not
    // enlarged, a digit 0.15 tall is a blot (tested by the difference it would make).
    small.forEach((x, k) => expect(maxDiff(x, half[k])).toBeLessThan(0.08));
    const blot = (x: Float32Array) => x.filter((v) => v > 0.5).length;
    expect(blot(small[0])).toBeLessThan(1.3 * blot(half[0]));
  });

  it('spells a decimal point where it was written', () => {
    const classify = templateClassifier(['1', '3', '4']);
    const digits = writeNumber('314', { size: 0.6, gap: 0.9 });
    const gapX = (Math.max(...digits[0][0].map((p) => p.x)) + Math.min(...digits[1].flat().map((p) => p.x))) / 2;
    const width = 0.2 + Math.max(...digits.flat(2).map((p) => p.x));
    const strokes = toPad([...digits.flat(), [{ x: gapX, y: 0.76 }, { x: gapX + 0.01, y: 0.77 }]], width);
    const r = readNumber(strokes, width, 1, classify);
    expect(r.text).toBe('3.14');
    expect(r.separators.map((s) => [s.char, s.at, s.strokeIndices])).toEqual([['.', 1, [digits.flat().length]]]);
  });

  it('spells a comma where a mark with a tail was written, a point for a dot or a short dash', () => {
    const classify = templateClassifier(['1', '0']);
    const digits = writeNumber('1000', { size: 0.6, gap: 0.9 });
    const gapX = (Math.max(...digits[0][0].map((p) => p.x)) + Math.min(...digits[1].flat().map((p) => p.x))) / 2;
    const width = 0.2 + Math.max(...digits.flat(2).map((p) => p.x));
    const read = (mark: { x: number; y: number }[]) => readNumber(toPad([...digits.flat(), mark], width), width, 1, classify);
    // A comma's tail runs down and to the left, a fifth of the digits' height or so.
    const comma = read([{ x: gapX + 0.015, y: 0.74 }, { x: gapX + 0.01, y: 0.79 }, { x: gapX - 0.01, y: 0.84 }]);
    expect(comma.text).toBe('1,000');
    expect(comma.separators.map((s) => [s.char, s.at])).toEqual([[',', 1]]);
    expect(read([{ x: gapX, y: 0.78 }, { x: gapX + 0.01, y: 0.79 }]).text).toBe('1.000');
    expect(read([{ x: gapX - 0.02, y: 0.8 }, { x: gapX + 0.02, y: 0.81 }]).text).toBe('1.000'); // a dash is no comma
    // Nor is a round dot drawn big (a finger's), as tall as a comma.
    const ring = Array.from({ length: 13 }, (_, k) => ({ x: gapX + 0.04 * Math.cos(k / 2), y: 0.8 + 0.05 * Math.sin(k / 2) }));
    expect(read(ring).text).toBe('1.000');
    expect(markUnsure('1,000', [false, true, false, false])).toBe('1,?00');
  });

  it('spells a minus sign before the digits, and does not hand it to the classifier', () => {
    const asked: number[] = [];
    const digits = writeNumber('5', { size: 0.6 });
    const x0 = Math.min(...digits[0].flat().map((p) => p.x)) + 0.3;
    const shifted = digits[0].map((s) => s.map((p) => ({ x: p.x + 0.3, y: p.y })));
    const dash = [{ x: x0 - 0.3, y: 0.5 }, { x: x0 - 0.1, y: 0.5 }];
    const r = readNumber(toPad([dash, ...shifted], 1.2), 1.2, 1, (_, strokes, pieces, one) => (asked.push(strokes), templateClassifier(['5'])(_, strokes, pieces, one)));
    expect(r.text).toBe('−5');
    expect(r.separators.map((s) => [s.char, s.at, s.strokeIndices])).toEqual([['−', 0, [0]]]);
    expect(asked).toEqual([shifted.length]);
    expect(markUnsure('−5', [true])).toBe('−?');
    // A stroke from before the dash into the digit's columns (an underline) makes the dash no sign.
    const underline = [{ x: x0 - 0.45, y: 0.85 }, { x: x0 + 0.2, y: 0.86 }];
    const crossed = readNumber(toPad([dash, underline, ...shifted], 1.2), 1.2, 1, templateClassifier(['5']));
    expect(crossed.separators.filter((s) => s.char === '−')).toEqual([]);
  });

  it('hands the classifier one input per digit, in reading order', () => {
    let calls = 0;
    const counting: Classify = () => {
      const p = new Float32Array(10);
      p[calls++ % 10] = 1;
      return sure(p);
    };
    const strokes = toPad(writeNumber('7777').flat(), 3);
    expect(readNumber(strokes, 3, 1, counting).text).toBe('0123');
    expect(calls).toBe(4);
  });

  it('reads a "#" as one drawing of four strokes, which the "not a digit" rule doubts', () => {
    // A network fairly sure it sees a 1: "not a digit" at 0.3 passes for a drawing of one or two
    // strokes (a digit is written so), not for one of four (verdict.ts manyStrokes).
    const answer = Float32Array.from([0, 0.6, 0, 0, 0, 0, 0, 0.1, 0, 0, 0.3]);
    const asked: number[] = [];
    const r = readNumber(toPad(hashSign(0.4, 0.2, 0.6), 2), 2, 1, (_, strokes) => {
      asked.push(strokes);
      return verdict(answer, DEFAULT_RULE, penInNumber(strokes));
    });
    // Doubted, it is not cut into two digits either: its strokes cross each other's columns.
    expect(asked).toEqual([4]);
    expect(r.digits.map((d) => d.strokeIndices)).toEqual([[0, 1, 2, 3]]);
    expect(markUnsure(r.text, r.digits.map((d) => d.judgement.notADigit))).toBe('?');
    expect(verdict(answer, DEFAULT_RULE, penInNumber(2)).notADigit).toBe(false);
  });

  it('reads an H as one drawing, never cut into a sure 1 and 4', () => {
    // A network that doubts the whole H and is sure of anything less: cut, its sides would be two digits.
    const asked: number[] = [];
    const r = readNumber(toPad(letterH(0.4, 0.2, 0.6), 2), 2, 1, (_, strokes) => {
      asked.push(strokes);
      return strokes === 3 ? { digitProbabilities: new Float32Array(10).fill(0.1), notADigit: true } : sure(Float32Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]));
    });
    expect(asked).toEqual([3]);
    expect(r.digits.map((d) => d.strokeIndices)).toEqual([[0, 1, 2]]);
    expect(markUnsure(r.text, r.digits.map((d) => d.judgement.notADigit))).toBe('?');
  });

  it('finds a house between digits: its outline spans it, whatever else is drawn with it (pen.ts OUTLINE)', () => {
    const [one, two] = writeNumber('12', { gap: 3.5 });
    const x0 = Math.max(...one.flat().map((p) => p.x)) + 0.15;
    const side = (a: [number, number], b: [number, number]) =>
      Array.from({ length: 12 }, (_, i) => ({ x: x0 + a[0] + ((b[0] - a[0]) * i) / 12, y: a[1] + ((b[1] - a[1]) * i) / 12 }));
    const corners: [number, number][] = [[0, 0.8], [0, 0.45], [0.25, 0.2], [0.5, 0.45], [0.5, 0.8], [0, 0.8]];
    const house = [...corners.slice(1).flatMap((c, k) => side(corners[k], c)), { x: x0, y: 0.8 }];
    const across = side([0, 0.45], [0.5, 0.45]);
    const width = 0.2 + Math.max(...two.flat().map((p) => p.x));
    const r = readNumber(toPad([...one, house, across, ...two], width), width, 1, (_, strokes, pieces, whole) => ({
      digitProbabilities: new Float32Array(10).fill(0.1),
      notADigit: penInNumber(strokes, pieces, whole).polygon === true,
    }));
    expect(r.digits.map((d) => [d.strokeIndices, d.judgement.notADigit])).toEqual([[[0], false], [[1, 2], true], [[3], false]]);
  });

  it('marks the digits it is not sure of with "?", past a decimal point', () => {
    expect(markUnsure('246', [false, true, false])).toBe('2?6');
    expect(markUnsure('3.14', [false, false, true])).toBe('3.1?');
    expect(markUnsure('0', [true])).toBe('?');
    expect(markUnsure('', [])).toBe('');
  });

  it('reads nothing from no ink, and refuses a classifier that does not answer 10 values', () => {
    expect(readNumber([], 2, 1, blank)).toEqual({ text: '', digits: [], separators: [] });
    const strokes = toPad(writeNumber('4').flat(), 1);
    expect(() => readNumber(strokes, 1, 1, () => sure([0.5, 0.5]))).toThrow(/10 probabilities/);
    expect(() => readNumber(strokes, 0, 1, blank)).toThrow(/width and height/);
  });
});
