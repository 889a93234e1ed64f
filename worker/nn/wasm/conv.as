// Convolution kernels for channels-last images (batch, h, w, c), filters (k, k, cin, cout).
//
// Direct ("implicit GEMM") convolution rather than im2col + the dense layers' matmul, chosen by
// measurement: a window's values are read straight from a zero-bordered copy of the input into
// the non-zero lists of lists.as's kind, which the register tiles of tile.as consume — the same
// inner loop as the dense layers, without writing and re-reading an im2col matrix (k·k times
// the input). With channels last, one row of a window is k·cin contiguous values matching k·cin
// contiguous rows of the filter, so a list is k contiguous runs. Forward pass, batch 32, fastest
// of 40 interleaved runs on the loaded 2-core machine (relaxed SIMD): 14×14×16 → 32, 5×5 same,
// 50% zero inputs: direct 6.5 ms, im2col + matmul 8.3 ms (1.29×); 28×28×1 → 16, 5×5, 80% zeros:
// 1.8 vs 2.2 ms (1.26×); 14×14×16 → 32, 3×3: 2.7 vs 2.8 ms (1.04×). im2col would also need
// k·k× the input in scratch (25× for 5×5: 78 MB for the second block of a 250-image test batch).
// Zeros are skipped everywhere: ink-free pixels and ReLU zeros going forward, and the three
// quarters of the gradient that max-pooling routes nowhere going back.
import { pairFromList, rowFromList } from './tile';

/** xp(batch, h+2·pad, w+2·pad, c) = x with a zero border of `pad` pixels. */
export function padImages(xp: usize, x: usize, batch: i32, h: i32, w: i32, c: i32, pad: i32): void {
  const hp = h + 2 * pad, wp = w + 2 * pad;
  const rowIn = <usize>(w * c) << 2, rowOut = <usize>(wp * c) << 2;
  memory.fill(xp, 0, <usize>batch * <usize>hp * rowOut);
  for (let b = 0; b < batch; b++) {
    const src = x + <usize>(b * h) * rowIn, dst = xp + (<usize>(b * hp + pad) * rowOut) + (<usize>(pad * c) << 2);
    for (let y = 0; y < h; y++) memory.copy(dst + <usize>y * rowOut, src + <usize>y * rowIn, rowIn);
  }
}

/**
 * Appends to a list the union of the non-zeros of runs a0[0..len) and a1[0..len): entry
 * (byte offset (row + q)·rowBytes of filter row row + q, a0[q], a1[q]). Branch-free per value.
 */
// @ts-ignore: decorator
@inline function appendPair(a0: usize, a1: usize, len: i32, row: i32, rowBytes: i32, idx: usize, v0: usize, v1: usize, c: i32): i32 {
  let q = 0;
  for (; q + 4 <= len; q += 4) {
    const qb = <usize>q << 2;
    if (!v128.any_true(v128.or(v128.load(a0 + qb), v128.load(a1 + qb)))) continue;
    for (let r = q; r < q + 4; r++) {
      const rb = <usize>r << 2, cb = <usize>c << 2;
      const x = load<f32>(a0 + rb), y = load<f32>(a1 + rb);
      store<i32>(idx + cb, (row + r) * rowBytes);
      store<f32>(v0 + cb, x);
      store<f32>(v1 + cb, y);
      c += i32(x != 0) | i32(y != 0);
    }
  }
  for (; q < len; q++) {
    const rb = <usize>q << 2, cb = <usize>c << 2;
    const x = load<f32>(a0 + rb), y = load<f32>(a1 + rb);
    store<i32>(idx + cb, (row + q) * rowBytes);
    store<f32>(v0 + cb, x);
    store<f32>(v1 + cb, y);
    c += i32(x != 0) | i32(y != 0);
  }
  return c;
}

/**
 * out(batch, oh, ow, cout) = xp ⊛ w + bias over an already padded xp(batch, hp, wp, cin)
 * ('valid': oh = hp − k + 1); bias = 0 for none; relu ≠ 0: max(0, ·) on the way out (fused
 * ReLU, while the rows are in L1). Output pixels in pairs (consecutive in raster order) share
 * one list, so each filter row loaded feeds two pixels. scratch: 12·(k·k·cin + 4) bytes.
 */
