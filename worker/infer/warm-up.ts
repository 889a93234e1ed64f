// A person's first drawing should be answered as fast as the rest. V8 compiles and tiers up a
// code path the first times it runs: a new model's first stroke cost 5–15 ms an answer in Node,
// not 0.2–1 ms, and it lingered for a few strokes. So the inference worker first draws made-up
// digits itself, as a stroke grows and once the pen is up, and a number: ~150 answers, 0.25–0.4 s
// in Node, after which a first stroke costs what later ones do. One answer per task, so a real
// drawing waits at most one of them (setTimeout: in a browser a task every ≥ 4 ms, ~0.6 s in all).
// The made-up digits are not remembered: a re-read of the pad's drawing still leans to its answer.
import { place, SHAPES, toPad, writeNumber } from '../number/synthetic-digits.ts';
import type { Inference } from './inference.ts';

const NUMBER = '2047';
const NUMBER_PAD_WIDTH = 3;

const flat = (strokes: readonly (readonly { x: number; y: number }[])[]): number[][] => strokes.map((s) => s.flatMap((p) => [p.x, p.y]));

/** One answer per step: each shape stroke by stroke, every third point, then settled. */
export function* warmUpSteps(inference: Inference): Generator<void, void, void> {
  const shapes = Object.keys(SHAPES).map((s) => place(s, 0.3, 0.2, 0.6));
  const number = flat(toPad(writeNumber(NUMBER).flat(), NUMBER_PAD_WIDTH));
  for (const strokes of shapes) {
    for (let s = 0; s < strokes.length; s++) {
      for (let n = 2; n < strokes[s].length; n += 3) {
        inference.predictStrokes(flat([...strokes.slice(0, s), strokes[s].slice(0, n)]), false, false);
        yield;
      }
    }
    inference.predictStrokes(flat(strokes), true, false);
    yield;
  }
  inference.readNumber(number, NUMBER_PAD_WIDTH, 1, false);
  yield;
  inference.readNumber(number, NUMBER_PAD_WIDTH, 1, true);
}

/** Starts a warm-up whenever the network was rebuilt (a new architecture, faster kernels). */
export class Warmer {
  private run: Generator<void, void, void> | null = null;
  private seen = -1;

  constructor(
    private readonly inference: Inference,
    private readonly later: (step: () => void) => void = (step) => setTimeout(step, 0),
  ) {}

  check(): void {
    // No network yet (faster kernels before the first snapshot): nothing to warm.
    if (this.inference.builds === this.seen || this.inference.builds === 0) return;
    this.seen = this.inference.builds;
    const run = (this.run = warmUpSteps(this.inference));
    const step = () => {
      if (this.run !== run) return;
      let done: boolean | undefined;
      try {
        done = run.next().done;
      } catch (e) {
        // A warm-up is never worth the worker: an error thrown here would restart it, in a loop
        // if it threw every time. A real drawing that meets the same error is told so.
        console.warn('Inference warm-up stopped:', e);
        done = true;
      }
      if (!done) this.later(step);
    };
    this.later(step);
  }
}
