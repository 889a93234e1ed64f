// A stand-in for the classifier in the number reader's tests (two-digits.ts, contested.ts): it
// answers by which strokes it is shown, and remembers what it was asked.
import type { Piece } from '../number/pieces.ts';
import type { Read } from '../number/two-digits.ts';

export interface StubRead extends Read {
  /** The strokes it was shown, e.g. "0,2". */
  strokes: string;
}

export type Answer = Omit<StubRead, 'strokes'>;

/** Reads `top` at `p` (the rest shared evenly), or "not a digit". */
export function answer(top: number, p: number, notADigit = false): Answer {
  const probabilities = new Float32Array(10).fill((1 - p) / 9);
  probabilities[top] = p;
  return { probabilities, top, judgement: { notADigit } };
}

/** A reader that answers by the set of strokes it is shown ("0,1"), null for any other set. */
export function stubReader(answers: Record<string, Answer>) {
  const asked: string[] = [];
  const read = (pieces: Piece[]): StubRead | null => {
    const strokes = pieces.map((p) => p.stroke).join(',');
    asked.push(strokes);
    return answers[strokes] ? { ...answers[strokes], strokes } : null;
  };
  return { read, asked };
}
