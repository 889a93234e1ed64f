// Non-digits with no template: scribbles, hatching, spirals, waves, dots, dashes, and digits
// left unfinished, cut or written over each other. Lines are in a glyph box of about unit size
// (placed on a pad by generate.ts), except marks, which are in pad units already (a dot is small
// on the pad, and preprocess keeps it small).

import type { Rng } from '../nn/rng.ts';
import type { Pt } from '../number/pad.ts';
import { bounds, parse, randomStyle, resample, write, type Line } from './glyph.ts';
import { DIGITS } from './symbols.ts';

const between = (rng: Rng, a: number, b: number) => a + (b - a) * rng.next();

/** A random walk that turns a lot and stays in the box: the "scratch it out" scribble. */
export function scribble(rng: Rng): Line[] {
  const strokes = 1 + Math.floor(rng.next() * 2);
  const out: Line[] = [];
  for (let s = 0; s < strokes; s++) {
    let x = rng.next(), y = rng.next(), a = 2 * Math.PI * rng.next();
    const turn = between(rng, 0.3, 1.2), step = 0.03, n = Math.floor(between(rng, 80, 220));
    const line: Line = [{ x, y }];
    for (let i = 0; i < n; i++) {
      a += turn * rng.normal();
      x += step * Math.cos(a);
      y += step * Math.sin(a);
      if (x < 0 || x > 1) (a = Math.PI - a), (x = Math.max(0, Math.min(1, x)));
      if (y < 0 || y > 1) (a = -a), (y = Math.max(0, Math.min(1, y)));
      line.push({ x, y });
    }
    out.push(line);
  }
  return out;
}

/** Back-and-forth strokes that fill an area (colouring in, or crossing something out). */
export function hatching(rng: Rng): Line[] {
  const n = 4 + Math.floor(rng.next() * 8), h = between(rng, 0.3, 1), tilt = between(rng, -0.6, 0.6);
  const line: Line = [];
  for (let i = 0; i <= n; i++) {
    const y = (i / n) * h;
    line.push({ x: (i % 2 ? 1 : 0) + tilt * y + 0.05 * rng.normal(), y: y + 0.03 * rng.normal() });
  }
  return [line];
}

/** An Archimedean spiral of two to four turns, either way round. */
export function spiral(rng: Rng): Line[] {
  const turns = between(rng, 2, 4), dir = rng.next() < 0.5 ? 1 : -1, a0 = 2 * Math.PI * rng.next();
  const n = Math.ceil(turns * 36);
  return [Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n, a = a0 + dir * t * turns * 2 * Math.PI;
    return { x: 0.5 + 0.5 * t * Math.cos(a), y: 0.5 + 0.5 * t * Math.sin(a) };
  })];
}

/** A wave or a zig-zag lying roughly level (upright, they would look like a wobbly 1). */
export function wave(rng: Rng): Line[] {
  const periods = between(rng, 1.5, 4), amp = between(rng, 0.08, 0.3), zig = rng.next() < 0.4;
  const n = Math.ceil(periods * (zig ? 2 : 16));
  return [Array.from({ length: n + 1 }, (_, i) => {
    const t = i / n, ph = t * periods * 2 * Math.PI;
    const s = zig ? (i % 2 ? 1 : -1) : Math.sin(ph);
    return { x: t, y: 0.5 + amp * s };
  })];
}

