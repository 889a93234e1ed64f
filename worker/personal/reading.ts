// How a model reads a person's drawing, for "Your digits": the network's own verdict, the one the
// bars showed (closer look, pen evidence, the person's habits), and what the digit is confused
// with; and a drawing and label from the UI checked before anything is kept.

import { DigitPadError } from '../errors.ts';
import { answerOf } from '../infer/answer.ts';
import type { Network } from '../nn/network.ts';
import type { PenHabits } from '../notdigit/habits.ts';
import { withoutStrays, type Pen } from '../notdigit/pen.ts';
import { inputFromStrokes, padStrokes } from '../preprocess/from-strokes.ts';
import { isLabel, scoreOf, type PadPoint, type Verdict } from './digit.ts';

/** How a model reads an input now: its top digit and that digit's probability. */
export function verdictOf(model: Network, input: Float32Array): Verdict {
  return reading(model, input, -1).verdict;
}

/** How the bars showed a finished drawing to the person (see reading). */
export function verdictAsShown(model: Network, input: Float32Array, pen: Pen | undefined, habits: PenHabits): Verdict {
  return reading(model, input, -1, { pen, habits }).verdict;
}

/**
 * The verdict, and the likeliest digit other than `label` in the network's own reading: what the
 * digit is confused with (contrast rows come from its MNIST look-alikes). With `shown`, the
 * verdict is the bars' (answerOf: the closer look, the pen evidence, the person's habits; scoreOf)
 * — so a drawing shown as "Not sure" is not read right, and a correction of it gets its phase.
 */
export function reading(model: Network, input: Float32Array, label: number, shown?: { pen: Pen | undefined; habits: PenHabits }): { verdict: Verdict; rival: number } {
  // The closer look's plain view is the network's own reading: one forward pass serves both.
  const answer = shown ? answerOf(model, input, true, shown.pen, shown.habits) : null;
  const p = answer ? answer.logits : model.predict(input).probabilities; // same order either way
  let top = 0, rival = label === 0 ? 1 : 0;
  for (let i = 1; i < 10; i++) {
    if (p[i] > p[top]) top = i;
    if (i !== label && p[i] > p[rival]) rival = i;
  }
  if (!answer) return { verdict: { predicted: top, probability: Math.round(p[top] * 1e4) / 1e4 }, rival };
  return { verdict: scoreOf(answer.verdict), rival };
}

/**
 * A drawing as the pad sends it to the inference worker ([x0, y0, x1, y1, …] per stroke, pad
 * fractions) → the input the network saw and the strokes to keep. Throws an 'input'
 * DigitPadError for malformed strokes or a drawing without ink.
 */
export function drawingFromStrokes(raw: unknown): { input: Float32Array; strokes: PadPoint[][] } {
  const strokes = withoutStrays(padStrokes(raw)); // as the bars read it
  const input = inputFromStrokes(strokes);
  if (!input) throw new DigitPadError('input', 'The drawing has no ink to learn from');
  return { input, strokes: strokes.map((s) => s.map((p) => ({ x: p.x, y: p.y }))) };
}

/** A label from the UI or a caller: a whole number 0–9, else a DigitPadError ('input'). */
export function checkLabel(label: unknown): asserts label is number {
  if (!isLabel(label)) throw new DigitPadError('input', `A digit's label must be a whole number 0–9, got ${String(label)}`);
}
