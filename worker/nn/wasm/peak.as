// The one-core f32x4 multiply-add peak the benchmark compares the CNN's training rate with:
// the register tile of tile.as (two rows × 16 columns, 8 accumulators) over cache-resident
// data, with no lists, no zeros and no tails — the best case of the product every layer uses.
import { madd } from './simd';

/** reps times out(2,16) = a(2,k) · b(k,16); returns out[0] so the work cannot be dropped. */
export function peakTile(out: usize, a: usize, b: usize, k: i32, reps: i32): f32 {
  for (let r = 0; r < reps; r++) {
    let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, d0 = c0, d1 = c0, d2 = c0, d3 = c0;
    const a1 = a + (<usize>k << 2);
    for (let p = 0; p < k; p++) {
      const pb = <usize>p << 2, row = b + (<usize>p << 6);
      const s = v128.load32_splat(a + pb), u = v128.load32_splat(a1 + pb);
      const b0 = v128.load(row), b1 = v128.load(row, 16), b2 = v128.load(row, 32), b3 = v128.load(row, 48);
      c0 = madd(s, b0, c0); c1 = madd(s, b1, c1); c2 = madd(s, b2, c2); c3 = madd(s, b3, c3);
      d0 = madd(u, b0, d0); d1 = madd(u, b1, d1); d2 = madd(u, b2, d2); d3 = madd(u, b3, d3);
    }
    v128.store(out, c0); v128.store(out, c1, 16); v128.store(out, c2, 32); v128.store(out, c3, 48);
    v128.store(out, d0, 64); v128.store(out, d1, 80); v128.store(out, d2, 96); v128.store(out, d3, 112);
  }
  return load<f32>(out);
}
