// Training-image distortions beyond the affine warp (worker/train/strokes.ts and elastic.ts
// draw the random amounts and hold the TypeScript forms): stroke width by grey-level dilation or
// erosion, four pixels per step, and elastic resampling.

const SIDE = 28;
const PS = 32; // bordered field: 30 rows of 32 (column 0 and 29..31 blank), so neighbour loads need no checks

/**
 * Each image of x (batch × 784) in place: t = amounts[s]; t > 0 blends it by t towards the maximum
 * of each pixel and its four neighbours (thicker strokes), t < 0 by −t towards the minimum
 * (thinner). field: 30·32·4 bytes of scratch.
 */
export function strokeWidth(x: usize, batch: i32, amounts: usize, field: usize): void {
  memory.fill(field, 0, 30 * PS * 4);
  for (let s = 0; s < batch; s++) {
    const t = load<f32>(amounts + (<usize>s << 2));
    if (t == 0) continue;
    const img = x + (<usize>(s * SIDE * SIDE) << 2);
    for (let y = 0; y < SIDE; y++) memory.copy(field + (<usize>((y + 1) * PS + 1) << 2), img + (<usize>(y * SIDE) << 2), SIDE * 4);
    const a = f32x4.splat(Mathf.abs(t));
    for (let y = 0; y < SIDE; y++) {
      for (let q = 0; q < SIDE; q += 4) {
        const p = field + (<usize>((y + 1) * PS + 1 + q) << 2);
        const v = v128.load(p), up = v128.load(p - PS * 4), down = v128.load(p + PS * 4);
        const left = v128.load(p - 4), right = v128.load(p + 4);
        const m = t > 0
          ? f32x4.max(f32x4.max(f32x4.max(v, up), f32x4.max(down, left)), right)
          : f32x4.min(f32x4.min(f32x4.min(v, up), f32x4.min(down, left)), right);
        v128.store(img + (<usize>(y * SIDE + q) << 2), f32x4.add(v, f32x4.mul(a, f32x4.sub(m, v))));
      }
    }
  }
}
