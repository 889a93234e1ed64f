// Points evenly spaced along a pen stroke, for the tests that look at a stroke's shape rather than
// at how fast the pointer reported it (pen.ts loopGap, hull.ts insideShare): a fixed count keeps
// their cost the same at any pointer rate.

import type { Point } from './pen.ts';

/** The arc length from a stroke's first point to each of its points. */
export function arcLengths(s: readonly Point[]): number[] {
  const at = [0];
  for (let i = 1; i < s.length; i++) at.push(at[i - 1] + Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y));
  return at;
}

/** n points evenly spaced along the stroke, given the arc length `at` of each point (at[last] > 0). */
export function resampleAlong(s: readonly Point[], at: readonly number[], n: number): Point[] {
  const length = at[at.length - 1];
  const out: Point[] = [];
  for (let k = 0, i = 0; k < n; k++) {
    const want = (length * k) / (n - 1);
    while (i < s.length - 2 && at[i + 1] < want) i++;
    const t = at[i + 1] > at[i] ? Math.min(1, (want - at[i]) / (at[i + 1] - at[i])) : 0;
    out.push({ x: s[i].x + (s[i + 1].x - s[i].x) * t, y: s[i].y + (s[i + 1].y - s[i].y) * t });
  }
  return out;
}
