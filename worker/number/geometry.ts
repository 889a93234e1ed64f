// Boxes and distances between pen paths (centrelines, in side units).

import type { Pt } from './pad.ts';

/** x1/y1 inclusive: a single point is a box of size 0. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export function boxOf(points: readonly Pt[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of points) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  return { x0, y0, x1, y1 };
}

export function unionBox(boxes: readonly Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

export const widthOf = (b: Box) => b.x1 - b.x0;
export const heightOf = (b: Box) => b.y1 - b.y0;
export const centreX = (b: Box) => (b.x0 + b.x1) / 2;

/**
 * How far two boxes overlap horizontally, as a share of the narrower one's width (negative: a
 * gap). Widths count as at least `minWidth`: a near-vertical stroke has almost no width, and
 * without a floor any sliver of overlap with it would count as "all of it"…
 */
export function xOverlap(a: Box, b: Box, minWidth: number): number {
  const overlap = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const narrower = Math.min(widthOf(a), widthOf(b));
  // …but one wholly inside the other's columns overlaps all the way (a 4's bar within its bar).
  if (overlap >= narrower) return 1;
  return overlap / Math.max(minWidth, narrower);
}

/**
 * How much of mark `m`'s width lies over box `b`'s columns (negative: a gap), its width counted as
 * at least `minWidth`: a flag over its own digit, a bar over the gap between two.
 */
export function shareOver(m: Box, b: Box, minWidth = 0): number {
  return (Math.min(m.x1, b.x1) - Math.max(m.x0, b.x0)) / Math.max(minWidth, widthOf(m));
}

/** Gap between two boxes (0 when they overlap). */
export function boxGap(a: Box, b: Box): number {
  const dx = Math.max(0, a.x0 - b.x1, b.x0 - a.x1);
  const dy = Math.max(0, a.y0 - b.y1, b.y0 - a.y1);
  return Math.hypot(dx, dy);
}

/** Distance from p to the segment a–b. */
export function pointSegment(p: Pt, a: Pt, b: Pt): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

const cross = (o: Pt, a: Pt, b: Pt) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);

function segmentSegment(a: Pt, b: Pt, c: Pt, d: Pt): number {
  const d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return 0;
  return Math.min(pointSegment(a, c, d), pointSegment(b, c, d), pointSegment(c, a, b), pointSegment(d, a, b));
}

/**
 * Smallest distance between two pen paths (0 where they cross), or Infinity when their boxes are
 * further apart than `limit` — callers only care about near paths, and this skips the rest.
 */
export function pathDistance(a: readonly Pt[], b: readonly Pt[], boxA: Box, boxB: Box, limit = Infinity): number {
  if (boxGap(boxA, boxB) > limit) return Infinity;
  if (a.length === 1 && b.length === 1) return Math.hypot(a[0].x - b[0].x, a[0].y - b[0].y);
  let best = Infinity;
  const na = Math.max(1, a.length - 1), nb = Math.max(1, b.length - 1);
  for (let i = 0; i < na; i++) {
    const p = a[i], q = a[Math.min(i + 1, a.length - 1)];
    // Skip segments of a that are already further from b's box than the best so far.
    const sb = { x0: Math.min(p.x, q.x), y0: Math.min(p.y, q.y), x1: Math.max(p.x, q.x), y1: Math.max(p.y, q.y) };
    if (boxGap(sb, boxB) >= best) continue;
    for (let j = 0; j < nb; j++) {
      const d = segmentSegment(p, q, b[j], b[Math.min(j + 1, b.length - 1)]);
      if (d < best) best = d;
      if (best === 0) return 0;
    }
  }
  return best;
}

/**
 * The path with corners dropped that stray less than `tol` from the chord skipping them: pen
 * input brings a point every pixel or so, and distances between paths cost the product of their
 * lengths. Looks at most 32 points ahead, so it takes linear time.
 */
export function simplifyPath(points: readonly Pt[], tol: number): Pt[] {
  if (points.length <= 2) return [...points];
  const out = [points[0]];
  let a = 0;
  while (a < points.length - 1) {
    let next = a + 1;
    for (let j = a + 2; j < points.length && j <= a + 32; j++) {
      const dx = points[j].x - points[a].x, dy = points[j].y - points[a].y;
      const len = Math.sqrt(dx * dx + dy * dy);
      let ok = len > 0;
      for (let k = a + 1; ok && k < j; k++) {
        const qx = points[k].x - points[a].x, qy = points[k].y - points[a].y;
        const along = (qx * dx + qy * dy) / (len * len);
        ok = along > 0 && along < 1 && Math.abs(qx * dy - qy * dx) / len <= tol;
      }
      if (!ok) break;
      next = j;
    }
    out.push(points[next]);
    a = next;
  }
  return out;
}
