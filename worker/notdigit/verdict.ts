// "Is this a digit at all?" from a model's probabilities (and, for a drawing, its pen strokes):
// the one rule the app applies, whatever the model (an MLP or a CNN, with or without a "not a
// digit" output). See docs/not-sure.md for how the rule and its thresholds were chosen and measured.

import { footSpan, WIDE_FOOT } from './foot.ts';
import type { PenHabits } from './habits.ts';
import { partsSayNo } from './parts.ts';
import type { Pen } from './pen.ts';

/** Digit outputs come first; a model with a "not a digit" output has it at index 10. */
export const DIGITS = 10;
export const NOT_A_DIGIT = 10;

export interface NotSureRule {
  /** Not a digit when the "not a digit" output is above this… */
  notDigitAbove: number;
  /**
   * The threshold for a "not a digit" probability averaged over the closer look's five views
   * (worker/infer/closer-look.ts, once the pen is up); without it the closer look keeps the plain
   * view's and notDigitAbove applies.
   */
  viewsNotDigitAbove?: number;
  /**
   * …or when the most likely digit's share of the digits' probability (the top bar, once the
   * ten bars are renormalised) is below this: no digit stands out from the others.
   */
  digitBelow: number;
  /**
   * Lower "not a digit" thresholds for drawings of many pen strokes, as [strokes at least,
   * threshold], most strokes first.
   *
   * Pen lifts are evidence the pixels lose. Real digits are written in one or two strokes (UNIPEN
   * dev: 650 of 653; three strokes 3, four or more none); letters and symbols often take three or
   * more (E, F, H, K, A, #, *, ≠…: 36 % of the hand-drawn set). So a drawing of many strokes needs
   * less evidence from the "not a digit" output. Chosen so that a writer whose every digit took
   * four strokes would see at most ~5 % of them flagged on the snapshots measured (bench:not-sure
   * and bench:not-sure-cnn print it); the dense network's output, less sure of digits, gets higher
   * thresholds. No UNIPEN digit is flagged more (its three-stroke digits stay under 0.07). Drawings
   * without strokes (canvas pixels) skip this test.
   */
  manyStrokes?: readonly (readonly [number, number])[];
  /**
   * Not a digit when a dot stands apart from the rest of the ink and outside its box, above or
   * below it (pen.ts; a tap beside it or towards a corner is a slip, dropped by withoutStrays):
   * the dot of an i, j, ! or ?, which the network reads as a 1 or a 7 with the dot lost in the
   * pixels. No digit has one: none of the 653 UNIPEN digits (a 3 has a stray tap, inside its
   * box), none of 3,000 generated digits; a 5 whose flag stands apart is no dot (the flag is longer).
   */
  detachedDot?: boolean;
  /**
   * Not a digit when the drawing is only small marks (pen.ts): two or more strokes, none spanning
   * 40 % of it — a colon, an ellipsis, dashes. Every real digit has a stroke that spans most of
   * it (UNIPEN dev: at least 54 %); the network, which sees the marks scaled up to digit size,
   * reads a colon of round dots as a 1.
   */
  scattered?: boolean;
  /**
   * Not a digit when the network reads a 0 in a drawing of one stroke that does not close (pen.ts
   * openLoop): a C, c, U or u, which MNIST-style scaling turns into a roundish open ring. No real
   * 0 is that open (UNIPEN dev: at most 0.25 of the drawing's size, against 0.35), so a digit it
   * flags was misread as 0 anyway. On 15 CNN snapshots: +2.6 points of the hand-drawn set, no
   * UNIPEN digit flagged.
   */
  openZero?: boolean;
  /**
   * Not a digit when the drawing is only straight lines, two crossing near both their middles or
   * all side by side (pen.ts lines, lines.ts): a +, ×, x, =, || or ≡, which the network reads as
   * a 4, 1 or 2 now and then. No digit is drawn so: none of the 653 UNIPEN dev digits, none of
   * 20,000 generated digits (with their crossed 7s and 4s of straight strokes).
   */
  lines?: boolean;
  /**
   * Not a digit when the drawing is one stroke that closes on itself and is made of long straight
   * sides (pen.ts polygon, polygon.ts): a square, a triangle, a diamond or a star, which the
   * network reads as a 0 now and then. Unless it is read as a 4 (a 4 written in one stroke can
   * close its top: 4 of 2,000 generated 4s do). No UNIPEN dev digit is drawn so, none of the other
   * writers' 60, and no other of 20,000 generated digits.
   */
  polygon?: boolean;
  /**
   * Digits a drawing of one stroke is not, unless the stroke comes back to itself (pen.ts
   * loopGap), as [digit, largest gap]: their bars drop to 0 and the other digits share the
   * probability. Not a "not a digit" test: the answer just has to be a digit the pen could have
   * written. A person whose own one-stroke 6s gape (habits.ts loopGap) gets up to 1.25 times their
   * widest gap for 6. See LOOPS.
   */
  loops?: readonly (readonly [number, number])[];
  /**
   * Digits that stand on one stem (foot.ts): not a digit when the drawing is read as one of them
   * but its lowest rows span more than WIDE_FOOT of its width — an A, H, K, M, N or n read as 4
   * or 7. Judged on the input once the pen is up; yields for a digit the person writes so.
   */
  oneStem?: readonly number[];
  /** RULED_OUT_MARGIN unless steadied (a drawing read again). */
  ruledOutMargin?: number;
  /**
   * Digits the strokes rule out (parts.ts) when one would be the answer: a 4 without a bar (a V,
   * Y, u or N), a 7 without a top (a ">"), a 1 with a bar across its middle (an f or a t), a 0
   * with a straight upright at its side (a D), a 5 (2, 3, 6, 8) with one reaching past its ink
   * above and below (a $). Its bar drops to 0, and the drawing is "not a digit" if the network
   * finds that clearly likelier than all the digits left together (RULED_OUT_MARGIN); else the
   * next digit answers (a 1 the network misread as 7 is read as 1). No UNIPEN dev digit is ruled
   * out as what it is. Judged once the pen is up, and yields for a digit the person writes so.
   */
  parts?: boolean;
}

