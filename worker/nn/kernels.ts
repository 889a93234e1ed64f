// The only place heavy maths happens. Layers, the optimiser and the trainer call these; the
// WebAssembly SIMD backend (wasm/wasm-kernels.ts) replaces the whole object without touching
// layer code, and backend.ts picks one. This file is the reference both must agree with.
// All matrices are row-major Float32Arrays; shapes are given as (rows, cols).

import { relu } from './activations.ts';
import { conv2d, conv2dGradW, conv2dGradX, maxPool2, maxPool2Backward } from './conv-kernels.ts';

/** Constants of one Adam step (see optimizer.ts): bc1/bc2 are the bias corrections 1 − βᵗ. */
export interface AdamStep {
  lr: number;
  beta1: number;
  beta2: number;
  bc1: number;
  bc2: number;
  eps: number;
  weightDecay: number;
}

/**
 * One stride-1 convolution over a batch of channels-last images: x(batch, h, w, cin) →
 * (batch, oh, ow, cout) with oh = h + 2·pad − k + 1 (likewise ow); w is (k, k, cin, cout).
 */
export interface ConvShape {
  batch: number;
  h: number;
  w: number;
  cin: number;
  cout: number;
  k: number;
  pad: number;
  /** The output is max(0, ·): ReLU fused into the convolution's stores. */
  relu?: boolean;
}

export interface Kernels {
  readonly name: string;
  /** Storage for parameters and activations: a backend may need them in its own memory. */
  alloc(length: number): Float32Array;
  /** Byte storage in the same place (e.g. a batch's raw pixels before unitFromBytes). */
  allocBytes(length: number): Uint8Array;
  /** out(m,n) = a(m,k) · b(k,n) + bias(n). Zeros in `a` are skipped (MNIST pixels, ReLU outputs). */
  matmul(out: Float32Array, a: Float32Array, b: Float32Array, bias: Float32Array, m: number, k: number, n: number): void;
  /** out(k,n) += a(m,k)ᵀ · b(m,n) — weight gradients. */
  matmulTransA(out: Float32Array, a: Float32Array, b: Float32Array, m: number, k: number, n: number): void;
  /** out(m,k) = a(m,n) · b(k,n)ᵀ — gradients flowing back to a layer's input. */
  matmulTransB(out: Float32Array, a: Float32Array, b: Float32Array, m: number, n: number, k: number): void;
  /** out(n) += column sums of a(m,n) — bias gradients. */
  sumRows(out: Float32Array, a: Float32Array, m: number, n: number): void;
  /** One Adam update of w (n values) from its gradient g and moments m, v (updated in place). */
  adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, n: number, s: AdamStep): void;
  /** w −= lr·d with d = g + wd·w, or with momentum mu > 0: d = mom = mu·mom + g + wd·w. */
  sgd(w: Float32Array, g: Float32Array, mom: Float32Array | null, n: number, lr: number, mu: number, wd: number): void;
  /** out[i] = bytes[i] / 255: image bytes to 0..1 inputs. */
  unitFromBytes(out: Float32Array, bytes: Uint8Array, n: number): void;
  /** avg[i] += rate·(w[i] − avg[i]): a running average of weights (the model that answers). */
  average(avg: Float32Array, w: Float32Array, n: number, rate: number): void;
  /** Σ a[i]² over n values (gradient norms: kernelsFor(dw).sumSquares(dw, dw.length)). */
  sumSquares(a: Float32Array, n: number): number;
  /** out(batch, oh, ow, cout) = x ⊛ w + bias (see ConvShape). Zeros in x are skipped. */
  conv2d(out: Float32Array, x: Float32Array, w: Float32Array, bias: Float32Array, s: ConvShape): void;
  /** dw(k, k, cin, cout) += the filter gradient from x and dOut(batch, oh, ow, cout). */
  conv2dGradW(dw: Float32Array, x: Float32Array, dOut: Float32Array, s: ConvShape): void;
  /** dx(batch, h, w, cin) = the input gradient from dOut(batch, oh, ow, cout) and w. */
  conv2dGradX(dx: Float32Array, dOut: Float32Array, w: Float32Array, s: ConvShape): void;
  /** d[i] = 0 where y[i] ≤ 0: ReLU's backward step, for the conv blocks' fused ReLU. */
  reluBackward(d: Float32Array, y: Float32Array, n: number): void;
  /** out(batch, h>>1, w>>1, c) = max of each 2×2 window of x(batch, h, w, c). */
  maxPool2(out: Float32Array, x: Float32Array, batch: number, h: number, w: number, c: number): void;
  /** dx(batch, h, w, c) = dOut at each window's first maximum (x equal to out), 0 elsewhere. */
  maxPool2Backward(dx: Float32Array, dOut: Float32Array, x: Float32Array, out: Float32Array, batch: number, h: number, w: number, c: number): void;
  /**
   * Optional: warps each 28×28 image of x (batch × 784) in place by its affine map
   * (6 values per image, see train/augment.ts, which has the TypeScript form). False when it
   * could not (no room to stage the arrays): the caller warps in TypeScript.
   */
  warpAffine?(x: Float32Array, batch: number, maps: Float32Array): boolean;
  /**
   * Optional: blends each 28×28 image of x by amounts[s] towards its dilation (> 0) or erosion
   * (< 0); see train/strokes.ts for the TypeScript form. False when it could not.
   */
  strokeWidth?(x: Float32Array, batch: number, amounts: Float32Array): boolean;
}

