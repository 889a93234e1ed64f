// Digit styles MNIST's American writers rarely used, as pen strokes on a square pad, for the
// tests and the bench of "Your digits": a 7 crossed through its middle, a zero slashed from
// corner to corner, a 1 with a long flag and a base, a narrow zero under a long steep slash. Each sample is jittered (slant, rotation,
// width, size, place, wobbly corners) so held-out samples differ from the ones learnt, and goes
// through the pad's painting and the app's preprocessing like a drawing does (inputFromStrokes).

import type { Rng } from '../nn/rng.ts';
import type { Pt } from '../number/pad.ts';
import { inputFromStrokes } from '../preprocess/from-strokes.ts';

export type Style = 'crossed-7' | 'slashed-0' | 'flag-1' | 'long-slash-0';
export const STYLES: readonly Style[] = ['crossed-7', 'slashed-0', 'flag-1', 'long-slash-0'];
export const STYLE_LABEL: Record<Style, number> = { 'crossed-7': 7, 'slashed-0': 0, 'flag-1': 1, 'long-slash-0': 0 };

type Line = [number, number][];

function ellipse(cx: number, cy: number, rx: number, ry: number, from: number, to: number, n = 28): Line {
  return Array.from({ length: n + 1 }, (_, i) => {
    const a = from + ((to - from) * i) / n;
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)] as [number, number];
  });
}

/** The corners of each stroke in a box 1 tall (y down), `w` its width, `u()` uniform in [−1, 1). */
function corners(style: Style, w: number, u: () => number): Line[] {
  switch (style) {
    case 'crossed-7': {
      // Top bar (sometimes with a small tick down at its left end), the stem, and a bar through the stem.
      const foot = w * (0.3 + 0.1 * u());
      const top: Line = [[0, 0], [w, 0], [foot, 1]];
      if (u() > 0) top.unshift([0.02 * w, 0.12 + 0.04 * u()]);
      const yc = 0.5 + 0.08 * u();
      const xc = w + (foot - w) * yc;
      const half = w * (0.28 + 0.08 * u());
      return [top, [[xc - half, yc], [xc + half * (1 + 0.2 * u()), yc - 0.03 * u()]]];
    }
    case 'slashed-0': {
      const start = -Math.PI / 2 + 0.3 * u();
      const ring = ellipse(w / 2, 0.5, w / 2, 0.5, start, start + 2 * Math.PI * (1.02 + 0.03 * u()));
      const over = 0.08 + 0.05 * u();
      return [ring, [[-over * w, 1 + over * 0.6], [w * (1 + over), -over * 0.6]]];
    }
    case 'long-slash-0': {
      // A narrow ring and a slash from corner to corner of the whole drawing, far past the ring
      // (as UNIPEN's writer03 slashes): the slash, not the ring, is most of the ink.
      const start = -Math.PI / 2 + 0.3 * u();
      const ring = ellipse(w / 2, 0.5, (w / 2) * 0.7, 0.35, start, start + 2 * Math.PI * (1.02 + 0.03 * u()));
      return [ring, [[w * (0.05 + 0.05 * u()), 1], [w * (0.95 + 0.05 * u()), 0]]];
    }
    case 'flag-1': {
      // A long flag into the stem, and a base across its foot.
      const x = w * (0.55 + 0.05 * u());
      const flag: Line = [[0.02 * w, 0.38 + 0.08 * u()], [x, 0], [x, 1]];
      const base = w * (0.5 + 0.08 * u());
      return [flag, [[x - base * (0.9 + 0.1 * u()), 1], [x + base * (0.9 + 0.1 * u()), 1]]];
    }
  }
}

const WIDTH: Record<Style, number> = { 'crossed-7': 0.62, 'slashed-0': 0.62, 'flag-1': 0.6, 'long-slash-0': 0.62 };

/** Points along a polyline, about `step` apart (as pointer events report them). */
function dense(line: Line, step: number): Pt[] {
  const out: Pt[] = [{ x: line[0][0], y: line[0][1] }];
  for (let i = 1; i < line.length; i++) {
    const [ax, ay] = line[i - 1], [bx, by] = line[i];
    const n = Math.max(1, Math.ceil(Math.hypot(bx - ax, by - ay) / step));
    for (let k = 1; k <= n; k++) out.push({ x: ax + ((bx - ax) * k) / n, y: ay + ((by - ay) * k) / n });
  }
  return out;
}

/**
 * One jittered sample of a style as strokes on a square pad (pad fractions 0..1, as the app's
 * Drawing records them): 55–80% of the pad tall, slanted ±0.25, rotated ±0.1 rad.
 */
export function styledStrokes(style: Style, rng: Rng): Pt[][] {
  const u = () => 2 * rng.next() - 1;
  const w = WIDTH[style] * (1 + 0.18 * u());
  const lines = corners(style, w, u).map((l) => l.map(([x, y]) => [x + 0.025 * u(), y + 0.025 * u()] as [number, number]));
  const slant = 0.25 * u(), turn = 0.1 * u();
  const size = 0.55 + 0.25 * rng.next();
  const cx = 0.5 + 0.06 * u(), cy = 0.5 + 0.06 * u();
  const cos = Math.cos(turn), sin = Math.sin(turn);
  return lines.map((l) =>
    dense(l, 0.03).map((p) => {
      const x = p.x - w / 2 - slant * (p.y - 0.5), y = p.y - 0.5;
      return { x: cx + size * (cos * x - sin * y), y: cy + size * (sin * x + cos * y) };
    }),
  );
}

/** Strokes on the square pad → the 28×28 input the network sees, exactly as the app computes it. */
export function padInput(strokes: readonly (readonly Pt[])[]): Float32Array {
  const input = inputFromStrokes(strokes);
  if (!input) throw new Error('padInput: the strokes left no ink');
  return input;
}

/** `count` jittered samples of a style: strokes and inputs. */
export function styledDigits(style: Style, count: number, rng: Rng): { strokes: Pt[][]; input: Float32Array; label: number }[] {
  return Array.from({ length: count }, () => {
    const strokes = styledStrokes(style, rng);
    return { strokes, input: padInput(strokes), label: STYLE_LABEL[style] };
  });
}
