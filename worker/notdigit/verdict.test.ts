import { describe, expect, it } from 'vitest';
import { CONV_RULE, DEFAULT_RULE, digitsCorrect, ruleFor, steadied, verdict } from './verdict.ts';
import { noHabits, penHabits } from './habits.ts';
import { penOf } from './pen.ts';
import { padInput } from './render.ts';

const probs = (...v: number[]) => Float32Array.from(v);

describe('verdict', () => {
  it('a confident digit from a 10-output model is a digit', () => {
    const v = verdict(probs(0.01, 0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.02, 0.01, 0.01));
    expect(v.notADigit).toBe(false);
    expect(v.reason).toBeNull();
    expect(v.top).toBe(2);
    expect(v.topProbability).toBeCloseTo(0.9, 6);
    expect(v.notDigitProbability).toBe(0);
  });

  it('flags a likely "not a digit" output, and renormalises the digits for the bars', () => {
    const v = verdict(probs(0.01, 0, 0, 0, 0.03, 0, 0, 0, 0, 0.01, 0.95));
    expect(v.notADigit).toBe(true);
    expect(v.reason).toBe('looks-like-no-digit');
    expect(Array.from(v.digitProbabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(v.digitProbabilities[4]).toBeCloseTo(0.6, 6);
    expect(v.top).toBe(4);
    expect(v.topProbability).toBeCloseTo(0.6, 6);
  });

  it('flags no clear digit even when "not a digit" is unlikely', () => {
    const v = verdict(probs(0.3, 0, 0, 0, 0, 0, 0.3, 0, 0.3, 0, 0.1), { notDigitAbove: 0.5, digitBelow: 0.5 });
    expect(v.notADigit).toBe(true);
    expect(v.reason).toBe('no-clear-digit');
    expect(v.topProbability).toBeCloseTo(1 / 3, 6);
    expect(verdict(probs(0.3, 0, 0, 0, 0, 0, 0.3, 0, 0.3, 0, 0.1), { notDigitAbove: 0.5, digitBelow: 0.3 }).notADigit).toBe(false);
    // A clear digit under a fairly likely "not a digit" output is judged by the first test only.
    expect(verdict(probs(0.01, 0, 0, 0, 0, 0, 0.59, 0, 0, 0, 0.4), { notDigitAbove: 0.5, digitBelow: 0.5 }).notADigit).toBe(false);
  });

  it('a convolutional network is judged by its own rule: 0.87 "not a digit" is enough for it, not for the dense one', () => {
    const conv = { conv: [{ filters: 16, kernel: 5 }] }, dense = { conv: [] };
    expect(ruleFor(conv)).toBe(CONV_RULE);
    expect(ruleFor(dense)).toBe(DEFAULT_RULE);
    expect(ruleFor({})).toBe(DEFAULT_RULE);
    const p = probs(0.13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.87);
    expect(verdict(p, ruleFor(conv)).notADigit).toBe(true);
    expect(verdict(p, ruleFor(dense)).notADigit).toBe(false);
  });

  it('a "not a digit" probability averaged over the closer look\'s views has its own threshold; the stroke tests still lower it', () => {
    const p = probs(0.2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8);
    const pen = (strokes: number) => ({ strokes, detachedDot: false, scattered: false, openLoop: false, lines: false });
    expect(verdict(p, CONV_RULE, pen(1)).notADigit).toBe(false); // one view: 0.8 is under 0.85
    expect(verdict(p, CONV_RULE, pen(1), true).notADigit).toBe(true); // averaged: over 0.75
    const q = probs(0.6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.4);
    expect([1, 2, 3].map((n) => verdict(q, CONV_RULE, pen(n), true).notADigit)).toEqual([false, false, true]);
    // The dense network's rule has no averaged threshold: its own applies either way.
    expect(DEFAULT_RULE.viewsNotDigitAbove).toBeUndefined();
    expect(verdict(probs(0.15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.85), DEFAULT_RULE, pen(1), true).notADigit).toBe(false);
  });

  it('many pen strokes lower the "not a digit" threshold; no pen evidence leaves the rule as it is', () => {
    const pen = (strokes: number, detachedDot = false) => ({ strokes, detachedDot, scattered: false, openLoop: false, lines: false });
    const p = probs(0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.25);
    expect([undefined, pen(1), pen(2), pen(3), pen(4), pen(9)].map((n) => verdict(p, CONV_RULE, n).notADigit)).toEqual([false, false, false, false, true, true]);
    expect([undefined, pen(2), pen(3), pen(4)].map((n) => verdict(p, DEFAULT_RULE, n).notADigit)).toEqual([false, false, false, true]);
    const q = probs(0.65, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.35);
    expect([pen(2), pen(3)].map((n) => verdict(q, CONV_RULE, n).notADigit)).toEqual([false, true]);
    expect(verdict(q, CONV_RULE, pen(3)).reason).toBe('looks-like-no-digit');
    // A rule without the stroke tests ignores them.
    expect(verdict(p, { notDigitAbove: 0.9, digitBelow: 0.4 }, pen(9, true)).notADigit).toBe(false);
  });

  it('a dot apart from the ink is no digit, however sure the network is', () => {
    const one = probs(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(verdict(one, CONV_RULE, { strokes: 2, detachedDot: false, scattered: false, openLoop: false, lines: false }).notADigit).toBe(false);
    expect(verdict(one, CONV_RULE, { strokes: 2, detachedDot: true, scattered: false, openLoop: false, lines: false }).reason).toBe('looks-like-no-digit');
    expect(verdict(one.subarray(0, 10), DEFAULT_RULE, { strokes: 2, detachedDot: true, scattered: false, openLoop: false, lines: false }).notADigit).toBe(true);
  });

  it('small marks only (a colon) are no digit, however sure the network is; a rule without the test ignores them', () => {
    const one = probs(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const colon = { strokes: 2, detachedDot: false, scattered: true, openLoop: false, lines: false };
    expect([CONV_RULE, DEFAULT_RULE].map((r) => verdict(one, r, colon).reason)).toEqual(['looks-like-no-digit', 'looks-like-no-digit']);
    expect(verdict(one, { notDigitAbove: 0.85, digitBelow: 0.4 }, colon).notADigit).toBe(false);
  });

  it('a 0 read in one stroke that stays open (a C) is no digit; the same stroke read as another digit is left to the network', () => {
    const open = { strokes: 1, detachedDot: false, scattered: false, openLoop: true, lines: false };
    const zero = probs(0.99, 0, 0, 0, 0, 0, 0, 0, 0.01, 0, 0), two = probs(0, 0, 0.99, 0, 0, 0, 0, 0, 0.01, 0, 0);
    expect([CONV_RULE, DEFAULT_RULE].map((r) => verdict(zero, r, open).reason)).toEqual(['looks-like-no-digit', 'looks-like-no-digit']);
    expect(verdict(zero, CONV_RULE, { ...open, openLoop: false }).notADigit).toBe(false);
    expect(verdict(two, CONV_RULE, open).notADigit).toBe(false);
    expect(verdict(zero, { notDigitAbove: 0.85, digitBelow: 0.4 }, open).notADigit).toBe(false);
  });

  it('a square, a triangle or a diamond in one stroke read as a 0 is no digit; read as a 4 it is left to the network', () => {
    const P = (x: number, y: number) => ({ x, y });
    /** Straight sides through the corners, 10 pointer moves each. */
    const outline = (...c: [number, number][]) => [c.slice(1).flatMap(([x, y], k) => Array.from({ length: 10 }, (_, i) => P(c[k][0] + ((x - c[k][0]) * (i + 1)) / 10, c[k][1] + ((y - c[k][1]) * (i + 1)) / 10)))];
    const square = outline([0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]);
    const shapes = [square, outline([0.5, 0.15], [0.85, 0.8], [0.15, 0.8], [0.5, 0.15]), outline([0.5, 0.1], [0.85, 0.5], [0.5, 0.9], [0.15, 0.5], [0.5, 0.1])];
    const round = [Array.from({ length: 41 }, (_, i) => P(0.5 + 0.3 * Math.sin((2 * Math.PI * i) / 40), 0.5 - 0.35 * Math.cos((2 * Math.PI * i) / 40)))];
    // Read as a 0 and not very likely "not a digit" (the QA's square: 0 at 66 %).
    const zero = probs(0.66, 0, 0, 0.1, 0, 0.12, 0, 0, 0.02, 0, 0.1), four = probs(0.02, 0, 0, 0, 0.76, 0, 0, 0.02, 0, 0, 0.2);
    for (const rule of [CONV_RULE, DEFAULT_RULE]) {
      for (const s of shapes) expect(verdict(zero, rule, penOf(s)).reason).toBe('looks-like-no-digit');
      expect(verdict(zero, rule, penOf(round)).notADigit).toBe(false);
      expect(verdict(four, rule, penOf(shapes[1])).notADigit).toBe(false);
      // While the pen is down the stroke is not judged; a person who writes their 0 square is not flagged.
      expect(verdict(zero, rule, penOf(square, false)).notADigit).toBe(false);
      expect(verdict(zero, rule, penOf(square), false, penHabits([{ label: 0, strokes: square }])).notADigit).toBe(false);
    }
    expect(verdict(zero, { notDigitAbove: 0.85, digitBelow: 0.4 }, penOf(square)).notADigit).toBe(false);
  });

  it('a drawing of one stroke that never comes back to itself is no 6 or 8: the other digits share their part', () => {
    // A "(" the network reads as 8, then 1: the pen says it cannot be an 8.
    const paren = probs(0, 0.3, 0.05, 0, 0, 0, 0.05, 0, 0.55, 0.05, 0);
    const open = { strokes: 1, detachedDot: false, scattered: false, openLoop: true, loopGap: 0.6, lines: false };
    for (const rule of [CONV_RULE, DEFAULT_RULE]) {
      const v = verdict(paren, rule, open);
      expect(v.top).toBe(1);
      expect(v.digitProbabilities[8]).toBe(0);
      expect(v.digitProbabilities[6]).toBe(0);
      expect(v.digitProbabilities[1]).toBeCloseTo(0.3 / 0.4, 6);
      expect(v.notADigit).toBe(false);
    }
    // Closed loops, an unknown gap, two strokes or a rule without the test: the network's answer stands.
    for (const pen of [{ ...open, loopGap: 0.01 }, { ...open, loopGap: null }, { ...open, loopGap: undefined }, { ...open, strokes: 2, loopGap: null }]) {
      expect(verdict(paren, CONV_RULE, pen).top).toBe(8);
    }
    expect(verdict(paren, { notDigitAbove: 0.85, digitBelow: 0.4 }, open).top).toBe(8);
    // A 6 whose loop nearly closes is still a 6; one whose loop gapes is not.
    const six = probs(0.02, 0, 0, 0, 0, 0.1, 0.88, 0, 0, 0, 0);
    expect(verdict(six, CONV_RULE, { ...open, loopGap: 0.2 }).top).toBe(6);
    expect(verdict(six, CONV_RULE, { ...open, loopGap: 0.4 }).top).toBe(5);
    // Nothing left standing: no clear digit, the ruled-out bars still at 0.
    const none = verdict(probs(0, 0, 0, 0, 0, 0, 0.5, 0, 0.5, 0), CONV_RULE, { ...open, openLoop: false });
    expect(none.reason).toBe('no-clear-digit');
    expect(Array.from(none.digitProbabilities)).toEqual([1, 1, 1, 1, 1, 1, 0, 1, 0, 1].map((v) => v / 8));
  });

  it('a pen test yields for a digit the person has written that way, and for that digit only', () => {
    const zero = probs(0.99, 0, 0, 0, 0, 0, 0, 0, 0.01, 0, 0), one = probs(0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    const seven = probs(0, 0, 0, 0, 0, 0, 0, 0.75, 0, 0, 0.25);
    const open = { strokes: 1, detachedDot: false, scattered: false, openLoop: true, lines: false };
    const dotted = { strokes: 2, detachedDot: true, scattered: false, openLoop: false, lines: false };
    const marks = { strokes: 2, detachedDot: false, scattered: true, openLoop: false, lines: false };
    const four = { strokes: 4, detachedDot: false, scattered: false, openLoop: false, lines: false };
    const bars = { strokes: 2, detachedDot: false, scattered: false, openLoop: false, lines: true };
    const none = noHabits();
    expect([verdict(zero, CONV_RULE, open, false, none), verdict(one, CONV_RULE, dotted, false, none), verdict(one, CONV_RULE, marks, false, none), verdict(seven, CONV_RULE, four, false, none), verdict(one, CONV_RULE, bars, false, none)].map((v) => v.notADigit)).toEqual([true, true, true, true, true]);
    // A + or an = is no digit under either rule, however sure the network; a rule without the test keeps the answer.
    expect(verdict(probs(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0), DEFAULT_RULE, bars)).toMatchObject({ notADigit: true, reason: 'looks-like-no-digit', top: 4 });
    expect(verdict(probs(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0), { notDigitAbove: 0.85, digitBelow: 0.4 }, bars).notADigit).toBe(false);
    const mine = noHabits();
    mine.openLoop[0] = true; // their zeros stay open
    mine.detachedDot[1] = true; // a 1 with a dot apart (a serif)
    mine.scattered[1] = true;
    mine.strokes[7] = 4; // a 7 in four strokes
    mine.lines[1] = true; // a 1 of two side-by-side strokes
    expect([verdict(zero, CONV_RULE, open, false, mine), verdict(one, CONV_RULE, dotted, false, mine), verdict(one, CONV_RULE, marks, false, mine), verdict(seven, CONV_RULE, four, false, mine), verdict(one, CONV_RULE, bars, false, mine)].map((v) => v.notADigit)).toEqual([false, false, false, false, false]);
    expect(verdict(probs(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0), CONV_RULE, bars, false, mine).notADigit).toBe(true); // a + read as 4 still is not
    // Their 6s leave the loop open: a gaping one-stroke 6 is a 6 for them; an 8 like it still is not.
    const six = probs(0, 0, 0, 0, 0, 0.1, 0.5, 0, 0.4, 0, 0), gaping = { strokes: 1, detachedDot: false, scattered: false, openLoop: true, loopGap: 0.45, lines: false };
    expect(verdict(six, CONV_RULE, gaping, false, none).top).toBe(5);
    mine.loopGap[6] = 0.5;
    expect(verdict(six, CONV_RULE, gaping, false, mine).top).toBe(6);
    expect(verdict(six, CONV_RULE, { ...gaping, loopGap: 0.9 }, false, mine).top).toBe(5); // far more open than theirs
    expect(verdict(probs(0, 0, 0, 0, 0, 0.1, 0, 0, 0.9, 0, 0), CONV_RULE, gaping, false, mine).top).toBe(5);
    // Only for the digits they wrote so: a dotted drawing read as 7, five strokes read as 7, a 1 of four strokes.
    const sevenSure = probs(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0);
    expect(verdict(sevenSure, CONV_RULE, dotted, false, mine).notADigit).toBe(true);
    expect(verdict(seven, CONV_RULE, { ...four, strokes: 5 }, false, mine).notADigit).toBe(true);
    expect(verdict(probs(0, 0.75, 0, 0, 0, 0, 0, 0, 0, 0, 0.25), CONV_RULE, four, false, mine).notADigit).toBe(true);
    // The network's own "not a digit" output is never overruled.
    expect(verdict(probs(0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.95), CONV_RULE, open, false, mine).notADigit).toBe(true);
  });

  it('a drawing read as 4 or 7 that stands on two legs or a bar (an H, an A) is no digit once finished; a 4 on its stem is', () => {
    // Painted from pen strokes as the pad's drawings are.
    const line = (x0: number, y0: number, x1: number, y1: number) => Array.from({ length: 8 }, (_, i) => ({ x: x0 + ((x1 - x0) * i) / 7, y: y0 + ((y1 - y0) * i) / 7 }));
    const h = padInput([line(0.3, 0.2, 0.3, 0.8), line(0.7, 0.2, 0.7, 0.8), line(0.3, 0.5, 0.7, 0.5)])!;
    const four = padInput([line(0.35, 0.2, 0.3, 0.6).concat(line(0.3, 0.6, 0.75, 0.6)), line(0.62, 0.25, 0.62, 0.85)])!;
    const as = (d: number) => probs(...Array.from({ length: 10 }, (_, k) => (k === d ? 0.95 : 0.05 / 9)), 0);
    for (const rule of [CONV_RULE, DEFAULT_RULE]) {
      expect(verdict(as(4), rule, undefined, false, null, h)).toMatchObject({ notADigit: true, reason: 'looks-like-no-digit', top: 4 });
      expect(verdict(as(7), rule, undefined, false, null, h).notADigit).toBe(true);
      expect(verdict(as(4), rule, undefined, false, null, four).notADigit).toBe(false);
      // Read as another digit, or still being drawn (no input given), it is left to the network.
      expect(verdict(as(1), rule, undefined, false, null, h).notADigit).toBe(false);
      expect(verdict(as(4), rule).notADigit).toBe(false);
    }
    // A person whose 4s stand on a foot (a corrected one) keeps them; their 7s do not yield.
    const mine = noHabits();
    mine.wideFoot[4] = true;
    expect(verdict(as(4), CONV_RULE, undefined, false, mine, h).notADigit).toBe(false);
    expect(verdict(as(7), CONV_RULE, undefined, false, mine, h).notADigit).toBe(true);
    expect(verdict(as(4), { notDigitAbove: 0.85, digitBelow: 0.4 }, undefined, false, null, h).notADigit).toBe(false);
  });

  it('a digit the strokes rule out (parts.ts) is out once the pen is up: the next digit, or no digit if the network finds that likelier', () => {
    const path = (...c: [number, number][]) => c.slice(1).flatMap(([x1, y1], k) => Array.from({ length: 20 }, (_, i) => ({ x: c[k][0] + ((x1 - c[k][0]) * (i + 1)) / 20, y: c[k][1] + ((y1 - c[k][1]) * (i + 1)) / 20 })));
    const v = [path([0.3, 0.15], [0.5, 0.85], [0.7, 0.15])];
    const four = [path([0.4, 0.15], [0.3, 0.6], [0.75, 0.6]), path([0.62, 0.2], [0.62, 0.9])];
    // Read as a 4, with "not a digit" second (a V as the network sees it)…
    const vLike = probs(0.01, 0.02, 0.01, 0, 0.6, 0, 0, 0.01, 0, 0, 0.35);
    // …and as a 4 with a 1 second (a 1 the network misread).
    const oneLike = probs(0, 0.35, 0.02, 0, 0.6, 0, 0, 0.02, 0, 0, 0.01);
    for (const rule of [CONV_RULE, DEFAULT_RULE]) {
      expect(verdict(vLike, rule, penOf(v))).toMatchObject({ notADigit: true, reason: 'looks-like-no-digit' });
      expect(verdict(vLike, rule, penOf(four))).toMatchObject({ notADigit: false, top: 4 });
      const one = verdict(oneLike, rule, penOf(v));
      expect(one).toMatchObject({ notADigit: false, top: 1 });
      expect(one.digitProbabilities[4]).toBe(0);
      expect(one.topProbability).toBeCloseTo(0.35 / 0.39, 5); // the 7 (a runner-up) keeps its bar
      // Still being drawn: left to the network.
      expect(verdict(vLike, rule, penOf(v, false))).toMatchObject({ notADigit: false, top: 4 });
    }
    expect(verdict(vLike, { notDigitAbove: 0.85, digitBelow: 0.4 }, penOf(v))).toMatchObject({ notADigit: false, top: 4 });
    // A V is no 7 either (no top): read as 4 with 7 second, both go; "not a digit" outweighs the rest.
    const vTwice = verdict(probs(0.01, 0.03, 0.01, 0, 0.5, 0, 0, 0.2, 0, 0, 0.25), CONV_RULE, penOf(v));
    expect(vTwice).toMatchObject({ notADigit: true, reason: 'looks-like-no-digit', top: 1 });
    expect([vTwice.digitProbabilities[4], vTwice.digitProbabilities[7]]).toEqual([0, 0]);
    // Without "not a digit" clearly ahead of the rest (RULED_OUT_MARGIN), the next digit the strokes allow answers.
    expect(verdict(probs(0.01, 0.2, 0.01, 0, 0.5, 0, 0, 0.2, 0, 0, 0.08), CONV_RULE, penOf(v))).toMatchObject({ notADigit: false, top: 1 });
    expect(verdict(probs(0, 0.14, 0, 0, 0.6, 0, 0, 0.01, 0, 0, 0.25), CONV_RULE, penOf(v))).toMatchObject({ notADigit: false, top: 1 }); // 0.25 < 2 × 0.14
    expect(verdict(probs(0, 0.1, 0, 0, 0.6, 0, 0, 0.01, 0, 0, 0.29), CONV_RULE, penOf(v))).toMatchObject({ notADigit: true, reason: 'looks-like-no-digit' }); // 0.29 > 2 × 0.10
    // Read again by a newer model, the answer before leans: "Not sure" stays at 0.25 against 0.14
    // (over 1 ×), a digit stays at 0.29 against 0.10 (under 4 ×).
    expect(verdict(probs(0, 0.14, 0, 0, 0.6, 0, 0, 0.01, 0, 0, 0.25), steadied(CONV_RULE, true), penOf(v)).notADigit).toBe(true);
    expect(verdict(probs(0, 0.1, 0, 0, 0.6, 0, 0, 0.01, 0, 0, 0.29), steadied(CONV_RULE, false), penOf(v)).notADigit).toBe(false);
    expect(verdict(probs(0, 0.05, 0, 0, 0.5, 0, 0, 0.01, 0, 0, 0.44), steadied(CONV_RULE, false), penOf(v)).notADigit).toBe(true); // 0.44 > 4 × 0.05
    // Someone whose 4s are open at the top like a V keeps them, once one is among their digits.
    expect(verdict(vLike, CONV_RULE, penOf(v), false, penHabits([{ label: 4, strokes: v }]))).toMatchObject({ notADigit: false, top: 4 });
    expect(verdict(vLike, CONV_RULE, penOf(v), false, penHabits([{ label: 4, strokes: four }])).notADigit).toBe(true);
  });

  it('rejects other lengths', () => {
    expect(() => verdict(probs(1, 0))).toThrow(/10 or 11/);
  });
});

describe('digitsCorrect', () => {
  it('ignores the "not a digit" output when scoring digits', () => {
    // Two rows of 11 logits: the first's largest logit is output 10, its largest digit is 3.
    const logits = new Float32Array(22);
    logits[3] = 2;
    logits[10] = 5;
    logits[11 + 7] = 1;
    expect(digitsCorrect(logits, Uint8Array.from([3, 7]), 2, 11)).toBe(2);
    expect(digitsCorrect(logits, Uint8Array.from([10, 7]), 2, 11)).toBe(1);
  });
});
