// How the app answers a drawing: the network (with the closer look once the pen is up), then the
// verdict with the drawing's pen evidence and the person's habits. The inference worker answers
// the bars with it; the training worker scores a new digit of yours with it, so "read right"
// means what the bars showed (but for the lean of a re-read, `wasNotSure`, which it has not).
import type { Network } from '../nn/network.ts';
import type { PenHabits } from '../notdigit/habits.ts';
import type { Pen } from '../notdigit/pen.ts';
import { ruleFor, steadied, verdict } from '../notdigit/verdict.ts';
import { closerLook } from './closer-look.ts';

/**
 * wasNotSure: the last answer to this same ink, when a newer model reads it again (steadied).
 * views: the closer look's outputs when read ahead (look-ahead.ts).
 */
export function answerOf(net: Network, input: Float32Array, settled: boolean, pen: Pen | undefined, habits: PenHabits | null, wasNotSure?: boolean, views?: Float32Array) {
  const own = ruleFor(net.spec), averaged = settled && own.viewsNotDigitAbove !== undefined;
  const rule = wasNotSure === undefined ? own : steadied(own, wasNotSure);
  const { probabilities, logits } = settled ? closerLook(net, input, averaged, views) : net.predict(input);
  // Shapes are judged once the pen is up, like the pen's loops and lines: a 4 half drawn may be an L.
  return { verdict: verdict(probabilities, rule, pen, averaged, habits, settled ? input : undefined), logits };
}
