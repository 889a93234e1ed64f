// A drawing's canvas pixels → the 28×28 input the network expects, following MNIST's own recipe
// (LeCun et al.): crop to the ink, scale the longer side to 20 px keeping the aspect ratio with
// anti-aliasing, then place it so the intensity-weighted centre of mass is the field's centre.
//
// Stroke width is not touched here: the app draws strokes in proportion to the canvas, so after
// scaling a full-height digit to 20 px they come out ~2–3 px wide, like MNIST's pen strokes.

import { measureInk } from './preprocess/ink.ts';
import { resampleBox } from './preprocess/resample.ts';

const SIZE = 28;
const BOX = 20;
/**
 * MNIST puts the centre of mass at pixel index 14 (measured on the 60k training images: mean
 * 14.0 on both axes, every image within ±0.5 because they shifted by whole pixels). Pixel i
 * spans [i, i+1) in the continuous coordinates used here, so index 14 is 14.5. We shift by the
 * exact sub-pixel amount instead of rounding, so the result moves smoothly with the drawing.
 */
const CENTRE = 14.5;
/**
 * A mark shorter than this share of the canvas's shorter side is scaled as if it were this long.
 * People fill most of the pad with a digit; a much smaller mark is a dot or a short dash only a
 * few (canvas-proportional) stroke widths across, and blowing it up to 20 px would turn a dot
 * into a filled square. Capped, a one-stroke-wide dot stays about as big as a pen dot inside a
 * normal digit. Digits over 40 % of the pad are still normalised to 20 px, as MNIST did.
 */
const MIN_BOX_FRACTION = 0.4;
/** Less ink than a tenth of one 28×28 field pixel, or than two full canvas pixels, is empty. */
const MIN_INK_PER_FIELD_PIXEL = 0.1;
const MIN_INK_PIXELS = 2;
const MAX_SIDE = 4096;

function checkSide(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1 || v > MAX_SIDE) {
    throw new Error(`preprocess: ${name} must be an integer from 1 to ${MAX_SIDE}, got ${v}`);
  }
}

/**
 * rgba: canvas pixels (width·height·4, straight alpha). Ink is dark on light or opaque on
 * transparent. Returns 784 values in 0..1, row-major, ink = 1 (like MNIST pixels / 255), or
 * null when there is no ink.
 */
export function preprocess(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
): Float32Array | null {
  checkSide('width', width);
  checkSide('height', height);
  if (!(rgba instanceof Uint8ClampedArray || rgba instanceof Uint8Array)) {
    const got = (rgba as unknown as object | null)?.constructor?.name ?? String(rgba);
    throw new Error(`preprocess: rgba must be a Uint8ClampedArray or Uint8Array, got ${got}`);
  }
  const expected = width * height * 4;
  if (rgba.length !== expected) {
    throw new Error(
      `preprocess: rgba must hold width*height*4 bytes: expected ${expected} for ${width}×${height}, got ${rgba.length}`,
    );
  }

  const ink = new Float32Array(width * height);
  const box = measureInk(rgba, width, height, ink);
  const minInk = Math.max(MIN_INK_PIXELS, (MIN_INK_PER_FIELD_PIXEL * width * height) / (SIZE * SIZE));
  if (box === null || box.mass < minInk) return null;

  const longer = Math.max(box.x1 - box.x0, box.y1 - box.y0, MIN_BOX_FRACTION * Math.min(width, height));
  const step = longer / BOX; // source pixels per field pixel
  // Ink cut off by the canvas edge is simply absent; ink the centring pushes out of the 28×28
  // field (only for very lopsided shapes) is clipped, as in MNIST.
  const out = resampleBox(ink, width, box, box.cx, box.cy, step, SIZE, CENTRE);

  // MNIST digits all have full-intensity cores (every training image peaks at ≥ 250/255), so the
  // network has never seen a faint digit. A thin stroke averaged down by a big canvas, or a grey
  // pen, would peak lower; stretch it so the peak is 1 rather than feed it something unfamiliar.
  let peak = 0;
  for (let i = 0; i < out.length; i++) if (out[i] > peak) peak = out[i];
  const gain = peak > 0 ? 1 / peak : 0;
  for (let i = 0; i < out.length; i++) out[i] = Math.min(1, out[i] * gain);
  return out;
}
