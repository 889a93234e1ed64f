import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { padInput } from './render.ts';

interface Fixture {
  meta: { count: number; nonDigits: number };
  samples: { set: string; char: string; ambiguous: boolean; strokes: [number, number][][] }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/hand-drawn.json', import.meta.url), 'utf8')) as Fixture;

describe('hand-drawn fixture', () => {
  it('holds a few hundred non-digits from many sets, plus ambiguous ones kept apart', () => {
    const nonDigits = fixture.samples.filter((s) => !s.ambiguous);
    expect(fixture.samples.length).toBe(fixture.meta.count);
    expect(nonDigits.length).toBe(fixture.meta.nonDigits);
    expect(nonDigits.length).toBeGreaterThan(300);
    expect(fixture.samples.length - nonDigits.length).toBeGreaterThan(50);
    expect(new Set(nonDigits.map((s) => s.set)).size).toBeGreaterThan(10);
    // Latin fonts: no digits, and none of the letters that are digits in all but name.
    const latin = nonDigits.filter((s) => /futural|scripts|cursive|^ems-/.test(s.set));
    expect(latin.length).toBeGreaterThan(150);
    for (const s of latin) expect('0123456789OoIlSsZzBbGgqyaij[]{}').not.toContain(s.char);
  });

  it('every drawing lies on the pad and paints some ink', () => {
    for (const s of fixture.samples) {
      const v = s.strokes.flat(2);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(1);
      expect(padInput(s.strokes.map((l) => l.map(([x, y]) => ({ x, y }))), 56)).not.toBeNull();
    }
  });
});
