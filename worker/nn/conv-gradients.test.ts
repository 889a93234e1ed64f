// Conv blocks (convolution, activation, 2×2 max-pooling) inside whole networks: every analytic
// gradient — filters, biases, dense weights, and the gradient w.r.t. the input image — against
// central differences of a float64 reference forward pass, on several shapes, padding on and
// off, odd maps whose last row and column pooling drops.
import { describe, expect, it } from 'vitest';
import { activation } from './activations.ts';
import { Conv2D } from './conv.ts';
import { softmaxCrossEntropy, softmaxCrossEntropyBackward } from './loss.ts';
import { Network, type ModelSpec } from './network.ts';
import { defaultOptimizer } from './optimizer.ts';
import { Rng } from './rng.ts';

interface Override { layer: number; which: 'w' | 'b'; index: number; value: number }

/** Mean loss in float64 from the net's float32 parameters; `margin` is the distance to the nearest kink. */
function reference(net: Network, x: Float64Array, labels: Uint8Array, batch: number, ov?: Override): { loss: number; margin: number } {
  const act = activation(net.spec.activation);
  const kinked = net.spec.activation === 'relu' || net.spec.activation === 'leaky-relu';
  let margin = Infinity;
  let h: number[] = Array.from(x);
  let width = net.spec.inputs;
  net.layers.forEach((l, li) => {
    const w = (i: number) => (ov && ov.layer === li && ov.which === 'w' && ov.index === i ? ov.value : l.w[i]);
    const b = (j: number) => (ov && ov.layer === li && ov.which === 'b' && ov.index === j ? ov.value : l.b[j]);
    if (l instanceof Conv2D) {
      const { h: H, w: W, cin, cout, k, pad, oh, ow, pool, ph, pw } = l.plan;
      const pre = new Array<number>(batch * oh * ow * cout);
      for (let n = 0; n < batch; n++) for (let y = 0; y < oh; y++) for (let xx = 0; xx < ow; xx++) for (let co = 0; co < cout; co++) {
        let s = b(co);
        for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) for (let ci = 0; ci < cin; ci++) {
          const iy = y + dy - pad, ix = xx + dx - pad;
          if (iy >= 0 && iy < H && ix >= 0 && ix < W) s += h[((n * H + iy) * W + ix) * cin + ci] * w(((dy * k + dx) * cin + ci) * cout + co);
        }
        if (kinked) margin = Math.min(margin, Math.abs(s));
        pre[((n * oh + y) * ow + xx) * cout + co] = act.f(s);
      }
      if (!pool) h = pre;
      else {
        h = new Array<number>(batch * ph * pw * cout);
        for (let n = 0; n < batch; n++) for (let y = 0; y < ph; y++) for (let xx = 0; xx < pw; xx++) for (let c = 0; c < cout; c++) {
          const v = [0, 1, 2, 3].map((q) => pre[((n * oh + 2 * y + (q >> 1)) * ow + 2 * xx + (q & 1)) * cout + c]).sort((p, q) => q - p);
          // A tie would be a kink of the max, unless all are ReLU zeros (no gradient either way).
          if (v[0] !== 0 || net.spec.activation !== 'relu') margin = Math.min(margin, v[0] - v[1]);
          h[((n * ph + y) * pw + xx) * cout + c] = v[0];
        }
      }
      width = ph * pw * cout;
    } else {
      const next = new Array<number>(batch * l.units);
      for (let r = 0; r < batch; r++) for (let j = 0; j < l.units; j++) {
        let s = b(j);
        for (let p = 0; p < width; p++) s += h[r * width + p] * w(p * l.units + j);
        if (l.act && kinked) margin = Math.min(margin, Math.abs(s));
        next[r * l.units + j] = l.act ? act.f(s) : s;
      }
      h = next;
      width = l.units;
    }
  });
  let loss = 0;
  for (let r = 0; r < batch; r++) {
    const row = h.slice(r * width, (r + 1) * width);
    const max = Math.max(...row);
    loss += Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) - (row[labels[r]] - max);
  }
  return { loss: loss / batch, margin };
}

/** Forward + backward as trainBatch does (no update), with the input gradient of layer 0 too. */
function analytic(net: Network, x: Float32Array, labels: Uint8Array, batch: number): Float32Array {
  const C = net.spec.classes;
  const probs = new Float32Array(batch * C), d = new Float32Array(batch * C);
  softmaxCrossEntropy(probs, net.forward(x, batch), labels, batch, C);
  softmaxCrossEntropyBackward(d, probs, labels, batch, C);
  let g: Float32Array = d;
  for (let i = net.layers.length - 1; i >= 0; i--) {
    const l = net.layers[i];
    l.zeroGrad();
    l.backward(i === 0 ? x : net.layers[i - 1].out, g, batch, true);
    g = l.dIn;
  }
  return net.layers[0].dIn.slice(0, batch * net.spec.inputs);
}

