// The three matrix products a dense layer needs, for 128-bit WebAssembly SIMD.
// All matrices are row-major f32; pointers are byte addresses in the one shared memory.
//
// Why sparse-aware: MNIST pixels are ~80% zero and ReLU outputs/gradients ~50%, so each kernel
// first lists the non-zeros of the A operand (idx = byte offset of the matching B row, val)
// and then runs a register-tiled inner loop over that list only (rowFromList), so `out` is
// loaded and stored once per column block and zero products are never computed.
import { madd } from './simd';

/**
 * One output row: out[j] = init[j] + Σₜ val[t]·b[idx[t] + j] (init = 0 for none), where the
 * list (idx = byte offset of a B row, val) holds the non-zeros of the A row or column.
 * Register tile: a block of 16 columns (4 accumulators) stays in registers while the list
 * streams through. Measured in Node's V8 on x64: 8 accumulators, or 4 with the list unrolled
 * by 4, ran 20–25% slower than this (register spills), so the simple form stays.
 */
// @ts-ignore: decorator
@inline function rowFromList(out: usize, init: usize, b: usize, idx: usize, val: usize, cnt: i32, n: i32): void {
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const jb = <usize>j << 2;
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0;
    if (init) {
      const r = init + jb;
      c0 = v128.load(r); c1 = v128.load(r, 16); c2 = v128.load(r, 32); c3 = v128.load(r, 48);
    }
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      const s = f32x4.splat(load<f32>(val + tb));
      const r = b + <usize>load<i32>(idx + tb) + jb;
      c0 = madd(s, v128.load(r), c0);
      c1 = madd(s, v128.load(r, 16), c1);
      c2 = madd(s, v128.load(r, 32), c2);
      c3 = madd(s, v128.load(r, 48), c3);
    }
    const o = out + jb;
    v128.store(o, c0); v128.store(o, c1, 16); v128.store(o, c2, 32); v128.store(o, c3, 48);
  }
  for (; j + 4 <= n; j += 4) {
    const jb = <usize>j << 2;
    let c = init ? v128.load(init + jb) : f32x4.splat(0);
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      c = madd(f32x4.splat(load<f32>(val + tb)), v128.load(b + <usize>load<i32>(idx + tb) + jb), c);
    }
    v128.store(out + jb, c);
  }
  for (; j < n; j++) {
    const jb = <usize>j << 2;
    let c: f32 = init ? load<f32>(init + jb) : 0;
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      c += load<f32>(val + tb) * load<f32>(b + <usize>load<i32>(idx + tb) + jb);
    }
    store<f32>(out + jb, c);
  }
}

/**
 * Lists the non-zeros of row a[0..k) as (byte offset p·rowBytes, value); returns the count.
 * Branch-free within a quad (always store, advance by v ≠ 0): which pixels are ink is
 * unpredictable, and a mispredicted branch per pixel cost more than the products themselves.
 */
// @ts-ignore: decorator
@inline function listRow(a: usize, k: i32, rowBytes: i32, idx: usize, val: usize): i32 {
  let c = 0;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    // An all-zero quad (most of an MNIST image) costs one test.
    if (!v128.any_true(v128.load(a + (<usize>p << 2)))) continue;
    for (let q = p; q < p + 4; q++) {
      const v = load<f32>(a + (<usize>q << 2));
      store<i32>(idx + (<usize>c << 2), q * rowBytes);
      store<f32>(val + (<usize>c << 2), v);
      c += i32(v != 0);
    }
  }
  for (; p < k; p++) {
    const v = load<f32>(a + (<usize>p << 2));
    store<i32>(idx + (<usize>c << 2), p * rowBytes);
    store<f32>(val + (<usize>c << 2), v);
    c += i32(v != 0);
  }
  return c;
}

/** out(m,n) = a(m,k) · b(k,n) + bias(n); bias = 0 means none. scratch: 8·k + 8 bytes. */
export function matmul(out: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  const idx = scratch, val = scratch + (<usize>(k + 1) << 2);
  for (let i = 0; i < m; i++) {
    const cnt = listRow(a + ((<usize>i * <usize>k) << 2), k, n << 2, idx, val);
    rowFromList(out + ((<usize>i * <usize>n) << 2), bias, b, idx, val, cnt, n);
  }
}

/** Lists the non-zeros of column p of a(m,k) (strided: one input feature across the batch). */
// @ts-ignore: decorator
@inline function listColumn(a: usize, m: i32, rowA: usize, rowBytes: i32, idx: usize, val: usize): i32 {
  let c = 0;
  let ap = a;
  for (let i = 0; i < m; i++, ap += rowA) {
    const v = load<f32>(ap);
    store<i32>(idx + (<usize>c << 2), i * rowBytes);
    store<f32>(val + (<usize>c << 2), v);
    c += i32(v != 0);
  }
  return c;
}

