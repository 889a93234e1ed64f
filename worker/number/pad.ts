// The coordinate convention of a number pad, shared by everything in worker/number.
//
// The pad reports points the way src/lib/strokes.ts does: x as a fraction of the pad's width,
// y of its height, (0, 0) top left and (1, 1) bottom right. On a wide pad those two fractions
// have different units, so geometry works in "side units" instead: multiples of the pad's
// shorter side (its height, for a pad wider than tall). On a square pad the two are the same
// numbers, and a stroke is drawn STROKE_WIDTH side units wide, exactly as the canvas draws it.

import { STROKE_WIDTH } from '../../src/lib/strokes.ts';

export { STROKE_WIDTH };

/** A point as the pad reports it (fractions of the pad's width and height). */
export interface PadPoint {
  readonly x: number;
  readonly y: number;
}
export type PadStroke = readonly PadPoint[];

/** The pad's size in any unit (CSS or canvas pixels): only the ratio matters. */
export interface PadSize {
  readonly width: number;
  readonly height: number;
}

/** A point in side units: (0, 0) top left, the pad's shorter side is 1. */
export interface Pt {
  x: number;
  y: number;
}

export function checkPad(pad: PadSize): void {
  const ok = (v: number) => Number.isFinite(v) && v > 0;
  if (!ok(pad.width) || !ok(pad.height)) {
    throw new Error(`number pad: width and height must be positive numbers, got ${pad.width}×${pad.height}`);
  }
}

/** The pad's extent in side units: [1, height/width] or [width/height, 1]. */
export function padExtent(pad: PadSize): { w: number; h: number } {
  const side = Math.min(pad.width, pad.height);
  return { w: pad.width / side, h: pad.height / side };
}

/** Pad fractions → side units. Points that are not finite numbers are dropped. */
export function toSideUnits(strokes: readonly PadStroke[], pad: PadSize): Pt[][] {
  checkPad(pad);
  const { w, h } = padExtent(pad);
  return strokes.map((s) =>
    s.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p) => ({ x: p.x * w, y: p.y * h })),
  );
}