/**
 * When the parts rule out the answer, the drawing is "not a digit" only if that output is more
 * than this many times all the digits left together. At 1, a 2 the network read as 7 (0.50, 2 at
 * 0.24, "not a digit" 0.23 on a Node snapshot) came out "Not sure" in one Chromium run, one of
 * the 7 pen digits of 653 (1.1 %) flagged there; the letters the test is for have "not a digit"
 * 3–10 times the rest (a V read as 4: 0.40 against 0.05). At 2, four Node snapshots lose 0–1 of
 * the 444 hand-drawn glyphs and 0–1 of the other writer's 67 letters.
 */
export const RULED_OUT_MARGIN = 2;

/** A 4 and a 7 end in one stem at the bottom (foot.ts has the figures). */
export const ONE_STEM: readonly number[] = [4, 7];

/** A 4 may close its top in one stroke: the polygon test does not flag one. */
export const POLYGON_DIGITS: readonly number[] = [4];

/**
 * A 6 or an 8 written without lifting the pen closes a loop. The network, seeing pixels only,
 * reads a 1 drawn as a bare "(" as 6 or 8, a 2 with a wide open curl as 8, a C or < as 6 and a
 * cursive E as 8. UNIPEN dev one-stroke 6s come back within 0.16 of their size, 8s within 0.03:
 * the limits leave about twice that for other writers. On the 8 CNN snapshots of stop 23's
 * training (seeds 1–4, 1 and 1.5 epochs, through Inference.predictStrokes) UNIPEN dev read right
 * went from 641.3 to 641.9 of 653 on average (never fewer), flagged from 2.0 to 1.9, and the
 * hand-drawn non-digits flagged from 71.9 to 72.6 % (docs/not-sure.md): a C that is no longer a
 * 6 is a 0 that does not close, or no clear digit.
 */
export const LOOPS: readonly (readonly [number, number])[] = [[6, 0.3], [8, 0.15]];

/**
 * Chosen on the app's model (bench:not-sure, seeds 1 and 2): the strictest round thresholds that
 * keep real pen digits flagged under 1 % (UNIPEN dev 0.6–0.8 %, MNIST test ~0.3 %). A lower
 * notDigitAbove flags more non-digits and more real digits (the bench prints the trade-off).
 * digitBelow alone is the whole rule for a model without a "not a digit" output.
 */
export const DEFAULT_RULE: NotSureRule = { notDigitAbove: 0.9, digitBelow: 0.4, manyStrokes: [[4, 0.2], [3, 0.5]], detachedDot: true, scattered: true, openZero: true, lines: true, polygon: true, loops: LOOPS, oneStem: ONE_STEM, parts: true };

