import { describe, expect, it } from 'vitest';
import { Network, type ModelSpec } from '../nn/network.ts';
import { defaultOptimizer } from '../nn/optimizer.ts';
import { inputFromStrokes, padStrokes } from '../preprocess/from-strokes.ts';
import { digitInput } from '../number/digit-input.ts';
import { closerLook } from './closer-look.ts';
import { Inference } from './inference.ts';
import { penHabits } from '../notdigit/habits.ts';
import { notDigitAt } from '../testing/fixed-answer.ts';

const spec: ModelSpec = { inputs: 784, hidden: [12], activation: 'relu', classes: 10 };
const net = new Network(spec, defaultOptimizer, 5);
const snapshot = (version: number, from = net) => ({ version, spec, values: from.params.map((p) => p.value.slice()) });
/** A "7" as the pad sends it: [x0, y0, x1, y1, …] per stroke. */
const seven = [[0.3, 0.22, 0.5, 0.22, 0.7, 0.22, 0.6, 0.4, 0.52, 0.6, 0.45, 0.8]];

describe('Inference', () => {
  it('answers nothing before a model, then with the snapshot it was sent', () => {
    const inf = new Inference();
    expect(inf.predictStrokes(seven)).toBeNull();
    inf.apply(snapshot(3));
    const p = inf.predictStrokes(seven)!;
    expect(p.modelVersion).toBe(3);
    const input = inputFromStrokes(padStrokes(seven))!;
    expect(p.input).toEqual(input);
    expect(p.probabilities).toEqual(net.predict(input).probabilities);
    // An empty pad is no drawing.
    expect(inf.predictStrokes([])).toBeNull();
    // The pen is up: the closer look answers, about the same input. A 7 in one stroke never
    // closes a loop, so it is no 6 or 8 (verdict.ts LOOPS): the other digits share their part.
    const settled = inf.predictStrokes(seven, true)!;
    expect(settled.input).toEqual(input);
    const look = closerLook(net, input).probabilities;
    const rest = 1 - look[6] - look[8];
    for (let d = 0; d < 10; d++) expect(settled.probabilities[d]).toBeCloseTo(d === 6 || d === 8 ? 0 : look[d] / rest, 6);
    expect(settled.probabilities).not.toEqual(p.probabilities);
  });

  it('keeps its model when a snapshot does not fit its architecture, and drops it for "no model"', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    const bad = { ...snapshot(2), values: snapshot(2).values.slice(1) };
    expect(() => inf.apply(bad)).toThrow('Model snapshot does not match its architecture');
    expect(inf.version).toBe(1);
    expect(inf.predictStrokes(seven)?.modelVersion).toBe(1);
    inf.apply({ version: 4, spec: null, values: [] });
    expect(inf.predictStrokes(seven)).toBeNull();
  });

  it('refuses strokes that are not strokes, with an input error', () => {
    const inf = new Inference();
    inf.apply(snapshot(1));
    expect(() => inf.predictStrokes('x')).toThrow(/Strokes must be a list/);
    expect(() => inf.predictStrokes([[0.1, 0.2, 0.3]])).toThrow(/Stroke 0 must be an even-length list/);
    expect(() => inf.predictStrokes([new Array(200_002).fill(0.5)])).toThrow(/at most 100000 points/);
    expect(() => inf.predictPixels(new Uint8ClampedArray(9), 28, 28)).toThrow(expect.objectContaining({ name: 'InputError' }));
  });

  it('asks whether a 0 closed only once the pen is up', () => {
    // A model that reads everything as `digit`, and a C drawn in one stroke.
    const fixedNet = (digit: number) => {
      const fixed = new Network(spec, defaultOptimizer, 5);
      for (const p of fixed.params) p.value.fill(0);
      const bias = fixed.params[fixed.params.length - 1].value;
      expect(bias.length).toBe(10);
      bias[digit] = 10;
      return fixed;
    };
    const reads = (digit: number) => {
      const inf = new Inference();
      inf.apply(snapshot(1, fixedNet(digit)));
      return inf;
    };
    const c = [Array.from({ length: 30 }, (_, i) => {
      const a = ((-40 - (280 * i) / 29) * Math.PI) / 180;
      return [0.5 + 0.3 * Math.cos(a), 0.5 + 0.35 * Math.sin(a)];
    }).flat()];
    expect(reads(0).predictStrokes(c, false)!.notADigit).toBe(false); // still drawing: it may yet close
    expect(reads(0).predictStrokes(c, true)!.notSureReason).toBe('looks-like-no-digit'); // the pen is up: a C
    expect(reads(2).predictStrokes(c, true)!.notADigit).toBe(false); // only a 0 has to close
    // A person whose own zeros stay open: the habits that come with the snapshots let it pass.
    const theirs = new Inference();
    theirs.apply({ ...snapshot(2, fixedNet(0)), habits: penHabits([{ label: 0, strokes: padStrokes(c) }]) });
    expect(theirs.predictStrokes(c, true)!.notADigit).toBe(false);
    // Malformed habits count as none.
    theirs.apply({ ...snapshot(3, fixedNet(0)), habits: { strokes: [1] } as never });
    expect(theirs.predictStrokes(c, true)!.notADigit).toBe(true);
  });

  it('a drawing re-read by a newer model keeps its verdict unless the new answer is clearly past the threshold', () => {
    // Eleven outputs: a 1 and "not a digit", p(not a digit) set by the bias (DEFAULT_RULE: 0.9).
    const spec11: ModelSpec = { ...spec, classes: 11 };
    const notDigit = (p: number, version: number) => notDigitAt(spec11, p, version);
    const one = [[0.5, 0.2, 0.5, 0.5, 0.5, 0.8]];
    const another = [[0.45, 0.2, 0.46, 0.5, 0.47, 0.8]];
    const inf = new Inference();
    inf.apply(notDigit(0.93, 1));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(true);
    // A newer model at 0.85: under 0.9, but not by STEADY_MARGIN: still "Not sure".
    inf.apply(notDigit(0.85, 2));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(true);
    // New ink is answered by the plain thresholds; so is the drawing while a stroke is drawn.
    expect(inf.predictStrokes(another, true)!.notADigit).toBe(false);
    expect(inf.predictStrokes(one, false)!.notADigit).toBe(false);
    // Clearly under: a 1 now, and from there it takes more than 0.9 to turn back.
    inf.apply(notDigit(0.75, 3));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(false);
    inf.apply(notDigit(0.95, 4));
    expect(inf.predictStrokes(one, true)!.notADigit).toBe(false);
    inf.apply(notDigit(0.995, 5));
    expect(inf.predictStrokes(one, true)!.notSureReason).toBe('looks-like-no-digit');
  });

  it("a number's digits re-read by a newer model keep their verdicts unless the new answer is clearly past the threshold", () => {
    const spec11: ModelSpec = { ...spec, classes: 11 };
    const notDigit = (p: number, version: number) => notDigitAt(spec11, p, version);
    // Two uprights on a pad 3 heights wide, and the same two written elsewhere.
    const ones = (x0: number) => [0, 0.6].map((dx) => [(x0 + dx) / 3, 0.2, (x0 + dx) / 3, 0.5, (x0 + dx) / 3, 0.8]);
    const text = (inf: Inference, strokes: number[][], settled = true) => inf.readNumber(strokes, 3, 1, settled)!.text;
    const inf = new Inference();
    inf.apply(notDigit(0.93, 1));
    expect(text(inf, ones(0.5))).toBe('??');
    // 0.85: under 0.9, but not by STEADY_MARGIN: still "??" (QA: a last digit went "?", 3, "?"
    // while a network trained, each change spoken).
    inf.apply(notDigit(0.85, 2));
    expect(text(inf, ones(0.5))).toBe('??');
    // New ink is read by the plain thresholds; so is a number while a stroke is drawn.
    expect(text(inf, ones(1.2))).toBe('11');
    expect(text(inf, ones(0.5), false)).toBe('11');
    // Clearly under: 11 now, and from there it takes more than 0.9 to turn back.
    inf.apply(notDigit(0.75, 3));
    expect(text(inf, ones(0.5))).toBe('11');
    inf.apply(notDigit(0.95, 4));
    expect(text(inf, ones(0.5))).toBe('11');
    inf.apply(notDigit(0.995, 5));
    expect(text(inf, ones(0.5))).toBe('??');
  });

  it('spells a digit of a number it is not sure of as "?", and scores it so', () => {
    // Eleven outputs: a 0 on top, "not a digit" at ~0.3 — under the one-stroke threshold, over
    // the four-stroke one (DEFAULT_RULE.manyStrokes).
    const spec11: ModelSpec = { ...spec, classes: 11 };
    const net11 = new Network(spec11, defaultOptimizer, 5);
    for (const p of net11.params) p.value.fill(0);
    const bias = net11.params[net11.params.length - 1].value;
    bias[0] = 3;
    bias[10] = 2.5;
    const inf = new Inference();
    inf.apply({ version: 1, spec: spec11, values: net11.params.map((p) => p.value.slice()) });
    // On a pad 3 heights wide: a one-stroke loop, a star of four strokes through one point, a loop.
    const at = (x0: number, pts: number[][]) => pts.map(([x, y]) => [(x0 + x) / 3, y]).flat();
    const loop = (x0: number) => at(x0, Array.from({ length: 25 }, (_, i) => [0.5 + 0.3 * Math.sin((i / 24) * 2 * Math.PI), 0.5 - 0.35 * Math.cos((i / 24) * 2 * Math.PI)]));
    const star = [0, 45, 90, 135].map((deg) => {
      const [dx, dy] = [0.3 * Math.cos((deg * Math.PI) / 180), 0.3 * Math.sin((deg * Math.PI) / 180)];
      return at(1, [[0.5 - dx, 0.5 - dy], [0.5, 0.5], [0.5 + dx, 0.5 + dy]]);
    });
    const r = inf.readNumber([loop(0), ...star, loop(2)], 3, 1, true)!;
    expect(r.digits.map((d) => d.strokeIndices.length)).toEqual([1, 4, 1]);
    expect(r.digits.map((d) => d.top)).toEqual([0, 0, 0]);
    expect(r.digits.map((d) => d.notADigit)).toEqual([false, true, false]);
    expect(r.text).toBe('0?0');
    expect(r.digits.map((d) => d.score.notSure === true)).toEqual([false, true, false]);
    // What crosses to the page is the API's NumberDigit: the reader's own judgement stays here.
    for (const d of r.digits) expect(Object.keys(d).sort()).toEqual(['box', 'ink', 'input', 'notADigit', 'probabilities', 'score', 'strokeIndices', 'top']);
  });

  it('reads a drawing with a stray tap off to a corner as the drawing alone, and only an i\'s dot as "not a digit"', () => {
    const inference = new Inference();
    inference.apply(snapshot(1));
    const alone = inference.predictStrokes(seven, true)!;
    const tapped = inference.predictStrokes([...seven, [0.92, 0.9], [0.08, 0.1, 0.085, 0.105]], true)!;
    expect(Array.from(tapped.probabilities)).toEqual(Array.from(alone.probabilities));
    expect(tapped.notADigit).toBe(alone.notADigit);
    expect(inference.predictStrokes([[0.5, 0.4, 0.5, 0.6, 0.5, 0.8], [0.5, 0.25]], true)!.notADigit).toBe(true); // an i
  });

  it('paints a single digit the way a number\'s digit is painted', () => {
    const strokes = padStrokes(seven);
    const xs = seven[0].filter((_, i) => i % 2 === 0), ys = seven[0].filter((_, i) => i % 2 === 1);
    const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
    expect(inputFromStrokes(strokes)).toEqual(digitInput(strokes, box, { w: 1, h: 1 }));
  });
});
