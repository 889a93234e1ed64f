// The three matrix products a dense layer needs, for 128-bit WebAssembly SIMD.
// All matrices are row-major f32; pointers are byte addresses in the one shared memory.
//
// Why sparse-aware: MNIST pixels are ~80% zero and ReLU outputs/gradients ~50%, so each kernel
// first lists the non-zeros of its A operand (lists.as), then runs a register-tiled loop over
// the list only (tile.as). Rows are taken in pairs sharing one list (the union of their
// non-zeros) so every B load feeds two rows; a lone last row uses a list of its own.
import { listColumn, listColumnPair, listRow, listRowPair } from './lists';
import { pairFromList, rowFromList } from './tile';

/** out(m,n) = a(m,k) · b(k,n) + bias(n); bias = 0 means none. scratch: 12·(k + 1) bytes. */
export function matmul(out: usize, a: usize, b: usize, bias: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  const idx = scratch, v0 = scratch + (<usize>(k + 1) << 2), v1 = v0 + (<usize>(k + 1) << 2);
  const rowA = <usize>k << 2, rowO = <usize>n << 2, rowBytes = n << 2;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a0 = a + <usize>i * rowA, o0 = out + <usize>i * rowO;
    const cnt = listRowPair(a0, a0 + rowA, k, rowBytes, idx, v0, v1);
    pairFromList(o0, o0 + rowO, bias, bias, b, idx, v0, v1, cnt, n);
  }
  if (i < m) {
    const cnt = listRow(a + <usize>i * rowA, k, rowBytes, idx, v0);
    rowFromList(out + <usize>i * rowO, bias, b, idx, v0, cnt, n);
  }
}

/** out(k,n) += a(m,k)ᵀ · b(m,n) — weight gradients. scratch: 12·(m + 1) bytes. */
export function matmulTransA(out: usize, a: usize, b: usize, m: i32, k: i32, n: i32, scratch: usize): void {
  const idx = scratch, v0 = scratch + (<usize>(m + 1) << 2), v1 = v0 + (<usize>(m + 1) << 2);
  const rowA = <usize>k << 2, rowO = <usize>n << 2, rowBytes = n << 2;
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    // Four features at once: a pixel that no image of the batch inks (the digit's margins)
    // leaves its four rows of out unchanged, found with one OR per sample.
    let any = f32x4.splat(0);
    let ap = a + (<usize>p << 2);
    for (let i = 0; i < m; i++, ap += rowA) any = v128.or(any, v128.load(ap));
    if (!v128.any_true(any)) continue;
    // Neighbouring features in pairs: adjacent pixels are mostly inked together.
    for (let q = p; q < p + 4; q += 2) {
      const cnt = listColumnPair(a + (<usize>q << 2), m, rowA, rowBytes, idx, v0, v1);
      if (cnt == 0) continue;
      const o = out + <usize>q * rowO;
      pairFromList(o, o + rowO, o, o + rowO, b, idx, v0, v1, cnt, n);
    }
  }
  for (; p < k; p++) {
    const cnt = listColumn(a + (<usize>p << 2), m, rowA, rowBytes, idx, v0);
    if (cnt == 0) continue;
    const o = out + <usize>p * rowO;
    rowFromList(o, o, b, idx, v0, cnt, n);
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
 * gradient, about half zeros). scratch: 4·k·n + 12·(n + 1) bytes.
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
