// What rehearsal puts into a batch: a bounded share of your digits (at most one row per digit),
// the fresh ones first, each with MNIST examples of the digit it was mistaken for.
import { describe, expect, it } from 'vitest';
import type { MnistSet } from '../data/mnist.ts';
import { Rng } from '../nn/rng.ts';
import { sampleDigit } from '../testing/sample-digits.ts';
import { PIXELS, type YourDigit } from './digit.ts';
import { Rehearsal } from './rehearsal.ts';

/** A tiny "MNIST": image i is filled with the value 200 + i and labelled i % 10. */
const mnist: MnistSet = {
  count: 30,
  labels: Uint8Array.from({ length: 30 }, (_, i) => i % 10),
  images: Uint8Array.from({ length: 30 * PIXELS }, (_, j) => 200 + Math.floor(j / PIXELS)),
};

/** A batch of n rows filled with -1 (so untouched rows show), labels 255. */
const batch = (n: number) => ({ x: new Float32Array(n * PIXELS).fill(-1), y: new Uint8Array(n).fill(255) });
const rowsOf = (x: Float32Array, n: number) => Array.from({ length: n }, (_, r) => x.subarray(r * PIXELS, (r + 1) * PIXELS));

describe('Rehearsal', () => {
  it('mixes nothing without digits, and at most one row per digit', () => {
    const digits: YourDigit[] = [];
    const r = new Rehearsal(() => digits, new Rng(1), { fraction: 1 / 4, freshShare: 0.5, contrast: 1, nearest: 0 });
    const { x, y } = batch(64);
    expect(r.mix(x, y, 64)).toBe(0);
    expect(y.every((v) => v === 255)).toBe(true);
    digits.push(sampleDigit(0), sampleDigit(1));
    expect(r.mix(x, y, 64)).toBe(2);
    const replaced = [...y].filter((v) => v !== 255);
    expect(replaced).toHaveLength(2);
    expect(replaced.every((v) => v === digits[0].label || v === digits[1].label)).toBe(true);
    digits.push(...Array.from({ length: 40 }, (_, i) => sampleDigit(i + 2)));
    const b = batch(64);
    expect(r.mix(b.x, b.y, 64)).toBe(16); // a quarter of 64
    // Each replaced row is exactly one digit's pixels with its label.
    for (const [row, px] of rowsOf(b.x, 64).entries()) {
      if (b.y[row] === 255) continue;
      const d = digits.find((d) => d.pixels.every((v, j) => Math.abs(v / 255 - px[j]) < 1e-7))!;
      expect(d.label).toBe(b.y[row]);
    }
  });

  it('fresh digits get half the rows while fresh, each with an MNIST example of its rival', () => {
    const digits = Array.from({ length: 20 }, (_, i) => sampleDigit(i));
    const r = new Rehearsal(() => digits, new Rng(2), { fraction: 1 / 8, freshShare: 0.5, contrast: 1, nearest: 0 });
    r.setReplay(mnist);
    const newest = digits[19]; // label 9
    r.welcome([{ digit: newest, rival: 4 }], 2);
    expect(r.freshLeft).toBe(2);
    for (let step = 0; step < 3; step++) {
      const { x, y } = batch(64);
      const used = r.mix(x, y, 64);
      const rows = rowsOf(x, 64);
      const isNewest = rows.filter((px) => newest.pixels.every((v, j) => Math.abs(v / 255 - px[j]) < 1e-7)).length;
      const rivals = rows.filter((px, row) => y[row] === 4 && [4, 14, 24].includes(Math.round(px[0] * 255) - 200) && px.every((v) => v === px[0])).length;
      if (step < 2) {
        // 8 rows of digits, 4 of them the fresh one, and 4 MNIST 4s beside them.
        expect(used).toBe(12);
        expect(isNewest).toBeGreaterThanOrEqual(4);
        expect(rivals).toBe(4);
      } else {
        expect(used).toBe(8);
        expect(rivals).toBe(0);
      }
    }
    expect(r.freshLeft).toBe(0);
    expect(r.contrastRows).toBe(8);
  });

  it('contrasts a fresh digit with the images of its rival nearest to it', () => {
    const digit = { ...sampleDigit(9), pixels: new Uint8Array(PIXELS).fill(226) }; // label 9
    const r = new Rehearsal(() => [digit], new Rng(4), { fraction: 1 / 8, freshShare: 1, contrast: 2, nearest: 1 });
    r.setReplay(mnist);
    r.welcome([{ digit, rival: 4 }], 5);
    const { x, y } = batch(16);
    expect(r.mix(x, y, 16)).toBe(3); // one row of the digit, two of its rival
    // Of MNIST's 4s (images 4, 14, 24: ink 204, 214, 224) the nearest to ink 226 is image 24.
    const rivalRows = rowsOf(x, 16).filter((_, row) => y[row] === 4);
    expect(rivalRows.length).toBe(2);
    for (const px of rivalRows) expect(Math.round(px[0] * 255)).toBe(224);
  });

  it('forgets deleted digits', () => {
    const digits = [sampleDigit(0), sampleDigit(1)];
    const r = new Rehearsal(() => digits, new Rng(3));
    r.welcome([{ digit: digits[1], rival: null }], 10);
    r.forget(new Set([digits[1].id]));
    expect(r.freshLeft).toBe(0);
    r.welcome([{ digit: digits[0], rival: null }], 10);
    r.forget('all');
    expect(r.freshLeft).toBe(0);
  });
});
