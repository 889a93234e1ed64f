// A drawing sent as strokes (what the pad records) → the network's 28×28 input, painted the way
// the pad's canvas paints it (worker/number/raster.ts) and then preprocessed exactly like canvas
// pixels. Sending strokes instead of pixels keeps the main thread out of it: no getImageData of
// a ~2 MB canvas, no copy, no transfer, whatever the screen's pixel density.
import { DigitPadError } from '../errors.ts';
import { READ_SCALE } from '../number/digit-input.ts';
import { toSideUnits, type PadStroke } from '../number/pad.ts';
import { rasterize, toRgba } from '../number/raster.ts';
import { preprocess } from '../preprocess.ts';
import { enlargement } from './reading-size.ts';

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

/**
 * The strokes of a small drawing scaled up about the pad's centre to reading size (reading-size.ts);
 * a drawing that big or bigger, unchanged. The pen's width stays.
 */
export function atReadingSize(strokes: readonly PadStroke[]): readonly PadStroke[] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const s of strokes) for (const p of s) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue; // dropped when painted, too
    x0 = Math.min(x0, p.x), y0 = Math.min(y0, p.y), x1 = Math.max(x1, p.x), y1 = Math.max(y1, p.y);
  }
  const k = enlargement(Math.max(x1 - x0, y1 - y0));
  if (k === 1) return strokes;
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return strokes.map((s) => s.map((p) => ({ x: 0.5 + (p.x - cx) * k, y: 0.5 + (p.y - cy) * k })));
}

/** The 28×28 input of a drawing on the square pad (small ones at reading size), or null when there is no ink. */
export function inputFromStrokes(strokes: readonly PadStroke[]): Float32Array | null {
  const side = toSideUnits(atReadingSize(strokes), { width: 1, height: 1 });
  const win = { scale: DRAW_SCALE, left: 0, top: 0, width: DRAW_SCALE, height: DRAW_SCALE };
  return preprocess(toRgba(rasterize(side, win)), DRAW_SCALE, DRAW_SCALE);
}
