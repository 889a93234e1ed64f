// How wide a drawing stands at the bottom, on the 28×28 input the network saw. A 4 and a 7 end
// in one stem: their lowest rows hold a short run of ink. Letters the network reads as 4 stand on
// two legs or a bar (A, H, K, M, N, R, X, h, k, m, n), and their lowest rows span most of the
// drawing. Measured with the app's input (docs/not-sure.md, "A 4 or a 7 stands on one stem"): the
// lowest 12 % of the ink spans more than 85 % of its width in 2 of MNIST's 982 test 4s and none of
// its 1,028 test 7s (8 and 6 of the ~6,000 training 4s and 7s, most of them H-like), in no UNIPEN
// dev 4 or 7 (at most 0.76 and 0.40 as the e2e replay places them), and in none of 1,000
// generated 4s and 7s.

/** The bottom band: this share of the ink's height, at least one row. */
export const FOOT_BAND = 0.12;
/** Wider than this share of the ink's width, the drawing does not stand on one stem. */
export const WIDE_FOOT = 0.85;
/** A pixel is ink above this share of the full scale (MNIST's images are anti-aliased). */
export const INK = 0.3;

/**
 * The share of the ink's width that its lowest FOOT_BAND spans (0 without ink). `input`: a
 * square image, row-major; `ink`: the value above which a pixel is ink (0.3 of the full scale:
 * 0.3 for the network's 0..1 input, 76.5 for bytes).
 */
export function footSpan(input: ArrayLike<number>, ink = INK): number {
  const side = Math.round(Math.sqrt(input.length));
  if (side * side !== input.length) throw new Error(`footSpan: ${input.length} pixels is not a square image`);
  let top = side, bottom = -1, left = side, right = -1;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (!(input[y * side + x] > ink)) continue;
      top = Math.min(top, y);
      bottom = y;
      left = Math.min(left, x);
      right = Math.max(right, x);
    }
  }
  if (bottom < 0) return 0;
  const from = bottom - Math.max(1, Math.round(FOOT_BAND * (bottom - top + 1))) + 1;
  let footLeft = side, footRight = -1;
  for (let y = from; y <= bottom; y++) {
    for (let x = 0; x < side; x++) {
      if (!(input[y * side + x] > ink)) continue;
      footLeft = Math.min(footLeft, x);
      footRight = Math.max(footRight, x);
    }
  }
  return (footRight - footLeft + 1) / (right - left + 1);
}
