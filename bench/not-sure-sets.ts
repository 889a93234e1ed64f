// The drawings the "not a digit" bench and tests judge a model on, as 28×28 inputs: real pen
// digits (UNIPEN dev, replayed like e2e/unipen.spec.ts), generated non-digits of the training
// and held-out styles, ambiguous letters, generated digits, and the hand-drawn fixture.
import { readFileSync } from 'node:fs';
import { Rng } from '../worker/nn/rng.ts';
import type { PenDigit } from '../worker/number/compose.ts';
import { generateDigit, generateNonDigit, type Split } from '../worker/notdigit/generate.ts';
import { padInput } from '../worker/notdigit/render.ts';
import { penOf, type Pen } from '../worker/notdigit/pen.ts';

export interface InputSet {
  name: string;
  inputs: Float32Array[];
  /** Digit labels (real or generated digits), else null. */
  labels: number[] | null;
  /** A name per input (which letter, symbol…), for breakdowns. */
  names: string[];
  /** What each drawing's pen strokes say (the verdict's stroke tests). */
  pens: Pen[];
}

/** Pad pixels per side for test drawings: a canvas size the app really has (CSS 280 px × dpr 1). */
export const TEST_SCALE = 280;

/** UNIPEN dev digits, each scaled to 40–90 % of a square pad at a random place (e2e's replay). */
export function unipenSet(samples: PenDigit[], scale = TEST_SCALE): InputSet {
  const rng = new Rng(20240611); // seeded as e2e/unipen.spec.ts seeds it: sizes and places match that replay
  const rand = () => rng.next();
  const inputs: Float32Array[] = [];
  for (const s of samples) {
    const pts = s.strokes.flat();
    const xs = pts.map((p) => p[0]), ys = pts.map((p) => p[1]);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    const k = (0.4 + 0.5 * rand()) / Math.max(maxX - minX, maxY - minY, 1);
    const ox = rand() * (1 - (maxX - minX) * k), oy = rand() * (1 - (maxY - minY) * k);
    const strokes = s.strokes.map((st) => st.map(([x, y]) => ({ x: ox + (x - minX) * k, y: oy + (y - minY) * k })));
    inputs.push(padInput(strokes, scale)!);
  }
  return { name: 'UNIPEN dev digits', inputs, labels: samples.map((s) => s.label), names: samples.map((s) => String(s.label)), pens: samples.map((s) => penOf(s.strokes.map((l) => l.map(([x, y]) => ({ x, y }))))) };
}

export function generatedSet(name: string, split: Split, count: number, seed: number, scale = TEST_SCALE): InputSet {
  const rng = new Rng(seed);
  const inputs: Float32Array[] = [], names: string[] = [], pens: Pen[] = [];
  while (inputs.length < count) {
    const d = generateNonDigit(rng, split);
    const x = padInput(d.strokes, scale, d.lineWidth);
    if (!x) continue;
    inputs.push(x);
    pens.push(penOf(d.strokes));
    names.push(split === 'ambiguous' ? d.name : d.kind === 'letter' || d.kind === 'symbol' || d.kind === 'shape' ? d.name : d.kind);
  }
  return { name, inputs, labels: null, names, pens };
}

export function generatedDigits(count: number, seed: number, scale = TEST_SCALE): InputSet {
  const rng = new Rng(seed);
  const inputs: Float32Array[] = [], labels: number[] = [], pens: Pen[] = [];
  for (let i = 0; i < count; i++) {
    const d = generateDigit(rng, i % 10);
    inputs.push(padInput(d.strokes, scale, d.lineWidth)!);
    labels.push(i % 10);
    pens.push(penOf(d.strokes));
  }
  return { name: 'generated digits', inputs, labels, names: labels.map(String), pens };
}

interface Fixture { samples: { set: string; char: string; ambiguous: boolean; strokes: [number, number][][] }[] }

/** The hand-drawn fixture (worker/notdigit/fixtures), its non-digits or its ambiguous ones. */
export function handDrawnSet(ambiguous: boolean, scale = TEST_SCALE): InputSet {
  const f = JSON.parse(readFileSync(new URL('../worker/notdigit/fixtures/hand-drawn.json', import.meta.url), 'utf8')) as Fixture;
  const inputs: Float32Array[] = [], names: string[] = [], pens: Pen[] = [];
  for (const s of f.samples) {
    if (s.ambiguous !== ambiguous) continue;
    const strokes = s.strokes.map((l) => l.map(([x, y]) => ({ x, y })));
    const x = padInput(strokes, scale);
    if (!x) continue;
    inputs.push(x);
    names.push(`${s.set} ${s.char}`);
    pens.push(penOf(strokes));
  }
  return { name: ambiguous ? 'hand-drawn ambiguous' : 'hand-drawn non-digits', inputs, labels: null, names, pens };
}
