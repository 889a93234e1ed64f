// The app's model with a "not a digit" output (issue #12, docs/not-sure.md).
import type { Preset } from '../train/presets.ts';
import type { NonDigitOptions } from './mixer.ts';
import { NOT_A_DIGIT } from './verdict.ts';

/**
 * Per batch: 10 % generated non-digits (label 10) and 5 % generated pen digits (their own
 * labels), both augmented like MNIST. More non-digits flag more of them but also more real pen
 * digits (bench:not-sure); the generated digits keep "drawn from strokes" from being a clue and
 * lift the accuracy on real pen digits.
 */
export const NOT_A_DIGIT_MIX: NonDigitOptions = { fraction: 0.1, digits: 0.05, classIndex: NOT_A_DIGIT, pool: 2048, freshPerBatch: 2, mining: true };

/** A copy of `p` with an 11th output trained on generated non-digits. */
export function withNotADigit(p: Preset, mix: NonDigitOptions = NOT_A_DIGIT_MIX): Preset {
  return { ...p, spec: { ...p.spec, classes: mix.classIndex + 1 }, nonDigits: { ...mix } };
}