/**
 * The convolutional network's "not a digit" output is better calibrated than the dense one's: in
 * Node (two seeds, 1–3 epochs into its schedule) at 0.7 it flags real pen digits about as rarely
 * as the dense network does at 0.9 (UNIPEN dev 0.2–0.8 %, MNIST test 0.2 %) and 10–15 points more
 * of the hand-drawn non-digits than at 0.9 (54–64 % instead of 39–56 %); at 0.5 it flags up to
 * 1.8 % of the pen digits (docs/not-sure.md has the sweep). In Chromium, on the first snapshot
 * that answers, 0.7 and 0.8 each flagged 5 of the 653 pen digits (0.8 %) — too close to the 1 %
 * they may reach; most were one writer's slashed zeros at p 0.8–0.9. 0.85 keeps a margin.
 *
 * Once the pen is up, the probability averaged over the closer look's five views is steadier than
 * the plain view's: over 21 snapshots (three seeds, 1.5–6 epochs) at 0.75 it flagged fewer UNIPEN
 * digits than the plain view at 0.85 (2.8 against 3.1 of 653 on average, at most 5 against 6) and
 * 2.4 points more of the hand-drawn non-digits (72.8 against 70.4 %), more on 20 of the 21.
 * Stop 27 tried 0.7 on 12 snapshots of today's model: hand-drawn non-digits flagged 74.2 → 76.4 %,
 * UNIPEN flagged 1.92 → 2.25 of 653, right 640.58 → 640.42 (in Chromium within the spread of
 * runs: 3 and 5 digits at 0.7, 2 and 5 at 0.75). 0.75 stays, keeping the margin under 1 % and
 * the digits read right.
 */
export const CONV_RULE: NotSureRule = { notDigitAbove: 0.85, viewsNotDigitAbove: 0.75, digitBelow: 0.4, manyStrokes: [[4, 0.1], [3, 0.3]], detachedDot: true, scattered: true, openZero: true, lines: true, polygon: true, loops: LOOPS, oneStem: ONE_STEM, parts: true };

/**
 * How far a drawing already answered must cross a threshold before a newer model's answer turns
 * it over. While a network trains, the page asks again about the ink on the pad with each new
 * snapshot (a few a second); a drawing near a threshold flipped between "Not sure" and a digit
 * five times in 40 s, and each flip was spoken (exploratory QA, stop 51). That one was an open 4
 * a young convolutional network read as a 0 its strokes rule out, "not a digit" against the
 * digits left swinging 4–200× from one snapshot to the next, across RULED_OUT_MARGIN: so that
 * margin is steadied by a factor (STEADY_FACTOR), the probability thresholds by STEADY_MARGIN.
 * A first answer is never steadied: the thresholds above still decide.
 */
export const STEADY_MARGIN = 0.1;
export const STEADY_FACTOR = 2;

/**
 * The rule for re-reading a drawing whose last answer was (not) "Not sure": it leans that way.
 * The many-stroke thresholds (0.1–0.5) stay: 0.1 moved against a change would be a factor of 10.
 */
export function steadied(rule: NotSureRule, wasNotSure: boolean): NotSureRule {
  const m = wasNotSure ? -STEADY_MARGIN : STEADY_MARGIN;
  const moved = (t: number, by: number) => Math.min(0.99, Math.max(0.01, t + by));
  return {
    ...rule,
    notDigitAbove: moved(rule.notDigitAbove, m),
    viewsNotDigitAbove: rule.viewsNotDigitAbove === undefined ? undefined : moved(rule.viewsNotDigitAbove, m),
    // A digit is "no clear digit" below this one: leaning the same way moves it the other way.
    digitBelow: moved(rule.digitBelow, -m),
    ruledOutMargin: (rule.ruledOutMargin ?? RULED_OUT_MARGIN) * (wasNotSure ? 1 / STEADY_FACTOR : STEADY_FACTOR),
  };
}

/** The rule for a model: CONV_RULE for a convolutional network, else DEFAULT_RULE. */
export function ruleFor(spec: { conv?: readonly unknown[] }): NotSureRule {
  return spec.conv && spec.conv.length > 0 ? CONV_RULE : DEFAULT_RULE;
}

export type Reason = 'looks-like-no-digit' | 'no-clear-digit';

export interface Verdict {
  notADigit: boolean;
  /** Why, when notADigit. */
  reason: Reason | null;
  /** The ten digit probabilities renormalised to sum to 1: what the bars show (muted when notADigit). */
  digitProbabilities: Float32Array;
  /** The most likely digit, and its renormalised probability (its bar). */
  top: number;
  topProbability: number;
  /** The "not a digit" output's probability (0 for a model without one). */
  notDigitProbability: number;
}

/**
 * The "not a digit" threshold for a drawing of `strokes` pen strokes (unknown: the rule's own),
 * for a probability from one view or averaged over the closer look's (`views`).
 */
export function notDigitThreshold(rule: NotSureRule, strokes?: number, views = false): number {
  const own = views && rule.viewsNotDigitAbove !== undefined ? rule.viewsNotDigitAbove : rule.notDigitAbove;
  const lower = strokes === undefined ? undefined : rule.manyStrokes?.find(([n]) => strokes >= n);
  return lower ? Math.min(lower[1], own) : own;
}

