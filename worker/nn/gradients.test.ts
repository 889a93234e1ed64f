import { describe, expect, it } from 'vitest';
import { activation, type ActivationName } from './activations.ts';
import { tsKernels } from './kernels.ts';
import { softmaxCrossEntropy, softmaxCrossEntropyBackward } from './loss.ts';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';
import { Rng } from './rng.ts';

// Float64 reference: mean softmax-cross-entropy of the net, reading its float32 weights
// (optionally with one weight/bias replaced by a float64 value).
function refLoss(
  net: Network,
  x: Float64Array,
  labels: Uint8Array,
  batch: number,
  override?: { layer: number; which: 'w' | 'b'; index: number; value: number },
): number {
  const act = activation(net.spec.activation);
  let h = Array.from(x);
  let width = net.spec.inputs;
  net.layers.forEach((l, li) => {
    const next = new Array<number>(batch * l.units).fill(0);
    const w = (i: number) => (override && override.layer === li && override.which === 'w' && override.index === i ? override.value : l.w[i]);
    const b = (j: number) => (override && override.layer === li && override.which === 'b' && override.index === j ? override.value : l.b[j]);
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < l.units; j++) {
        let s = b(j);
        for (let p = 0; p < width; p++) s += h[r * width + p] * w(p * l.units + j);
        next[r * l.units + j] = l.act ? act.f(s) : s;
      }
    }
    h = next;
    width = l.units;
  });
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    const row = h.slice(r * width, (r + 1) * width);
    const max = Math.max(...row);
    const sum = row.reduce((s, v) => s + Math.exp(v - max), 0);
    loss += Math.log(sum) - (row[labels[r]] - max);
  }
  return loss / batch;
}

/** Pre-activations of every layer in float64, to check we stay away from ReLU kinks. */
function minAbsPreact(net: Network, x: Float64Array, batch: number): number {
  const act = activation(net.spec.activation);
  let h = Array.from(x);
  let width = net.spec.inputs;
  let min = Infinity;
  for (const l of net.layers) {
    const next: number[] = [];
    for (let r = 0; r < batch; r++) {
      for (let j = 0; j < l.units; j++) {
        let s = l.b[j];
        for (let p = 0; p < width; p++) s += h[r * width + p] * l.w[p * l.units + j];
        if (l.act) min = Math.min(min, Math.abs(s));
        next.push(l.act ? act.f(s) : s);
      }
    }
    h = next;
    width = l.units;
  }
  return min;
}

/**
 * Forward + backward exactly as trainBatch does, without the optimizer update. Returns a copy
 * of each layer's dIn taken right after its backward (the next layer down overwrites it in place
 * with the pre-activation gradient).
 */
function analyticGrads(net: Network, x: Float32Array, labels: Uint8Array, batch: number): Float32Array[] {
  const C = net.spec.classes;
  const logits = net.forward(x, batch);
  const probs = new Float32Array(batch * C);
  const d0 = new Float32Array(batch * C);
  softmaxCrossEntropy(probs, logits, labels, batch, C);
  softmaxCrossEntropyBackward(d0, probs, labels, batch, C);
  for (const l of net.layers) l.zeroGrad();
  let d: Float32Array = d0;
  const dIns: Float32Array[] = [];
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const l = net.layers[i];
    l.backward(i === 0 ? x : net.layers[i - 1].out, d, batch, i > 0);
    dIns[i] = l.dIn.slice(0, batch * l.inputs);
    d = l.dIn;
  }
  return dIns;
}

function relErr(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(1e-3, Math.abs(a) + Math.abs(n));
}

const ACTS: ActivationName[] = ['relu', 'leaky-relu', 'sigmoid', 'tanh'];

