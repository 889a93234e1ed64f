// Every WASM kernel against the TypeScript reference (kernels.ts), within float32 tolerance,
// on odd shapes (tails of every loop), the real layer shape, with zeros in A (both backends
// skip them), and with arrays inside the WASM memory (zero-copy) and outside it (staged).
import { describe, expect, it } from 'vitest';
import { availableBackends, loadKernels } from './backend.ts';
import { tsKernels, type AdamStep, type Kernels } from './kernels.ts';
import { Rng } from './rng.ts';

const wasmBackends = availableBackends().filter((b) => b !== 'typescript');

function random(rng: Rng, n: number, zeros = 0): Float32Array {
  return Float32Array.from({ length: n }, () => (rng.next() < zeros ? (rng.next() < 0.5 ? 0 : -0) : rng.normal()));
}

/** A copy of a in the kernels' memory (inside) or in the JS heap (outside). */
function place(k: Kernels, a: Float32Array, inside: boolean): Float32Array {
  const c = inside ? k.alloc(a.length) : new Float32Array(a.length);
  c.set(a);
  return c;
}

/** |x − ref| ≤ tol·scale + 1e-6 elementwise, scale[i] = Σ|terms| of that output. */
function expectClose(x: Float32Array, ref: Float32Array, scale: Float64Array, tol = 2e-6): void {
  expect(x.length).toBe(ref.length);
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(x[i] - ref[i]) - (tol * scale[i] + 1e-6);
    if (!(err <= 0)) worst = Math.max(worst, Number.isNaN(err) ? Infinity : err);
  }
  expect(worst).toBe(0);
}

// (m, k, n): 1×1, 7×13, 33×785, the real first layer 32×784×128, and its output layer.
const SHAPES: [number, number, number][] = [
  [1, 1, 1], [1, 7, 3], [7, 13, 5], [7, 13, 17], [33, 785, 37], [33, 785, 10], [32, 784, 128], [32, 128, 10], [5, 64, 256],
];
const ZEROS = [0, 0.5, 0.85, 1];

