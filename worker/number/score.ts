// Judging a segmentation against the digits a number was composed from.

import type { ComposedNumber } from './compose.ts';
import type { Segmentation } from './segment.ts';

/**
 * Right when there are as many groups as digits and group k holds exactly the whole strokes of
 * digit k: nothing missing, nothing borrowed, no stroke cut.
 */
export function segmentedRight(seg: Segmentation, number: ComposedNumber): boolean {
  if (seg.digits.length !== number.text.length || seg.separators.length > 0) return false;
  return seg.digits.every((g, k) => {
    const want = number.digitOf.flatMap((d, s) => (d === k ? [s] : []));
    const whole = g.pieces.every((p) => p.from === 0 && p.to === number.strokes[p.stroke].length);
    const got = g.pieces.map((p) => p.stroke).sort((a, b) => a - b);
    return whole && got.length === want.length && got.every((s, i) => s === want[i]);
  });
}