/**
 * probabilities: a softmax over 10 digits, or over 10 digits and "not a digit" (index 10).
 * pen: what the drawing's strokes say (pen.ts), when it was drawn; canvas pixels have none.
 * views: the "not a digit" probability is the closer look's average over its views.
 * habits: the person's own digits (habits.ts); a pen test yields for a digit they wrote that way.
 * input: the 28×28 input of a finished drawing, for the shape tests (oneStem).
 */
export function verdict(
  probabilities: ArrayLike<number>,
  rule: NotSureRule = DEFAULT_RULE,
  pen?: Pen,
  views = false,
  habits?: PenHabits | null,
  input?: ArrayLike<number>,
): Verdict {
  const n = probabilities.length;
  if (n !== DIGITS && n !== DIGITS + 1) throw new Error(`verdict: expected 10 or 11 probabilities, got ${n}`);
  const p = Float32Array.from({ length: DIGITS }, (_, d) => probabilities[d]);
  // Digits the pen could not have written (a 6 or an 8 whose one stroke never closes a loop, a 4
  // without a bar…) are out, unless the person writes that digit so.
  const gap = pen?.loopGap ?? null;
  const out = new Set<number>();
  if (gap !== null) for (const [d, most] of rule.loops ?? []) if (gap > Math.max(most, 1.25 * (habits?.loopGap[d] ?? 0))) out.add(d);
  const best = () => {
    let d = -1;
    for (let k = 0; k < DIGITS; k++) if (!out.has(k) && (d < 0 || p[k] > p[d])) d = k;
    return d;
  };
  // The parts rule a digit out only when it would be the answer, so the runners-up keep their bars.
  const parts = rule.parts ? pen?.parts : null;
  let partsRuledOut = false;
  for (let d = best(); parts && d >= 0 && partsSayNo(parts, d, habits?.parts?.[d]); d = best()) {
    out.add(d);
    partsRuledOut = true;
  }
  for (const d of out) p[d] = 0;
  const top = Math.max(0, best()); // some digit is always left: no test rules out a 9
  let sum = 0;
  for (let d = 0; d < DIGITS; d++) sum += p[d];
  const digitProbabilities = new Float32Array(DIGITS);
  for (let d = 0; d < DIGITS; d++) digitProbabilities[d] = sum > 0 ? p[d] / sum : out.has(d) ? 0 : 1 / (DIGITS - out.size);
  const notDigitProbability = n > DIGITS ? probabilities[NOT_A_DIGIT] : 0;
  // The answer would have been a digit the strokes rule out: what is left is the other digits or
  // no digit at all, and the network must find the latter clearly likelier (RULED_OUT_MARGIN).
  const ruledOut = partsRuledOut && notDigitProbability > (rule.ruledOutMargin ?? RULED_OUT_MARGIN) * sum;
  const topProbability = digitProbabilities[top];
  const penSaysNo =
    (rule.detachedDot && pen?.detachedDot && !habits?.detachedDot[top]) ||
    (rule.scattered && pen?.scattered && !habits?.scattered[top]) ||
    (rule.openZero && pen?.openLoop && top === 0 && !habits?.openLoop[0]) ||
    (rule.lines && pen?.lines && !habits?.lines[top]) ||
    (rule.polygon && pen?.polygon && !POLYGON_DIGITS.includes(top) && !habits?.polygon[top]) ||
    (input !== undefined && rule.oneStem?.includes(top) && !habits?.wideFoot[top] && footSpan(input) > WIDE_FOOT) ||
    ruledOut;
  // As many strokes as the person has written this digit in are no evidence against it.
  const strokes = pen && habits && pen.strokes <= habits.strokes[top] ? undefined : pen?.strokes;
  const reason: Reason | null =
    notDigitProbability > notDigitThreshold(rule, strokes, views) || penSaysNo ? 'looks-like-no-digit' : topProbability < rule.digitBelow ? 'no-clear-digit' : null;
  return { notADigit: reason !== null, reason, digitProbabilities, top, topProbability, notDigitProbability };
}

/** How many of n rows of logits (n × classes) have their largest *digit* logit at the label. */
export function digitsCorrect(logits: Float32Array, labels: Uint8Array, n: number, classes: number): number {
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = i * classes;
    let arg = 0;
    for (let c = 1; c < DIGITS; c++) if (logits[o + c] > logits[o + arg]) arg = c;
    if (arg === labels[i]) correct++;
  }
  return correct;
}
