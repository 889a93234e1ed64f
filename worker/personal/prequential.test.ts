// Accuracy on your digits counts each digit as the model read it before learning it.
import { describe, expect, it } from 'vitest';
import { prequential } from './prequential.ts';

const d = (label: number, predicted: number | null) => ({ label, verdict: predicted === null ? null : { predicted, probability: 0.9 } });

describe('prequential accuracy', () => {
  it('is empty before any digit', () => {
    expect(prequential([])).toEqual({
      scored: 0, accuracy: null, correct: 0, recent: { scored: 0, accuracy: null }, earlier: { scored: 0, accuracy: null }, trend: null, curve: [],
    });
  });

  it('counts verdicts, not labels after learning; digits added without a model are not scored', () => {
    const p = prequential([d(7, 1), d(7, 7), d(3, null), d(0, 8), d(4, 4)]);
    expect(p).toMatchObject({ scored: 4, correct: 2, accuracy: 0.5 });
    // Fewer than the window: everything is recent, nothing to compare with.
    expect(p.recent).toEqual({ scored: 4, accuracy: 0.5 });
    expect(p.earlier).toEqual({ scored: 0, accuracy: null });
    expect(p.trend).toBeNull();
    expect(p.curve).toEqual([0, 0.5, 1 / 3, 0.5]);
  });

  it('a digit the bars showed as "Not sure" was not read right, whatever digit was on top', () => {
    const unsure = (label: number, predicted: number) => ({ label, verdict: { predicted, probability: 0.3, notSure: true as const } });
    expect(prequential([unsure(4, 4), d(4, 4), unsure(1, 7)])).toMatchObject({ scored: 3, correct: 1 });
  });

  it('the trend compares the last 20 with the digits before them', () => {
    // 10 wrong, then 10 right, then 20 of which 18 right: a model that learnt this writer.
    const digits = [
      ...Array.from({ length: 10 }, () => d(7, 1)),
      ...Array.from({ length: 10 }, () => d(7, 7)),
      ...Array.from({ length: 20 }, (_, i) => d(7, i < 2 ? 1 : 7)),
    ];
    const p = prequential(digits);
    expect(p).toMatchObject({ scored: 40, correct: 28, accuracy: 0.7 });
    expect(p.recent).toEqual({ scored: 20, accuracy: 0.9 });
    expect(p.earlier).toEqual({ scored: 20, accuracy: 0.5 });
    expect(p.trend).toBeCloseTo(0.4, 12);
    // The curve is the accuracy of the last 20 at each digit.
    expect(p.curve).toHaveLength(40);
    expect(p.curve[9]).toBe(0);
    expect(p.curve[19]).toBe(0.5);
    expect(p.curve[39]).toBe(0.9);
    expect(prequential(digits, 10).recent).toEqual({ scored: 10, accuracy: 1 });
  });

  it('thins the curve to 100 points for a long history, ending on the latest', () => {
    const p = prequential(Array.from({ length: 1000 }, (_, i) => d(1, i < 500 ? 2 : 1)));
    expect(p.curve).toHaveLength(100);
    expect(p.curve[0]).toBe(0);
    expect(p.curve.at(-1)).toBe(1);
    expect(p.curve.every((v) => v >= 0 && v <= 1)).toBe(true);
  });
});
