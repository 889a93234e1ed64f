// Optimiser updates over one parameter tensor, four lanes at a time (scalar tail).
// They run once per step over every weight, so at batch 32 they cost as much as a matmul in JS.
import { madd } from './simd';

/**
 * Adam with L2 decay folded into the gradient: g' = g + wd·w; m = β1·m + (1−β1)·g';
 * v = β2·v + (1−β2)·g'²; w −= step·m / (√(v·invBc2) + ε), step = lr / (1 − β1ᵗ).
 */
export function adam(w: usize, g: usize, m: usize, v: usize, len: i32, step: f32, b1: f32, b2: f32, invBc2: f32, eps: f32, wd: f32): void {
  const vb1 = f32x4.splat(b1), vc1 = f32x4.splat(1 - b1), vb2 = f32x4.splat(b2), vc2 = f32x4.splat(1 - b2);
  const vinv = f32x4.splat(invBc2), veps = f32x4.splat(eps), vwd = f32x4.splat(wd), vstep = f32x4.splat(step);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const wi = v128.load(w + o);
    const gi = madd(vwd, wi, v128.load(g + o));
    const mi = madd(vc1, gi, f32x4.mul(vb1, v128.load(m + o)));
    const vi = madd(vc2, f32x4.mul(gi, gi), f32x4.mul(vb2, v128.load(v + o)));
    v128.store(m + o, mi);
    v128.store(v + o, vi);
    const den = f32x4.add(f32x4.sqrt(f32x4.mul(vi, vinv)), veps);
    v128.store(w + o, f32x4.sub(wi, f32x4.div(f32x4.mul(vstep, mi), den)));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    const wi = load<f32>(w + o);
    const gi = load<f32>(g + o) + wd * wi;
    const mi = b1 * load<f32>(m + o) + (1 - b1) * gi;
    const vi = b2 * load<f32>(v + o) + (1 - b2) * gi * gi;
    store<f32>(m + o, mi);
    store<f32>(v + o, vi);
    store<f32>(w + o, wi - (step * mi) / (Mathf.sqrt(vi * invBc2) + eps));
  }
}

/** SGD with momentum mu (0 = plain SGD, m untouched): m = mu·m + g + wd·w; w −= lr·m. */
export function sgd(w: usize, g: usize, m: usize, len: i32, lr: f32, mu: f32, wd: f32): void {
  const vlr = f32x4.splat(-lr), vmu = f32x4.splat(mu), vwd = f32x4.splat(wd);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const wi = v128.load(w + o);
    let d = madd(vwd, wi, v128.load(g + o));
    if (mu != 0) {
      d = madd(vmu, v128.load(m + o), d);
      v128.store(m + o, d);
    }
    v128.store(w + o, madd(vlr, d, wi));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    const wi = load<f32>(w + o);
    let d = load<f32>(g + o) + wd * wi;
    if (mu != 0) {
      d += mu * load<f32>(m + o);
      store<f32>(m + o, d);
    }
    store<f32>(w + o, wi - lr * d);
  }
}

/** out[i] = bytes[i] / 255: MNIST pixels to 0..1 (exactly the TS lookup table's values). */
export function unitFromBytes(out: usize, bytes: usize, len: i32): void {
  const d = f32x4.splat(255);
  let i = 0;
  for (; i + 16 <= len; i += 16) {
    const b = v128.load(bytes + <usize>i);
    const lo = i16x8.extend_low_i8x16_u(b), hi = i16x8.extend_high_i8x16_u(b);
    const o = out + (<usize>i << 2);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(lo)), d));
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(lo)), d), 16);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_low_i16x8_u(hi)), d), 32);
    v128.store(o, f32x4.div(f32x4.convert_i32x4_u(i32x4.extend_high_i16x8_u(hi)), d), 48);
  }
  for (; i < len; i++) store<f32>(out + (<usize>i << 2), <f32>load<u8>(bytes + <usize>i) / 255);
}

/** Σ a[i]² in f64 lanes (a gradient norm over ~10⁵ values must not lose small terms). */
export function sumSquares(a: usize, len: i32): f64 {
  let s0 = f64x2.splat(0), s1 = s0;
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const v = v128.load(a + (<usize>i << 2));
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(f32x4.mul(v, v)));
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(v128.shuffle<f32>(f32x4.mul(v, v), f32x4.splat(0), 2, 3, 0, 1)));
  }
  const s = f64x2.add(s0, s1);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < len; i++) {
    const v = <f64>load<f32>(a + (<usize>i << 2));
    total += v * v;
  }
  return total;
}

/** Running average of the weights: avg += rate·(w − avg). */
export function average(avg: usize, w: usize, len: i32, rate: f32): void {
  const vr = f32x4.splat(rate);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2;
    const a = v128.load(avg + o);
    v128.store(avg + o, madd(vr, f32x4.sub(v128.load(w + o), a), a));
  }
  for (; i < len; i++) {
    const o = <usize>i << 2;
    const a = load<f32>(avg + o);
    store<f32>(avg + o, a + rate * (load<f32>(w + o) - a));
  }
}
