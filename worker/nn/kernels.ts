// The only place heavy maths happens. Layers call these; a faster backend (e.g. WebAssembly
// SIMD) can replace the whole object without touching layer code.
// All matrices are row-major Float32Arrays; shapes are given as (rows, cols).

export interface Kernels {
  readonly name: string;
  /** Storage for parameters and activations: a backend may need them in its own memory. */
  alloc(length: number): Float32Array;
  /** out(m,n) = a(m,k) · b(k,n) + bias(n). Zeros in `a` are skipped (MNIST pixels, ReLU outputs). */
  matmul(out: Float32Array, a: Float32Array, b: Float32Array, bias: Float32Array, m: number, k: number, n: number): void;
  /** out(k,n) += a(m,k)ᵀ · b(m,n) — weight gradients. */
  matmulTransA(out: Float32Array, a: Float32Array, b: Float32Array, m: number, k: number, n: number): void;
  /** out(m,k) = a(m,n) · b(k,n)ᵀ — gradients flowing back to a layer's input. */
  matmulTransB(out: Float32Array, a: Float32Array, b: Float32Array, m: number, n: number, k: number): void;
  /** out(n) += column sums of a(m,n) — bias gradients. */
  sumRows(out: Float32Array, a: Float32Array, m: number, n: number): void;
}

export const tsKernels: Kernels = {
  name: 'typescript',

  alloc: (length) => new Float32Array(length),

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
};
