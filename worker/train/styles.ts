// Writing styles MNIST lacks, added to its training images. MNIST's writers (US Census staff and
// students) write 1 as a bare stroke; much of the world writes it with a flag at the top and
// often a foot at the bottom — and the CNN read such 1s as 7 or 2 (3 of its 11 misreads on the
// UNIPEN dev replay). Programmers and engineers slash their zeros, which the CNN read as 8 or
// "not a digit"; MNIST has few crossed 7s. So some of MNIST's own 1s get a flag and a foot,
// some 0s a slash, some 7s a bar, drawn in the image's own stroke width. The additions stay
// within the digit's height, so the image is still what the MNIST-style preprocessing (height
// fitted to 20 px) would make of the same drawing.
import type { Rng } from '../nn/rng.ts';
import { turnAndScale } from './augment.ts';

const SIDE = 28;
const INK = 0.5;

export interface StyleOptions {
  /** Share of the 1s that get a flag at the top. */
  flag: number;
  /** Share of the flagged 1s that also get a foot (unflagged ones get one at a fifth of this). */
  foot: number;
  /** Share of the 0s that get a slash. */
  slash: number;
  /** Share of the 7s that get a bar across the stem. */
  bar: number;
}

/**
 * The app's convolutional network: on the UNIPEN dev replay in Node (3 of 12 epochs) 642 and 636
 * of 653 read right without them, 644 and 642 with (seeds 1 and 3); at the end of the schedule
 * MNIST moves by −0.11 and −0.01 points (seeds 1 and 2). The dense network gained nothing
 * from them (−0.8 and +0.3 points on UNIPEN), so it goes without.
 */
export const PEN_STYLES: StyleOptions = { flag: 0.4, foot: 0.5, slash: 0.1, bar: 0.1 };

/** For each image of x (n × 784) labelled 0, 1 or 7, maybe adds that digit's style (see above). */
export function addStyles(x: Float32Array, labels: Uint8Array, n: number, rng: Rng, o: StyleOptions): void {
  for (let s = 0; s < n; s++) {
    const base = s * SIDE * SIDE;
    if (labels[s] === 1) {
      const flag = rng.next() < o.flag;
      const foot = rng.next() < (flag ? o.foot : o.foot / 5);
      if (flag || foot) styleOne(x, base, rng, flag, foot);
    } else if (labels[s] === 0 && rng.next() < o.slash) {
      slashZero(x, base, rng);
    } else if (labels[s] === 7 && rng.next() < o.bar) {
      barSeven(x, base, rng);
    }
  }
}

/** The digit's box (pixels darker than INK) and its total ink: null for a blank image or one under 6 rows. */
function extent(x: Float32Array, base: number): { top: number; bottom: number; left: number; right: number; mass: number } | null {
  let top = -1, bottom = -1, left = SIDE, right = -1, mass = 0;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = x[base + r * SIDE + c];
      mass += v;
      if (v > INK) {
        if (top < 0) top = r;
        bottom = r;
        left = Math.min(left, c);
        right = Math.max(right, c);
      }
    }
  }
  return top < 0 || bottom - top < 5 ? null : { top, bottom, left, right, mass };
}

/**
 * A slash through a 0: corner to corner of its box (either diagonal), a little past the ring; or,
 * half the time, a long steep slash that runs well past the ring at top and bottom, as many
 * writers draw it (UNIPEN dev writer03's zeros were flagged "not a digit" by the network that had
 * seen only the short one). The long slash is the drawing's height, so the ring is shrunk first:
 * MNIST-style preprocessing fits the whole drawing, slash and all, to the same 20 px.
 */
export function slashZero(x: Float32Array, base: number, rng: Rng): void {
  let e = extent(x, base);
  if (!e) return;
  // A ring's ink is about its perimeter times the pen's width.
  let w = e.right - e.left + 1, h = e.bottom - e.top + 1;
  const radius = Math.max(0.8, Math.min(2.5, e.mass / (1.6 * (w + h)) / 2));
  const down = rng.next() < 0.7; // top right to bottom left, the commoner hand
  if (rng.next() < 0.5) {
    const { top, bottom } = e;
    turnAndScale(x, base / (SIDE * SIDE), 0, 0.7 + 0.2 * rng.next());
    e = extent(x, base) ?? e;
    w = e.right - e.left + 1;
    const cx = (e.left + e.right + 1) / 2, half = w * (0.15 + 0.35 * rng.next()), lean = (rng.next() - 0.5) * 0.2 * w;
    const [xa, xb] = down ? [cx + half + lean, cx - half + lean] : [cx - half + lean, cx + half + lean];
    segment(x, base, xa, top + 0.5, xb, bottom + 0.5, radius); // the caps reach the old top and bottom rows
    return;
  }
  const over = 0.12 * rng.next(), y0 = e.top + radius, y1 = e.bottom + 1 - radius;
  const [xa, xb] = down ? [e.right + 1 + over * w, e.left - over * w] : [e.left - over * w, e.right + 1 + over * w];
  segment(x, base, xa, y0, xb, y1, radius);
}

