// One group of ink → the network's 28×28 input, through the very preprocessing a single digit
// takes (worker/preprocess.ts: crop, longer side to 20 px, centre of mass), on pixels painted
// the canvas's way (raster.ts).

import { preprocess } from '../preprocess.ts';
import { enlargement } from '../preprocess/reading-size.ts';
import type { Box } from './geometry.ts';
import { STROKE_WIDTH, type Pt } from './pad.ts';
import { rasterize, toRgba, type RasterWindow } from './raster.ts';

/**
 * Pixels per side unit when reading. The 28×28 result hardly depends on it (raster.test.ts: at
 * 112 it is within cosine 0.994 of four times the resolution); strokes are still 10 px wide, and
 * an 8-digit number paints in a few milliseconds.
 */
export const READ_SCALE = 112;

/**
 * The window a group is painted in: a square the size of the pad's shorter side, as the single-
 * digit pad is, around the group and inside the pad — on a square pad, the pad itself. preprocess
 * measures small marks against the shorter side (a dot is not blown up to a square), so the
 * window must be that big; a group wider than that gets a wider window.
 */
export function digitWindow(box: Box, pad: { w: number; h: number }, scale = READ_SCALE): RasterWindow {
  const side = Math.round(Math.min(pad.w, pad.h) * scale);
  const padW = Math.round(pad.w * scale), padH = Math.round(pad.h * scale);
  const ink = (STROKE_WIDTH / 2) * scale + 2;
  const fit = (lo: number, hi: number, size: number, padSize: number) => {
    const need = Math.ceil(hi - lo + 2 * ink);
    const width = Math.max(size, need);
    const start = Math.round((lo + hi) / 2 - width / 2);
    // Inside the pad when it fits, as the canvas would clip; else centred on the ink.
    const left = width <= padSize ? Math.max(0, Math.min(padSize - width, start)) : start;
    return { left, width };
  };
  const x = fit(box.x0 * scale, box.x1 * scale, side, padW);
  const y = fit(box.y0 * scale, box.y1 * scale, side, padH);
  return { scale, left: x.left, top: y.left, width: x.width, height: y.width };
}

/**
 * A digit written small, scaled up about its centre to reading size against the pad's shorter
 * side (preprocess/reading-size.ts), as a lone digit is, and moved inside the pad if that takes
 * it over an edge (the window must not clip it). The pen's width stays.
 */
function atReadingSize(strokes: readonly (readonly Pt[])[], box: Box, pad: { w: number; h: number }): [readonly (readonly Pt[])[], Box] {
  const k = enlargement(Math.max(box.x1 - box.x0, box.y1 - box.y0) / Math.min(pad.w, pad.h));
  if (k === 1) return [strokes, box];
  const cx = (box.x0 + box.x1) / 2, cy = (box.y0 + box.y1) / 2;
  const hw = ((box.x1 - box.x0) * k) / 2, hh = ((box.y1 - box.y0) * k) / 2, r = STROKE_WIDTH / 2;
  const inside = (c: number, half: number, size: number) => Math.min(Math.max(c, half + r), size - half - r);
  const nx = inside(cx, hw, pad.w), ny = inside(cy, hh, pad.h);
  const moved = strokes.map((s) => s.map((p) => ({ x: nx + (p.x - cx) * k, y: ny + (p.y - cy) * k })));
  return [moved, { x0: nx - hw, y0: ny - hh, x1: nx + hw, y1: ny + hh }];
}

/** The 28×28 input for these strokes (side units, a small digit at reading size), or null when there is too little ink. */
export function digitInput(strokes: readonly (readonly Pt[])[], box: Box, pad: { w: number; h: number }, scale = READ_SCALE): Float32Array | null {
  const [s, b] = atReadingSize(strokes, box, pad);
  const win = digitWindow(b, pad, scale);
  return preprocess(toRgba(rasterize(s, win)), win.width, win.height);
}