/** out(k,n) += a(m,k)ᵀ · b(m,n) — weight gradients. scratch: 8·m + 8 bytes. */
export function matmulTransA(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  const idx = scratch, val = scratch + (<usize>(m + 1) << 2);
  const rowA = <usize>k << 2, rowB = n << 2;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    // Four features at once: a pixel that no image of the batch inks (the digit's margins)
    // leaves its four rows of out unchanged, found with one OR per sample.
    let any = f32x4.splat(0);
    let ap = a + (<usize>p << 2);
    for (let i = 0; i < m; i++, ap += rowA) any = v128.or(any, v128.load(ap));
    if (!v128.any_true(any)) continue;
    for (let q = p; q < p + 4; q++) {
      const cnt = listColumn(a + (<usize>q << 2), m, rowA, rowB, idx, val);
      if (cnt == 0) continue;
      const o = out + ((<usize>q * <usize>n) << 2);
      rowFromList(o, o, b, idx, val, cnt, n);
    }
  }
  for (; p < k; p++) {
    const cnt = listColumn(a + (<usize>p << 2), m, rowA, rowB, idx, val);
    if (cnt == 0) continue;
    const o = out + ((<usize>p * <usize>n) << 2);
    rowFromList(o, o, b, idx, val, cnt, n);
  }
}

/** bT(n,k) = b(k,n)ᵀ, in 4×4 tiles (four rows read, four columns written per step). */
export function transpose(bT: usize, b: usize, k: i32, n: i32): void {
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const r0 = b + ((<usize>p * <usize>n) << 2), rs = <usize>n << 2;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const jb = <usize>j << 2;
      const x0 = v128.load(r0 + jb), x1 = v128.load(r0 + rs + jb);
      const x2 = v128.load(r0 + 2 * rs + jb), x3 = v128.load(r0 + 3 * rs + jb);
      const t0 = v128.shuffle<f32>(x0, x1, 0, 4, 1, 5), t1 = v128.shuffle<f32>(x2, x3, 0, 4, 1, 5);
      const t2 = v128.shuffle<f32>(x0, x1, 2, 6, 3, 7), t3 = v128.shuffle<f32>(x2, x3, 2, 6, 3, 7);
      const o = bT + ((<usize>j * <usize>k + <usize>p) << 2), os = <usize>k << 2;
      v128.store(o, v128.shuffle<f32>(t0, t1, 0, 1, 4, 5));
      v128.store(o + os, v128.shuffle<f32>(t0, t1, 2, 3, 6, 7));
      v128.store(o + 2 * os, v128.shuffle<f32>(t2, t3, 0, 1, 4, 5));
      v128.store(o + 3 * os, v128.shuffle<f32>(t2, t3, 2, 3, 6, 7));
    }
    for (; j < n; j++) {
      for (let q = p; q < p + 4; q++) {
        store<f32>(bT + ((<usize>j * <usize>k + <usize>q) << 2), load<f32>(b + ((<usize>q * <usize>n + <usize>j) << 2)));
      }
    }
  }
  for (; p < k; p++) {
    for (let j = 0; j < n; j++) {
      store<f32>(bT + ((<usize>j * <usize>k + <usize>p) << 2), load<f32>(b + ((<usize>p * <usize>n + <usize>j) << 2)));
    }
  }
}

/**
 * out(m,k) = a(m,n) · b(k,n)ᵀ — gradients flowing back to a layer's input. b is transposed
 * into scratch first so the product runs in the sparse A·B kernel above (a is a ReLU-gated
 * gradient, about half zeros). scratch: 4·k·n + 8·n + 8 bytes.
 */
export function matmulTransB(out: usize, a: usize, b: usize, m: i32, n: i32, k: i32, scratch: usize): void {
  const bT = scratch;
  transpose(bT, b, k, n);
  matmul(out, a, bT, 0, m, n, k, scratch + ((<usize>k * <usize>n) << 2));
}

/** out(n) += column sums of a(m,n) — bias gradients. */
export function sumRows(out: usize, a: usize, m: i32, n: i32): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    const jb = <usize>j << 2;
    let c = v128.load(out + jb);
    for (let i = 0; i < m; i++) c = f32x4.add(c, v128.load(a + ((<usize>i * <usize>n) << 2) + jb));
    v128.store(out + jb, c);
  }
  for (; j < n; j++) {
    const jb = <usize>j << 2;
    let c = load<f32>(out + jb);
    for (let i = 0; i < m; i++) c += load<f32>(a + ((<usize>i * <usize>n) << 2) + jb);
    store<f32>(out + jb, c);
  }
}