export function convValid(out: usize, xp: usize, w: usize, bias: usize, batch: i32, hp: i32, wp: i32, cin: i32, cout: i32, k: i32, relu: i32, scratch: usize): void {
  const oh = hp - k + 1, ow = wp - k + 1, seg = k * cin, cap = <usize>(k * seg + 4) << 2;
  const idx = scratch, v0 = scratch + cap, v1 = v0 + cap;
  const rowBytes = cout << 2, rowIn = <usize>(wp * cin) << 2, outRow = <usize>cout << 2;
  const total = batch * oh * ow;
  let m = 0;
  // Window start of pixel m, advanced pixel by pixel: (b, oy, ox) → ((b·hp + oy)·wp + ox)·cin.
  let b = 0, oy = 0, ox = 0;
  while (m < total) {
    const a0 = xp + (<usize>(((b * hp + oy) * wp + ox) * cin) << 2);
    if (++ox == ow) { ox = 0; if (++oy == oh) { oy = 0; b++; } }
    const o0 = out + <usize>m * outRow;
    if (m + 1 < total) {
      const a1 = xp + (<usize>(((b * hp + oy) * wp + ox) * cin) << 2);
      if (++ox == ow) { ox = 0; if (++oy == oh) { oy = 0; b++; } }
      let c = 0;
      for (let dy = 0; dy < k; dy++) c = appendPair(a0 + <usize>dy * rowIn, a1 + <usize>dy * rowIn, seg, dy * seg, rowBytes, idx, v0, v1, c);
      pairFromList(o0, o0 + outRow, bias, bias, w, idx, v0, v1, c, cout);
      if (relu) clampRows(o0, 2 * cout);
      m += 2;
    } else {
      let c = 0;
      for (let dy = 0; dy < k; dy++) c = appendPair(a0 + <usize>dy * rowIn, a0 + <usize>dy * rowIn, seg, dy * seg, rowBytes, idx, v0, v1, c);
      rowFromList(o0, bias, w, idx, v0, c, cout);
      if (relu) clampRows(o0, cout);
      m++;
    }
  }
}

/** o[0..n) = max(0, o[0..n)). */
// @ts-ignore: decorator
@inline function clampRows(o: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let j = 0;
  for (; j + 4 <= n; j += 4) v128.store(o + (<usize>j << 2), f32x4.max(v128.load(o + (<usize>j << 2)), zero));
  for (; j < n; j++) store<f32>(o + (<usize>j << 2), max(load<f32>(o + (<usize>j << 2)), <f32>0));
}

/** d[i] = 0 where y[i] ≤ 0 (ReLU's backward step, y its output). */
export function reluBackward(d: usize, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(d + o, v128.and(v128.load(d + o), f32x4.gt(v128.load(y + o), zero)));
  }
  for (; i < n; i++) if (load<f32>(y + (<usize>i << 2)) <= 0) store<f32>(d + (<usize>i << 2), 0);
}

/**
 * dwT(cout, k, k·cin) += Σ over output pixels m of dOut[m, co] · window(m): the filter gradient,
 * transposed, over an already padded xp(batch, hp, wp, cin). Channels in pairs share one list of
 * the pixels where either has a gradient (max-pooling leaves most pixels without), and each
 * window row is a contiguous run: k tiles of k·cin columns per list. scratch: 12·(pixels + 4) bytes.
 */
