// Register-tiled inner loops over a list of non-zeros (see matmul.as). A list entry t names
// a row of B (idx[t], its byte offset) and the A values that multiply it; a tile of output
// columns stays in registers while the list streams through, so each output is loaded and
// stored once per block and zero products are never computed.
import { madd } from './simd';

/**
 * One output row: out[j] = init[j] + Σₜ val[t]·b[idx[t] + j] (init = 0 for none), where the
 * list (idx = byte offset of a B row, val) holds the non-zeros of the A row or column.
 * Register tile: a block of 16 columns (4 accumulators) stays in registers while the list
 * streams through. Measured in Node's V8 on x64: 8 accumulators, or 4 with the list unrolled
 * by 4, ran 20–25% slower than this (register spills), so the simple form stays.
 */
// @ts-ignore: decorator
@inline export function rowFromList(out: usize, init: usize, b: usize, idx: usize, val: usize, cnt: i32, n: i32): void {
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
 * Two output rows sharing one list (a union of two A rows' non-zeros; either value may be 0):
 * each B row segment loaded feeds both rows, halving the loads per multiply-add. That is what
 * lets the products run at FMA speed; one row per list is bound by its loads.
 * out0/out1 (+)= Σₜ v0/v1[t]·b[idx[t] + j]; init0/init1 are the starting rows or 0.
 */
// @ts-ignore: decorator
@inline export function pairFromList(
  out0: usize, out1: usize, init0: usize, init1: usize, b: usize, idx: usize, v0: usize, v1: usize, cnt: i32, n: i32,
): void {
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    const jb = <usize>j << 2;
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, d0 = c0, d1 = c0, d2 = c0, d3 = c0;
    if (init0) {
      const r = init0 + jb, q = init1 + jb;
      c0 = v128.load(r); c1 = v128.load(r, 16); c2 = v128.load(r, 32); c3 = v128.load(r, 48);
      d0 = v128.load(q); d1 = v128.load(q, 16); d2 = v128.load(q, 32); d3 = v128.load(q, 48);
    }
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      const s = v128.load32_splat(v0 + tb), u = v128.load32_splat(v1 + tb);
      const r = b + <usize>load<i32>(idx + tb) + jb;
      const b0 = v128.load(r), b1 = v128.load(r, 16), b2 = v128.load(r, 32), b3 = v128.load(r, 48);
      c0 = madd(s, b0, c0); c1 = madd(s, b1, c1); c2 = madd(s, b2, c2); c3 = madd(s, b3, c3);
      d0 = madd(u, b0, d0); d1 = madd(u, b1, d1); d2 = madd(u, b2, d2); d3 = madd(u, b3, d3);
    }
    const o = out0 + jb, p = out1 + jb;
    v128.store(o, c0); v128.store(o, c1, 16); v128.store(o, c2, 32); v128.store(o, c3, 48);
    v128.store(p, d0); v128.store(p, d1, 16); v128.store(p, d2, 32); v128.store(p, d3, 48);
  }
  for (; j + 4 <= n; j += 4) {
    const jb = <usize>j << 2;
    let c = init0 ? v128.load(init0 + jb) : f32x4.splat(0);
    let d = init0 ? v128.load(init1 + jb) : f32x4.splat(0);
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      const bj = v128.load(b + <usize>load<i32>(idx + tb) + jb);
      c = madd(v128.load32_splat(v0 + tb), bj, c);
      d = madd(v128.load32_splat(v1 + tb), bj, d);
    }
    v128.store(out0 + jb, c);
    v128.store(out1 + jb, d);
  }
  for (; j < n; j++) {
    const jb = <usize>j << 2;
    let c: f32 = init0 ? load<f32>(init0 + jb) : 0;
    let d: f32 = init0 ? load<f32>(init1 + jb) : 0;
    for (let t = 0; t < cnt; t++) {
      const tb = <usize>t << 2;
      const bj = load<f32>(b + <usize>load<i32>(idx + tb) + jb);
      c += load<f32>(v0 + tb) * bj;
      d += load<f32>(v1 + tb) * bj;
    }
    store<f32>(out0 + jb, c);
    store<f32>(out1 + jb, d);
  }
}
