// Numbers composed from real pen digits (../shared/data/unipen-dev.json beside the repository):
// segmentation must find each digit's strokes exactly. Figures at the time of writing (seeded):
// 100 % for gaps of 0.2–0.7 digit widths in any stroke order, on both halves of the writers;
// 92–94 % when neighbouring digits' boxes overlap by up to a tenth of a width.
import { describe, expect, it } from 'vitest';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { composeNumbers, splitWriters, type ComposeOptions } from './compose.ts';
import { boxOf } from './geometry.ts';
import { padExtent, toSideUnits } from './pad.ts';
import { segmentedRight } from './score.ts';
import { segment } from './segment.ts';
import { partsOf, partsSayNo } from '../notdigit/parts.ts';
import { Rng } from '../nn/rng.ts';

const samples = readUnipen();

function accuracy(o: ComposeOptions): number {
  const numbers = composeNumbers(samples!, o);
  return numbers.filter((n) => segmentedRight(segment(toSideUnits(n.strokes, n.pad)), n)).length / numbers.length;
}

describe.skipIf(samples === null)('segmenting numbers written with real pen digits', () => {
  it('composes numbers of 2–6 digits by one writer, gaps at least a fifth of a digit width', () => {
    const numbers = composeNumbers(samples!, { seed: 3, count: 200 });
    for (const n of numbers) {
      expect(n.text.length).toBeGreaterThanOrEqual(2);
      expect(n.text.length).toBeLessThanOrEqual(6);
      expect(new Set(n.samples.map((i) => samples![i].writer)).size).toBe(1);
      expect(n.samples.map((i) => samples![i].label).join('')).toBe(n.text);
      const side = toSideUnits(n.strokes, n.pad);
      const boxes = [...n.text].map((_, k) => boxOf(side.filter((_, s) => n.digitOf[s] === k).flat()));
      for (let k = 1; k < boxes.length; k++) {
        const gap = boxes[k].x0 - boxes[k - 1].x1;
        const meanWidth = (boxes[k].x1 - boxes[k].x0 + boxes[k - 1].x1 - boxes[k - 1].x0) / 2;
        expect(gap / meanWidth).toBeGreaterThan(0.2 - 1e-9);
      }
      expect(padExtent(n.pad).h).toBe(1);
    }
    // The smallest gaps do occur.
    expect(composeNumbers(samples!, { seed: 3, count: 200, gap: [0.2, 0.2] }).length).toBe(200);
  });

  it('keeps each of the 653 digits whole when written alone', () => {
    let whole = 0;
    for (const s of samples!) {
      const seg = segment(s.strokes.map((st) => st.map(([x, y]) => ({ x: x / 280, y: y / 280 }))));
      if (seg.digits.length === 1 && seg.separators.length === 0 && seg.digits[0].pieces.length === s.strokes.length) whole++;
    }
    expect(whole).toBeGreaterThanOrEqual(650); // 653 at the time of writing
  });

  it('segments ≥ 98 % of numbers right, on each half of the writers', () => {
    for (const [half, writers] of splitWriters(samples!, 7).entries()) {
      expect(accuracy({ seed: 100 + half, count: 400, writers }), `half ${half}`).toBeGreaterThanOrEqual(0.98);
    }
  });

  it('does not care when a digit is finished: second strokes after later digits, or any order', () => {
    expect(accuracy({ seed: 21, count: 400, order: 'late' })).toBeGreaterThanOrEqual(0.98);
    expect(accuracy({ seed: 22, count: 400, order: 'shuffled' })).toBeGreaterThanOrEqual(0.98);
  });

  it('mostly copes when digits crowd each other (boxes overlapping up to a tenth of a width)', () => {
    expect(accuracy({ seed: 23, count: 400, gap: [-0.1, 0.1] })).toBeGreaterThanOrEqual(0.88);
  });

  it('takes a minus sign before numbers, also when the first digit has a mark of its own out front, and never makes one up', () => {
    const rng = new Rng(5);
    const numbers = composeNumbers(samples!, { seed: 9, count: 300 });
    const taken = numbers.filter((n) => {
      const side = toSideUnits(n.strokes, n.pad);
      const first = boxOf(side.filter((_, s) => n.digitOf[s] === 0).flat());
      const all = boxOf(side.flat()), h = all.y1 - all.y0;
      // A dash 0.25–0.5 h long, a space of 0.15–0.35 h before the first digit, around its middle, a little tilted.
      const len = (0.25 + 0.25 * rng.next()) * h, x1 = first.x0 - (0.15 + 0.2 * rng.next()) * h;
      const cy = (first.y0 + first.y1) / 2 + (rng.next() - 0.5) * 0.24 * h, tilt = (rng.next() - 0.5) * 0.1 * h;
      const dash = Array.from({ length: 8 }, (_, k) => ({ x: x1 - len + (k / 7) * len, y: cy - tilt / 2 + (k / 7) * tilt }));
      const seg = segment(rng.next() < 0.5 ? [dash, ...side] : [...side, dash]);
      return seg.minus !== null && seg.digits.length === n.text.length;
    });
    expect(taken.length / numbers.length).toBeGreaterThanOrEqual(0.97);
    const without = composeNumbers(samples!, { seed: 10, count: 300, gap: [-0.1, 0.3] });
    expect(without.filter((n) => segment(toSideUnits(n.strokes, n.pad)).minus !== null)).toEqual([]);
  });

  it('rules out no digit of a number, segmented right, as what it is by the parts its pieces hold (notdigit/parts.ts), even crowded', () => {
    const against: string[] = [];
    for (const o of [{ seed: 1, count: 300 }, { seed: 5, count: 300, gap: [-0.1, 0.1] as [number, number] }]) {
      for (const n of composeNumbers(samples!, o)) {
        const side = toSideUnits(n.strokes, n.pad);
        const seg = segment(side);
        if (!segmentedRight(seg, n)) continue; // a digit given its neighbour's stroke is another drawing
        seg.digits.forEach((g, k) => {
          // As read.ts judges it: a digit's inside only when it is one whole stroke.
          const whole = g.pieces.length === 1 && g.pieces[0].from === 0 && g.pieces[0].to === side[g.pieces[0].stroke].length;
          if (partsSayNo(partsOf(g.pieces.map((p) => p.points), whole), Number(n.text[k]))) against.push(`${n.text}[${k}]`);
        });
      }
    }
    expect(against).toEqual([]);
  });
});