const relErr = (a: number, n: number) => Math.abs(a - n) / Math.max(1e-3, Math.abs(a) + Math.abs(n));

const CASES: { name: string; spec: ModelSpec; batch: number }[] = [
  {
    name: '7×7 → conv3×3×3 same + pool (odd map: last row/column dropped) → 5 → 3, relu',
    spec: { inputs: 49, conv: [{ filters: 3, kernel: 3, padding: 'same', pool: true }], hidden: [5], activation: 'relu', classes: 3 },
    batch: 2,
  },
  {
    name: '6×6 → conv5×5×4 valid → conv1×1×3 + pool → 3, leaky-relu',
    spec: {
      inputs: 36, hidden: [], activation: 'leaky-relu', classes: 3,
      conv: [{ filters: 4, kernel: 5, padding: 'valid', pool: false }, { filters: 3, kernel: 1, padding: 'valid', pool: true }],
    },
    batch: 3,
  },
  {
    name: '8×8 → conv3×3×2 valid + pool → conv3×3×3 same → 4 → 3, tanh',
    spec: {
      inputs: 64, hidden: [4], activation: 'tanh', classes: 3,
      conv: [{ filters: 2, kernel: 3, padding: 'valid', pool: true }, { filters: 3, kernel: 3, padding: 'same', pool: false }],
    },
    batch: 2,
  },
];

describe('conv network gradients match central differences (float64 reference)', () => {
  for (const { name, spec, batch } of CASES) {
    it(name, () => {
      const labels = Uint8Array.from({ length: batch }, (_, i) => (i * 2 + 1) % spec.classes);
      let net!: Network;
      let x64!: Float64Array;
      let found = false;
      for (let seed = 1; seed < 300 && !found; seed++) {
        net = new Network(spec, defaultOptimizer, seed);
        const rng = new Rng(seed * 7919);
        for (const l of net.layers) for (let j = 0; j < l.b.length; j++) l.b[j] = 0.2 * rng.normal();
        // Inputs like images: a third exactly zero (the kernels skip zeros).
        x64 = Float64Array.from({ length: batch * spec.inputs }, () => (rng.next() < 0.3 ? 0 : Math.fround(rng.next())));
        found = reference(net, x64, labels, batch).margin > 2e-3; // far beyond what h = 1e-4 moves
      }
      expect(found).toBe(true);
      const x = Float32Array.from(x64);
      const dx = analytic(net, x, labels, batch);
      const h = 1e-4;
      net.layers.forEach((l, li) => {
        for (const which of ['w', 'b'] as const) {
          const params = which === 'w' ? l.w : l.b, grads = which === 'w' ? l.dw : l.db;
          let num2 = 0, diff2 = 0;
          for (let i = 0; i < params.length; i++) {
            const v = params[i];
            const lp = reference(net, x64, labels, batch, { layer: li, which, index: i, value: v + h }).loss;
            const lm = reference(net, x64, labels, batch, { layer: li, which, index: i, value: v - h }).loss;
            const numeric = (lp - lm) / (2 * h);
            expect(relErr(grads[i], numeric), `layer ${li} d${which}[${i}]: ${grads[i]} vs ${numeric}`).toBeLessThan(1e-2);
            num2 += numeric ** 2;
            diff2 += (grads[i] - numeric) ** 2;
          }
          expect(Math.sqrt(diff2) / Math.sqrt(num2), `layer ${li} d${which} norm`).toBeLessThan(1e-3);
          expect(Math.sqrt(num2)).toBeGreaterThan(1e-5);
        }
      });
      // The input gradient exercises conv2dGradX of the first block (and the chain above it).
      let num2 = 0;
      for (let i = 0; i < x64.length; i++) {
        const p = Float64Array.from(x64), m = Float64Array.from(x64);
        p[i] += h;
        m[i] -= h;
        const numeric = (reference(net, p, labels, batch).loss - reference(net, m, labels, batch).loss) / (2 * h);
        expect(relErr(dx[i], numeric), `dx[${i}]: ${dx[i]} vs ${numeric}`).toBeLessThan(1e-2);
        num2 += numeric ** 2;
      }
      expect(Math.sqrt(num2)).toBeGreaterThan(1e-5);
    });
  }
});
