// Random affine distortion of training images (worker/train/augment.ts draws the maps; this
// applies them): bilinear resampling of 28×28 images, four output pixels per step.

const SIDE = 28;
const PSIDE = 32; // source copied into a zero-bordered 32×32 field: no bounds checks per read
const PAD = 2;

/**
 * Warps each image of x (batch × 784 f32) in place. params: 6 f32 per image — the inverse
 * map (m00, m01, m10, m11) from output offsets to source offsets around the centre 13.5, and
 * the shift (dx, dy). An output pixel whose source lies outside [−1, 28)² is 0. src: 4 KiB of
 * scratch for the bordered copy.
 */
export function warpAffine(x: usize, batch: i32, params: usize, src: usize): void {
  const zero = f32x4.splat(0);
  for (let o = 0; o < PSIDE * PSIDE * 4; o += 16) v128.store(src + <usize>o, zero);
  const lane = f32x4(0, 1, 2, 3), lo = f32x4.splat(-1), hi = f32x4.splat(<f32>SIDE);
  const half = f32x4.splat(13.5), one = f32x4.splat(1);
  for (let s = 0; s < batch; s++) {
    const img = x + (<usize>s * SIDE * SIDE << 2);
    for (let y = 0; y < SIDE; y++) {
      const from = img + (<usize>(y * SIDE) << 2), to = src + (<usize>((y + PAD) * PSIDE + PAD) << 2);
      for (let q = 0; q < SIDE; q += 4) v128.store(to + (<usize>q << 2), v128.load(from + (<usize>q << 2)));
    }
    const pr = params + (<usize>s * 24);
    const m00 = f32x4.splat(load<f32>(pr)), m01 = load<f32>(pr, 4), m10 = f32x4.splat(load<f32>(pr, 8)), m11 = load<f32>(pr, 12);
    const dx = load<f32>(pr, 16), dy = load<f32>(pr, 20);
    for (let y = 0; y < SIDE; y++) {
      const oy = <f32>y - 13.5 - dy;
      const cx = f32x4.splat(m01 * oy), cy = f32x4.splat(m11 * oy);
      const row = img + (<usize>(y * SIDE) << 2);
      for (let xx = 0; xx < SIDE; xx += 4) {
        const ox = f32x4.sub(f32x4.sub(f32x4.add(lane, f32x4.splat(<f32>xx)), half), f32x4.splat(dx));
        const sx = f32x4.add(f32x4.add(f32x4.mul(m00, ox), cx), half);
        const sy = f32x4.add(f32x4.add(f32x4.mul(m10, ox), cy), half);
        const inside = v128.and(
          v128.and(f32x4.ge(sx, lo), f32x4.lt(sx, hi)),
          v128.and(f32x4.ge(sy, lo), f32x4.lt(sy, hi)),
        );
        const x0 = f32x4.floor(sx), y0 = f32x4.floor(sy);
        const fx = f32x4.sub(sx, x0), fy = f32x4.sub(sy, y0);
        // Byte offset of the top-left neighbour in src; lanes outside read src[0] (border, 0).
        const fpad = f32x4.splat(<f32>PAD), fside = f32x4.splat(<f32>PSIDE);
        let p = i32x4.trunc_sat_f32x4_s(f32x4.add(f32x4.mul(f32x4.add(y0, fpad), fside), f32x4.add(x0, fpad)));
        p = v128.and(i32x4.shl(p, 2), inside);
        let a = zero, b = zero, c = zero, d = zero;
        const p0 = src + <usize>i32x4.extract_lane(p, 0), p1 = src + <usize>i32x4.extract_lane(p, 1);
        const p2 = src + <usize>i32x4.extract_lane(p, 2), p3 = src + <usize>i32x4.extract_lane(p, 3);
        a = f32x4(load<f32>(p0), load<f32>(p1), load<f32>(p2), load<f32>(p3));
        b = f32x4(load<f32>(p0, 4), load<f32>(p1, 4), load<f32>(p2, 4), load<f32>(p3, 4));
        c = f32x4(load<f32>(p0, PSIDE * 4), load<f32>(p1, PSIDE * 4), load<f32>(p2, PSIDE * 4), load<f32>(p3, PSIDE * 4));
        d = f32x4(load<f32>(p0, PSIDE * 4 + 4), load<f32>(p1, PSIDE * 4 + 4), load<f32>(p2, PSIDE * 4 + 4), load<f32>(p3, PSIDE * 4 + 4));
        const gx = f32x4.sub(one, fx), gy = f32x4.sub(one, fy);
        const top = f32x4.add(f32x4.mul(a, gx), f32x4.mul(b, fx));
        const bottom = f32x4.add(f32x4.mul(c, gx), f32x4.mul(d, fx));
        const v = f32x4.add(f32x4.mul(top, gy), f32x4.mul(bottom, fy));
        v128.store(row + (<usize>xx << 2), v128.and(v, inside));
      }
    }
  }
}
