import { describe, expect, it } from 'vitest';
import { atReadingSize, inputFromStrokes } from './from-strokes.ts';
import { MAX_ENLARGE, READ_AT_LEAST } from './reading-size.ts';

const P = (x: number, y: number) => ({ x, y });
/** A 7 (bar and slanted stem) whose longer side is `size` of the pad, its box's top left at (x, y). */
const seven = (x: number, y: number, size: number) => [[P(0, 0), P(0.6, 0), P(0.25, 1)].map((p) => P(x + p.x * size, y + p.y * size))];
const inkPixels = (input: Float32Array | null) => input!.filter((v) => v > 0.2).length;

describe('a small drawing is read at reading size', () => {
  it('a 7 drawn at a fifth of the pad, in a corner, gives the input of the same 7 drawn at half the pad', () => {
    const small = inputFromStrokes(seven(0.05, 0.7, 0.2))!;
    const big = inputFromStrokes(seven(0.5 - 0.3 * READ_AT_LEAST, 0.5 - 0.5 * READ_AT_LEAST, READ_AT_LEAST))!;
    const diff = Math.max(...small.map((v, i) => Math.abs(v - big[i])));
    expect(diff).toBeLessThan(1e-4);
    // Not enlarged, the small 7's strokes would be a blot: far more of the field inked.
    expect(inkPixels(small)).toBe(inkPixels(big));
  });

  it('leaves drawings of half the pad or more as they are', () => {
    const s = seven(0.1, 0.1, 0.7);
    expect(atReadingSize(s)).toBe(s);
    expect(atReadingSize([])).toEqual([]);
  });

  it(`enlarges at most ${MAX_ENLARGE}×: a tap stays a dot, a tiny jitter a small mark`, () => {
    const tap = [[P(0.3, 0.3)]];
    expect(atReadingSize(tap)).toEqual([[P(0.5, 0.5)]]);
    expect(inkPixels(inputFromStrokes(tap))).toBe(inkPixels(inputFromStrokes([[P(0.7, 0.2)]])));
    const jitter = [[P(0.4, 0.4), P(0.41, 0.405), P(0.405, 0.41)]];
    const grown = atReadingSize(jitter)[0];
    expect(Math.max(...grown.map((p) => p.x)) - Math.min(...grown.map((p) => p.x))).toBeCloseTo(0.05, 6);
  });

  it('ignores points that are not numbers, as painting does', () => {
    const s = [[P(0.45, 0.45), P(NaN, 0.5), P(0.55, 0.55)]];
    const grown = atReadingSize(s)[0];
    expect([grown[0].x, grown[0].y, grown[2].x, grown[2].y].map((v) => v.toFixed(9))).toEqual(['0.250000000', '0.250000000', '0.750000000', '0.750000000']);
  });
});
