// The WASM conv and pooling kernels against the TypeScript reference (conv-kernels.ts) on odd
// shapes — 1×1 kernels, 3×3 same, 5×5 valid, even kernels, odd channel counts, batch 1 and 7,
// non-square maps — with zeros in the inputs (the kernels skip them), in and out of WASM memory.
import { describe, expect, it } from 'vitest';
import { availableBackends, loadKernels } from './backend.ts';
import { convOut } from './conv-kernels.ts';
import { tsKernels, type ConvShape, type Kernels } from './kernels.ts';
import { Rng } from './rng.ts';

const wasmBackends = availableBackends().filter((b) => b !== 'typescript');

const random = (rng: Rng, n: number, zeros = 0) => Float32Array.from({ length: n }, () => (rng.next() < zeros ? 0 : rng.normal()));
const place = (k: Kernels, a: Float32Array, inside: boolean) => {
  const c = inside ? k.alloc(a.length) : new Float32Array(a.length);
  c.set(a);
  return c;
};
const abs = (a: Float32Array) => a.map(Math.abs);

/** |got − want| ≤ 2e-6·scale + 1e-6, scale = Σ|terms| (the same kernel run on absolute values). */
function expectClose(got: Float32Array, want: Float32Array, scale: Float32Array): void {
  expect(got.length).toBe(want.length);
  let bad = -1;
  for (let i = 0; i < want.length && bad < 0; i++) if (!(Math.abs(got[i] - want[i]) <= 2e-6 * scale[i] + 1e-6)) bad = i;
  expect(bad, bad >= 0 ? `index ${bad}: ${got[bad]} vs ${want[bad]}` : '').toBe(-1);
}

// batch, h, w, cin, cout, k, pad
const SHAPES: [number, number, number, number, number, number, number][] = [
  [1, 5, 5, 1, 1, 1, 0], [7, 6, 5, 3, 17, 1, 0], [7, 8, 8, 3, 5, 3, 1], [1, 9, 7, 2, 17, 5, 0], [2, 6, 6, 5, 3, 5, 2],
  [1, 4, 4, 7, 9, 4, 0], [3, 28, 28, 1, 16, 5, 2], [7, 14, 14, 16, 32, 5, 2], [2, 12, 12, 33, 19, 3, 0],
];

describe.each(wasmBackends)('%s conv kernels match the TypeScript ones', (backend) => {
  it.each([true, false])('conv2d, conv2dGradW, conv2dGradX (tensors in WASM memory: %s)', async (inside) => {
    const k = await loadKernels({ backend });
    const rng = new Rng(17);
    for (const [batch, h, w, cin, cout, kk, pad] of SHAPES) {
      const s: ConvShape = { batch, h, w, cin, cout, k: kk, pad };
      const nOut = batch * convOut(h, kk, pad) * convOut(w, kk, pad) * cout;
      for (const zeros of [0, 0.6, 1]) {
        const x = random(rng, batch * h * w * cin, zeros), wt = random(rng, kk * kk * cin * cout), bias = random(rng, cout);
        const g = random(rng, nOut, zeros === 0 ? 0 : 0.8);

        // The forward pass with and without the fused ReLU.
        s.relu = zeros !== 0.6;
        const ref = new Float32Array(nOut), scale = new Float32Array(nOut);
        tsKernels.conv2d(ref, x, wt, bias, s);
        tsKernels.conv2d(scale, abs(x), abs(wt), abs(bias), { ...s, relu: false });
        if (s.relu) expect(ref.every((v) => v >= 0)).toBe(true);
        const out = place(k, new Float32Array(nOut).fill(NaN), inside); // every output must be written
        k.conv2d(out, place(k, x, inside), place(k, wt, inside), place(k, bias, inside), s);
        expectClose(out, ref, scale);

        const start = random(rng, wt.length);
        const refW = start.slice(), scaleW = abs(start);
        tsKernels.conv2dGradW(refW, x, g, s);
        tsKernels.conv2dGradW(scaleW, abs(x), abs(g), s);
        const dw = place(k, start, inside);
        k.conv2dGradW(dw, place(k, x, inside), place(k, g, inside), s);
        expectClose(dw, refW, scaleW);

        const refX = new Float32Array(x.length), scaleX = new Float32Array(x.length);
        tsKernels.conv2dGradX(refX, g, wt, s);
        tsKernels.conv2dGradX(scaleX, abs(g), abs(wt), s);
        const dx = place(k, new Float32Array(x.length).fill(NaN), inside);
        k.conv2dGradX(dx, place(k, g, inside), place(k, wt, inside), s);
        expectClose(dx, refX, scaleX);
      }
    }
  });

  it.each([true, false])('maxPool2 and its backward, ties and odd maps included (in WASM memory: %s)', async (inside) => {
    const k = await loadKernels({ backend });
    const rng = new Rng(5);
    for (const [batch, h, w, c] of [[1, 2, 2, 1], [7, 5, 7, 3], [2, 28, 28, 16], [3, 9, 8, 6], [1, 14, 14, 33]]) {
      // Few distinct values (ReLU zeros among them): windows often hold their maximum twice.
      const x = Float32Array.from({ length: batch * h * w * c }, () => Math.max(0, Math.round(rng.normal() * 2)));
      const n = batch * (h >> 1) * (w >> 1) * c;
      const ref = new Float32Array(n);
      tsKernels.maxPool2(ref, x, batch, h, w, c);
      const out = place(k, new Float32Array(n).fill(NaN), inside);
      k.maxPool2(out, place(k, x, inside), batch, h, w, c);
      expect(out).toEqual(ref);
      const g = random(rng, n);
      const refX = new Float32Array(x.length);
      tsKernels.maxPool2Backward(refX, g, x, ref, batch, h, w, c);
      const dx = place(k, new Float32Array(x.length).fill(NaN), inside);
      k.maxPool2Backward(dx, place(k, g, inside), place(k, x, inside), out, batch, h, w, c);
      expect(dx).toEqual(refX);
      // Every gradient went to exactly one place in its window.
      expect(refX.filter((v) => v !== 0).length).toBe(g.filter((v) => v !== 0).length);
      // ReLU's backward step: gradients survive only where the output is positive.
      const refR = refX.slice();
      tsKernels.reluBackward(refR, x, x.length);
      expect(refR.some((v, i) => v !== refX[i])).toBe(true);
      k.reluBackward(dx, place(k, x, inside), x.length);
      expect(dx).toEqual(refR);
    }
  });
});
