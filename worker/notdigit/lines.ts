// Drawings made only of straight lines in a way no digit is: two lines that cross near both their
// middles (+, ×, x) or lines lying side by side, parallel and apart (=, ||, ≡). The network sees
// a + as a 4 and an = as a 2 now and then; the pen knows better. Every digit drawn in straight
// strokes alone meets its lines at their ends (a 7 of two strokes, a 4 of three: a bar and an
// upright crossing, but with a third stroke) or bends one of them (a 4's L, a 7's corner).

import type { Point } from './pen.ts';

/** A stroke is a straight line when no point strays more than this share of its chord from it… */
export const STRAIGHT = 0.12;
/** …and it spans at least this share of the drawing: a line, not a tick or a dot. */
export const LINE_SPAN = 0.3;
/** Two lines cross near their middles when the crossing is at least this share from each line's ends. */
export const MIDDLE = 0.2;
/** Lines within this angle of each other (radians, 20°) are parallel… */
export const PARALLEL = (20 * Math.PI) / 180;
/** …and side by side when both ends of each lie at least this share of the drawing from the other's line. */
export const APART_LINES = 0.15;

interface Line {
  a: Point;
  /** b − a */
  dx: number;
  dy: number;
  length: number;
}

/** The stroke as a line from its first point to its last, or null when it bends or is short. */
export function straightLine(s: readonly Point[], whole: number): Line | null {
  if (s.length < 2) return null;
  const a = s[0], b = s[s.length - 1];
  const dx = b.x - a.x, dy = b.y - a.y, length = Math.hypot(dx, dy);
  if (!(length >= LINE_SPAN * whole) || length === 0) return null;
  for (const p of s) {
    const px = p.x - a.x, py = p.y - a.y;
    // Off the chord sideways, or back beyond its ends (a stroke that doubles back on itself).
    const across = Math.abs(dx * py - dy * px) / length;
    const along = (dx * px + dy * py) / (length * length);
    if (across > STRAIGHT * length || along < -STRAIGHT || along > 1 + STRAIGHT) return null;
  }
  return { a, dx, dy, length };
}

/** The angle between two lines' directions, 0 to π/2. */
function angle(p: Line, q: Line): number {
  const cos = Math.abs(p.dx * q.dx + p.dy * q.dy) / (p.length * q.length);
  return Math.acos(Math.min(1, cos));
}

/** Whether p and q cross at least MIDDLE from both ends of both. */
function crossAtMiddles(p: Line, q: Line): boolean {
  if (angle(p, q) < PARALLEL) return false;
  const det = p.dx * q.dy - p.dy * q.dx;
  const ox = q.a.x - p.a.x, oy = q.a.y - p.a.y;
  const t = (ox * q.dy - oy * q.dx) / det; // along p
  const u = (ox * p.dy - oy * p.dx) / det; // along q
  return t >= MIDDLE && t <= 1 - MIDDLE && u >= MIDDLE && u <= 1 - MIDDLE;
}

/** Whether p and q are parallel and both ends of each lie at least `gap` from the other's line (a narrow V is no =). */
function sideBySide(p: Line, q: Line, gap: number): boolean {
  if (angle(p, q) >= PARALLEL) return false;
  const off = (l: Line, x: number, y: number) => Math.abs(l.dx * (y - l.a.y) - l.dy * (x - l.a.x)) / l.length;
  const apart = (l: Line, m: Line) => off(l, m.a.x, m.a.y) >= gap && off(l, m.a.x + m.dx, m.a.y + m.dy) >= gap;
  return apart(p, q) && apart(q, p);
}

/**
 * Whether the strokes (two or more, `whole` the drawing's size) are only straight lines that either
 * are exactly two crossing near both middles, or all lie side by side.
 */
export function onlyLines(strokes: readonly (readonly Point[])[], whole: number): boolean {
  if (strokes.length < 2 || !(whole > 0)) return false;
  const lines: Line[] = [];
  for (const s of strokes) {
    const l = straightLine(s, whole);
    if (!l) return false;
    lines.push(l);
  }
  if (lines.length === 2 && crossAtMiddles(lines[0], lines[1])) return true;
  for (let i = 0; i < lines.length; i++) for (let j = i + 1; j < lines.length; j++) if (!sideBySide(lines[i], lines[j], APART_LINES * whole)) return false;
  return true;
}
