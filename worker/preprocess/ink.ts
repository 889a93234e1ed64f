// Canvas pixels → ink. Coordinates are continuous: source pixel x spans [x, x+1), centre x+0.5.

/** Ink below this (≈25/255) is paper texture, an off-white background or a stray smudge. */
const NOISE = 0.1;
const INV_SCALE = 1 / (255 * 255_000);
const NOISE_SCALED = NOISE * 255 * 255_000;

export interface InkStats {
  /** Bounding box of the ink, in pixels; x1/y1 exclusive. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Total ink, in full-ink pixels. */
  mass: number;
  /** Intensity-weighted centre of mass. */
  cx: number;
  cy: number;
}

/**
 * Fills `ink` (width*height, row-major) with alpha·(1 − luma) per pixel, so both dark strokes on
 * a transparent canvas and dark strokes on opaque white count as ink = 1. Values below NOISE
 * become 0, so they move neither the box nor the centre of mass. `ink` must arrive zero-filled.
 * Null when nothing is left.
 */
export function measureInk(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  ink: Float32Array,
): InkStats | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  let mass = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    let rowMass = 0, rowMx = 0;
    for (let x = 0, i = y * width, p = i * 4; x < width; x++, i++, p += 4) {
      const a = rgba[p + 3];
      if (a === 0) continue; // `ink` starts zeroed
      // Rec. 601 luma ×1000, in integers; canvas getImageData gives straight (not premultiplied)
      // alpha. Comparing before dividing keeps the common blank pixel cheap.
      const dark = a * (255_000 - 299 * rgba[p] - 587 * rgba[p + 1] - 114 * rgba[p + 2]);
      if (dark < NOISE_SCALED) continue;
      const v = dark * INV_SCALE;
      ink[i] = v;
      rowMass += v;
      rowMx += v * x;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
    }
    if (rowMass === 0) continue;
    if (y < y0) y0 = y;
    y1 = y;
    mass += rowMass;
    mx += rowMx;
    my += rowMass * y;
  }
  if (mass === 0) return null;
  return { x0, y0, x1: x1 + 1, y1: y1 + 1, mass, cx: mx / mass + 0.5, cy: my / mass + 0.5 };
}