/** A short bar across a 7's stem, at 45–65% of its height. */
export function barSeven(x: Float32Array, base: number, rng: Rng): void {
  const e = extent(x, base);
  if (!e) return;
  const h = e.bottom - e.top + 1;
  const y = e.top + h * (0.45 + 0.2 * rng.next());
  const row = Math.min(e.bottom, Math.floor(y));
  const [cx] = inkCentre(x, base, row, row);
  const radius = Math.max(0.8, Math.min(2.5, e.mass / (1.8 * h) / 2));
  const half = h * (0.15 + 0.1 * rng.next()), tilt = (rng.next() - 0.5) * 0.15 * h;
  segment(x, base, cx - half, y + tilt, cx + half, y - tilt, radius);
}

/** Adds a flag and/or a foot to the 1 at x[base..base+784). */
export function styleOne(x: Float32Array, base: number, rng: Rng, flag: boolean, foot: boolean): void {
  const e = extent(x, base);
  if (!e) return;
  const { top, bottom, mass } = e, height = bottom - top + 1;
  // The pen's radius: the ink's area over the stroke's length (a slanted 1's rows are wider
  // than its pen).
  const [topX] = inkCentre(x, base, top, top + 1), [bottomX] = inkCentre(x, base, bottom - 1, bottom);
  const radius = Math.max(0.8, Math.min(2.5, mass / Math.hypot(height, topX - bottomX) / 2));
  if (flag) {
    const [cx, cy] = inkCentre(x, base, top, Math.min(bottom, top + 1));
    const length = height * (0.2 + 0.25 * rng.next());
    const angle = (15 + 40 * rng.next()) * (Math.PI / 180);
    segment(x, base, cx, cy, cx - length * Math.cos(angle), cy + length * Math.sin(angle), radius);
  }
  if (foot) {
    const [cx] = inkCentre(x, base, Math.max(top, bottom - 1), bottom);
    const y = bottom + 0.5 - radius;
    const left = height * (0.1 + 0.25 * rng.next()), right = height * (0.1 + 0.25 * rng.next());
    segment(x, base, cx - left, y, cx + right, y, radius);
  }
}

/** The centre (x, y) of the ink in rows r0..r1, in pixel coordinates (pixel centres at +0.5). */
function inkCentre(x: Float32Array, base: number, r0: number, r1: number): [number, number] {
  let m = 0, mx = 0, my = 0;
  for (let r = r0; r <= r1; r++) {
    for (let c = 0; c < SIDE; c++) {
      const v = x[base + r * SIDE + c];
      m += v; mx += v * (c + 0.5); my += v * (r + 0.5);
    }
  }
  return m > 0 ? [mx / m, my / m] : [SIDE / 2, r0 + 0.5];
}

/** Paints an anti-aliased pen stroke of the given radius from (x0, y0) to (x1, y1), keeping the darker pixel. */
export function segment(x: Float32Array, base: number, x0: number, y0: number, x1: number, y1: number, radius: number): void {
  const dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy || 1;
  const c0 = Math.max(0, Math.floor(Math.min(x0, x1) - radius - 1)), c1 = Math.min(SIDE - 1, Math.ceil(Math.max(x0, x1) + radius + 1));
  const r0 = Math.max(0, Math.floor(Math.min(y0, y1) - radius - 1)), r1 = Math.min(SIDE - 1, Math.ceil(Math.max(y0, y1) + radius + 1));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const px = c + 0.5, py = r + 0.5;
      const t = Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
      const ex = px - (x0 + t * dx), ey = py - (y0 + t * dy);
      const v = Math.min(1, Math.max(0, radius + 0.5 - Math.sqrt(ex * ex + ey * ey)));
      const i = base + r * SIDE + c;
      if (v > x[i]) x[i] = v;
    }
  }
}