/** A dot, a few dots, or a stray dash, in pad units (side 1). */
export function mark(rng: Rng): { name: string; strokes: Pt[][] } {
  const r = rng.next();
  const at = () => ({ x: between(rng, 0.15, 0.85), y: between(rng, 0.15, 0.85) });
  const dot = (p: Pt): Pt[] => (rng.next() < 0.5 ? [p] : [p, { x: p.x + 0.01 * rng.normal(), y: p.y + 0.01 * rng.normal() }]);
  if (r < 0.3) return { name: 'dot', strokes: [dot(at())] };
  if (r < 0.5) {
    const c = at(), n = 2 + Math.floor(rng.next() * 5), spread = between(rng, 0.1, 0.35);
    return {
      name: 'dots',
      strokes: Array.from({ length: n }, () => dot({ x: c.x + spread * (rng.next() - 0.5), y: c.y + spread * (rng.next() - 0.5) })),
    };
  }
  // Within 35° of level: a steeper stroke is a 1.
  const len = between(rng, 0.08, 0.8), a = (between(rng, -35, 35) * Math.PI) / 180, c = at(), bend = 0.05 * rng.normal();
  const line: Pt[] = [];
  for (let i = 0; i <= 12; i++) {
    const t = i / 12 - 0.5;
    const off = bend * len * (1 - 4 * t * t);
    line.push({ x: c.x + t * len * Math.cos(a) - off * Math.sin(a), y: c.y + t * len * Math.sin(a) + off * Math.cos(a) });
  }
  // Slid back onto the pad if it ran off (a long line near an edge).
  const b = bounds([line]);
  const dx = Math.max(0.03 - b.x0, Math.min(0, 0.97 - b.x1)), dy = Math.max(0.03 - b.y0, Math.min(0, 0.97 - b.y1));
  return { name: len < 0.2 ? 'short dash' : 'stray line', strokes: [line.map((p) => ({ x: p.x + dx, y: p.y + dy }))] };
}

/** Straight or closed: such a piece of a digit is a 1 or a 0 (see `partialDigit`). */
function digitLike(lines: Line[]): boolean {
  const b = bounds(lines), w = b.x1 - b.x0, h = b.y1 - b.y0;
  if (Math.min(w, h) < 0.2 * Math.max(w, h)) return true;
  const l = lines.length === 1 ? lines[0] : null;
  if (!l) return false;
  let len = 0;
  for (let i = 1; i < l.length; i++) len += Math.hypot(l[i].x - l[i - 1].x, l[i].y - l[i - 1].y);
  const gap = Math.hypot(l[0].x - l[l.length - 1].x, l[0].y - l[l.length - 1].y);
  return gap < 0.2 * Math.max(w, h) && len > 2 * Math.max(w, h);
}

/**
 * A digit left unfinished (only the first or last 30–60 % of its path), or with a part cut
 * away by a straight line. Never a 1 (any piece of a 1 is a 1); pieces that are straight lines or
 * closed loops are drawn again.
 */
export function partialDigit(rng: Rng): { name: string; lines: Line[] } {
  for (;;) {
    const d = rng.next() < 0.1 ? 0 : 2 + Math.floor(rng.next() * 8);
    const full = write(parse(DIGITS[d]), randomStyle(rng), rng).map((l) => resample(l, 0.02));
    let lines: Line[];
    let how: string;
    if (rng.next() < 0.5) {
      const all = full.flat(), keep = Math.floor(all.length * between(rng, 0.3, 0.6));
      const fromEnd = rng.next() < 0.3;
      const kept = new Set(fromEnd ? all.slice(all.length - keep) : all.slice(0, keep));
      lines = full.map((l) => l.filter((p) => kept.has(p))).filter((l) => l.length > 1);
      how = 'unfinished';
    } else {
      const a = 2 * Math.PI * rng.next(), nx = Math.cos(a), ny = Math.sin(a), c = 0.2 * rng.normal();
      lines = [];
      for (const l of full) {
        let run: Line = [];
        for (const p of l) {
          if (p.x * nx + p.y * ny > c) run.push(p);
          else if (run.length) (lines.push(run), (run = []));
        }
        if (run.length > 1) lines.push(run);
      }
      lines = lines.filter((l) => l.length > 1);
      how = 'cut';
    }
    if (lines.length && !digitLike(lines)) return { name: `${how} ${d}`, lines };
  }
}

/** Two different digits (never a 1) written over each other, offset by a fifth to 40 % of their size. */
export function overlappingDigits(rng: Rng): { name: string; lines: Line[] } {
  const pick = () => [0, 2, 3, 4, 5, 6, 7, 8, 9][Math.floor(rng.next() * 9)];
  const a = pick();
  let b = pick();
  while (b === a) b = pick();
  const first = write(parse(DIGITS[a]), randomStyle(rng), rng);
  const off = between(rng, 0.2, 0.4), dir = 2 * Math.PI * rng.next();
  const second = write(parse(DIGITS[b]), randomStyle(rng), rng).map((l) =>
    l.map((p) => ({ x: p.x + off * Math.cos(dir), y: p.y + off * Math.sin(dir) })),
  );
  return { name: `${a} over ${b}`, lines: [...first, ...second] };
}