describe('analytic gradients match central differences (float64 reference)', () => {
  for (const name of ACTS) {
    it(`6-5-4-3 ${name}, batch 3`, () => {
      const spec: ModelSpec = { inputs: 6, hidden: [5, 4], activation: name, classes: 3 };
      const batch = 3;
      const labels = Uint8Array.from([0, 2, 1]);
      // Pick a seed whose pre-activations are all well away from 0 (ReLU kinks).
      let net!: Network;
      let x64!: Float64Array;
      let found = false;
      for (let seed = 1; seed < 200 && !found; seed++) {
        net = new Network(spec, defaultOptimizer, seed);
        const rng = new Rng(seed * 7919);
        // Non-zero biases so the bias gradients and kinks are exercised properly.
        for (const l of net.layers) for (let j = 0; j < l.b.length; j++) l.b[j] = 0.3 * rng.normal();
        x64 = Float64Array.from({ length: batch * spec.inputs }, () => Math.fround(rng.normal()));
        found = minAbsPreact(net, x64, batch) > 0.05;
      }
      expect(found).toBe(true);
      const x = Float32Array.from(x64);
      const dIns = analyticGrads(net, x, labels, batch);

      const h = 1e-4;
      let checked = 0;
      net.layers.forEach((l, li) => {
        for (const which of ['w', 'b'] as const) {
          const params = which === 'w' ? l.w : l.b;
          const grads = which === 'w' ? l.dw : l.db;
          let num2 = 0, diff2 = 0;
          for (let i = 0; i < params.length; i++) {
            const v = params[i];
            const lp = refLoss(net, x64, labels, batch, { layer: li, which, index: i, value: v + h });
            const lm = refLoss(net, x64, labels, batch, { layer: li, which, index: i, value: v - h });
            const numeric = (lp - lm) / (2 * h);
            expect(relErr(grads[i], numeric), `layer ${li} d${which}[${i}]: ${grads[i]} vs ${numeric}`).toBeLessThan(1e-2);
            num2 += numeric * numeric;
            diff2 += (grads[i] - numeric) ** 2;
            checked++;
          }
          // And norm-wise, much tighter.
          expect(Math.sqrt(diff2) / Math.max(1e-8, Math.sqrt(num2))).toBeLessThan(1e-3);
          // Gradients are not trivially zero.
          expect(Math.sqrt(num2)).toBeGreaterThan(1e-4);
        }
      });
      expect(checked).toBe(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3);

      // dIn of the last hidden layer (index 1) = gradient w.r.t. the first hidden layer's output.
      // Perturb the first hidden layer's output via a float64 forward from that point on.
      const l0 = net.layers[0];
      const act = activation(name);
      const h1 = new Float64Array(batch * l0.units);
      for (let r = 0; r < batch; r++) {
        for (let j = 0; j < l0.units; j++) {
          let s = l0.b[j];
          for (let p = 0; p < spec.inputs; p++) s += x64[r * spec.inputs + p] * l0.w[p * l0.units + j];
          h1[r * l0.units + j] = act.f(s);
        }
      }
      // A net equal to layers 1.. with inputs = 5.
      const tail = new Network({ inputs: 5, hidden: [4], activation: name, classes: 3 }, defaultOptimizer, 1);
      tail.layers[0].w.set(net.layers[1].w); tail.layers[0].b.set(net.layers[1].b);
      tail.layers[1].w.set(net.layers[2].w); tail.layers[1].b.set(net.layers[2].b);
      const dIn = dIns[1];
      for (let i = 0; i < batch * l0.units; i++) {
        const p = Float64Array.from(h1); p[i] += h;
        const m = Float64Array.from(h1); m[i] -= h;
        const numeric = (refLoss(tail, p, labels, batch) - refLoss(tail, m, labels, batch)) / (2 * h);
        expect(relErr(dIn[i], numeric), `dIn[${i}]: ${dIn[i]} vs ${numeric}`).toBeLessThan(1e-2);
      }
    });
  }
});

describe('kernels match naive loops', () => {
  const rng = new Rng(42);
  const rand = (n: number, zeroFrac = 0) =>
    Float32Array.from({ length: n }, () => (rng.next() < zeroFrac ? 0 : rng.normal()));
  const close = (got: Float32Array, want: Float64Array) => {
    expect(got.length).toBe(want.length);
    for (let i = 0; i < want.length; i++) {
      expect(Math.abs(got[i] - want[i]), `index ${i}: ${got[i]} vs ${want[i]}`).toBeLessThan(1e-4 * (1 + Math.abs(want[i])) * 10);
    }
  };
  for (const [m, k, n] of [[1, 1, 1], [7, 13, 5], [33, 785, 3], [2, 3, 7], [5, 6, 1]]) {
    it(`matmul, matmulTransA, matmulTransB, sumRows on ${m}×${k}·${k}×${n}`, () => {
      // `a` has zeros, including whole runs of four (the skipping path) and singles.
      const a = rand(m * k, 0.5);
      for (let i = 0; i < Math.min(8, a.length); i++) a[i] = 0;
      const b = rand(k * n);
      const bias = rand(n);
      // matmul: out(m,n) = a·b + bias, and it overwrites stale output.
      const out = rand(m * n);
      tsKernels.matmul(out, a, b, bias, m, k, n);
      const want = new Float64Array(m * n);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
        let s = bias[j];
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        want[i * n + j] = s;
      }
      close(out, want);

      // matmulTransA: out(k,n) += aᵀ(k,m)·g(m,n) — accumulates.
      const g = rand(m * n);
      const start = rand(k * n);
      const acc = Float32Array.from(start);
      tsKernels.matmulTransA(acc, a, g, m, k, n);
      const wantA = new Float64Array(k * n);
      for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) {
        let s = start[p * n + j];
        for (let i = 0; i < m; i++) s += a[i * k + p] * g[i * n + j];
        wantA[p * n + j] = s;
      }
      close(acc, wantA);

      // matmulTransB: out(m,k) = g(m,n)·bᵀ(n,k) — overwrites.
      const outB = rand(m * k);
      tsKernels.matmulTransB(outB, g, b, m, n, k);
      const wantB = new Float64Array(m * k);
      for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += g[i * n + j] * b[p * n + j];
        wantB[i * k + p] = s;
      }
      close(outB, wantB);

      // sumRows: out(n) += column sums — accumulates.
      const s0 = rand(n);
      const sums = Float32Array.from(s0);
      tsKernels.sumRows(sums, g, m, n);
      const wantS = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        let s = s0[j];
        for (let i = 0; i < m; i++) s += g[i * n + j];
        wantS[j] = s;
      }
      close(sums, wantS);
    });
  }
});
