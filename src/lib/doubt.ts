// Which digits of a number read are marked as less sure (dotted in "Reads …"), and what else they may be.

/**
 * A digit read under this (its chip's rounded %) is dotted and the hint names the runner-up, so
 * the digit to check is found without tapping each chip (QA: a 7 read at 57 % looked as sure as
 * the rest). With the CNN on the UNIPEN dev digits, 80 % marks 2.5 % of those read right and 69 %
 * of those misread (12 snapshots).
 */
export const DOUBT_BELOW = 80;
/**
 * A mark once given or not stands until a newer model's reading of the same digit is this far
 * past DOUBT_BELOW: while a network trains, a digit near 80 % flipped its mark and the spoken hint
 * four times in a few seconds (QA).
 */
export const DOUBT_STEADY = 5;

/** `percent`: the digit's top bar as its chip shows it; `before`: its mark at its last reading, if any. */
export function dotted(percent: number, before?: boolean): boolean {
  return percent < DOUBT_BELOW + (before === undefined ? 0 : before ? DOUBT_STEADY : -DOUBT_STEADY);
}

/** The likeliest digit after `top`. */
export function runnerUp(probabilities: ArrayLike<number>, top: number): number {
  let best = -1;
  for (let k = 0; k < probabilities.length; k++) if (k !== top && (best < 0 || probabilities[k] > probabilities[best])) best = k;
  return best;
}

/**
 * A reading with half its parts or more read "?" or dotted as less sure, one "?" at least, is no
 * number: a word reads "?1??2", "8?" or "?85" (its 8 at 60 %), part by part, and was said "Reads …"
 * as if it were one. `digits`: parts read; `unsure`: those "?" the person has not said what they
 * are; `lessSure`: those dotted. Real pen numbers seldom are such: `npm run bench:numbers --
 * --model cnn --epochs 1.5` calls no number 93 % of 300 words of the other writers' letters (49 %
 * when it took every part "?"; 89 % without the dotted), none of 600 spaced numbers of real digits
 * and 2 of 900 more.
 */
export function looksLikeNoNumber(digits: number, unsure: number, lessSure = 0): boolean {
  return unsure > 0 && 2 * (unsure + lessSure) >= digits;
}
