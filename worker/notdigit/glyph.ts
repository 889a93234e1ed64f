// Glyph templates as a tiny path language, and one person's way of writing them.
//
// A template is strokes separated by `|`; a stroke is space-separated tokens on a 0–10 grid
// (y down): `x,y` is a corner, `a:cx,cy,rx,ry,from,to` an elliptic arc in degrees (0 = right,
// 90 = down, so increasing angles turn clockwise on screen). `write` turns a template into pen
// strokes the way a writer would: slanted, stretched, rotated, wobbly, corners rounded or not,
// strokes in another order or joined, with pointer-like spacing and noise.

import type { Rng } from '../nn/rng.ts';
import type { Pt } from '../number/pad.ts';

export type Line = Pt[];

/** Parses a template into control polylines in a 1×1 box (grid / 10). */
export function parse(template: string): Line[] {
  return template.split('|').map((s) => {
    const out: Line = [];
    for (const tok of s.trim().split(/\s+/)) {
      if (tok.startsWith('a:')) {
        const [cx, cy, rx, ry, from, to] = tok.slice(2).split(',').map(Number);
        const n = Math.max(2, Math.ceil(Math.abs(to - from) / 15));
        for (let i = 0; i <= n; i++) {
          const a = ((from + ((to - from) * i) / n) * Math.PI) / 180;
          out.push({ x: (cx + rx * Math.cos(a)) / 10, y: (cy + ry * Math.sin(a)) / 10 });
        }
      } else {
        const [x, y] = tok.split(',').map(Number);
        out.push({ x: x / 10, y: y / 10 });
      }
    }
    if (out.some((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y))) throw new Error(`bad glyph stroke "${s}"`);
    return out;
  });
}

/** How one writer varies a glyph. All amounts are in units of the glyph's size. */
export interface Style {
  slant: number; // x shift per unit of height (positive leans right)
  aspect: number; // width factor
  rotate: number; // radians
  jitter: number; // control-point displacement (σ)
  smooth: number; // Chaikin passes: 0 sharp corners … 2 round, cursive-ish
  wobble: number; // amplitude of a slow sideways drift along strokes
  join: number; // chance that a stroke runs on into the next without lifting the pen
  reverse: number; // chance that a stroke is drawn backwards
  step: number; // pointer spacing
}

export function randomStyle(rng: Rng, wild = 1): Style {
  const n = () => Math.max(-2.5, Math.min(2.5, rng.normal()));
  return {
    slant: 0.15 * n() * wild,
    aspect: Math.exp(0.2 * n() * wild),
    rotate: 0.08 * n() * wild,
    jitter: (0.008 + 0.03 * rng.next()) * wild,
    smooth: Math.floor(rng.next() * 3),
    wobble: 0.015 * rng.next() * wild,
    join: 0.15 * rng.next(),
    reverse: 0.3,
    step: 0.008 + 0.025 * rng.next(),
  };
}

/** One Chaikin pass: each segment's corners cut at ¼ and ¾; the ends stay. */
export function chaikin(line: Line): Line {
  if (line.length < 3) return line;
  const out: Line = [line[0]];
  for (let i = 0; i < line.length - 1; i++) {
    const a = line[i], b = line[i + 1];
    if (i > 0) out.push({ x: 0.75 * a.x + 0.25 * b.x, y: 0.75 * a.y + 0.25 * b.y });
    if (i < line.length - 2) out.push({ x: 0.25 * a.x + 0.75 * b.x, y: 0.25 * a.y + 0.75 * b.y });
  }
  out.push(line[line.length - 1]);
  return out;
}

/** Points along the polyline about `step` apart (the polyline's corners kept). */
export function resample(line: Line, step: number): Line {
  const out: Line = [line[0]];
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1], b = line[i];
    const n = Math.max(1, Math.round(Math.hypot(b.x - a.x, b.y - a.y) / step));
    for (let k = 1; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

export function bounds(lines: readonly Line[]): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const l of lines) for (const p of l) {
    if (p.x < x0) x0 = p.x;
    if (p.x > x1) x1 = p.x;
    if (p.y < y0) y0 = p.y;
    if (p.y > y1) y1 = p.y;
  }
  return { x0, y0, x1, y1 };
}

/** Affine map of every point: x' = a·x + b·y + e, y' = c·x + d·y + f. */
export function transform(lines: readonly Line[], a: number, b: number, c: number, d: number, e: number, f: number): Line[] {
  return lines.map((l) => l.map((p) => ({ x: a * p.x + b * p.y + e, y: c * p.x + d * p.y + f })));
}

/**
 * The template's strokes as this writer draws them, in a box of about unit size (not yet placed
 * on a pad). Control points move before smoothing, so shapes change, not just the ink's edge.
 */
export function write(lines: readonly Line[], s: Style, rng: Rng): Line[] {
  const ca = Math.cos(s.rotate), sa = Math.sin(s.rotate);
  let out = lines.map((l) =>
    l.map((p) => {
      const x = (p.x - 0.5) * s.aspect + s.slant * (0.5 - p.y) + s.jitter * rng.normal();
      const y = p.y - 0.5 + s.jitter * rng.normal();
      return { x: ca * x - sa * y, y: sa * x + ca * y };
    }),
  );
  out = out.map((l) => (rng.next() < s.reverse ? l.slice().reverse() : l));
  if (out.length > 1 && rng.next() < 0.3) {
    const i = Math.floor(rng.next() * (out.length - 1));
    [out[i], out[i + 1]] = [out[i + 1], out[i]];
  }
  const joined: Line[] = [];
  for (const l of out) {
    if (joined.length && rng.next() < s.join) joined[joined.length - 1] = joined[joined.length - 1].concat(l);
    else joined.push(l);
  }
  return joined.map((l) => {
    let c = l;
    for (let k = 0; k < s.smooth; k++) c = chaikin(c);
    const r = resample(c, s.step);
    // A slow sideways drift: two sines of random phase along the stroke.
    const ph1 = 6.3 * rng.next(), ph2 = 6.3 * rng.next(), f = 4 + 6 * rng.next();
    return r.map((p, i) => {
      const t = i * s.step;
      return {
        x: p.x + s.wobble * Math.sin(f * t + ph1) + 0.002 * rng.normal(),
        y: p.y + s.wobble * Math.sin(0.7 * f * t + ph2) + 0.002 * rng.normal(),
      };
    });
  });
}