export function convGradWT(dwT: usize, xp: usize, dOut: usize, batch: i32, hp: i32, wp: i32, cin: i32, cout: i32, k: i32, scratch: usize): void {
  const oh = hp - k + 1, ow = wp - k + 1, seg = k * cin, K = k * seg, total = batch * oh * ow;
  const cap = <usize>(total + 4) << 2;
  const idx = scratch, v0 = scratch + cap, v1 = v0 + cap;
  const rowIn = <usize>(wp * cin) << 2, dRow = <usize>cout << 2;
  for (let co = 0; co < cout; co += 2) {
    const pair = co + 1 < cout;
    let c = 0, m = 0;
    let d = dOut + (<usize>co << 2);
    for (let b = 0; b < batch; b++) for (let oy = 0; oy < oh; oy++) {
      let at = ((b * hp + oy) * wp) * cin << 2;
      for (let ox = 0; ox < ow; ox++, m++, d += dRow, at += cin << 2) {
        const x = load<f32>(d), y = pair ? load<f32>(d, 4) : 0;
        const cb = <usize>c << 2;
        store<i32>(idx + cb, at);
        store<f32>(v0 + cb, x);
        store<f32>(v1 + cb, y);
        c += i32(x != 0) | i32(y != 0);
      }
    }
    if (c == 0) continue;
    const r0 = dwT + (<usize>(co * K) << 2), r1 = r0 + (<usize>K << 2);
    for (let dy = 0; dy < k; dy++) {
      const o = <usize>(dy * seg) << 2, src = xp + <usize>dy * rowIn;
      if (pair) pairFromList(r0 + o, r1 + o, r0 + o, r1 + o, src, idx, v0, v1, c, seg);
      else rowFromList(r0 + o, r0 + o, src, idx, v0, c, seg);
    }
  }
}

/**
 * dxp(batch, hp, wp, cin) += Σ over output pixels m, channels co of dOut[m, co] · wT[co, window]:
 * the input gradient, scattered from each pixel's non-zero gradients into a zero-bordered dxp
 * (oh = hp − k + 1). wT is the filter as (cout, k, k·cin). Max-pooling leaves ~3/4 of dOut zero,
 * so listing each pixel's few non-zero channels and adding k runs of k·cin per list beat the
 * gather form (a convolution of dOut with the flipped filter, listing k·k·cout values per
 * pixel pair) by ~3× on the second conv block. scratch: 8·(cout + 4) bytes.
 */
export function convScatter(dxp: usize, dOut: usize, wT: usize, batch: i32, hp: i32, wp: i32, cin: i32, cout: i32, k: i32, scratch: usize): void {
  const oh = hp - k + 1, ow = wp - k + 1, seg = k * cin, K = k * seg;
  const idx = scratch, val = scratch + (<usize>(cout + 4) << 2);
  const rowIn = <usize>(wp * cin) << 2, segBytes = <usize>seg << 2;
  let d = dOut;
  for (let b = 0; b < batch; b++) for (let oy = 0; oy < oh; oy++) {
    let base = dxp + (<usize>((b * hp + oy) * wp * cin) << 2);
    for (let ox = 0; ox < ow; ox++, base += <usize>cin << 2) {
      let c = 0;
      for (let co = 0; co < cout; co++) {
        const v = load<f32>(d + (<usize>co << 2)), cb = <usize>c << 2;
        store<i32>(idx + cb, co * K << 2);
        store<f32>(val + cb, v);
        c += i32(v != 0);
      }
      d += <usize>cout << 2;
      if (c == 0) continue;
      for (let dy = 0; dy < k; dy++) {
        const o = base + <usize>dy * rowIn;
        rowFromList(o, o, wT + <usize>dy * segBytes, idx, val, c, seg);
      }
    }
  }
}

/** x(batch, h, w, c) = the interior of xp(batch, h+2·pad, w+2·pad, c). */
export function cropImages(x: usize, xp: usize, batch: i32, h: i32, w: i32, c: i32, pad: i32): void {
  const hp = h + 2 * pad, wp = w + 2 * pad;
  const rowOut = <usize>(w * c) << 2, rowIn = <usize>(wp * c) << 2;
  for (let b = 0; b < batch; b++) {
    const src = xp + (<usize>(b * hp + pad) * rowIn) + (<usize>(pad * c) << 2), dst = x + <usize>(b * h) * rowOut;
    for (let y = 0; y < h; y++) memory.copy(dst + <usize>y * rowOut, src + <usize>y * rowIn, rowOut);
  }
}

/** dw(K, cout) += dwT(cout, K)ᵀ. */
export function addTransposed(dw: usize, dwT: usize, K: i32, cout: i32): void {
  for (let r = 0; r < K; r++) {
    const row = dw + (<usize>(r * cout) << 2);
    for (let co = 0; co < cout; co++) {
      const p = row + (<usize>co << 2);
      store<f32>(p, load<f32>(p) + load<f32>(dwT + (<usize>(co * K + r) << 2)));
    }
  }
}