describe.each(wasmBackends)('%s kernels match the TypeScript ones', (backend) => {
  it.each([true, false])('matmul, matmulTransA, matmulTransB, sumRows (tensors in WASM memory: %s)', async (inside) => {
    const k = await loadKernels({ backend });
    expect(k.name).toBe(backend);
    const rng = new Rng(7);
    for (const [m, kk, n] of SHAPES) {
      for (const zeros of ZEROS) {
        const a = random(rng, m * kk, zeros), b = random(rng, kk * n), bias = random(rng, n);
        const g = random(rng, m * n, zeros);

        // out = a·b + bias; scale = Σ|a||b| + |bias|
        const ref = new Float32Array(m * n);
        tsKernels.matmul(ref, a, b, bias, m, kk, n);
        const out = place(k, new Float32Array(m * n).fill(NaN), inside); // every entry must be written
        k.matmul(out, place(k, a, inside), place(k, b, inside), place(k, bias, inside), m, kk, n);
        const s1 = new Float64Array(m * n);
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
          let s = Math.abs(bias[j]);
          for (let p = 0; p < kk; p++) s += Math.abs(a[i * kk + p] * b[p * n + j]);
          s1[i * n + j] = s;
        }
        expectClose(out, ref, s1);

        // dw += aᵀ·g, accumulating onto existing values
        const start = random(rng, kk * n);
        const refA = start.slice();
        tsKernels.matmulTransA(refA, a, g, m, kk, n);
        const outA = place(k, start, inside);
        k.matmulTransA(outA, place(k, a, inside), place(k, g, inside), m, kk, n);
        const s2 = new Float64Array(kk * n);
        for (let p = 0; p < kk; p++) for (let j = 0; j < n; j++) {
          let s = Math.abs(start[p * n + j]);
          for (let i = 0; i < m; i++) s += Math.abs(a[i * kk + p] * g[i * n + j]);
          s2[p * n + j] = s;
        }
        expectClose(outA, refA, s2);

        // dIn = g·bᵀ (g is (m,n), b is (k,n))
        const refB = new Float32Array(m * kk);
        tsKernels.matmulTransB(refB, g, b, m, n, kk);
        const outB = place(k, new Float32Array(m * kk).fill(NaN), inside);
        k.matmulTransB(outB, place(k, g, inside), place(k, b, inside), m, n, kk);
        const s3 = new Float64Array(m * kk);
        for (let i = 0; i < m; i++) for (let p = 0; p < kk; p++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += Math.abs(g[i * n + j] * b[p * n + j]);
          s3[i * kk + p] = s;
        }
        expectClose(outB, refB, s3);

        // db += column sums of g
        const db = random(rng, n);
        const refS = db.slice();
        tsKernels.sumRows(refS, g, m, n);
        const outS = place(k, db, inside);
        k.sumRows(outS, place(k, g, inside), m, n);
        const s4 = new Float64Array(n);
        for (let j = 0; j < n; j++) {
          let s = Math.abs(db[j]);
          for (let i = 0; i < m; i++) s += Math.abs(g[i * n + j]);
          s4[j] = s;
        }
        expectClose(outS, refS, s4);
      }
    }
  });

  it('all-zero A gives exactly the bias, and leaves accumulators exactly as they were', async () => {
    const k = await loadKernels({ backend });
    const rng = new Rng(3);
    const [m, kk, n] = [7, 13, 17];
    const a = k.alloc(m * kk), b = random(rng, kk * n), bias = random(rng, n);
    const out = k.alloc(m * n);
    k.matmul(out, a, b, bias, m, kk, n);
    for (let i = 0; i < m; i++) expect(Array.from(out.subarray(i * n, (i + 1) * n))).toEqual(Array.from(bias));
    const dw = random(rng, kk * n);
    const before = dw.slice();
    k.matmulTransA(dw, a, random(rng, m * n), m, kk, n);
    expect(dw).toEqual(before);
  });

  it.each([0, 1e-4])('Adam, SGD and momentum updates (weight decay %s), ten steps', async (wd) => {
    const k = await loadKernels({ backend });
    const rng = new Rng(11);
    for (const n of [1, 3, 4, 7, 1001, 100_480]) {
      const w0 = random(rng, n), grads = Array.from({ length: 10 }, () => random(rng, n, 0.3));
      const tsW = w0.slice(), tsM = new Float32Array(n), tsV = new Float32Array(n);
      const w = place(k, w0, true), g = k.alloc(n), m = k.alloc(n), v = k.alloc(n);
      for (let t = 1; t <= 10; t++) {
        const s: AdamStep = { lr: 1e-3, beta1: 0.9, beta2: 0.999, bc1: 1 - 0.9 ** t, bc2: 1 - 0.999 ** t, eps: 1e-8, weightDecay: wd };
        tsKernels.adam(tsW, grads[t - 1], tsM, tsV, n, s);
        g.set(grads[t - 1]);
        k.adam(w, g, m, v, n, s);
      }
      // Each step moves a weight by at most ~lr; float32 vs float64 intermediates differ in the last bits.
      expectClose(w, tsW, new Float64Array(n).fill(1), 1e-6);
      expectClose(m, tsM, new Float64Array(n).fill(1), 1e-6);
      expectClose(v, tsV, new Float64Array(n).fill(1), 1e-6);

      for (const mu of [0, 0.9]) {
        const tw = w0.slice(), tm = new Float32Array(n);
        const ww = place(k, w0, true), mm = k.alloc(n);
        for (const gr of grads) {
          tsKernels.sgd(tw, gr, mu ? tm : null, n, 0.05, mu, wd);
          k.sgd(ww, place(k, gr, false), mu ? mm : null, n, 0.05, mu, wd);
        }
        expectClose(ww, tw, new Float64Array(n).fill(1), 1e-5);
        if (mu) expectClose(mm, tm, new Float64Array(n).fill(1), 1e-5);
      }
    }
  });

  it('unitFromBytes gives exactly v/255 for every byte value, in and out of WASM memory', async () => {
    const k = await loadKernels({ backend });
    const bytes = Uint8Array.from({ length: 256 * 3 + 5 }, (_, i) => (i * 7) % 256);
    const ref = new Float32Array(bytes.length);
    tsKernels.unitFromBytes(ref, bytes, bytes.length);
    for (let v = 0; v < 256; v++) expect(ref[bytes.indexOf(v)]).toBe(Math.fround(v / 255));
    const inside = k.allocBytes(bytes.length);
    inside.set(bytes);
    for (const src of [bytes, inside]) {
      const out = k.alloc(bytes.length);
      k.unitFromBytes(out, src, bytes.length);
      expect(out).toEqual(ref);
    }
  });

  it.each([true, false])('average (a running average of weights) on odd lengths (in WASM memory: %s)', async (inside) => {
    const k = await loadKernels({ backend });
    const rng = new Rng(13);
    for (const n of [1, 3, 4, 7, 1001, 100_480]) {
      const a0 = random(rng, n), ws = Array.from({ length: 5 }, () => random(rng, n));
      const ref = a0.slice(), avg = place(k, a0, inside);
      for (const w of ws) {
        tsKernels.average(ref, w, n, 0.0776);
        k.average(avg, place(k, w, inside), n, 0.0776);
      }
      expectClose(avg, ref, new Float64Array(n).fill(1), 1e-6);
      // The reference is the running average itself: a0 moved towards each w by the rate.
      const exact = ws.reduce((acc, w) => acc + 0.0776 * (w[n - 1] - acc), a0[n - 1]);
      expect(ref[n - 1]).toBeCloseTo(exact, 5);
    }
  });

  it('sumSquares matches a float64 sum on odd lengths', async () => {
    const k = await loadKernels({ backend });
    const rng = new Rng(4);
    for (const n of [0, 1, 3, 4, 5, 1001, 100_480]) {
      const a = random(rng, n, 0.3);
      let ref = 0;
      for (let i = 0; i < n; i++) ref += a[i] * a[i];
      for (const arr of [a, place(k, a, true)]) {
        // WASM squares in float32 (one rounding per term), then sums in float64.
        expect(Math.abs(k.sumSquares(arr, n) - ref)).toBeLessThanOrEqual(1e-7 * ref);
        expect(Math.abs(tsKernels.sumSquares(arr, n) - ref)).toBeLessThanOrEqual(1e-12 * ref);
      }
    }
  });

  it('rejects arrays shorter than the shape says', async () => {
    const k = await loadKernels({ backend });
    const a = k.alloc(6), b = k.alloc(9), bias = k.alloc(3), out = k.alloc(5);
    expect(() => k.matmul(out, a, b, bias, 2, 3, 3)).toThrow('matmul out: expected at least 6 values, got 5');
    expect(() => k.matmulTransA(k.alloc(8), a, b, 2, 3, 3)).toThrow(/matmulTransA out: expected at least 9/);
  });
});
