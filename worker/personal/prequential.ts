// Honest accuracy on your digits: each digit is scored by the model as it was just before the
// digit joined the set (its verdict), never after learning it — prequential evaluation, the
// "test, then train" of online learning. The running figure says how often DigitPad read you
// right; the recent window against the digits before it says whether learning your digits helps.

import { readRight, type Verdict } from './digit.ts';

/** Digits in the recent window the trend compares with the ones before it. */
export const TREND_WINDOW = 20;
/** The chart's curve keeps at most this many points. */
const CURVE_POINTS = 100;

export interface Share {
  /** Digits scored (with a verdict). */
  scored: number;
  /** Of those, read right before they were learnt; null when none were scored. */
  accuracy: number | null;
}

export interface Prequential extends Share {
  correct: number;
  /** The last TREND_WINDOW scored digits. */
  recent: Share;
  /** The scored digits before the recent window. */
  earlier: Share;
  /** recent − earlier accuracy (0..1 scale); null until both have digits. */
  trend: number | null;
  /**
   * Accuracy over the TREND_WINDOW digits up to each scored digit (fewer at the start), oldest
   * first, evenly thinned to at most 100 points: the chart of how reading you improved.
   */
  curve: number[];
}

const share = (scored: number, correct: number): Share => ({ scored, accuracy: scored ? correct / scored : null });

/** Digits in the order they were added; those without a verdict (no model yet) are not scored; "Not sure" is not read right. */
export function prequential(digits: readonly { label: number; verdict: Verdict | null }[], window = TREND_WINDOW): Prequential {
  const hits: number[] = [];
  for (const d of digits) if (d.verdict) hits.push(readRight(d.verdict, d.label) ? 1 : 0);
  const n = hits.length;
  const correct = hits.reduce((a, b) => a + b, 0);
  const cut = Math.max(0, n - window);
  const recentCorrect = hits.slice(cut).reduce((a, b) => a + b, 0);
  const recent = share(n - cut, recentCorrect);
  const earlier = share(cut, correct - recentCorrect);
  const trend = recent.accuracy !== null && earlier.accuracy !== null ? recent.accuracy - earlier.accuracy : null;
  const windowed: number[] = [];
  let inWindow = 0;
  hits.forEach((h, i) => {
    inWindow += h - (i >= window ? hits[i - window] : 0);
    windowed.push(inWindow / Math.min(i + 1, window));
  });
  const step = Math.max(1, windowed.length / CURVE_POINTS);
  const curve = windowed.length <= CURVE_POINTS ? windowed : Array.from({ length: CURVE_POINTS }, (_, i) => windowed[Math.min(n - 1, Math.round((i + 1) * step) - 1)]);
  return { ...share(n, correct), correct, recent, earlier, trend, curve };
}
