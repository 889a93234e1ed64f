// Numbers composed from real pen digits, for tests and the bench (and a later browser test that
// replays them as pointer strokes): each number is written by one writer, digits left to right
// with random gaps down to a fifth of a digit's width, a slight vertical drift and size jitter.
// Pure and seeded: the same seed gives the same numbers everywhere.

import { Rng } from '../nn/rng.ts';
import type { PadPoint, PadSize } from './pad.ts';

/** One digit as stored in unipen-dev.json: pixels of a 280×280 canvas, longer side 200 px. */
export interface PenDigit {
  label: number;
  writer: string;
  strokes: [number, number][][];
}

export type StrokeOrder = 'natural' | 'late' | 'shuffled';

export interface ComposeOptions {
  seed: number;
  count: number;
  minDigits?: number;
  maxDigits?: number;
  /** Gap between neighbouring digits' boxes, as a share of their mean width. */
  gap?: [number, number];
  /** Vertical drift per digit, as a share of the digit height (a random walk). */
  drift?: number;
  /** 'late': each digit's last stroke is written after the next digit; 'shuffled': any order. */
  order?: StrokeOrder;
  /** Only these writers (e.g. one half of them, to check rules on writers they were not set on). */
  writers?: ReadonlySet<string>;
}

export interface ComposedNumber {
  text: string;
  strokes: PadPoint[][];
  pad: PadSize;
  /** For each stroke, the position in `text` of the digit it belongs to. */
  digitOf: number[];
  /** Indices into the samples, digit by digit. */
  samples: number[];
}

/** Longer side of a digit as a share of the pad's height (people fill most of a line). */
const DIGIT_SIZE = 0.6;
const MARGIN = 0.15;

function bounds(strokes: [number, number][][]) {
  const pts = strokes.flat();
  const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

function pick<T>(rng: Rng, a: readonly T[]): T {
  return a[Math.floor(rng.next() * a.length)];
}

function orderStrokes(perDigit: number[][], order: StrokeOrder, rng: Rng): number[] {
  if (order === 'natural') return perDigit.flat();
  if (order === 'shuffled') {
    const all = Uint32Array.from(perDigit.flat());
    return [...rng.shuffle(all)];
  }
  // 'late': a digit's last stroke (when it has more than one) comes after the next digit's.
  const out: number[] = [];
  let held: number[] = [];
  for (const strokes of perDigit) {
    out.push(...(strokes.length > 1 ? strokes.slice(0, -1) : strokes), ...held);
    held = strokes.length > 1 ? strokes.slice(-1) : [];
  }
  return [...out, ...held];
}

export function composeNumbers(samples: readonly PenDigit[], o: ComposeOptions): ComposedNumber[] {
  const rng = new Rng(o.seed);
  const [gapLo, gapHi] = o.gap ?? [0.2, 0.7];
  const drift = o.drift ?? 0.06;
  const byWriter = new Map<string, number[]>();
  samples.forEach((s, i) => {
    if (o.writers && !o.writers.has(s.writer)) return;
    byWriter.set(s.writer, [...(byWriter.get(s.writer) ?? []), i]);
  });
  const writers = [...byWriter.keys()].filter((w) => byWriter.get(w)!.length >= 2).sort();
  if (writers.length === 0) throw new Error('composeNumbers: no writer with two digits or more');

  const out: ComposedNumber[] = [];
  for (let n = 0; n < o.count; n++) {
    const pool = [...byWriter.get(pick(rng, writers))!];
    const len = Math.min(pool.length, (o.minDigits ?? 2) + Math.floor(rng.next() * ((o.maxDigits ?? 6) - (o.minDigits ?? 2) + 1)));
    const chosen = Array.from({ length: len }, () => pool.splice(Math.floor(rng.next() * pool.length), 1)[0]);
    // Lay out in side units (pad height = 1), then turn into pad fractions.
    const scales = chosen.map(() => (DIGIT_SIZE / 200) * (0.9 + 0.2 * rng.next()));
    const widths = chosen.map((s, i) => (bounds(samples[s].strokes).x1 - bounds(samples[s].strokes).x0) * scales[i]);
    let x = MARGIN, yShift = 0;
    const placed: [number, number][][][] = [];
    chosen.forEach((s, i) => {
      if (i > 0) x += (gapLo + (gapHi - gapLo) * rng.next()) * ((widths[i - 1] + widths[i]) / 2);
      yShift = Math.max(-0.15, Math.min(0.15, yShift + drift * DIGIT_SIZE * (2 * rng.next() - 1)));
      const b = bounds(samples[s].strokes);
      const k = scales[i];
      const oy = 0.5 + yShift - ((b.y0 + b.y1) / 2) * k;
      placed.push(samples[s].strokes.map((st) => st.map(([px, py]): [number, number] => [x + (px - b.x0) * k, oy + py * k])));
      x += widths[i];
    });
    // At least square: the number pad is wider than tall, so strokes scale with its height.
    const padWidth = Math.max(1, x + MARGIN);
    const perDigit: number[][] = [];
    const flat: { points: [number, number][]; digit: number }[] = [];
    placed.forEach((strokes, d) => {
      perDigit.push(strokes.map((_, j) => flat.length + j));
      strokes.forEach((points) => flat.push({ points, digit: d }));
    });
    const order = orderStrokes(perDigit, o.order ?? 'natural', rng);
    out.push({
      text: chosen.map((s) => samples[s].label).join(''),
      strokes: order.map((k) => flat[k].points.map(([px, py]) => ({ x: px / padWidth, y: py }))),
      pad: { width: padWidth, height: 1 },
      digitOf: order.map((k) => flat[k].digit),
      samples: chosen,
    });
  }
  return out;
}

/** Writers split into two halves at random (seeded): set rules on one, report on the other. */
export function splitWriters(samples: readonly PenDigit[], seed: number): [Set<string>, Set<string>] {
  const names = [...new Set(samples.map((s) => s.writer))].sort();
  const idx = new Rng(seed).shuffle(Uint32Array.from(names.keys()));
  const half = Math.floor(names.length / 2);
  return [new Set([...idx.slice(0, half)].map((i) => names[i])), new Set([...idx.slice(half)].map((i) => names[i]))];
}

/**
 * Drawings of one writer (letters, say: the fixtures' [x, y] strokes in any units) in a PenDigit's
 * units, longer side 200, so composeNumbers writes words of them as it writes numbers. They are
 * no digits: `label` is 0 and the composed text means nothing.
 */
export function asPenDigits(drawings: readonly { strokes: [number, number][][] }[], writer: string): PenDigit[] {
  return drawings.map(({ strokes }) => {
    const b = bounds(strokes);
    const k = 200 / Math.max(b.x1 - b.x0, b.y1 - b.y0, 1e-9);
    return { label: 0, writer, strokes: strokes.map((s) => s.map(([x, y]): [number, number] => [(x - b.x0) * k, (y - b.y0) * k])) };
  });
}
