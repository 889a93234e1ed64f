import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../worker/api.ts';
import { appendHistory, chartAfter } from './history.ts';

const point = (samples: number, loss: number, testAccuracy: number | null = null): HistoryPoint => ({
  samples,
  loss,
  testAccuracy,
});

describe('appendHistory', () => {
  it('appends without touching the inputs while under the cap', () => {
    const old = [point(1, 2)];
    const added = [point(2, 1)];
    expect(appendHistory(old, added, 10)).toEqual([point(1, 2), point(2, 1)]);
    expect(old).toHaveLength(1);
  });

  it('merges neighbouring pairs when over the cap, averaging the loss', () => {
    const pts = [point(1, 4), point(2, 2), point(3, 1), point(4, 3)];
    expect(appendHistory(pts, [point(5, 0)], 4)).toEqual([point(2, 3), point(4, 2), point(5, 0)]);
  });

  it('keeps sparse test evaluations through repeated thinning', () => {
    // An evaluation every 4th point, at odd indices: plain decimation would drop them all.
    let h: HistoryPoint[] = [];
    for (let i = 0; i < 100; i++) h = appendHistory(h, [point(i, 1, i % 4 === 3 ? i / 100 : null)], 20);
    expect(h.length).toBeLessThanOrEqual(20);
    const evaluated = h.filter((p) => p.testAccuracy !== null);
    expect(evaluated.length).toBeGreaterThanOrEqual(h.length / 2 - 1);
    expect(h[h.length - 1].samples).toBe(99);
  });
});

describe('chartAfter', () => {
  const evaluation = (samples: number) => ({ samples, confusion: [[1]], misreads: [] });
  it('adds a run\'s new points and keeps its last test pass until a new one comes', () => {
    const chart = { history: [point(1, 2, 0.9)], evaluation: evaluation(1) };
    expect(chartAfter(chart, { history: [] })).toEqual(chart);
    expect(chartAfter(chart, { history: [point(2, 1, 0.95)], evaluation: evaluation(2) })).toEqual({ history: [point(1, 2, 0.9), point(2, 1, 0.95)], evaluation: evaluation(2) });
  });

  it('starts over from a whole record: a saved model\'s, or none (no other model\'s curve or matrix left under its name)', () => {
    const chart = { history: [point(1, 2, 0.9)], evaluation: evaluation(1) };
    expect(chartAfter(chart, { history: [point(5, 1, 0.97)], evaluation: evaluation(5), whole: true })).toEqual({ history: [point(5, 1, 0.97)], evaluation: evaluation(5) });
    expect(chartAfter(chart, { history: [], whole: true })).toEqual({ history: [], evaluation: null });
  });
});
