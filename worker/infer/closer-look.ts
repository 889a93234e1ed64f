// Once the pen is up, the network reads the drawing as drawn and in four slight variations —
// turned ±12°, and 15 % smaller and larger while a fifth wider — and the ten digits' probabilities
// are the average of the five views (test-time augmentation). Writers differ in slant and size
// more than MNIST-style centring removes; on the UNIPEN dev digits the average read 0–5 more of
// the 653 right than the drawing alone, never fewer, over eleven CNN snapshots (+0.28 points on
// average) and one dense network. Five views cost one batch of five (~1–2 ms), so it is kept for
// the settled drawing: while a stroke is drawn, one view answers at once.
//
// Pen digits are narrower than MNIST's: the median width/height of a 0 in the network's input is
// 0.75 in UNIPEN dev against 0.95 in MNIST (an 8, 0.62 against 0.80), and a writer narrower still
// is misread (UNIPEN dev written 0.6 times as wide: 91–93 % right). So the two scaled views are
// also 1.2 times as wide (WIDEN; the medians differ by 1.27–1.29, and at 1.3 digits as written
// read no better than at 1.2, wide ones worse; a fifth view widened alone, or shear views for
// slant instead of the turned ones, read worse than these four). On five CNN snapshots (two seeds at 1 and 2 epochs, a third at
// 1.5; Node, the app's path): UNIPEN dev as the CI replays it 98.40 → 98.66 % right (each snapshot
// the same or better), flagged 13 → 10 of 5 × 653; written 0.7 / 0.6 times as wide +0.8 / +1.2
// points; hand-drawn non-digits flagged +0.9 points; the other writers' letters flagged and digits
// right the same (±1 letter). The cost: the same digits written 1.3 times as wide, 0–0.3 points
// worse. Checked afterwards on eight fresh snapshots (seeds 4–7 at 1 and 2 epochs): the replay
// 98.36 → 98.48 % (seven the same or better), flagged 19 → 21 of 8 × 653; 0.6 times as wide
// +1.0 point; hand-drawn non-digits flagged +0.9 points; but digits centred in 70 % of the pad
// 98.63 → 98.56 % right, flagged 19 → 30 (0.36 → 0.57 %), still well under #12's 1 %. Numbers of UNIPEN digits (two snapshots, five spacings): whole numbers read right the
// same or up to 2 points better, but for one spacing on one snapshot (0.7 worse). The dense
// network (five snapshots: two seeds at 1 and 3 epochs, and one more): the replay about the same
// (95.74 → 95.68 %, each snapshot within 2 digits of 653), written 0.7 / 0.6 times as wide +1.5
// / +2.4 points.
import type { Network } from '../nn/network.ts';
import { softmax } from '../nn/loss.ts';
import { turnAndScale } from '../train/augment.ts';
import { DIGITS } from '../notdigit/verdict.ts';

const TURN = (12 * Math.PI) / 180;
const WIDEN = 1.2;
/** The views besides the drawing itself: [rotation (radians), scale, widening]. */
export const VIEWS: readonly View[] = [[TURN, 1, 1], [-TURN, 1, 1], [0, 0.85, WIDEN], [0, 1.15, WIDEN]];
export type View = readonly [turn: number, scale: number, widen: number];

/** The drawing's views, the drawing itself first. */
export const VIEW_COUNT = VIEWS.length + 1;

/** Views `from`..`to`-1 of a 28×28 input, one after another in one batch. */
export function viewBatch(input: Float32Array, from = 0, to = VIEW_COUNT, views = VIEWS): Float32Array {
  const P = input.length, batch = new Float32Array((to - from) * P);
  for (let v = from; v < to; v++) {
    batch.set(input, (v - from) * P);
    if (v > 0) turnAndScale(batch, v - from, ...views[v - 1]);
  }
  return batch;
}

/** The network's outputs for views `from`.. of the input (VIEW_COUNT - from rows of `classes`). */
export function viewLogits(net: Network, input: Float32Array, from = 0): Float32Array {
  return net.forward(viewBatch(input, from), VIEW_COUNT - from).slice(0, (VIEW_COUNT - from) * net.spec.classes);
}

/**
 * Probabilities for a 28×28 input: the digits' share from the views' average, any outputs past
 * the ten (the "not a digit" output) from the plain view or, with `averageRest`, averaged over
 * the views too; the result still sums to 1. `logits`: the views' outputs when already read
 * (look-ahead.ts), VIEW_COUNT rows of the network's classes.
 */
export function closerLook(net: Network, input: Float32Array, averageRest = false, logits = viewLogits(net, input)): { probabilities: Float32Array; logits: Float32Array } {
  const n = VIEW_COUNT, C = net.spec.classes;
  if (logits.length !== n * C) throw new Error(`The closer look needs ${n * C} outputs, got ${logits.length}`);
  const plainLogits = logits.slice(0, C);
  const plain = new Float32Array(C), p = new Float32Array(DIGITS), mean = new Float32Array(DIGITS);
  softmax(plain, plainLogits);
  const probabilities = plain.slice();
  if (averageRest && C > DIGITS) {
    const view = new Float32Array(C);
    probabilities.fill(0, DIGITS);
    for (let v = 0; v < n; v++) {
      softmax(view, logits.subarray(v * C, (v + 1) * C));
      for (let k = DIGITS; k < C; k++) probabilities[k] += view[k] / n;
    }
  }
  for (let v = 0; v < n; v++) {
    // The digits' share given "a digit": a softmax over the ten digit logits alone, which stays
    // finite when p(not a digit) rounds to 1.
    softmax(p, logits.subarray(v * C, v * C + DIGITS));
    for (let d = 0; d < DIGITS; d++) mean[d] += p[d] / n;
  }
  let rest = 0;
  for (let k = DIGITS; k < C; k++) rest += probabilities[k];
  for (let d = 0; d < DIGITS; d++) probabilities[d] = mean[d] * (1 - rest);
  return { probabilities, logits: plainLogits };
}
