// A drawing sent as strokes (what the pad records) → the network's 28×28 input, painted the way
// the pad's canvas paints it (worker/number/raster.ts) and then preprocessed exactly like canvas
// pixels. Sending strokes instead of pixels keeps the main thread out of it: no getImageData of
// a ~2 MB canvas, no copy, no transfer, whatever the screen's pixel density.
import { DigitPadError } from '../errors.ts';
import { READ_SCALE } from '../number/digit-input.ts';
import { toSideUnits, type PadStroke } from '../number/pad.ts';
import { rasterize, toRgba } from '../number/raster.ts';
import { preprocess } from '../preprocess.ts';

/**
 * Pixels per pad side when painting a single digit. The 28×28 result hardly depends on it: on
 * 200 of the UNIPEN dev digits, inputs painted at 112 px are within cosine 0.9998 on average (0.997
 * at worst) of those painted at 560 px, and it costs a quarter of 224 px.
 */
export const DRAW_SCALE = READ_SCALE;
/** Far beyond any drawing (a dense scribble over the whole pad is a few thousand points). */
const MAX_POINTS = 100_000;
const MAX_STROKES = 2_000;

/** Strokes as they cross the boundary: [x0, y0, x1, y1, …] per stroke, in pad fractions. */
export type FlatStroke = ArrayLike<number>;

/** Checks and unpacks strokes from the boundary; throws an 'input' DigitPadError. */
export function padStrokes(strokes: unknown): PadStroke[] {
  if (!Array.isArray(strokes) || strokes.length > MAX_STROKES) {
    throw new DigitPadError('input', `Strokes must be a list of at most ${MAX_STROKES} strokes`);
  }
  let points = 0;
  return strokes.map((s: unknown, i) => {
    const ok = (Array.isArray(s) || s instanceof Float32Array || s instanceof Float64Array) && s.length % 2 === 0;
    if (!ok) throw new DigitPadError('input', `Stroke ${i} must be an even-length list of coordinates`);
    const flat = s as FlatStroke;
    points += flat.length / 2;
    if (points > MAX_POINTS) throw new DigitPadError('input', `A drawing may have at most ${MAX_POINTS} points`);
    return Array.from({ length: flat.length / 2 }, (_, k) => ({ x: Number(flat[2 * k]), y: Number(flat[2 * k + 1]) }));
  });
}

/** The 28×28 input of a drawing on the square pad, or null when there is no ink. */
export function inputFromStrokes(strokes: readonly PadStroke[]): Float32Array | null {
  const side = toSideUnits(strokes, { width: 1, height: 1 });
  const win = { scale: DRAW_SCALE, left: 0, top: 0, width: DRAW_SCALE, height: DRAW_SCALE };
  return preprocess(toRgba(rasterize(side, win)), DRAW_SCALE, DRAW_SCALE);
}
