// Drawings that are not digits, as pen strokes on a square pad (side units, the pad's side is 1),
// seeded: letters, symbols, shapes, scribbles, marks, and broken or overlapping digits.
//
// `split` chooses the templates: 'train' the ones the model learns from, 'test' templates it
// never sees (other allographs, other alphabets, other symbols and shapes) — the held-out figure
// measures generalisation, not memory. Procedural kinds (scribbles, marks, broken digits) have no
// templates; their test samples differ only by seed. `ambiguous` draws letters that are digits
// in all but name, never trained as non-digits.

import type { Rng } from '../nn/rng.ts';
import type { Pt } from '../number/pad.ts';
import { bounds, parse, randomStyle, write, type Line } from './glyph.ts';
import { AMBIGUOUS_LETTERS, HELD_OUT_LETTERS, TRAIN_LETTERS } from './letters.ts';
import { hatching, mark, overlappingDigits, partialDigit, scribble, spiral, wave } from './procedural.ts';
import { DIGIT_VARIANTS, DIGITS, HELD_OUT_SHAPES, HELD_OUT_SYMBOLS, TRAIN_SHAPES, TRAIN_SYMBOLS } from './symbols.ts';

export type Kind = 'letter' | 'symbol' | 'shape' | 'scribble' | 'mark' | 'partial' | 'overlap' | 'ambiguous' | 'digit';
export type Split = 'train' | 'test' | 'ambiguous';

export interface Drawing {
  kind: Kind;
  name: string;
  /** Pen strokes in pad side units: (0, 0) top left, (1, 1) bottom right. */
  strokes: Pt[][];
  /** Line width in side units (the pad's is STROKE_WIDTH; other pens vary it). */
  lineWidth: number;
}

type Parsed = [string, Line[]][];
const parsed = (t: Record<string, string>): Parsed => Object.entries(t).map(([k, v]) => [k, parse(v)]);
const TEMPLATES = {
  train: { letter: parsed(TRAIN_LETTERS), symbol: parsed(TRAIN_SYMBOLS), shape: parsed(TRAIN_SHAPES) },
  test: { letter: parsed(HELD_OUT_LETTERS), symbol: parsed(HELD_OUT_SYMBOLS), shape: parsed(HELD_OUT_SHAPES) },
};
const AMBIGUOUS = parsed(AMBIGUOUS_LETTERS);
const DIGIT_FORMS = DIGITS.map((t, d) => [t, ...(DIGIT_VARIANTS[d] ?? [])].map(parse));

/** Share of each kind among generated non-digits (they sum to 1). */
export const MIX: [Kind, number][] = [
  ['letter', 0.36],
  ['symbol', 0.2],
  ['shape', 0.14],
  ['scribble', 0.1],
  ['mark', 0.06],
  ['partial', 0.06],
  ['overlap', 0.08],
];

const between = (rng: Rng, a: number, b: number) => a + (b - a) * rng.next();
const pick = <T>(rng: Rng, a: readonly T[]): T => a[Math.floor(rng.next() * a.length)];

/** The pen: the pad's width most of the time, thinner or bolder now and then. */
function lineWidth(rng: Rng, base: number): number {
  return base * Math.exp(Math.max(-0.35, Math.min(0.35, 0.15 * rng.normal())));
}

/** Scales lines so their longer side is 35–90 % of the pad, at a random place inside it. */
export function placeOnPad(lines: readonly Line[], rng: Rng): Pt[][] {
  const b = bounds(lines);
  const w = b.x1 - b.x0, h = b.y1 - b.y0;
  const k = between(rng, 0.35, 0.9) / Math.max(w, h, 1e-6);
  const ox = between(rng, 0.05, Math.max(0.05, 0.95 - w * k)), oy = between(rng, 0.05, Math.max(0.05, 0.95 - h * k));
  return lines.map((l) => l.map((p) => ({ x: ox + (p.x - b.x0) * k, y: oy + (p.y - b.y0) * k })));
}

/**
 * Joined-up writers enter a letter with an upstroke from the baseline and leave it with a tail
 * towards the next letter; either end now and then, so a lead-in is no clue on its own.
 */
function cursiveEnds(lines: Line[], rng: Rng): Line[] {
  const out = lines.map((l) => l.slice());
  const first = out[0], last = out[out.length - 1];
  const a = first[0], z = last[last.length - 1];
  if (rng.next() < 0.25) first.unshift({ x: a.x - between(rng, 0.15, 0.35), y: Math.max(a.y, 0.9) + between(rng, 0, 0.1) });
  if (rng.next() < 0.25) last.push({ x: z.x + between(rng, 0.15, 0.35), y: z.y - between(rng, 0, 0.25) });
  return out;
}

function fromTemplate(kind: Kind, [name, template]: [string, Line[]], rng: Rng, base: number): Drawing {
  const style = randomStyle(rng);
  const lines = kind === 'letter' ? cursiveEnds(template, rng) : template;
  // Rounded corners turn a polygon into an O: shapes keep theirs.
  if (kind === 'shape') style.smooth = Math.min(style.smooth, 1);
  return { kind, name, strokes: placeOnPad(write(lines, style, rng), rng), lineWidth: lineWidth(rng, base) };
}

function pickKind(rng: Rng): Kind {
  let r = rng.next();
  for (const [k, share] of MIX) if ((r -= share) < 0) return k;
  return MIX[MIX.length - 1][0];
}

/** One random non-digit drawing of the split (see the file comment). */
export function generateNonDigit(rng: Rng, split: Split = 'train', base = 0.09): Drawing {
  if (split === 'ambiguous') return fromTemplate('ambiguous', pick(rng, AMBIGUOUS), rng, base);
  const kind = pickKind(rng);
  const w = lineWidth(rng, base);
  switch (kind) {
    case 'letter':
    case 'symbol':
    case 'shape':
      return fromTemplate(kind, pick(rng, TEMPLATES[split][kind]), rng, base);
    case 'scribble': {
      const [name, lines] = rng.next() < 0.6 ? ['scribble', scribble(rng)] : rng.next() < 0.5 ? ['hatching', hatching(rng)] : rng.next() < 0.5 ? ['spiral', spiral(rng)] : ['wave', wave(rng)];
      const s = randomStyle(rng, 0.5);
      return { kind, name, strokes: placeOnPad(write(lines as Line[], { ...s, smooth: 0, join: 0 }, rng), rng), lineWidth: w };
    }
    case 'mark': {
      const m = mark(rng);
      return { kind, name: m.name, strokes: m.strokes, lineWidth: w };
    }
    case 'partial':
    case 'overlap': {
      const p = kind === 'partial' ? partialDigit(rng) : overlappingDigits(rng);
      return { kind, name: p.name, strokes: placeOnPad(p.lines, rng), lineWidth: w };
    }
    default:
      throw new Error(`no generator for ${kind}`);
  }
}

/** A digit from the same templates and writer variation: it must NOT be flagged. */
export function generateDigit(rng: Rng, digit: number, base = 0.09): Drawing {
  return fromTemplate('digit', [String(digit), pick(rng, DIGIT_FORMS[digit])], rng, base);
}
