import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readUnipen } from '../../scripts/unipen-node.ts';
import { Rng } from '../nn/rng.ts';
import { generateDigit } from './generate.ts';
import { isPolygon, simplify } from './polygon.ts';
import { penOf, type Point } from './pen.ts';

const P = (x: number, y: number) => ({ x, y });
const size = (s: readonly Point[]) =>
  Math.max(Math.max(...s.map((p) => p.x)) - Math.min(...s.map((p) => p.x)), Math.max(...s.map((p) => p.y)) - Math.min(...s.map((p) => p.y)));
const polygon = (s: readonly Point[]) => isPolygon(s, size(s));
/** Corners joined by straight sides, 12 pointer moves each, with pointer-like jitter of ±j. */
const outline = (corners: [number, number][], j = 0.01, seed = 1) => {
  const rng = new Rng(seed);
  const out: Point[] = [];
  for (let k = 1; k < corners.length; k++)
    for (let i = k === 1 ? 0 : 1; i <= 12; i++) {
      const [x0, y0] = corners[k - 1], [x1, y1] = corners[k];
      out.push(P(x0 + ((x1 - x0) * i) / 12 + j * (rng.next() - 0.5), y0 + ((y1 - y0) * i) / 12 + j * (rng.next() - 0.5)));
    }
  return out;
};
/** An ellipse in one stroke from angle a0 round by `turn` (radians, y down). */
const ellipse = (rx: number, ry: number, a0 = -Math.PI / 2, turn = 2 * Math.PI, n = 60) =>
  Array.from({ length: n + 1 }, (_, i) => P(0.5 + rx * Math.cos(a0 + (turn * i) / n), 0.5 + ry * Math.sin(a0 + (turn * i) / n)));

describe('isPolygon', () => {
  it('a square, a rectangle, a triangle, a diamond, a pentagon and a star, each in one stroke back to its start', () => {
    expect(polygon(outline([[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8], [0.2, 0.2]]))).toBe(true);
    // Begun mid-side, the other way round, and ended a little short of the start.
    expect(polygon(outline([[0.5, 0.2], [0.2, 0.2], [0.2, 0.8], [0.8, 0.8], [0.8, 0.2], [0.58, 0.22]], 0.02, 2))).toBe(true);
    expect(polygon(outline([[0.35, 0.1], [0.65, 0.1], [0.65, 0.9], [0.35, 0.9], [0.35, 0.1]]))).toBe(true);
    expect(polygon(outline([[0.5, 0.15], [0.85, 0.8], [0.15, 0.8], [0.5, 0.15]]))).toBe(true);
    expect(polygon(outline([[0.5, 0.1], [0.85, 0.5], [0.5, 0.9], [0.15, 0.5], [0.5, 0.1]]))).toBe(true);
    expect(polygon(outline([[0.5, 0.1], [0.85, 0.38], [0.72, 0.85], [0.28, 0.85], [0.15, 0.38], [0.5, 0.1]]))).toBe(true);
    expect(polygon(outline([[0.5, 0.1], [0.72, 0.85], [0.12, 0.38], [0.88, 0.38], [0.28, 0.85], [0.5, 0.1]]))).toBe(true);
  });

  it('no round 0 (wide, narrow, a teardrop, gone round past its start), no open shape, no dot', () => {
    expect(polygon(ellipse(0.35, 0.4))).toBe(false);
    expect(polygon(ellipse(0.15, 0.4))).toBe(false);
    expect(polygon(ellipse(0.3, 0.4, -Math.PI / 2, 2.2 * Math.PI))).toBe(false);
    // A teardrop: two straight lines from a point at the top into a round bottom.
    const tear = [...outline([[0.5, 0.1], [0.25, 0.55]], 0), ...ellipse(0.25, 0.3, Math.PI, -Math.PI).map((p) => P(p.x, p.y + 0.1)).slice(1), ...outline([[0.75, 0.6], [0.5, 0.1]], 0).slice(1)];
    expect(polygon(tear)).toBe(false);
    expect(polygon(outline([[0.8, 0.2], [0.2, 0.2], [0.2, 0.8], [0.8, 0.8]]))).toBe(false); // three sides, open: a ⊏
    expect(polygon([P(0.5, 0.5)])).toBe(false);
    expect(polygon([P(0.5, 0.5), P(0.5, 0.5)])).toBe(false);
  });

  it('simplify keeps a square\'s corners and drops its sides\' points', () => {
    const s = outline([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], 0);
    expect(simplify(s, 0.02).map((i) => s[i])).toEqual([P(0, 0), P(1, 0), P(1, 1), P(0, 1), P(0, 0)]);
  });

  it('a house, an envelope or a boxed cross: an outline of the whole drawing with lines besides (pen.ts OUTLINE)', () => {
    const house = outline([[0.3, 0.8], [0.3, 0.45], [0.5, 0.22], [0.7, 0.45], [0.7, 0.8], [0.3, 0.8]]);
    expect(penOf([house, outline([[0.3, 0.45], [0.7, 0.45]])]).polygon).toBe(true);
    const box = outline([[0.2, 0.3], [0.8, 0.3], [0.8, 0.7], [0.2, 0.7], [0.2, 0.3]]);
    expect(penOf([box, outline([[0.2, 0.3], [0.5, 0.5], [0.8, 0.3]])]).polygon).toBe(true);
    expect(penOf([box, outline([[0.2, 0.3], [0.8, 0.7]]), outline([[0.8, 0.3], [0.2, 0.7]])]).polygon).toBe(true);
    // A closed part of a digit is smaller than the digit: a 9's head drawn square, its stem apart.
    expect(penOf([outline([[0.35, 0.15], [0.65, 0.15], [0.65, 0.45], [0.35, 0.45], [0.35, 0.15]]), outline([[0.65, 0.2], [0.6, 0.85]])]).polygon).toBe(false);
    expect(penOf([house, outline([[0.3, 0.45], [0.7, 0.45]])], false).polygon).toBe(false); // judged once the pen is up
  });

  it('among generated digits only 4s, which may close their top in one stroke', () => {
    const rng = new Rng(11);
    const found: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const d = generateDigit(rng, i % 10);
      if (penOf(d.strokes).polygon) found.push(i % 10);
    }
    expect(found.filter((d) => d !== 4)).toEqual([]);
  });
});

const unipen = readUnipen();
describe.skipIf(unipen === null)('isPolygon on real pen digits', () => {
  it('no UNIPEN dev digit is one', () => {
    const found = unipen!.filter((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).polygon);
    expect(found.map((s) => s.label)).toEqual([]);
  });
});

describe('isPolygon on two other writers\' drawings (e2e/fixtures)', () => {
  it('finds their squares, triangles and stars, and none of their digits', () => {
    for (const w of ['other-writer', 'third-writer']) {
      const { samples } = JSON.parse(readFileSync(new URL(`../../e2e/fixtures/${w}.json`, import.meta.url), 'utf8')) as {
        samples: { group: string; label: string | null; name: string; strokes: [number, number][][] }[];
      };
      const found = samples.filter((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => P(x, y)))).polygon).map((s) => `${s.group} ${s.label ?? s.name}`);
      expect(found.sort()).toEqual(['symbol square', 'symbol star', 'symbol triangle']);
    }
  });
});