// v/255 for every byte value: one lookup per pixel instead of a division.
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

const owners = new WeakMap<ArrayBufferLike, Kernels>();

/** Called by a backend that keeps tensors in its own memory, so kernelsFor() can find it. */
export function registerMemory(buffer: ArrayBufferLike, k: Kernels): void {
  owners.set(buffer, k);
}

/** The backend whose memory holds `a` (the optimiser updates tensors where they live). */
export function kernelsFor(a: Float32Array): Kernels {
  return owners.get(a.buffer) ?? tsKernels;
}

export const tsKernels: Kernels = {
  name: 'typescript',
  conv2d,
  conv2dGradW,
  conv2dGradX,
  maxPool2,
  maxPool2Backward,
  reluBackward: (d, y, n) => relu.backward(d, y, n),

  alloc: (length) => new Float32Array(length),
  allocBytes: (length) => new Uint8Array(length),

  matmul(out, a, b, bias, m, k, n) {
    for (let i = 0; i < m; i++) {
      const o = i * n;
      for (let j = 0; j < n; j++) out[o + j] = bias[j];
      const ai = i * k;
      // Four rows of b per pass: fewer loads/stores of out[] per multiply-add.
      let p = 0;
      for (; p + 3 < k; p += 4) {
        const a0 = a[ai + p], a1 = a[ai + p + 1], a2 = a[ai + p + 2], a3 = a[ai + p + 3];
        if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
        const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
        for (let j = 0; j < n; j++) {
          out[o + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
        }
      }
      for (; p < k; p++) {
        const av = a[ai + p];
        if (av === 0) continue;
        const bp = p * n;
        for (let j = 0; j < n; j++) out[o + j] += av * b[bp + j];
      }
    }
  },

  matmulTransA(out, a, b, m, k, n) {
    for (let i = 0; i < m; i++) {
      const ai = i * k, bi = i * n;
      for (let p = 0; p < k; p++) {
        const av = a[ai + p];
        if (av === 0) continue;
        const o = p * n;
        for (let j = 0; j < n; j++) out[o + j] += av * b[bi + j];
      }
    }
  },

  matmulTransB(out, a, b, m, n, k) {
    for (let i = 0; i < m; i++) {
      const ai = i * n, o = i * k;
      for (let p = 0; p < k; p++) {
        const bp = p * n;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        let j = 0;
        for (; j + 3 < n; j += 4) {
          s0 += a[ai + j] * b[bp + j];
          s1 += a[ai + j + 1] * b[bp + j + 1];
          s2 += a[ai + j + 2] * b[bp + j + 2];
          s3 += a[ai + j + 3] * b[bp + j + 3];
        }
        for (; j < n; j++) s0 += a[ai + j] * b[bp + j];
        out[o + p] = s0 + s1 + s2 + s3;
      }
    }
  },

  sumRows(out, a, m, n) {
    for (let i = 0; i < m; i++) {
      const ai = i * n;
      for (let j = 0; j < n; j++) out[j] += a[ai + j];
    }
  },

  adam(w, g, m, v, n, s) {
    const b1 = s.beta1, b2 = s.beta2, a = s.lr / s.bc1, bc2 = s.bc2, wd = s.weightDecay, eps = s.eps;
    for (let i = 0; i < n; i++) {
      const gi = g[i] + wd * w[i];
      const mi = (m[i] = b1 * m[i] + (1 - b1) * gi);
      const vi = (v[i] = b2 * v[i] + (1 - b2) * gi * gi);
      w[i] -= (a * mi) / (Math.sqrt(vi / bc2) + eps);
    }
  },

  sgd(w, g, mom, n, lr, mu, wd) {
    if (mom && mu !== 0) {
      for (let i = 0; i < n; i++) {
        const mi = (mom[i] = mu * mom[i] + g[i] + wd * w[i]);
        w[i] -= lr * mi;
      }
    } else {
      for (let i = 0; i < n; i++) w[i] -= lr * (g[i] + wd * w[i]);
    }
  },

  unitFromBytes(out, bytes, n) {
    for (let i = 0; i < n; i++) out[i] = UNIT[bytes[i]];
  },

  average(avg, w, n, rate) {
    for (let i = 0; i < n; i++) avg[i] += rate * (w[i] - avg[i]);
  },

  sumSquares(a, n) {
    // Four running sums: one would wait on the previous add every step.
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    let i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * a[i];
      s1 += a[i + 1] * a[i + 1];
      s2 += a[i + 2] * a[i + 2];
      s3 += a[i + 3] * a[i + 3];
    }
    for (; i < n; i++) s0 += a[i] * a[i];
    return s0 + s1 + s2 + s3;
  },
};
