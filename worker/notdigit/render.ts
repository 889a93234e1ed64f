// Pen strokes on a square pad → the network's 28×28 input, exactly as the pad's canvas would be
// painted (number/raster.ts) and read (preprocess.ts).

import { preprocess } from '../preprocess.ts';
import { STROKE_WIDTH, type Pt } from '../number/pad.ts';
import { rasterize, toRgba } from '../number/raster.ts';

/**
 * Pixels per pad side when generating training drawings. Strokes are still ~6 px wide, and the
 * 28×28 result is close to a full-size canvas's (render.test.ts); 4× fewer pixels than the
 * number reader's 112 keeps a generated drawing well under a millisecond.
 */
export const TRAIN_SCALE = 56;

/** The input for strokes on a square pad `scale` pixels wide, or null for no ink. */
export function padInput(strokes: readonly (readonly Pt[])[], scale = TRAIN_SCALE, lineWidth = STROKE_WIDTH): Float32Array | null {
  const win = { scale, left: 0, top: 0, width: scale, height: scale };
  return preprocess(toRgba(rasterize(strokes, win, lineWidth)), scale, scale);
}
