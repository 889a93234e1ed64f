import { describe, expect, it } from 'vitest';
import { Rng } from '../nn/rng.ts';
import { parse } from './glyph.ts';
import { generateDigit, generateNonDigit, MIX, type Drawing, type Split } from './generate.ts';
import { AMBIGUOUS_LETTERS, HELD_OUT_LETTERS, TRAIN_LETTERS } from './letters.ts';
import { padInput } from './render.ts';
import { DIGIT_VARIANTS, DIGITS, HELD_OUT_SHAPES, HELD_OUT_SYMBOLS, TRAIN_SHAPES, TRAIN_SYMBOLS } from './symbols.ts';

const many = (seed: number, n: number, split: Split = 'train'): Drawing[] => {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => generateNonDigit(rng, split));
};

describe('templates', () => {
  it('all parse to finite points in about a unit box', () => {
    const all = [TRAIN_LETTERS, HELD_OUT_LETTERS, AMBIGUOUS_LETTERS, TRAIN_SYMBOLS, TRAIN_SHAPES, HELD_OUT_SYMBOLS, HELD_OUT_SHAPES]
      .flatMap((t) => Object.values(t))
      .concat(DIGITS, Object.values(DIGIT_VARIANTS).flat());
    for (const t of all) {
      for (const p of parse(t).flat()) {
        expect(p.x).toBeGreaterThanOrEqual(-0.2);
        expect(p.x).toBeLessThanOrEqual(1.2);
        expect(p.y).toBeGreaterThanOrEqual(-0.2);
        expect(p.y).toBeLessThanOrEqual(1.35);
      }
    }
    expect(() => parse('1,2 x,3')).toThrow(/bad glyph stroke/);
  });

  it('held-out and ambiguous templates are never training templates', () => {
    const train = new Set([...Object.values(TRAIN_LETTERS), ...Object.values(TRAIN_SYMBOLS), ...Object.values(TRAIN_SHAPES)]);
    for (const t of [HELD_OUT_LETTERS, HELD_OUT_SYMBOLS, HELD_OUT_SHAPES, AMBIGUOUS_LETTERS]) {
      for (const v of Object.values(t)) expect(train.has(v)).toBe(false);
    }
    for (const c of Object.keys(AMBIGUOUS_LETTERS)) expect(Object.keys(TRAIN_LETTERS)).not.toContain(c);
  });
});

describe('generateNonDigit', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(JSON.stringify(many(7, 40))).toBe(JSON.stringify(many(7, 40)));
    expect(JSON.stringify(many(7, 40))).not.toBe(JSON.stringify(many(8, 40)));
  });

  it('draws every kind, many shapes, all with ink on the pad', () => {
    const drawings = many(1, 600);
    const kinds = new Map<string, number>();
    for (const d of drawings) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    for (const [k, share] of MIX) expect(kinds.get(k) ?? 0, k).toBeGreaterThan(share * 600 * 0.5);
    expect(new Set(drawings.map((d) => d.name)).size).toBeGreaterThan(80);
    for (const d of drawings) {
      expect(d.strokes.length).toBeGreaterThan(0);
      const pts = d.strokes.flat();
      expect(pts.length).toBeGreaterThan(0);
      const xs = pts.map((p) => p.x), ys = pts.map((p) => p.y);
      expect(Math.min(...xs, ...ys)).toBeGreaterThan(-0.02);
      expect(Math.max(...xs, ...ys)).toBeLessThan(1.02);
      expect(d.lineWidth).toBeGreaterThan(0.05);
      expect(d.lineWidth).toBeLessThan(0.14);
    }
  });

  it('paints to varied 28×28 inputs like a canvas drawing', () => {
    const inputs = many(2, 120).map((d) => padInput(d.strokes, 56, d.lineWidth));
    for (const x of inputs) {
      expect(x).not.toBeNull();
      const ink = x!.reduce((a, b) => a + b, 0);
      expect(ink).toBeGreaterThan(2);
      expect(ink).toBeLessThan(400);
    }
    // No two alike: the smallest distance between pairs is well above zero.
    let closest = Infinity;
    for (let i = 0; i < inputs.length; i++) for (let j = i + 1; j < inputs.length; j++) {
      let d = 0;
      for (let k = 0; k < 784; k++) d += (inputs[i]![k] - inputs[j]![k]) ** 2;
      closest = Math.min(closest, d);
    }
    expect(closest).toBeGreaterThan(1);
  });

  it('held-out drawings use only held-out templates; ambiguous only ambiguous letters', () => {
    const heldOutNames = new Set([...Object.keys(HELD_OUT_LETTERS), ...Object.keys(HELD_OUT_SYMBOLS), ...Object.keys(HELD_OUT_SHAPES)]);
    for (const d of many(3, 300, 'test')) {
      if (d.kind === 'letter' || d.kind === 'symbol' || d.kind === 'shape') expect(heldOutNames.has(d.name), d.name).toBe(true);
    }
    for (const d of many(4, 100, 'ambiguous')) expect(Object.keys(AMBIGUOUS_LETTERS)).toContain(d.name);
  });

  it('generated digits are deterministic and carry their digit', () => {
    const a = new Rng(5), b = new Rng(5);
    for (let d = 0; d < 10; d++) {
      const x = generateDigit(a, d);
      expect(x.name).toBe(String(d));
      expect(JSON.stringify(x)).toBe(JSON.stringify(generateDigit(b, d)));
    }
  });
});
