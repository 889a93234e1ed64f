// Simple digit shapes as pen strokes, for tests and the inference worker's warm-up: each in a box
// 1 tall, points every 0.04 or so (as a pointer would report them), with the stroke splits people
// use (a 4, 5 or crossed 7 in two strokes).

import type { PadPoint, Pt } from './pad.ts';

type Polyline = [number, number][];

/** Points along the polyline's corners, about `step` apart. */
function dense(corners: Polyline, step = 0.04): Pt[] {
  const out: Pt[] = [{ x: corners[0][0], y: corners[0][1] }];
  for (let i = 1; i < corners.length; i++) {
    const [ax, ay] = corners[i - 1], [bx, by] = corners[i];
    const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
    for (let k = 1; k <= n; k++) out.push({ x: ax + ((bx - ax) * k) / n, y: ay + ((by - ay) * k) / n });
  }
  return out;
}

function arc(cx: number, cy: number, rx: number, ry: number, from: number, to: number, n = 24): Polyline {
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = from + ((to - from) * i) / n;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as [number, number];
  });
}

const TAU = 2 * Math.PI;

/** Strokes of each shape, in a box 1 tall. */
export const SHAPES: Record<string, Polyline[]> = {
  '0': [arc(0.28, 0.5, 0.28, 0.5, -Math.PI / 2, -Math.PI / 2 + TAU, 40)],
  '1': [[[0.12, 0], [0.08, 1]]],
  '2': [[...arc(0.27, 0.27, 0.27, 0.27, Math.PI, 2.2 * Math.PI, 16), [0, 1], [0.6, 1]]],
  '3': [[...arc(0.25, 0.25, 0.25, 0.25, -Math.PI, Math.PI / 2, 16), ...arc(0.25, 0.75, 0.3, 0.25, -Math.PI / 2, Math.PI, 16)]],
  // A 4 as an L and a bar through its crossbar.
  '4': [[[0.42, 0], [0, 0.65], [0.62, 0.65]], [[0.45, 0.12], [0.45, 1]]],
  // A 5's body, then its flag.
  '5': [[[0.06, 0], [0.02, 0.45], ...arc(0.28, 0.7, 0.3, 0.28, -2.4, 2.6, 16)], [[0.06, 0], [0.58, 0]]],
  // A 7 with a crossbar.
  '7': [[[0, 0], [0.6, 0], [0.22, 1]], [[0.18, 0.52], [0.58, 0.52]]],
};

/** A shape's strokes scaled to `size` tall with its top-left at (x, y), in side units. */
export function place(shape: string, x: number, y: number, size: number): Pt[][] {
  const left = Math.min(...SHAPES[shape].flat().map(([px]) => px));
  return SHAPES[shape].map((line) => dense(line).map((p) => ({ x: x + (p.x - left) * size, y: y + p.y * size })));
}

/**
 * An H (no digit: a letter people write on a number pad), `size` tall from (x, y): two uprights
 * `gap` apart leaning right by `slant`, and a bar between them at height `at` (0 top, 1 foot) that
 * runs `over` past each (shares of `size`; negative: it stops short).
 */
export function letterH(x: number, y: number, size: number, o: { slant?: number; gap?: number; at?: number; over?: number } = {}): Pt[][] {
  const slant = o.slant ?? 0.1, gap = o.gap ?? 0.5, at = o.at ?? 0.5, over = o.over ?? 0;
  const left = (t: number) => slant * (1 - t); // the left upright at height t
  const upright = (dx: number): Polyline => [[left(0) + dx, 0], [left(1) + dx, 1]];
  const lines = [upright(0), upright(gap), [[left(at) - over, at], [left(at) + gap + over, at]] as Polyline];
  return lines.map((line) => dense(line).map((p) => ({ x: x + p.x * size, y: y + p.y * size })));
}

/**
 * An A of three strokes, `size` tall from (x, y): two legs from the apex down to feet `spread` apart
 * (`apart`: their tops that far apart instead of meeting), and a bar from leg to leg at height `at`.
 */
export function letterA(x: number, y: number, size: number, o: { spread?: number; at?: number; apart?: number } = {}): Pt[][] {
  const spread = o.spread ?? 0.7, at = o.at ?? 0.6, apart = o.apart ?? 0;
  const top = spread / 2;
  const leg = (t: number, side: -1 | 1) => top + side * (apart / 2 + (spread / 2 - apart / 2) * t); // x at height t
  const lines: Polyline[] = [[[leg(0, -1), 0], [leg(1, -1), 1]], [[leg(0, 1), 0], [leg(1, 1), 1]], [[leg(at, -1), at], [leg(at, 1), at]]];
  return lines.map((line) => dense(line).map((p) => ({ x: x + p.x * size, y: y + p.y * size })));
}

/**
 * A "#" (no digit: a symbol people write on a number pad), `size` tall from (x, y): two verticals
 * `gap` apart leaning right by `slant`, and two bars running `over` past both (shares of `size`).
 */
export function hashSign(x: number, y: number, size: number, o: { slant?: number; gap?: number; over?: number } = {}): Pt[][] {
  const slant = o.slant ?? 0.15, gap = o.gap ?? 0.4, over = o.over ?? 0.15;
  const left = (t: number) => over + slant * (1 - t); // the left vertical at height t (0 top, 1 bottom)
  const vertical = (dx: number): Polyline => [[left(0) + dx, 0], [left(1) + dx, 1]];
  const bar = (t: number): Polyline => [[left(t) - over, t], [left(t) + gap + over, t]];
  const lines = [vertical(0), vertical(gap), bar(1 / 3), bar(2 / 3)];
  return lines.map((line) => dense(line).map((p) => ({ x: x + p.x * size, y: y + p.y * size })));
}

/** Width of a shape's strokes when `size` tall. */
export function shapeWidth(shape: string, size: number): number {
  const xs = SHAPES[shape].flatMap((line) => dense(line).map((p) => p.x));
  return (Math.max(...xs) - Math.min(...xs)) * size;
}

/**
 * Digits written left to right, in side units of a pad 1 tall: each `size` tall,
 * `gap` (a share of the mean width of its neighbours) apart, the first at x = 0.1.
 */
export function writeNumber(text: string, o: { size?: number; gap?: number; top?: number; drift?: number } = {}): Pt[][][] {
  const size = o.size ?? 0.6, gap = o.gap ?? 0.4;
  let x = 0.1;
  return [...text].map((ch, i) => {
    if (i > 0) x += gap * ((shapeWidth(text[i - 1], size) + shapeWidth(ch, size)) / 2);
    const strokes = place(ch, x, (o.top ?? 0.2) + i * (o.drift ?? 0) * size, size);
    x += shapeWidth(ch, size);
    return strokes;
  });
}

/** Side units → pad fractions for a pad `width` side units wide and 1 tall. */
export function toPad(strokes: readonly Pt[][], width: number): PadPoint[][] {
  return strokes.map((s) => s.map((p) => ({ x: p.x / width, y: p.y })));
}
