// 2×2 max-pooling of channels-last maps (batch, h, w, c), four channels per step. An odd last
// row or column is dropped (floor), as in the TypeScript reference (conv-kernels.ts).

/** out(batch, h>>1, w>>1, c) = the maximum of each 2×2 window of x. */
export function maxPool2(out: usize, x: usize, batch: i32, h: i32, w: i32, c: i32): void {
  const ph = h >> 1, pw = w >> 1, cb = <usize>c << 2, row = <usize>(w * c) << 2;
  for (let b = 0; b < batch; b++) for (let py = 0; py < ph; py++) for (let px = 0; px < pw; px++) {
    const i = x + (<usize>(((b * h + 2 * py) * w + 2 * px) * c) << 2);
    const o = out + (<usize>(((b * ph + py) * pw + px) * c) << 2);
    let ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const p = i + (<usize>ch << 2);
      const top = f32x4.max(v128.load(p), v128.load(p + cb)), bottom = f32x4.max(v128.load(p + row), v128.load(p + row + cb));
      v128.store(o + (<usize>ch << 2), f32x4.max(top, bottom));
    }
    for (; ch < c; ch++) {
      const p = i + (<usize>ch << 2);
      store<f32>(o + (<usize>ch << 2), max(max(load<f32>(p), load<f32>(p + cb)), max(load<f32>(p + row), load<f32>(p + row + cb))));
    }
  }
}

/**
 * dx(batch, h, w, c) = dOut at the first position of each window (top-left, top-right,
 * bottom-left, bottom-right) whose x equals the window's maximum out; 0 elsewhere. Branch-free:
 * four masks, each excluding the positions before it.
 */
export function maxPool2Backward(dx: usize, dOut: usize, x: usize, out: usize, batch: i32, h: i32, w: i32, c: i32): void {
  const ph = h >> 1, pw = w >> 1, cb = <usize>c << 2, row = <usize>(w * c) << 2;
  // Every window writes all four of its positions: only an odd last row or column needs zeros.
  if ((h | w) & 1) memory.fill(dx, 0, <usize>batch * <usize>h * row);
  for (let b = 0; b < batch; b++) for (let py = 0; py < ph; py++) for (let px = 0; px < pw; px++) {
    const off = <usize>(((b * h + 2 * py) * w + 2 * px) * c) << 2;
    const i = x + off, d = dx + off;
    const o = <usize>(((b * ph + py) * pw + px) * c) << 2;
    let ch = 0;
    for (; ch + 4 <= c; ch += 4) {
      const q = <usize>ch << 2;
      const m = v128.load(out + o + q), g = v128.load(dOut + o + q);
      const ma = f32x4.eq(v128.load(i + q), m);
      const mb = v128.andnot(f32x4.eq(v128.load(i + q + cb), m), ma);
      let seen = v128.or(ma, mb);
      const mc = v128.andnot(f32x4.eq(v128.load(i + q + row), m), seen);
      seen = v128.or(seen, mc);
      v128.store(d + q, v128.and(g, ma));
      v128.store(d + q + cb, v128.and(g, mb));
      v128.store(d + q + row, v128.and(g, mc));
      v128.store(d + q + row + cb, v128.andnot(g, seen));
    }
    for (; ch < c; ch++) {
      const q = <usize>ch << 2;
      const m = load<f32>(out + o + q), g = load<f32>(dOut + o + q);
      const at = load<f32>(i + q) == m ? q : load<f32>(i + q + cb) == m ? q + cb : load<f32>(i + q + row) == m ? q + row : q + row + cb;
      store<f32>(d + q, 0);
      store<f32>(d + q + cb, 0);
      store<f32>(d + q + row, 0);
      store<f32>(d + q + row + cb, 0);
      store<f32>(d + at, g);
    }
  }
}
